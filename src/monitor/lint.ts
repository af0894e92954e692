// The plan linter: consistency checks inside a plan (and against values reported elsewhere), each citing both places.
import { indicatorById, INDICATORS } from '../catalog/indicators.js';
import { linkIndicator } from '../catalog/link.js';
import type { IndicatorDef } from '../catalog/types.js';
import { convertUnit } from '../catalog/units.js';
import type { Severity } from '../diagnostics.js';
import type {
  AchievementOut,
  IndicatorRowOut,
  IndicatorTableOut,
  ProjectOut,
  TargetOut,
} from '../extract/model.js';
import { cellNumber, decimalsOf, moneyIn100M, readCell } from './cell.js';
import { averageGrowth } from './path.js';
import { tableYears, type TableYears } from './target.js';
import { figureText } from './wording.js';

/** What the linter reads: the exchange format of one document (a gold file fits as is). */
export interface LintInput {
  doc: string;
  period?: string | null;
  indicator_tables: readonly IndicatorTableOut[];
  targets?: readonly TargetOut[];
  achievements?: readonly AchievementOut[];
  projects?: readonly ProjectOut[];
  /** The document's text: enables the box-total check and exact quotes for table cells. */
  text?: string;
  /** Values reported in other documents (a work report, a bulletin) to check the plan's base values against. */
  elsewhere?: ReadonlyArray<{
    doc: string;
    achievements?: readonly AchievementOut[];
    indicator_tables?: readonly IndicatorTableOut[];
    period?: string | null;
  }>;
}

export interface LintOptions {
  /** Implied vs stated growth: percentage points tolerated (default 1.0). */
  growthMargin?: number;
}

export interface Place {
  doc: string;
  /** 1-based line in the original file. */
  line: number;
  /** Exact text at that place (a substring of the line when the text was given). */
  quote: string;
  /** What this place says, when the quote alone does not tell (e.g. a range of listed items). */
  note?: string;
}

export type FindingCode =
  | 'plan/implied-growth-mismatch'
  | 'plan/implied-actual-growth-mismatch'
  | 'plan/target-below-base'
  | 'plan/target-above-base'
  | 'plan/target-conflict'
  | 'plan/project-investment-conflict'
  | 'plan/project-repeated'
  | 'plan/box-count-mismatch'
  | 'plan/box-total-mismatch'
  | 'plan/base-disagrees';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** One Chinese sentence saying what disagrees with what. */
  message: string;
  /** Catalog id of the indicator concerned, when there is one. */
  indicator: string | null;
  /** Both (or all) places involved. */
  places: Place[];
}

const DEFAULT_GROWTH_MARGIN = 1.0;

/** Lines of the text, 1-based access. */
class Lines {
  private readonly lines: string[];
  constructor(text: string | undefined) {
    this.lines = text ? text.split(/\r?\n/) : [];
  }
  get(line: number): string | undefined {
    return this.lines[line - 1];
  }
  get count(): number {
    return this.lines.length;
  }
  /** The place of `quote` on `from` or the next few lines (flattened tables spread a row over lines). */
  find(doc: string, quote: string, from: number, upTo: number): Place {
    const compact = quote.replace(/\s+/g, '');
    for (let l = from; l <= Math.min(upTo, this.lines.length); l++) {
      const text = this.lines[l - 1] ?? '';
      if (text.includes(quote)) return { doc, line: l, quote };
      const c = text.replace(/\s+/g, '');
      if (compact && c.includes(compact)) return { doc, line: l, quote: text.trim() };
    }
    return { doc, line: from, quote };
  }
}

interface LinkedRow {
  row: IndicatorRowOut;
  table: IndicatorTableOut;
  years: TableYears;
  indicator: IndicatorDef | null;
  /** The last line this row may spread to (the line before the next row). */
  lastLine: number;
}

function linkedRows(doc: LintInput): LinkedRow[] {
  const out: LinkedRow[] = [];
  for (const table of doc.indicator_tables) {
    const years = tableYears(table, doc.period);
    table.rows.forEach((row, i) => {
      const link = linkIndicator(row.name, { unit: row.unit });
      const next = table.rows[i + 1]?.line;
      out.push({
        row,
        table,
        years,
        indicator: link.confident ? link.best!.indicator : null,
        lastLine: next !== undefined && next > row.line ? next - 1 : row.line + 8,
      });
    });
  }
  return out;
}

