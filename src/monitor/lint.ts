// The plan linter: consistency checks inside a plan (and against values reported elsewhere), each citing both places.
import {
  convertUnit,
  indicatorById,
  INDICATORS,
  linkIndicator,
  type IndicatorDef,
} from '../catalog/index.js';
import type { Severity } from '../diagnostics.js';
import { compareDecimal, decimal, toNumber, type Decimal } from '../quantity/index.js';
import type { Evidence } from '../text/span.js';
import { decimalsOf, moneyIn100M, type MonitorCell } from './cell.js';
import { averageGrowth } from './path.js';
import { tableYears, type TableYears } from './target.js';
import { figureText } from './wording.js';

/** The value cells of an indicator row, by the names the store keeps them under. */
export type LintCellName = 'base_raw' | 'target_raw' | 'growth_raw' | 'actual_raw' | 'actual_growth_raw';

/** A table cell as the store keeps it: read once at ingest (`readCell`), with where it is written when known. */
export type PlacedCell = MonitorCell & { evidence?: Evidence };

/** A stored indicator row (`indicator_rows`, its JSON cells read): its typed cells and its line. */
export interface LintRow {
  name: string;
  unit: string | null;
  /** 1-based line of the name cell. */
  line: number;
  typed: Partial<Record<LintCellName, PlacedCell>>;
}

/** A stored indicator table with its rows in order; the caption and headers give the years. */
export interface LintTable {
  caption: string | null;
  columns: readonly string[];
  rows: readonly LintRow[];
}

/** A stored target of the running text: exact decimal text, with its line and quote. */
export interface LintTarget {
  indicator: string;
  value: Decimal;
  value_max: Decimal | null;
  unit: string | null;
  year: number | null;
  /** A boolean, or the store's 0/1 flag. */
  aspirational: boolean | number;
  line: number;
  quote: string;
}

/** A stored reported value (achievement): exact decimal text, with its line and quote. */
export interface LintAchievement {
  indicator: string;
  value: Decimal;
  unit: string | null;
  year: number | null;
  period: string | null;
  metric: string;
  line: number;
  quote: string;
}

/** A stored item of a 专栏 box, at the line of its name. */
export interface LintProject {
  name: string;
  investment: string | null;
  box: string | null;
  line: number;
}

/** What the linter reads of one stored document. */
export interface LintDocument {
  doc: string;
  period?: string | null;
  tables: readonly LintTable[];
  targets?: readonly LintTarget[];
  achievements?: readonly LintAchievement[];
  projects?: readonly LintProject[];
}

/** One plan as stored, with what other documents report to check its base values against. */
export interface LintInput extends LintDocument {
  /** The document's text: enables the box-total check (stated totals are read from the lines). */
  text?: string;
  /** Values reported in other documents (a work report, a bulletin) to check the plan's base values against. */
  elsewhere?: readonly LintDocument[];
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
}

const EMPTY: PlacedCell = { type: 'empty', raw: '' };

interface LinkedRow {
  row: LintRow;
  years: TableYears;
  indicator: IndicatorDef | null;
  /** The last line this row may spread to (the line before the next row). */
  lastLine: number;
  cell(name: LintCellName): PlacedCell;
}

function linkedRows(doc: LintDocument): LinkedRow[] {
  const out: LinkedRow[] = [];
  for (const table of doc.tables) {
    const years = tableYears(table, doc.period);
    table.rows.forEach((row, i) => {
      const link = linkIndicator(row.name, { unit: row.unit });
      const next = table.rows[i + 1]?.line;
      out.push({
        row,
        years,
        indicator: link.confident ? link.best!.indicator : null,
        lastLine: next !== undefined && next > row.line ? next - 1 : row.line + 8,
        cell: (name) => row.typed[name] ?? EMPTY,
      });
    });
  }
  return out;
}

/** The number of a plain value cell (no bracket), or null. */
function plainNumber(cell: MonitorCell): number | null {
  return cell.type === 'number' && !cell.cumulative ? cell.value : null;
}

/** Where a cell is written: its own evidence, else (a row stored without it) the row's line. */
function cellPlace(doc: string, row: LintRow, cell: PlacedCell): Place {
  return cell.evidence
    ? { doc, line: cell.evidence.line, quote: cell.evidence.quote }
    : { doc, line: row.line, quote: cell.raw };
}

/** A level target whose implied average growth from the base differs from the growth stated beside it. */
export function checkImpliedGrowth(doc: LintDocument, opts: LintOptions = {}): Finding[] {
  const margin = opts.growthMargin ?? DEFAULT_GROWTH_MARGIN;
  const findings: Finding[] = [];
  for (const r of linkedRows(doc)) {
    const { row, years } = r;
    const b = plainNumber(r.cell('base_raw'));
    if (b === null || years.baseYear === null) continue;
    const pairs: Array<[LintCellName, LintCellName, number | null, FindingCode, Severity]> = [
      ['target_raw', 'growth_raw', years.targetYear, 'plan/implied-growth-mismatch', 'warning'],
      ['actual_raw', 'actual_growth_raw', years.actualYear, 'plan/implied-actual-growth-mismatch', 'info'],
    ];
    for (const [levelCell, growthCell, year, code, severity] of pairs) {
      const level = r.cell(levelCell);
      const T = plainNumber(level);
      const g = r.cell(growthCell);
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
        places: [cellPlace(doc.doc, row, level), cellPlace(doc.doc, row, g)],
      });
    }
  }
  return findings;
}

