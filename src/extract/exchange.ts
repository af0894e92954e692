// A reviewed exchange-format file (fixtures/gold, a corrected extraction) read back into the native model.
import { decimal, parseCell, type CellColumn } from '../quantity/index.js';
import type {
  ColumnRole,
  IndicatorRow,
  IndicatorTable,
  RowCells,
  ValueRole,
} from '../structure/tables/index.js';
import { lineRange, makeSourceText, type SourceText } from '../text/source-text.js';
import type { Evidence } from '../text/span.js';
import type { Extraction, GoldExtraction, IndicatorRowOut } from './model.js';

/** Exchange cell fields and the native roles they fill. */
const ROLE_OF: ReadonlyArray<[keyof IndicatorRowOut & `${string}_raw`, ValueRole]> = [
  ['base_raw', 'base'],
  ['target_raw', 'target'],
  ['growth_raw', 'growth'],
  ['actual_raw', 'actual'],
  ['actual_growth_raw', 'actual_growth'],
];

/**
 * Evidence of a quote on its line. An exchange file records only line and quote, so here (and only here) the
 * quote is looked up on its line; when the line does not hold it, the evidence is the whole line.
 */
export function locateQuote(source: SourceText, line: number, quote: string): Evidence {
  const range = lineRange(source, line);
  const text = source.text.slice(range.start, range.end);
  const at = quote ? text.indexOf(quote) : -1;
  if (at >= 0) return { start: range.start + at, end: range.start + at + quote.length, line, quote };
  const lead = text.length - text.trimStart().length;
  const whole = text.trim();
  return { start: range.start + lead, end: range.start + lead + whole.length, line, quote: whole };
}

/** A cell written with any spacing (`4.5以内` as `4.5 以内`), not as part of a longer number (`3` in `3.23`). */
function cellPattern(raw: string): RegExp {
  const chars = [...raw.replace(/\s+/g, '')].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const digit = /[\d.]/;
  const before = digit.test(raw.trimStart()[0] ?? '') ? '(?<![\\d.])' : '';
  const after = digit.test(raw.trimEnd().at(-1) ?? '') ? '(?![\\d.])' : '';
  return new RegExp(`${before}${chars.join('\\s*')}${after}`);
}

/**
 * Evidence of a cell: the exchange format records only its row's line, and a flattened table spreads a row over
 * the lines up to the next row, so the cell is looked up there once, when the file is read back. Else the row's.
 */
function locateCell(source: SourceText, raw: string, from: number, upTo: number, row: Evidence): Evidence {
  if (raw.trim() === '') return row;
  const pattern = cellPattern(raw);
  for (let line = from; line <= Math.min(upTo, source.lineStarts.length); line++) {
    const range = lineRange(source, line);
    const m = pattern.exec(source.text.slice(range.start, range.end));
    if (m)
      return { start: range.start + m.index, end: range.start + m.index + m[0].length, line, quote: m[0] };
  }
  return row;
}

function exchangeRow(source: SourceText, row: IndicatorRowOut, nextLine: number | undefined): IndicatorRow {
  const evidence = locateQuote(source, row.line, row.name);
  const lastLine = nextLine !== undefined && nextLine > row.line ? nextLine - 1 : row.line + 8;
  const cells: RowCells = {};
  for (const [field, role] of ROLE_OF) {
    const raw = row[field];
    if (typeof raw !== 'string') continue;
    cells[role] = {
      raw,
      typed: parseCell(raw, { column: role as CellColumn }),
      evidence: locateCell(source, raw, row.line, lastLine, evidence),
    };
  }
  if (row.attribute !== null)
    cells.attribute = { raw: row.attribute, typed: parseCell(row.attribute), evidence };
  return {
    category: row.category,
    seq: row.seq,
    name: row.name,
    nameRaw: row.name,
    unit: row.unit,
    parent: row.parent,
    cells,
    line: row.line,
    evidence,
    printed: null,
    text: row.raw ?? null,
  };
}

/** Column roles from the exchange `column_map` (printed header → role); columns it does not map are `other`. */
function exchangeColumns(table: GoldExtraction['indicator_tables'][number]): ColumnRole[] {
  const roleOfHeader = new Map<string, ValueRole>();
  for (const [field, role] of ROLE_OF) {
    const header = table.column_map?.[field as keyof NonNullable<typeof table.column_map>];
    if (header) roleOfHeader.set(header, role);
  }
  return table.columns.map((header) => ({ header, role: roleOfHeader.get(header) ?? 'other', year: null }));
}

function hasValue(fact: { value: number | null }): boolean {
  return typeof fact.value === 'number' && Number.isFinite(fact.value);
}

/** The native extraction of a reviewed exchange file over the document's text (values become exact decimals). */
export function fromGoldFormat(gold: GoldExtraction, text: string): Extraction {
  const source = makeSourceText(text);
  const tables: IndicatorTable[] = gold.indicator_tables.map((table) => ({
    caption: table.caption,
    captionLine: table.caption === null ? null : table.line,
    line: table.line,
    kind: 'indicator',
    shape: 'exchange',
    period: table.period ?? null,
    columns: exchangeColumns(table),
    rows: table.rows.map((row, i) => exchangeRow(source, row, table.rows[i + 1]?.line)),
    endLine: Math.max(table.line, ...table.rows.map((r) => r.line)),
    footnotes: (table.footnotes ?? []).map((f) => ({ text: f, line: table.line })),
    diagnostics: [],
  }));
  return {
    doc: gold.doc,
    metadata: {
      title: gold.title,
      region: gold.region,
      parent_region: gold.parent_region,
      province: gold.province,
      doc_type: gold.doc_type,
      period: gold.period,
      vision_year: gold.vision_year,
    },
    outline: gold.outline.map((h) => {
      const at = locateQuote(source, h.line, h.title);
      return { ...h, kind: 'plain', number: null, runIn: false, start: at.start, end: at.end };
    }),
    tables,
    targets: gold.targets.filter(hasValue).map((t) => ({
      indicator: t.indicator,
      comparator: t.comparator,
      value: decimal(t.value),
      value_max: t.value_max === null ? null : decimal(t.value_max),
      unit: t.unit,
      year: t.year,
      aspirational: t.aspirational,
      evidence: locateQuote(source, t.line, t.quote),
    })),
    // A reviewed entry without a number (a ratio such as 5.1:53.9:41 in `value_raw`) has no value to keep.
    achievements: gold.achievements.filter(hasValue).map((a) => ({
      indicator: a.indicator,
      value: decimal(a.value),
      unit: a.unit,
      year: a.year,
      period: a.period,
      metric: a.metric,
      evidence: locateQuote(source, a.line, a.quote),
    })),
    projects: gold.projects.map((p) => ({
      name: p.name,
      investment: p.investment,
      box: p.box,
      evidence: locateQuote(source, p.line, p.name),
    })),
    diagnostics: [],
  };
}
