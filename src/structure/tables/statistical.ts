// Statistical tables of bulletins (表1 居民消费价格涨跌幅度, 主要工业产品产量): every printed cell of a row, no roles.
import type { PhysicalLine } from '../../layout/index.js';
import { parseCell } from '../../quantity/index.js';
import type { SourceText } from '../../text/source-text.js';
import { compact } from './cells.js';
import { pieceEvidence } from './draft.js';
import { splitLine, type GridRow } from './grid.js';
import type { IndicatorRow, IndicatorTable, Piece, TableCell, TableShape } from './types.js';
import {
  STATISTICAL_CAPTION,
  STATISTICAL_CHANGE_HEADER,
  STATISTICAL_NAME_HEADER,
  STATISTICAL_UNIT_HEADER,
  STATISTICAL_VALUE,
  STATISTICAL_VALUE_HEADER,
  SUB_ROW_LEAD,
  TOTAL_NAME,
} from './vocabulary.js';

/** Non-blank lines between a 表 caption and its header. */
const CAPTION_REACH = 2;
/** A unit cell is short and has no digits (`万吨`, `万千瓦时`, `亿人公里`, `%`). */
const MAX_UNIT_LENGTH = 8;

/** What each column of a statistical table holds. */
export interface StatisticalHeader {
  /** Header cells, whitespace removed. */
  columns: string[];
  /** Index of the 单位 column, or -1. */
  unitColumn: number;
  /** The unit a value header states (`涨跌幅度（%）` → %), for tables without a 单位 column. */
  headerUnit: string | null;
}

/** The header of a statistical table from its cells, or null when a cell is not a statistical header label. */
export function statisticalHeader(cells: readonly string[]): StatisticalHeader | null {
  const columns = cells.map(compact).filter((c) => c !== '');
  if (columns.length < 2 || !STATISTICAL_NAME_HEADER.test(columns[0]!)) return null;
  let unitColumn = -1;
  for (const [i, cell] of columns.entries()) {
    if (i === 0) continue;
    if (STATISTICAL_UNIT_HEADER.test(cell) && unitColumn < 0) unitColumn = i;
    else if (!isValueHeader(cell)) return null;
  }
  if (columns.length - (unitColumn >= 0 ? 2 : 1) < 1) return null;
  const unitOf = (h: string): string | null => /[（(]([^（）()]{1,12})[)）]$/.exec(h)?.[1] ?? null;
  const headerUnit =
    columns
      .slice(1)
      .map(unitOf)
      .find((u) => u !== null) ?? null;
  return { columns, unitColumn, headerUnit };
}

function isValueHeader(cell: string): boolean {
  return STATISTICAL_VALUE_HEADER.test(cell) && cell.replace(/[（(][^（）()]*[)）]$/, '') !== '';
}

/** The cells of a header or row line: TAB cells when the line has TABs, else its words. */
function lineCells(line: PhysicalLine): Piece[] {
  return splitLine(line, line.text.includes('\t') ? /\t/ : /[ \u3000]+/).filter((p) => p.text !== '');
}

/** A `表N` caption at line i followed by a statistical header: the index of the header line and the header. */
export function statisticalHeaderAfter(
  lines: readonly PhysicalLine[],
  i: number,
): { at: number; header: StatisticalHeader } | null {
  const text = lines[i]!.text;
  // Every line is tried: a caption starts with 表 or 附 (附表), so most lines are ruled out by one character.
  let at = 0;
  while (text.charCodeAt(at) === 9) at += 1;
  const first = text.charCodeAt(at);
  if ((first !== 0x8868 && first !== 0x9644) || !STATISTICAL_CAPTION.test(text.trim())) return null;
  for (let k = i + 1, seen = 0; k < lines.length && seen < CAPTION_REACH; k++) {
    if (lines[k]!.text === '') continue;
    seen += 1;
    const header = statisticalHeader(lineCells(lines[k]!).map((p) => p.text));
    if (header) return { at: k, header };
  }
  return null;
}