/** A target below its own base for a higher-is-better indicator, or above it for a lower-is-better one. */
export function checkTargetAgainstBase(doc: LintDocument): Finding[] {
  const findings: Finding[] = [];
  for (const r of linkedRows(doc)) {
    const { row, indicator } = r;
    if (!indicator || indicator.direction === 'neutral') continue;
    const base = r.cell('base_raw');
    const target = r.cell('target_raw');
    const b = plainNumber(base);
    const T = plainNumber(target);
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
        ? `“${row.name}”越高越好，但${r.years.targetYear ?? ''}年目标 ${target.raw} 低于${r.years.baseYear ?? ''}年基数 ${base.raw}`
        : `“${row.name}”越低越好，但${r.years.targetYear ?? ''}年目标 ${target.raw} 高于${r.years.baseYear ?? ''}年基数 ${base.raw}`,
      places: [cellPlace(doc.doc, row, base), cellPlace(doc.doc, row, target)],
    });
  }
  return findings;
}

interface Claim {
  id: string;
  year: number;
  value: number;
  /** The same value as exact decimal text, compared exactly when no unit conversion is needed. */
  exact: Decimal;
  unit: string | null;
  place: Place;
  fromTable: boolean;
  label: string;
}

function growthIdOf(indicator: IndicatorDef): string | null {
  if (indicator.kind === 'growth') return indicator.id;
  return INDICATORS.find((i) => i.growthOf === indicator.id)?.id ?? null;
}

/** Two claims of one indicator and year say the same: exactly in one unit, else within float noise after conversion. */
function sameValue(a: Claim, b: Claim, bValue: number): boolean {
  if ((a.unit ?? '') === (b.unit ?? '')) return compareDecimal(a.exact, b.exact) === 0;
  return Math.abs(a.value - bValue) <= 1e-9 * Math.max(1, Math.abs(a.value));
}

/** The same indicator and year with different target values: table vs text, or two places of the text. */
export function checkTargetConflicts(doc: LintDocument): Finding[] {
  const planEnd = /(\d{4})$/.exec(doc.period ?? '');
  const claims: Claim[] = [];
  for (const r of linkedRows(doc)) {
    const { row, indicator, years } = r;
    if (!indicator || years.targetYear === null) continue;
    const target = r.cell('target_raw');
    if (target.type === 'number' && !target.reduction) {
      claims.push({
        id: indicator.id,
        year: years.targetYear,
        value: target.value,
        exact: decimal(target.value),
        unit: row.unit,
        place: cellPlace(doc.doc, row, target),
        fromTable: true,
        label: `表中“${row.name}”`,
      });
    }
    const growth = r.cell('growth_raw');
    const growthId = growthIdOf(indicator);
    if (growth.type === 'number' && !growth.cumulative && growthId) {
      claims.push({
        id: growthId,
        year: years.targetYear,
        value: growth.value,
        exact: decimal(growth.value),
        unit: '%',
        place: cellPlace(doc.doc, row, growth),
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
      value: toNumber(t.value),
      exact: t.value,
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
        if (bValue === null || sameValue(a, b, bValue)) continue;
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
  const groups = new Map<string, LintProject[]>();
  for (const p of doc.projects ?? []) {
    const key = projectKey(p.name);
    if (key.length < 4) continue;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const place = (p: LintProject): Place => {
    const text = lines.get(p.line);
    const quote = p.investment && text?.includes(p.investment) ? p.investment : p.name;
    return { doc: doc.doc, line: p.line, quote, ...(p.box ? { note: p.box } : {}) };
  };
  const findings: Finding[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const withAmount = group.filter((p) => moneyIn100M(p.investment) !== null);
    const distinct = new Map<number, LintProject>();
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
function reportedValues(doc: LintDocument): Reported[] {
  const out: Reported[] = [];
  for (const a of doc.achievements ?? []) {
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
        value: toNumber(a.value),
        raw: a.value,
        unit: a.unit,
        place: { doc: doc.doc, line: a.line, quote: a.quote },
      });
      break;
    }
  }
  for (const r of linkedRows(doc)) {
    if (r.years.actualYear === null) continue;
    const actual = r.cell('actual_raw');
    const v = plainNumber(actual);
    // A completion column of a flow (累计新增就业) holds the period total, not that year's value.
    if (v === null || !r.indicator || r.indicator.kind === 'cumulative' || /累计/.test(r.row.name)) continue;
    out.push({
      id: r.indicator.id,
      year: r.years.actualYear,
      value: v,
      raw: actual.raw,
      unit: r.row.unit,
      place: cellPlace(doc.doc, r.row, actual),
    });
  }
  return out;
}

/** A base value in the table that disagrees with the value reported for that year elsewhere. */
export function checkBaseValues(doc: LintInput): Finding[] {
  const reported = [doc, ...(doc.elsewhere ?? [])].flatMap(reportedValues);
  const findings: Finding[] = [];
  for (const r of linkedRows(doc)) {
    const { row, indicator, years } = r;
    const base = r.cell('base_raw');
    const b = plainNumber(base);
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
        Math.max(0.5 * 10 ** -decimalsOf(base.raw), 0.5 * 10 ** -decimalsOf(ref.raw) * scale) + 1e-9;
      if (Math.abs(value - b) <= tolerance || seen.has(value)) continue;
      seen.add(value);
      findings.push({
        code: 'plan/base-disagrees',
        severity: 'warning',
        indicator: indicator.id,
        message: `“${row.name}”${years.baseYear}年基数为 ${base.raw}${row.unit ?? ''}，但${ref.place.doc === doc.doc ? '本文' : `《${ref.place.doc}》`}第${ref.place.line}行记为 ${figureText(ref.value, 4)}${ref.unit ?? ''}`,
        places: [cellPlace(doc.doc, row, base), ref.place],
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
