// Tables whose cells are delimited: one cell per TAB line, `|` pipes, TAB-separated rows, a reader's real table.
import type { PhysicalLine } from '../../layout/index.js';
import type { RawTable } from '../../readers/index.js';
import { CAPTION, TABLE_END } from './vocabulary.js';
import {
  categoryLabel,
  compact,
  endsWithUnitGroup,
  isAttribute,
  isEmptyMarker,
  isNumberedCategory,
  isNumericValue,
  isSeq,
  isUnitCell,
  isValueText,
  rawOf,
} from './cells.js';
import type { Cell, Draft, RowDraft } from './draft.js';
import { isHeaderLine } from './header.js';
import type { Piece } from './types.js';

export interface GridCell {
  pieces: Piece[];
  /** A grid position covered by a merged cell: from the row above (its text repeats) or from the left (no cell). */
  covered?: 'above' | 'left';
}

export interface GridRow {
  cells: GridCell[];
  line: number;
}

export interface GridRead {
  rows: GridRow[];
  /** Index into the lines given of the first line after the table. */
  end: number;
}

/** Global copies of the delimiters, made once: a table splits hundreds of lines at the same delimiter. */
const globalDelimiters = new Map<string, RegExp>();

function globalDelimiter(delimiter: RegExp): RegExp {
  let global = globalDelimiters.get(delimiter.source);
  if (!global) globalDelimiters.set(delimiter.source, (global = new RegExp(delimiter.source, 'g')));
  return global;
}

/** The pieces of a line split at a delimiter, each trimmed and placed at its source offset. */
export function splitLine(line: PhysicalLine, delimiter: RegExp): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  const text = line.text;
  const push = (from: number, to: number): void => {
    const part = text.slice(from, to);
    const lead = part.length - part.trimStart().length;
    const trimmed = part.trim();
    const start = line.start + from + lead;
    pieces.push({ text: trimmed, start, end: start + trimmed.length, line: line.line });
  };
  const global = globalDelimiter(delimiter);
  global.lastIndex = 0;
  for (let match = global.exec(text); match !== null; match = global.exec(text)) {
    push(at, match.index);
    at = match.index + match[0].length;
    // An empty match would not move on by itself (matchAll steps past it).
    if (match[0].length === 0) global.lastIndex++;
  }
  push(at, text.length);
  return pieces;
}

/** A line of prose or a heading: a table in text form has ended. */
function endsTable(text: string): boolean {
  const t = text.trim();
  return TABLE_END.test(t) || CAPTION.test(t) || /[。；]/.test(t) || compact(t).length > 40;
}

/** A line that ends a table written at column positions: a note, a heading, a sentence, or text without cells. */
export function endsSpacedTable(text: string): boolean {
  const t = text.trim();
  return (
    TABLE_END.test(t) ||
    CAPTION.test(t) ||
    /[。；]/.test(t) ||
    (!/ {2,}|\u3000/.test(t) && compact(t).length > 12)
  );
}

/** One cell per line, each led by a TAB; blank lines separate rows; a line without TAB continues the cell above. */
export function readTabCells(lines: readonly PhysicalLine[], from: number): GridRead {
  const rows: GridRow[] = [];
  let row: GridRow | null = null;
  let blank = true;
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.text === '') {
      blank = true;
      continue;
    }
    if (line.text.startsWith('\t')) {
      if (blank || row === null) {
        row = { cells: [], line: line.line };
        rows.push(row);
      }
      blank = false;
      for (const piece of splitLine(line, /\t/).slice(1)) row.cells.push({ pieces: [piece] });
      continue;
    }
    const last = row?.cells[row.cells.length - 1];
    if (!last || endsTable(line.text) || compact(line.text).length > 12) break;
    last.pieces.push(...splitLine(line, /\t/));
    blank = false;
  }
  return { rows, end: i };
}

/** One row per line, cells between delimiters (`|` or TAB); the table ends at the first line without one. */
export function readDelimitedRows(lines: readonly PhysicalLine[], from: number, delimiter: RegExp): GridRead {
  const rows: GridRow[] = [];
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.text === '') continue;
    if (!delimiter.test(line.text)) break;
    rows.push({ cells: splitLine(line, delimiter).map((piece) => ({ pieces: [piece] })), line: line.line });
  }
  return { rows, end: i };
}

