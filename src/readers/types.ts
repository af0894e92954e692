// What every reader returns: the document as text lines plus the real tables of formats that have them.
import type { Diagnostic } from '../diagnostics.js';

export type DocumentFormat = 'txt' | 'docx' | 'pdf' | 'html';

/** One cell of a real table, on a full rectangular grid (merged cells expanded). */
export interface RawCell {
  text: string;
  /** True for a grid position covered by a merged cell that starts elsewhere (its text repeats the origin's). */
  covered: boolean;
  rowSpan: number;
  colSpan: number;
}

export interface RawTable {
  /** 1-based lines of `RawDocument.text` where the table's rows were rendered (first and last). */
  startLine: number;
  endLine: number;
  rows: RawCell[][];
}

export interface RawDocument {
  path: string;
  format: DocumentFormat;
  /** Encoding used to decode text formats (`utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `gb18030`); null for containers. */
  encoding: string | null;
  /**
   * The document as text. For TXT it is the decoded file itself, so lines are the file's lines. DOCX/HTML give one
   * paragraph per line and one table row per line (cells joined by TAB, covered cells empty); PDF gives one visual
   * line per line, a TAB where a wide horizontal gap separates items, and a form feed `\f` line between pages.
   */
  text: string;
  tables: RawTable[];
  diagnostics: Diagnostic[];
}