function cellPlace(doc: string, lines: Lines, r: LinkedRow, raw: string): Place {
  return lines.find(doc, raw, r.row.line, r.lastLine);
}

/** A level target whose implied average growth from the base differs from the growth stated beside it. */
export function checkImpliedGrowth(doc: LintInput, opts: LintOptions = {}): Finding[] {
  const margin = opts.growthMargin ?? DEFAULT_GROWTH_MARGIN;
  const lines = new Lines(doc.text);
  const findings: Finding[] = [];
  for (const r of linkedRows(doc)) {
    const { row, years } = r;
    const b = cellNumber(row.base_raw);
    if (b === null || years.baseYear === null) continue;
    const pairs: Array<
      [string | null | undefined, string | null | undefined, number | null, FindingCode, Severity]
    > = [
      [row.target_raw, row.growth_raw, years.targetYear, 'plan/implied-growth-mismatch', 'warning'],
      [
        row.actual_raw,
        row.actual_growth_raw,
        years.actualYear,
        'plan/implied-actual-growth-mismatch',
        'info',
      ],
    ];
    for (const [levelRaw, growthRaw, year, code, severity] of pairs) {
      const T = cellNumber(levelRaw);
      const g = readCell(growthRaw);
      if (T === null || year === null || g.type !== 'number' || g.cumulative || g.reduction) continue;
      const implied = averageGrowth(b, T, year - years.baseYear);
      if (implied === null || Math.abs(implied - g.value) <= margin + 1e-9) continue;
      const what = code === 'plan/implied-growth-mismatch' ? '目标' : '完成值';
      findings.push({
        code,
        severity,
        indicator: r.indicator?.id ?? null,
        message:
          `“${row.name}”${years.baseYear}年基数 ${figureText(b)} 到${year}年${what} ${figureText(T)} 隐含年均增长 ${figureText(implied, 1)}%，` +
          `与表中年均增长 ${g.raw}% 相差 ${figureText(Math.abs(implied - g.value), 1)} 个百分点`,
        places: [cellPlace(doc.doc, lines, r, levelRaw!), cellPlace(doc.doc, lines, r, growthRaw!)],
      });
    }
  }
  return findings;
}

/** A target below its own base for a higher-is-better indicator, or above it for a lower-is-better one. */
export function checkTargetAgainstBase(doc: LintInput): Finding[] {
  const lines = new Lines(doc.text);
  const findings: Finding[] = [];
  for (const r of linkedRows(doc)) {
    const { row, indicator } = r;
    if (!indicator || indicator.direction === 'neutral') continue;
    const b = cellNumber(row.base_raw);
    const T = cellNumber(row.target_raw);
    if (b === null || T === null) continue;
    const higher = indicator.direction === 'higher';
    if (higher ? T >= b : T <= b) continue;
    // Ceilings above the current rate are common practice for bound indicators (unemployment < 5.5).
    const severity: Severity = indicator.kind === 'bound' ? 'info' : 'warning';
    findings.push({
      code: higher ? 'plan/target-below-base' : 'plan/target-above-base',
      severity,
      indicator: indicator.id,
      message: higher
        ? `“${row.name}”越高越好，但${r.years.targetYear ?? ''}年目标 ${row.target_raw} 低于${r.years.baseYear ?? ''}年基数 ${row.base_raw}`
        : `“${row.name}”越低越好，但${r.years.targetYear ?? ''}年目标 ${row.target_raw} 高于${r.years.baseYear ?? ''}年基数 ${row.base_raw}`,
      places: [cellPlace(doc.doc, lines, r, row.base_raw!), cellPlace(doc.doc, lines, r, row.target_raw!)],
    });
  }
  return findings;
}

interface Claim {
  id: string;
  year: number;
  value: number;
  unit: string | null;
  place: Place;
  fromTable: boolean;
  label: string;
}

function growthIdOf(indicator: IndicatorDef): string | null {
  if (indicator.kind === 'growth') return indicator.id;
  return INDICATORS.find((i) => i.growthOf === indicator.id)?.id ?? null;
}