/** The rows of a reader's real table, with each cell placed in its rendered line and merged cells marked. */
export function readRealTable(
  table: RawTable,
  lineAt: (line: number) => PhysicalLine | undefined,
): GridRow[] {
  return table.rows.map((cells, r) => {
    const line = lineAt(table.startLine + r);
    const parts = line ? splitLine(line, /\t/) : [];
    const fallback = (c: number): Piece => {
      const start = line ? line.start : 0;
      return { text: cells[c]?.text ?? '', start, end: start, line: table.startLine + r };
    };
    return {
      line: table.startLine + r,
      cells: cells.map((cell, c) => {
        const piece = parts.length === cells.length ? parts[c]! : fallback(c);
        if (!cell.covered) return { pieces: [{ ...piece, text: piece.text || cell.text.trim() }] };
        const above = r > 0 ? table.rows[r - 1]![c] : undefined;
        const fromAbove =
          above !== undefined && above.text === cell.text && (above.covered || above.rowSpan > 1);
        return { pieces: [piece], covered: fromAbove ? 'above' : 'left' };
      }),
    };
  });
}

/** Cells of a row with merges resolved: a cell covered from the left is dropped, one covered from above repeats it. */
function resolveMerges(rows: readonly GridRow[]): Cell[][] {
  const resolved: Cell[][] = [];
  rows.forEach((row, r) => {
    const cells: (Cell | null)[] = row.cells.map((cell, c) => {
      if (cell.covered === 'left') return null;
      if (cell.covered === 'above') return resolvedAt(resolved, rows, r - 1, c) ?? cell.pieces;
      return cell.pieces;
    });
    resolved.push(cells.filter((c): c is Cell => c !== null));
  });
  return resolved;
}

function resolvedAt(resolved: Cell[][], rows: readonly GridRow[], r: number, c: number): Cell | null {
  for (let k = r; k >= 0; k--) {
    const cell = rows[k]!.cells[c];
    if (cell && cell.covered !== 'above' && cell.covered !== 'left') return cell.pieces;
  }
  return resolved[r]?.[c] ?? null;
}

export interface GridOptions {
  /** Number of value columns the header names (base, target, growth, …). */
  valueCount: number;
  hasUnitColumn: boolean;
  /** The header names an attribute column (属性). */
  hasAttributeColumn?: boolean;
}

/** Header rows at the top of a grid, as text, and the index of the first body row. */
export function gridHeader(
  rows: readonly GridRow[],
  isHeader: (text: string) => boolean,
): { text: string[]; body: number } {
  const text: string[] = [];
  let body = 0;
  while (body < rows.length) {
    const joined = rows[body]!.cells.map((c) => rawOf(c.pieces)).join('|');
    if (rows[body]!.cells.every((c) => rawOf(c.pieces) === '') || !isHeader(joined)) break;
    text.push(joined);
    body += 1;
  }
  return { text, body };
}

/** Where the sequence number sits: the first cells may hold a category column before it. */
const SEQ_REACH = 3;

/** The cell holding the row's number: within the first cells, after nothing but a category, before a label. */
export function seqIndex(texts: readonly string[]): number {
  for (let k = 0; k < Math.min(SEQ_REACH, texts.length); k++) {
    const text = texts[k]!;
    if (isSeq(text)) {
      const next = texts[k + 1];
      return next === undefined || next === '' || !isNumericValue(next) ? k : -1;
    }
    // A category cell (`一、经济强（12项）`) may stand before the number.
    if (
      text !== '' &&
      (isValueText(text) || isAttribute(text) || endsWithUnitGroup(text)) &&
      categoryLabel(text) === null
    )
      return -1;
  }
  return -1;
}

/** A name cell led by its sequence number (`1. 地区生产总值`, `12、…`); not a decimal (`1.5`). */
const SEQ_PREFIX = /^(\d{1,3})\s*[.．、](?:\s+|(?![\d.．]))(?=\S)/;

