// Reads one indicator-table cell (`>10`, `[2.9]`, `按市下达目标`, `—`, `97以上`) into a typed value with its kind.

import { parseQuantity } from './scan.js';
import type { CellContext, CellKind, TypedCell } from './types.js';
import { parseUnit } from './units.js';

/** Cells that mean "no value here". */
export const EMPTY_CELLS: ReadonlySet<string> = new Set([
  '',
  '—',
  '——',
  '-',
  '--',
  '－',
  '–',
  '−',
  '/',
  '／',
  '空',
  '…',
  '……',
  '×',
  '无数据',
]);

/** Brackets that mark a five-year cumulative value ([2.9], 〔13.5〕, 【1.1】, ［4］). */
const CUMULATIVE_BRACKETS: Readonly<Record<string, string>> = {
  '[': ']',
  '〔': '〕',
  '【': '】',
  '［': '］',
  '〖': '〗',
};

/** Words that open a cumulative value written out (五年下降18%, 累计[2.5], “十四五”期间累计…). */
const CUMULATIVE_PREFIX =
  /^(?:“?十[一二三四五六七八九]五”?期间)?(?:五年|累计|五年累计|[一二三四五六七八九十]年累计)/;

/** A target handed down from above instead of a number (按市下达目标, 控制在下达目标内, 完成省市下达任务). */
const DELEGATED_PATTERNS: readonly RegExp[] = [
  /下达/,
  /下发/,
  /[省市县区]定(?:目标|任务|指标)/,
  /上级(?:确定|分解)?(?:目标|任务|指标)/,
  /分解(?:目标|任务|指标)/,
];

/** Footnote markers after a value (`>46.5∗` 预计数, `*` 尚未公布): the cell is read without them. */
const FOOTNOTE_MARK = /[*∗＊※]+$/;
const FOOTNOTE_MARK_CHARS = new Set([...'*∗＊※']);

/** Values of two indicators in one cell, one per indicator (`8358/244`, `6.99/2805`). */
const MULTIPLE_VALUES = /^[<>≤≥＜＞]?\d[\d.,]*(?:\/[<>≤≥＜＞]?\d[\d.,]*)+$/;

/** Reads a table cell; `context.column` decides whether a bare number is a level or a growth rate. */
export function parseCell(raw: string, context: CellContext = {}): TypedCell {
  const spaced = /\s/.test(raw) ? raw.replace(/\s+/g, '') : raw;
  // Most cells end in no marker: one look at the last character before a replace.
  const compact = FOOTNOTE_MARK_CHARS.has(spaced.at(-1) ?? '') ? spaced.replace(FOOTNOTE_MARK, '') : spaced;
  if (EMPTY_CELLS.has(compact)) return { kind: 'empty', raw };
  // A unit with a slash (万元/人) is written in the name, never in a value cell, so a slash here separates values.
  if (compact.includes('/') && MULTIPLE_VALUES.test(compact)) return { kind: 'multiple', raw, text: compact };
  if (DELEGATED_PATTERNS.some((p) => p.test(compact))) return { kind: 'delegated', raw, text: compact };

  const close = CUMULATIVE_BRACKETS[compact[0] ?? ''];
  if (close !== undefined && compact.endsWith(close)) {
    const inner = readNumber(compact.slice(1, -1), context);
    return inner ? numberCell('cumulative', raw, inner) : { kind: 'unknown', raw };
  }
  const prefix = CUMULATIVE_PREFIX.exec(compact);
  if (prefix) {
    const inner = readNumber(compact.slice(prefix[0].length), context);
    if (inner) return numberCell('cumulative', raw, inner);
  }

  const number = readNumber(compact, context);
  if (number) {
    const direction = number.comparator?.direction;
    let kind: CellKind = 'level';
    if (context.column === 'growth' || context.column === 'actual_growth') kind = 'growth';
    else if (direction === 'lower' || direction === 'upper') kind = 'bound';
    return numberCell(kind, raw, number);
  }
  // Words with at least two ideographs and no number to read: 与经济增长基本同步, 中高速增长, 2016年后该项指标不再统计.
  if ((compact.match(/[\u4e00-\u9fff]/g) ?? []).length >= 2)
    return { kind: 'qualitative', raw, text: compact };
  return { kind: 'unknown', raw };
}

type NumberFields = Pick<TypedCell, 'value' | 'valueMax' | 'comparator' | 'unit' | 'approximate'>;

/**
 * `{ kind, raw, ...fields }` with the same key order, built field by field: spreading objects of varying shapes
 * goes through V8's slow generic copy on every cell.
 */
function numberCell(kind: CellKind, raw: string, fields: NumberFields): TypedCell {
  const cell: TypedCell = { kind, raw, value: fields.value };
  if ('valueMax' in fields) cell.valueMax = fields.valueMax;
  if ('comparator' in fields) cell.comparator = fields.comparator;
  if ('approximate' in fields) cell.approximate = fields.approximate;
  if ('unit' in fields) cell.unit = fields.unit;
  return cell;
}

/** The cell read as one quantity that covers it entirely (with its comparator words), or null. */
function readNumber(text: string, context: CellContext): NumberFields | null {
  if (!text) return null;
  const q = parseQuantity(text, 0, { bareHyphenRange: true });
  if (!q || q.kind !== 'quantity') return null;
  const after = q.comparator?.words.filter((w) => w.position === 'after') ?? [];
  const end = after.length ? after[after.length - 1]!.end : q.end;
  if (end !== text.length) return null;
  const fields: NumberFields = { value: q.value };
  if (q.valueMax !== undefined) fields.valueMax = q.valueMax;
  if (q.comparator) fields.comparator = q.comparator;
  if (q.approximate) fields.approximate = true;
  const unit = q.unit ?? (context.unit ? parseUnit(context.unit) : null);
  if (unit) fields.unit = unit;
  return fields;
}