/** The same indicator and year with different target values: table vs text, or two places of the text. */
export function checkTargetConflicts(doc: LintInput): Finding[] {
  const lines = new Lines(doc.text);
  const planEnd = /(\d{4})$/.exec(doc.period ?? '');
  const claims: Claim[] = [];
  for (const r of linkedRows(doc)) {
    const { row, indicator, years } = r;
    if (!indicator || years.targetYear === null) continue;
    const target = readCell(row.target_raw);
    if (target.type === 'number' && !target.reduction) {
      claims.push({
        id: indicator.id,
        year: years.targetYear,
        value: target.value,
        unit: row.unit,
        place: cellPlace(doc.doc, lines, r, row.target_raw!),
        fromTable: true,
        label: `表中“${row.name}”`,
      });
    }
    const growth = readCell(row.growth_raw);
    const growthId = growthIdOf(indicator);
    if (growth.type === 'number' && !growth.cumulative && growthId) {
      claims.push({
        id: growthId,
        year: years.targetYear,
        value: growth.value,
        unit: '%',
        place: cellPlace(doc.doc, lines, r, row.growth_raw!),
        fromTable: true,
        label: `表中“${row.name}”年均增长`,
      });
    }
  }
  for (const t of doc.targets ?? []) {
    if (t.aspirational || t.value_max !== null) continue;
    const year = t.year ?? (planEnd ? Number(planEnd[1]) : null);
    if (year === null || t.year === null) continue;
    const link = linkIndicator(t.indicator, { unit: t.unit });
    // Text targets carry sub-area and flow qualifiers; only an exact name is trusted here.
    if (!link.confident || link.best!.via !== 'exact') continue;
    claims.push({
      id: link.best!.indicator.id,
      year,
      value: t.value,
      unit: t.unit,
      place: { doc: doc.doc, line: t.line, quote: t.quote },
      fromTable: false,
      label: `正文“${t.indicator}”`,
    });
  }

  const findings: Finding[] = [];
  const groups = new Map<string, Claim[]>();
  for (const c of claims) {
    const key = `${c.id}@${c.year}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const group of groups.values()) {
    const reported = new Set<string>();
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!;
        const b = group[j]!;
        if (a.fromTable && b.fromTable) continue;
        const bValue = convertUnit(b.value, b.unit, a.unit);
        if (bValue === null) continue;
        if (Math.abs(a.value - bValue) <= 1e-9 * Math.max(1, Math.abs(a.value))) continue;
        const key = [a.value, bValue].sort().join('|');
        if (reported.has(key)) continue;
        reported.add(key);
        findings.push({
          code: 'plan/target-conflict',
          severity: 'warning',
          indicator: a.id,
          message: `${a.label}${a.year}年目标为 ${figureText(a.value)}${a.unit ?? ''}，${b.label}为 ${figureText(b.value)}${b.unit ?? ''}，两处不一致`,
          places: [a.place, b.place],
        });
      }
    }
  }
  return findings;
}

function projectKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(?:建设)?项目$/, '');
}

/** The same project listed twice with different investments (and, as information, in two boxes at all). */
export function checkProjects(doc: LintInput): Finding[] {
  const lines = new Lines(doc.text);
  const groups = new Map<string, ProjectOut[]>();
  for (const p of doc.projects ?? []) {
    const key = projectKey(p.name);
    if (key.length < 4) continue;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const place = (p: ProjectOut): Place => {
    const text = lines.get(p.line);
    const quote = p.investment && text?.includes(p.investment) ? p.investment : p.name;
    return { doc: doc.doc, line: p.line, quote, ...(p.box ? { note: p.box } : {}) };
  };
  const findings: Finding[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const withAmount = group.filter((p) => moneyIn100M(p.investment) !== null);
    const distinct = new Map<number, ProjectOut>();
    for (const p of withAmount) {
      const v = Number(moneyIn100M(p.investment)!.value.toFixed(6));
      if (!distinct.has(v)) distinct.set(v, p);
    }
    if (distinct.size > 1) {
      const [a, b] = [...distinct.values()];
      findings.push({
        code: 'plan/project-investment-conflict',
        severity: 'warning',
        indicator: null,
        message: `项目“${a!.name}”在${a!.box ?? '正文'}中投资 ${a!.investment}，在${b!.box ?? '正文'}中投资 ${b!.investment}，两处不一致`,
        places: [place(a!), place(b!)],
      });
      continue;
    }
    const boxes = [...new Set(group.map((p) => p.box).filter((b): b is string => b !== null))];
    if (boxes.length > 1) {
      const a = group.find((p) => p.box === boxes[0])!;
      const b = group.find((p) => p.box === boxes[1])!;
      findings.push({
        code: 'plan/project-repeated',
        severity: 'info',
        indicator: null,
        message: `项目“${a.name}”同时列入${boxes.join('和')}，汇总投资时可能重复计算`,
        places: [place(a), place(b)],
      });
    }
  }
  return findings;
}

/** `共11个项目，总投资188.6亿元` and its variants (项目共5个, 主要项目6个, 共有11个项目). */
const BOX_TOTAL = /(\d+)\s*个(?:项目)?\s*[，,]\s*(?:计划)?总投资(?:约|达)?\s*(\d+(?:\.\d+)?)\s*(亿元|万元)/;
/** A stated total owns the listed items that start within this many lines of it. */
const BOX_TOTAL_REACH = 3;

/** A box that states 共N个项目，总投资X亿元 but lists a different number of items or a different sum. */
export function checkBoxTotals(doc: LintInput): Finding[] {
  if (!doc.text) return [];
  const lines = new Lines(doc.text);
  const totals: Array<{ line: number; count: number; amount: number; decimals: number; quote: string }> = [];
  for (let l = 1; l <= lines.count; l++) {
    const m = BOX_TOTAL.exec(lines.get(l)!);
    if (!m) continue;
    const money = moneyIn100M(`${m[2]}${m[3]}`)!;
    totals.push({ line: l, count: Number(m[1]), amount: money.value, decimals: money.decimals, quote: m[0] });
  }
  const projects = (doc.projects ?? []).filter((p) => p.box !== null).sort((a, b) => a.line - b.line);
  const findings: Finding[] = [];
  totals.forEach((total, i) => {
    const nextTotal = totals[i + 1]?.line ?? Infinity;
    const first = projects.find((p) => p.line > total.line);
    if (!first || first.line > total.line + BOX_TOTAL_REACH || first.line >= nextTotal) return;
    const items = projects.filter((p) => p.line > total.line && p.line < nextTotal && p.box === first.box);
    const last = items.at(-1)!;
    const amounts = items.map((p) => moneyIn100M(p.investment));
    const totalPlace: Place = { doc: doc.doc, line: total.line, quote: total.quote };
    const itemsPlace = (note: string): Place => ({
      doc: doc.doc,
      line: first.line,
      quote:
        first.investment && lines.get(first.line)?.includes(first.investment) ? first.investment : first.name,
      note: `${note}（第${first.line}—${last.line}行）`,
    });
    if (items.length !== total.count) {
      findings.push({
        code: 'plan/box-count-mismatch',
        severity: 'warning',
        indicator: null,
        message: `“${first.box}”称共${total.count}个项目，实际列出${items.length}个`,
        places: [totalPlace, itemsPlace(`列出${items.length}个项目`)],
      });
    }
    if (amounts.every((a) => a !== null)) {
      const sum = amounts.reduce((s, a) => s + a!.value, 0);
      const tolerance = 0.5 * Math.pow(10, -Math.min(total.decimals, 6)) + 1e-9;
      const diff = Math.abs(sum - total.amount);
      if (diff > tolerance) {
        // Within what rounding each listed amount could explain, it is worth a look but not a warning.
        const itemDecimals = Math.max(...amounts.map((a) => a!.decimals));
        const rounding = items.length * 0.5 * Math.pow(10, -itemDecimals);
        findings.push({
          code: 'plan/box-total-mismatch',
          severity: diff <= rounding ? 'info' : 'warning',
          indicator: null,
          message: `“${first.box}”称总投资${figureText(total.amount, 4)}亿元，所列${items.length}个项目投资合计${figureText(sum, 4)}亿元，相差${figureText(Math.abs(sum - total.amount), 4)}亿元`,
          places: [totalPlace, itemsPlace(`所列项目投资合计${figureText(sum, 4)}亿元`)],
        });
      }
    }
  });
  return findings;
}

const APPROXIMATE = /突破|超过|以上|左右|近|约|余|逾|多万|多亿/;

interface Reported {
  id: string;
  year: number;
  value: number;
  raw: string;
  unit: string | null;
  place: Place;
}

/** Values reported for a year: achievements (text) and the actual columns of completion tables. */
function reportedValues(
  doc: string,
  achievements: readonly AchievementOut[],
  tables: readonly IndicatorTableOut[],
  period: string | null | undefined,
  lines: Lines,
): Reported[] {
  const out: Reported[] = [];
  for (const a of achievements) {
    // A period figure (十三五期间年均增长, 累计) or a rounded claim (突破400亿元) is not the value of one year.
    if (a.year === null || a.period !== null || APPROXIMATE.test(a.quote)) continue;
    const growthName = /增长|增速|增幅/.test(a.indicator) ? a.indicator : `${a.indicator}增长`;
    const names = a.metric === 'growth' ? [growthName] : [a.indicator];
    for (const name of names) {
      const link = linkIndicator(name, { unit: a.unit });
      if (!link.confident) continue;
      const indicator = link.best!.indicator;
      if ((a.metric === 'growth') !== (indicator.kind === 'growth')) continue;
      out.push({
        id: indicator.id,
        year: a.year,
        value: a.value,
        raw: String(a.value),
        unit: a.unit,
        place: { doc, line: a.line, quote: a.quote },
      });
      break;
    }
  }
  for (const table of tables) {
    const years = tableYears(table, period);
    if (years.actualYear === null) continue;
    table.rows.forEach((row, i) => {
      const v = cellNumber(row.actual_raw);
      if (v === null) return;
      const link = linkIndicator(row.name, { unit: row.unit });
      // A completion column of a flow (累计新增就业) holds the period total, not that year's value.
      if (!link.confident || link.best!.indicator.kind === 'cumulative' || /累计/.test(row.name)) return;
      const next = table.rows[i + 1]?.line ?? row.line + 8;
      out.push({
        id: link.best!.indicator.id,
        year: years.actualYear!,
        value: v,
        raw: row.actual_raw!,
        unit: row.unit,
        place: lines.find(doc, row.actual_raw!, row.line, next - 1),
      });
    });
  }
  return out;
}

/** A base value in the table that disagrees with the value reported for that year elsewhere. */
export function checkBaseValues(doc: LintInput): Finding[] {
  const lines = new Lines(doc.text);
  const reported = [
    ...reportedValues(doc.doc, doc.achievements ?? [], doc.indicator_tables, doc.period, lines),
    ...(doc.elsewhere ?? []).flatMap((other) =>
      reportedValues(
        other.doc,
        other.achievements ?? [],
        other.indicator_tables ?? [],
        other.period,
        new Lines(undefined),
      ),
    ),
  ];
  const findings: Finding[] = [];
  for (const r of linkedRows(doc)) {
    const { row, indicator, years } = r;
    const b = cellNumber(row.base_raw);
    if (!indicator || b === null || years.baseYear === null) continue;
    const seen = new Set<number>();
    for (const ref of reported) {
      if (ref.id !== indicator.id || ref.year !== years.baseYear) continue;
      if (ref.place.doc === doc.doc && ref.place.line >= row.line && ref.place.line <= r.lastLine) continue;
      const value = convertUnit(ref.value, ref.unit, row.unit);
      if (value === null) continue;
      // Values written at different precision agree when they round to each other.
      const scale = ref.value !== 0 ? Math.abs(value / ref.value) : 1;
      const tolerance =
        Math.max(0.5 * 10 ** -decimalsOf(row.base_raw!), 0.5 * 10 ** -decimalsOf(ref.raw) * scale) + 1e-9;
      if (Math.abs(value - b) <= tolerance || seen.has(value)) continue;
      seen.add(value);
      findings.push({
        code: 'plan/base-disagrees',
        severity: 'warning',
        indicator: indicator.id,
        message: `“${row.name}”${years.baseYear}年基数为 ${row.base_raw}${row.unit ?? ''}，但${ref.place.doc === doc.doc ? '本文' : `《${ref.place.doc}》`}第${ref.place.line}行记为 ${figureText(ref.value, 4)}${ref.unit ?? ''}`,
        places: [cellPlace(doc.doc, lines, r, row.base_raw!), ref.place],
      });
    }
  }
  return findings;
}

/** Every consistency check of MONITORING.md over one plan, ordered by place. */
export function lintPlan(plan: LintInput, opts: LintOptions = {}): Finding[] {
  const findings = [
    ...checkImpliedGrowth(plan, opts),
    ...checkTargetAgainstBase(plan),
    ...checkTargetConflicts(plan),
    ...checkProjects(plan),
    ...checkBoxTotals(plan),
    ...checkBaseValues(plan),
  ];
  return findings.sort((a, b) => (a.places[0]?.line ?? 0) - (b.places[0]?.line ?? 0));
}

/** The catalog entry a finding is about, for display. */
export function findingIndicator(finding: Finding): IndicatorDef | undefined {
  return finding.indicator ? indicatorById(finding.indicator) : undefined;
}