/** The cell whose text starts with the row's number, within the first cells, or -1. */
function seqPrefixIndex(cells: readonly Cell[]): number {
  const reach = Math.min(SEQ_REACH, cells.length);
  // Most rows have no cell led by a digit: one cheap look before the checks.
  let anyDigit = false;
  for (let k = 0; k < reach && !anyDigit; k++) anyDigit = /^\d/.test(cells[k]![0]?.text ?? '');
  if (!anyDigit) return -1;
  for (let k = 0; k < reach; k++) {
    // As written: `26. 3岁以下…` is a number and a name, `26.3` a decimal.
    const written = cells[k]![0]?.text ?? '';
    if (SEQ_PREFIX.test(written)) return isNumericValue(rawOf(cells[k]!)) ? -1 : k;
    if (written !== '' && (isValueText(written) || isAttribute(written))) return -1;
  }
  return -1;
}

/** A cell's pieces with its leading number cut off: [number, rest]. */
function splitSeqPrefix(cell: Cell): [Cell, Cell] {
  const first = cell[0]!;
  const match = SEQ_PREFIX.exec(first.text)!;
  const seq: Piece = { ...first, text: match[1]!, end: first.start + match[1]!.length };
  const rest: Piece = {
    ...first,
    text: first.text.slice(match[0].length),
    start: first.start + match[0].length,
  };
  return [[seq], [rest, ...cell.slice(1)]];
}

/** Drafts of the body rows of a grid; reading stops at a note under the table. */
export function gridDrafts(rows: readonly GridRow[], options: GridOptions): Draft[] {
  const cellsOf = resolveMerges(rows);
  const textsOf = cellsOf.map((cells) => cells.map(rawOf));
  // The column of sequence numbers, if most data rows have one.
  const positions = textsOf.filter((texts) => texts.filter((t) => t !== '').length >= 3).map(seqIndex);
  const counts = new Map<number, number>();
  for (const p of positions) if (p >= 0) counts.set(p, (counts.get(p) ?? 0) + 1);
  const [seqColumn, seqRows] = [...counts.entries()].sort((x, y) => y[1] - x[1])[0] ?? [-1, 0];
  const column = seqRows * 2 >= positions.length ? seqColumn : -1;
  // Rows numbered inside their name cell: a row without a number in such a table is a sub-row.
  const prefixed = cellsOf.filter((cells) => seqPrefixIndex(cells) >= 0).length;
  const numbered = column >= 0 || prefixed * 2 >= positions.length;
  const drafts: Draft[] = [];
  for (const [r, cells] of cellsOf.entries()) {
    const texts = textsOf[r]!;
    const filled = texts.map((t, i) => (t === '' ? -1 : i)).filter((i) => i >= 0);
    if (filled.length === 0) continue;
    const joined = texts.join('|');
    // A caption or header repeated after a page break.
    if (CAPTION.test(texts[filled[0]!]!) || isHeaderLine(joined, false)) continue;
    if (filled.length === 1) {
      const only = texts[filled[0]!]!;
      if (TABLE_END.test(only)) break;
      if (isNumberedCategory(only) || categoryLabel(only))
        drafts.push({ kind: 'category', label: categoryLabel(only)! });
      else if (!isValueText(only) && !isAttribute(only) && !isSeq(only) && !endsWithUnitGroup(only))
        drafts.push({ kind: 'category', label: only });
      continue;
    }
    const row = gridRow(cells, texts, column, numbered, options);
    if (row) drafts.push(row);
  }
  return drafts;
}

