// The native model of a reconstructed indicator table: columns with roles, rows with typed, evidenced cells.
import type { Diagnostic } from '../../diagnostics.js';
import type { TypedCell } from '../../quantity/index.js';
import type { Evidence } from '../../text/span.js';

/** What a column holds. `actual`/`actual_growth` are the completed values of a plan-completion (十三五) table. */
export type ColumnRoleKind =
  | 'seq'
  | 'category'
  | 'name'
  | 'unit'
  | 'base'
  | 'target'
  | 'growth'
  | 'actual'
  | 'actual_growth'
  | 'attribute'
  | 'other';

/** The value columns, in the order they may appear in a row. */
export type ValueRole = 'base' | 'target' | 'growth' | 'actual' | 'actual_growth';

export interface ColumnRole {
  role: ColumnRoleKind;
  /** Header text with whitespace removed (a spanning header is joined to its sub-header with `：`). */
  header: string;
  /** The year the header states: `2020年基数` → 2020, `2025年目标` → 2025; null when it states none. */
  year: number | null;
}

/** A piece of source text: one line's part of a cell. */
export interface Piece {
  text: string;
  /** Source offsets [start, end). */
  start: number;
  end: number;
  /** 1-based source line. */
  line: number;
}

export interface TableCell {
  /** The cell text with whitespace removed (wrapped pieces joined), as the exchange format wants it. */
  raw: string;
  typed: TypedCell;
  /** Where the cell starts; `quote` is its first line's part. */
  evidence: Evidence;
}

export type RowCells = Partial<Record<ValueRole | 'attribute', TableCell>>;

export interface IndicatorRow {
  category: string | null;
  seq: string | null;
  /** Name without unit and footnote markers: `每千人口拥有执业（助理）医师数`. */
  name: string;
  /** The name cell as written (whitespace removed): `每千人口拥有执业（助理）医师数（人）`. */
  nameRaw: string;
  unit: string | null;
  /** The merged cell over this row and its siblings (`城镇就业`), or null. */
  parent: string | null;
  /** Cells by role; a role is absent when the row has no cell there, and an empty cell is present with raw ''. */
  cells: RowCells;
  /** 1-based source line of the indicator-name cell. */
  line: number;
  /** Source offsets of the name cell. */
  evidence: Evidence;
  /** Every printed cell in column order: the cells of a statistical row, which has no roles; null for indicator rows. */
  printed: TableCell[] | null;
  /** The source line of a statistical row as written, or null. */
  text: string | null;
}

/**
 * How the table reached us. `spaced`: one row per line, cells separated by runs of spaces (column positions);
 * `exchange`: read back from a reviewed exchange-format file (fixtures/gold), not from the document.
 */
export type TableShape = 'tab-cells' | 'pipe' | 'tab-rows' | 'spaced' | 'flattened' | 'real' | 'exchange';

/** An indicator table (主要指标: values in roles) or a statistical table of a bulletin (表1: printed cells only). */
export type TableKind = 'indicator' | 'statistical';

/** A note printed under a table (`注：1．“*”代表该指标尚未公布；`), wrapped lines joined. */
export interface Footnote {
  text: string;
  /** 1-based source line of its first line. */
  line: number;
}
export interface IndicatorTable {
  caption: string | null;
  /** 1-based source line of the caption, or null for a table without one. */
  captionLine: number | null;
  /** 1-based line where the table starts (its caption, else its header). */
  line: number;
  kind: TableKind;
  shape: TableShape;
  /** The plan period its caption or header names (`2021-2025` for a 十四五 completion table), or null. */
  period: string | null;
  columns: ColumnRole[];
  rows: IndicatorRow[];
  /** Last 1-based source line of the table. */
  endLine: number;
  footnotes: Footnote[];
  /** What could not be read cleanly (extra cells dropped, …), each with its line. */
  diagnostics: Diagnostic[];
}