/** A name cell that is only a note marker (`[3]`): its name went to another line. */
const FOOTNOTE_ONLY = /^[[［]\d{1,2}[\]］]$/;
/** One short label without digits or punctuation. */
const isBareLabel = (pieces: readonly Piece[]): boolean =>
  pieces.length === 1 && pieces[0]!.text.length <= 12 && !/[\d，。；：:]/.test(pieces[0]!.text);

const isValue = (text: string): boolean => STATISTICAL_VALUE.test(compact(text));
const isUnit = (text: string): boolean =>
  text.length <= MAX_UNIT_LENGTH && !/\d/.test(text) && !SUB_ROW_LEAD.test(text) && !isValue(text);

/**
 * A row's cells against its header: values from the right, then the unit, and the words left over as the name
 * (a name printed with spaces, `3D 打印设备`, is one cell). Null when the line is not such a row.
 */
export function statisticalCells(pieces: readonly Piece[], header: StatisticalHeader): Piece[][] | null {
  const width = header.columns.length;
  const values = width - 1 - (header.unitColumn >= 0 ? 1 : 0);
  const labelCount = pieces.length - values - (header.unitColumn >= 0 ? 1 : 0);
  if (labelCount < 1) return null;
  const tail = pieces.slice(pieces.length - values);
  if (!tail.every((p) => isValue(p.text))) return null;
  const name = pieces.slice(0, labelCount);
  if (name.some((p) => isValue(p.text) && name.length === 1) || /[，。；：:]$/.test(name.at(-1)!.text))
    return null;
  if (/[，。；！？]/.test(name.map((p) => p.text).join(''))) return null;
  const cells: Piece[][] = [name];
  if (header.unitColumn >= 0) {
    const unit = pieces[labelCount]!;
    if (!isUnit(unit.text)) return null;
    cells.push([unit]);
  }
  for (const value of tail) cells.push([value]);
  return cells;
}

/** A printed cell; only value cells are read as values (a name or a unit is text). */
function cellOf(
  source: SourceText,
  pieces: readonly Piece[],
  value: boolean,
  change: boolean,
  unit: string | null,
): TableCell {
  const raw = compact(pieces.map((p) => p.text).join(''));
  const evidence = pieceEvidence(source, pieces);
  if (!value) return { raw, typed: { kind: 'qualitative', raw, text: raw }, evidence };
  const context = { ...(change ? { column: 'growth' as const } : {}), ...(unit ? { unit } : {}) };
  return { raw, typed: parseCell(raw, context), evidence };
}

/** One statistical row from its cells: the name cell, the unit (its column or the header's), every printed cell. */
function statisticalRow(
  source: SourceText,
  cells: readonly Piece[][],
  header: StatisticalHeader,
  text: string,
): IndicatorRow {
  const unitCell = header.unitColumn >= 0 ? compact(cells[header.unitColumn]![0]!.text) : null;
  const unit = unitCell ?? header.headerUnit;
  const printed = cells.map((pieces, i) =>
    cellOf(
      source,
      pieces,
      i > 0 && i !== header.unitColumn,
      STATISTICAL_CHANGE_HEADER.test(header.columns[i] ?? ''),
      unit,
    ),
  );
  const name = printed[0]!;
  return {
    category: null,
    seq: null,
    name: name.raw,
    nameRaw: name.raw,
    unit,
    parent: null,
    cells: {},
    line: name.evidence.line,
    evidence: name.evidence,
    printed,
    text,
  };
}

/**
 * Sub-rows get their parent: a `其中：` row and the rows after it in the same unit break down the row above it, and
 * the rows after a total (`货物运输总量`) in its unit break the total down.
 */