function gridRow(
  cellsIn: Cell[],
  textsIn: string[],
  seqColumn: number,
  numbered: boolean,
  options: GridOptions,
): RowDraft | null {
  let cells = cellsIn;
  let texts = textsIn;
  let at = 0;
  let seq: Cell | null = null;
  let category: Cell | null = null;
  const prefixAt = seqPrefixIndex(cells);
  const seqAt = prefixAt >= 0 ? -1 : seqIndex(texts);
  const found = seqAt >= 0 ? seqAt : seqColumn >= 0 && texts[seqColumn] === '' ? seqColumn : -1;
  if (prefixAt >= 0) {
    // The number leads the name cell: cells left of it form the category column.
    const before = cells.slice(0, prefixAt).filter((c) => rawOf(c) !== '');
    category = before.length > 0 ? before.flat() : null;
    const [number, rest] = splitSeqPrefix(cells[prefixAt]!);
    seq = number;
    cells = [...cells.slice(0, prefixAt), rest, ...cells.slice(prefixAt + 1)];
    texts = cells.map(rawOf);
    at = prefixAt;
  } else if (found >= 0) {
    // Cells left of the sequence number form the category column.
    const before = cells.slice(0, found).filter((c) => rawOf(c) !== '');
    category = before.length > 0 ? before.flat() : null;
    seq = cells[found]!;
    at = found + 1;
  }
  // Label cells run up to the unit (a table with a 单位 column may write its values in words), else to the first
  // value written with digits or the attribute.
  const unitAt = options.hasUnitColumn ? texts.findIndex((t, i) => i > at && isUnitCell(t)) : -1;
  let labelEnd = at;
  while (
    labelEnd < cells.length &&
    (texts[labelEnd] === '' || !(isNumericValue(texts[labelEnd]!) || isAttribute(texts[labelEnd]!)))
  )
    labelEnd += 1;
  if (unitAt >= 0 && unitAt < labelEnd) labelEnd = unitAt;
  else if (unitAt > labelEnd && !texts.slice(labelEnd, unitAt).some((t) => t !== '' && isNumericValue(t)))
    labelEnd = unitAt;
  const candidates = Array.from({ length: labelEnd - at }, (_, k) => at + k).filter((i) => texts[i] !== '');
  if (candidates.length === 0) return null;
  // The name is the first label with a unit in parentheses; otherwise the last label that is not a value phrase.
  const nameAt =
    candidates.find((i) => endsWithUnitGroup(texts[i]!)) ??
    [...candidates].reverse().find((i) => !isValueText(texts[i]!)) ??
    candidates[candidates.length - 1]!;
  const labels = candidates.filter((i) => i <= nameAt).map((i) => cells[i]!);
  const emptySlots = Array.from({ length: nameAt - at }, (_, k) => at + k).filter(
    (i) => texts[i] === '',
  ).length;

  let next = nameAt + 1;
  let unit: Cell | null = null;
  const lastIsAttribute = cells.length > 0 && isAttribute(texts[cells.length - 1]!);
  // `—` in the unit column of a row with every value cell after it: the row has no unit.
  const dashUnit =
    next < cells.length &&
    isEmptyMarker(texts[next]!) &&
    cells.length - next - 1 - (lastIsAttribute ? 1 : 0) >= options.valueCount;
  if (
    options.hasUnitColumn &&
    next < cells.length &&
    (texts[next] === '' || isUnitCell(texts[next]!) || dashUnit)
  ) {
    unit = texts[next] === '' ? null : cells[next]!;
    next += 1;
  }
  const attributeAt = texts.findLastIndex((t, i) => i >= next && isAttribute(t));
  // The attribute column may come before the values (`指标 属性 2030年目标值`).
  const attributeFirst = attributeAt === next;
  let values = attributeFirst
    ? cells.slice(next + 1)
    : cells.slice(next, attributeAt >= 0 ? attributeAt : cells.length);
  let attribute: Cell | null = attributeAt >= 0 ? cells[attributeAt]! : null;
  const size = options.valueCount;
  const empty = (c: Cell): boolean => rawOf(c) === '';
  if (!attribute) {
    while (values.length > size + 1 && empty(values[values.length - 1]!)) values = values.slice(0, -1);
    if (values.length === size + 1 && !isNumericValue(rawOf(values[values.length - 1]!))) {
      attribute = values[values.length - 1]!;
      values = values.slice(0, -1);
    }
  }
  // A delimited row that stops before the attribute column printed no attribute (a converter drops empty cells).
  if (!attribute && options.hasAttributeColumn) {
    const last = (values[values.length - 1] ?? cells[cells.length - 1]!).at(-1)!;
    attribute = [{ ...last, text: '', start: last.end }];
  }
  // Empty cells left of the values belong to a name spanning two columns; empty ones right of them are padding.
  while (values.length > size && empty(values[0]!)) values = values.slice(1);
  while (values.length > size && empty(values[values.length - 1]!)) values = values.slice(0, -1);
  // A row without a number of its own in a numbered table continues the group above it (its merged cells omitted).
  const continuesGroup = emptySlots > 0 || (numbered && seq === null);
  return { kind: 'row', seq, category, labels, continuesGroup, unit, values, attribute };
}
