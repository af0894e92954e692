// Lays the merged cells of a real table (DOCX, HTML) onto a full rectangular grid and renders it as TAB-joined lines.
import type { Diagnostic } from '../diagnostics.js';
import type { RawCell } from './types.js';

/** Widest table kept (the HTML limit for colspan); wider spans are clipped. */
export const MAX_TABLE_COLUMNS = 1000;
/** Largest grid kept; a hostile table beyond it is clipped to fewer columns with a warning. */
const MAX_GRID_CELLS = 2_000_000;

/** Collects cells at explicit grid positions; covered positions are filled from each origin's span. */
export class TableGrid {
  private readonly slots: (RawCell | undefined)[][] = [];
  private budget = MAX_GRID_CELLS;
  private clippedSpans = false;

  /** First grid column at or after `from` not yet covered in `row` (HTML's slot-filling rule). */
  nextFreeColumn(row: number, from = 0): number {
    const slots = this.slots[row] ?? [];
    let col = from;
    while (slots[col] !== undefined) col++;
    return col;
  }

  isFree(row: number, col: number): boolean {
    return this.slots[row]?.[col] === undefined;
  }

  /** Places a cell; positions already taken by an earlier merge stay with the earlier cell. */
  place(row: number, col: number, text: string, rowSpan = 1, colSpan = 1): RawCell {
    colSpan = Math.max(1, Math.min(colSpan, MAX_TABLE_COLUMNS - col));
    rowSpan = Math.max(1, rowSpan);
    if (rowSpan * colSpan > this.budget) {
      // A hostile span would allocate millions of covered cells: keep the cell, drop its merge.
      this.clippedSpans = true;
      rowSpan = 1;
      colSpan = 1;
    }
    const origin: RawCell = { text, covered: false, rowSpan, colSpan };
    if (col >= MAX_TABLE_COLUMNS || this.budget <= 0) {
      this.clippedSpans = true;
      return origin;
    }
    this.budget -= rowSpan * colSpan;
    for (let r = row; r < row + rowSpan; r++) {
      const slots = (this.slots[r] ??= []);
      for (let c = col; c < col + colSpan; c++) {
        if (slots[c] !== undefined) continue;
        slots[c] = r === row && c === col ? origin : { text, covered: true, rowSpan: 1, colSpan: 1 };
      }
    }
    return origin;
  }

  /** Ensures the grid has at least `count` rows (rows that hold only covered cells or nothing). */
  reserveRows(count: number): void {
    while (this.slots.length < count) this.slots.push([]);
  }

  /** The rectangular grid: every row padded with empty cells to the widest row. */
  build(diagnostics?: Diagnostic[], file?: string): RawCell[][] {
    let width = this.slots.reduce((max, row) => Math.max(max, row.length), 0);
    if (this.clippedSpans) {
      diagnostics?.push({
        severity: 'warning',
        code: 'table/clipped',
        file,
        message: `table merges too large to expand (over ${MAX_GRID_CELLS} cells or ${MAX_TABLE_COLUMNS} columns); some merges were dropped`,
      });
    }
    if (this.slots.length * width > MAX_GRID_CELLS) {
      const clipped = Math.max(1, Math.floor(MAX_GRID_CELLS / Math.max(1, this.slots.length)));
      diagnostics?.push({
        severity: 'warning',
        code: 'table/clipped',
        file,
        message: `table of ${this.slots.length} rows × ${width} columns clipped to ${clipped} columns`,
      });
      width = clipped;
    }
    return this.slots.map((row) =>
      Array.from({ length: width }, (_, c) => row[c] ?? { text: '', covered: false, rowSpan: 1, colSpan: 1 }),
    );
  }
}

/** One line per row, cells joined by TAB, covered cells empty (the RawDocument convention). */
export function renderTableRows(rows: readonly RawCell[][]): string[] {
  return rows.map((row) => row.map((cell) => (cell.covered ? '' : cell.text)).join('\t'));
}

/** Cell text must stay on one rendered line and must not split into extra cells. */
export function flattenCellText(text: string): string {
  return text.replace(/[\t\n\r\f\v]+/g, ' ').trim();
}

/**
 * How many leading rows are the table's title: one filled cell across the whole width (`专栏1 …主要指标` typed into
 * the table itself, with or without colspan), followed by at least two rows of real cells.
 */
export function titleRowCount(rows: readonly RawCell[][]): number {
  let count = 0;
  while (count < rows.length - 2 && isTitleRow(rows[count]!)) count++;
  return count;
}

function isTitleRow(row: readonly RawCell[]): boolean {
  const [first, ...rest] = row;
  return (
    first !== undefined &&
    rest.length > 0 &&
    !first.covered &&
    first.rowSpan === 1 &&
    first.text !== '' &&
    rest.every((cell) => (cell.covered && cell.text === first.text) || (!cell.covered && cell.text === ''))
  );
}