export function assignParents(rows: IndicatorRow[]): void {
  let head: IndicatorRow | null = null;
  rows.forEach((row, i) => {
    const previous = rows[i - 1];
    if (SUB_ROW_LEAD.test(row.name) && previous) head = previous;
    else if (TOTAL_NAME.test(row.name)) head = row;
    else if (head === null || head.unit !== row.unit) head = null;
    if (head !== null && head !== row) row.parent = head.name;
  });
}

export interface StatisticalRead {
  table: IndicatorTable;
  /** Index into the lines of the first line after the table. */
  end: number;
}

/** A statistical table written as text: its caption at `captionAt`, the header after it, a row per line. */
export function readStatisticalTable(
  source: SourceText,
  lines: readonly PhysicalLine[],
  captionAt: number,
  found: { at: number; header: StatisticalHeader },
): StatisticalRead | null {
  const { header } = found;
  const rows: IndicatorRow[] = [];
  let i = found.at + 1;
  let last = lines[found.at]!.line;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.text === '') continue;
    const pieces = lineCells(line);
    const cells = statisticalCells(pieces, header);
    const previous = rows[rows.length - 1];
    // A PDF text layer may set a name's superscript note (`[3]`) as the row and the name on a line of its own.
    if (!cells && previous && FOOTNOTE_ONLY.test(previous.name) && isBareLabel(pieces)) {
      const name = compact(line.text) + previous.name;
      const [first, ...rest] = previous.printed!;
      rows[rows.length - 1] = {
        ...previous,
        name,
        nameRaw: name,
        printed: [{ ...first!, raw: name }, ...rest],
      };
      last = line.line;
      continue;
    }
    if (!cells) break;
    rows.push(statisticalRow(source, cells, header, line.text));
    last = line.line;
  }
  if (rows.length === 0) return null;
  const caption = lines[captionAt]!;
  const shape: TableShape = lines[found.at]!.text.includes('\t') ? 'tab-rows' : 'flattened';
  return { table: statisticalTable(rows, header, caption.text.trim(), caption.line, shape, last), end: i };
}

/** A reader's real table (HTML/DOCX) whose header row is a statistical header: its rows as printed. */
export function readStatisticalGrid(
  source: SourceText,
  rows: readonly GridRow[],
  caption: PhysicalLine | null,
  lineText: (line: number) => string,
): IndicatorTable | null {
  const texts = (row: GridRow): string[] =>
    row.cells.map((c) => compact(c.pieces.map((p) => p.text).join('')));
  const headerAt = rows.findIndex((row) => statisticalHeader(texts(row)) !== null);
  if (headerAt < 0) return null;
  const header = statisticalHeader(texts(rows[headerAt]!))!;
  const body: IndicatorRow[] = [];
  for (const row of rows.slice(headerAt + 1)) {
    const cells = row.cells.slice(0, header.columns.length).map((c) => c.pieces);
    if (cells.length === 0 || compact(cells[0]!.map((p) => p.text).join('')) === '') continue;
    body.push(statisticalRow(source, cells, header, lineText(row.line)));
  }
  if (body.length === 0) return null;
  const first = rows[0]!.line;
  const last = rows[rows.length - 1]!.line;
  return statisticalTable(body, header, caption?.text.trim() ?? null, caption?.line ?? first, 'real', last);
}

function statisticalTable(
  rows: IndicatorRow[],
  header: StatisticalHeader,
  caption: string | null,
  line: number,
  shape: TableShape,
  endLine: number,
): IndicatorTable {
  assignParents(rows);
  return {
    caption,
    captionLine: caption === null ? null : line,
    line,
    kind: 'statistical',
    shape,
    period: null,
    columns: header.columns.map((h, i) => ({
      role: i === 0 ? 'name' : i === header.unitColumn ? 'unit' : 'other',
      header: h,
      year: /^(\d{4})/.exec(h) ? Number(/^(\d{4})/.exec(h)![1]) : null,
    })),
    rows,
    endLine,
    footnotes: [],
    diagnostics: [],
  };
}
