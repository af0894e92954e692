// Tables whose cells stand at column positions: one row per line, cells separated by runs of spaces, cells that wrap.
import type { PhysicalLine } from '../../layout/index.js';
import type { SourceText } from '../../text/source-text.js';
import { compact, isSeq, rawOf } from './cells.js';
import { endsSpacedTable, seqIndex, type GridRead, type GridRow } from './grid.js';
import type { Piece } from './types.js';
import { CAPTION, TABLE_END } from './vocabulary.js';

/** A note, a heading or a caption ends the table even where a wrapped cell could go on. */
const endsTableHard = (text: string): boolean => {
  const t = text.trim();
  return TABLE_END.test(t) || CAPTION.test(t) || /[。！？]/.test(t);
};

/** A run of spaces that separates cells (two or more ASCII spaces, or an ideographic space). */
const SEPARATOR = / {2,}|\u3000+/g;
/** Lines read to learn the width of one separator. */
const WIDTH_SAMPLE = 12;

/** Runs of two or more spaces: the table shape of text converted from a Word or web table. */
export function hasSpacedCells(text: string): boolean {
  return (text.match(/\S(?: {2,}|\u3000+)(?=\S)/g) ?? []).length >= 2;
}

/** The width of one separator: the most common run length (a run twice as long holds one empty cell). */
function separatorWidth(lines: readonly PhysicalLine[], from: number): number {
  const counts = new Map<number, number>();
  for (const line of lines.slice(from, from + WIDTH_SAMPLE))
    for (const run of line.text.match(SEPARATOR) ?? [])
      counts.set(run.length, (counts.get(run.length) ?? 0) + 1);
  const [width] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [2];
  return Math.max(2, width);
}

/** The cells of a line by position: leading spaces are empty cells, a run n separators wide holds n − 1 of them. */
function spacedCells(line: PhysicalLine, indent: number, width: number): Piece[] {
  const cells: Piece[] = [];
  const empty = (at: number): Piece => ({ text: '', start: at, end: at, line: line.line });
  for (let k = Math.round(indent / width); k > 0; k--) cells.push(empty(line.start));
  let at = 0;
  SEPARATOR.lastIndex = 0;
  const push = (from: number, to: number): void => {
    const start = line.start + from;
    cells.push({ text: line.text.slice(from, to), start, end: line.start + to, line: line.line });
  };
  for (let m = SEPARATOR.exec(line.text); m !== null; m = SEPARATOR.exec(line.text)) {
    push(at, m.index);
    const runWidth = m[0].startsWith('\u3000') ? m[0].length * 2 : m[0].length;
    for (let k = Math.round(runWidth / width) - 1; k > 0; k--) cells.push(empty(line.start + m.index));
    at = m.index + m[0].length;
  }
  push(at, line.text.length);
  return cells;
}

/**
 * Rows of a spaced table from `from`: a line that starts at the left margin without a sequence number continues the
 * row above (its first cell is the rest of that row's last cell, wrapped); an indented line is a new (sub-)row.
 */
export function readSpacedRows(lines: readonly PhysicalLine[], source: SourceText, from: number): GridRead {
  const width = separatorWidth(lines, from);
  const rows: GridRow[] = [];
  let i = from;
  let blank = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.text === '') {
      blank = true;
      continue;
    }
    if (endsTableHard(line.text)) break;
    const cells = spacedCells(line, line.start - (source.lineStarts[line.line - 1] ?? line.start), width);
    const previous = rows[rows.length - 1];
    const continues =
      previous !== undefined &&
      !blank &&
      cells[0]!.text !== '' &&
      !isSeq(cells[0]!.text) &&
      seqIndex(cells.map((c) => compact(c.text))) < 0;
    if (!continues && endsSpacedTable(line.text)) break;
    if (continues) {
      const last = previous.cells[previous.cells.length - 1]!;
      last.pieces.push(cells[0]!);
      for (const cell of cells.slice(1)) previous.cells.push({ pieces: [cell] });
    } else rows.push({ line: line.line, cells: cells.map((cell) => ({ pieces: [cell] })) });
    blank = false;
  }
  return { rows, end: i };
}

/**
 * One header text per column from header rows of a spaced table: a label over more cells than itself (`规划目标`
 * over `规划目标（2025年）` and `年均增速〔累计〕`) gives way to them; a label over an empty cell spans both rows.
 */
export function spannedHeader(rows: readonly GridRow[]): string[] {
  const texts = rows.map((row) => row.cells.map((c) => rawOf(c.pieces)));
  let columns = texts[0] ?? [];
  for (const next of texts.slice(1)) columns = underLabels(columns, next);
  return columns;
}

/** Labels of one header row combined with the row under them. */
function underLabels(labels: readonly string[], next: readonly string[]): string[] {
  let extra = Math.max(0, next.length - labels.length);
  const cell = (p: number): string => next[p] ?? '';
  const out: string[] = [];
  let p = 0;
  for (const label of labels) {
    if (cell(p) === '') {
      out.push(label);
      p += 1;
      continue;
    }
    // A spanning label repeated in its first sub-cell (`规划目标` over `规划目标（2025年）`) spans every filled cell
    // that follows; otherwise it spans as many as the second row has cells more than the first.
    const repeated = cell(p).includes(label);
    let k = 1;
    while (cell(p + k) !== '' && (repeated || k <= extra)) k += 1;
    extra = Math.max(0, extra - (k - 1));
    for (const sub of next.slice(p, p + k)) out.push(sub.includes(label) ? sub : `${label}：${sub}`);
    p += k;
  }
  return out;
}
