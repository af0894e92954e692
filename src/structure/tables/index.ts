// Indicator tables (主要指标): found in any shape a document brings them in, rebuilt into typed, evidenced rows.
import type { Diagnostic } from '../../diagnostics.js';
import type { Layout, PhysicalLine } from '../../layout/index.js';
import type { RawDocument, RawTable } from '../../readers/index.js';
import { lineText } from '../../text/source-text.js';
import { compact } from './cells.js';
import { assembleRows, type Draft } from './draft.js';
import {
  gridDrafts,
  gridHeader,
  readDelimitedRows,
  readRealTable,
  readTabCells,
  type GridRow,
} from './grid.js';
import { footnotesAt } from './footnotes.js';
import { spannedHeader, hasSpacedCells, readSpacedRows } from './spaced.js';
import {
  cellColumnRoles,
  columnRoles,
  headerStrength,
  isHeaderLine,
  scanHeader,
  valueRoles,
} from './header.js';
import { tablePeriod } from './period.js';
import { readStatisticalGrid, readStatisticalTable, statisticalHeaderAfter } from './statistical.js';
import { readStream } from './stream.js';
import type { IndicatorTable, TableShape } from './types.js';
import { CAPTION, INDICATOR_CAPTION } from './vocabulary.js';

export type {
  ColumnRole,
  ColumnRoleKind,
  IndicatorRow,
  IndicatorTable,
  Footnote,
  Piece,
  RowCells,
  TableCell,
  TableKind,
  TableShape,
  ValueRole,
} from './types.js';
export { toExchangeTables } from './exchange.js';
export { splitNameUnit, categoryLabel } from './cells.js';
export { scanHeader, columnRoles } from './header.js';
/** Table reconstruction over laid-out documents, timed: for the benchmark runner. */

/** Header lines a table may run over before its body (a flattened two-level header takes about 14). */
const MAX_HEADER_LINES = 18;
/** Non-blank lines between a caption and its header. */
const CAPTION_REACH = 3;

interface HeaderBlock {
  /** Indices into the physical lines: first header line, and the line after the last. */
  start: number;
  end: number;
  text: string;
}

/** Every indicator table of a document: the reader's real tables first, then the tables written as text. */
export function findIndicatorTables(layout: Layout, raw?: RawDocument): IndicatorTable[] {
  const lines = layout.physical;
  const byLine = raw?.tables.length
    ? new Map(lines.map((l) => [l.line, l]))
    : new Map<number, PhysicalLine>();
  const tables: IndicatorTable[] = [];
  const covered: [number, number][] = [];
  for (const table of raw?.tables ?? []) {
    covered.push([table.startLine, table.endLine]);
    const read = realTable(layout, table, (n) => byLine.get(n));
    if (read) tables.push(read);
  }
  const inReal = (line: number): boolean => covered.some(([a, b]) => line >= a && line <= b);
  const flattenedOnly = raw?.format === 'pdf';
  let i = 0;
  while (i < lines.length) {
    const statistical = inReal(lines[i]!.line) ? null : statisticalHeaderAfter(lines, i);
    const read =
      statistical && !inReal(lines[statistical.at]!.line)
        ? readStatisticalTable(layout.source, lines, i, statistical)
        : null;
    if (read) {
      tables.push(read.table);
      i = read.end;
      continue;
    }
    const header = inReal(lines[i]!.line) ? null : headerBlockAt(lines, i);
    if (!header) {
      i += 1;
      continue;
    }
    const table = textTable(layout, header, flattenedOnly);
    if (table && table.rows > 0) {
      tables.push(table.table);
      i = Math.max(table.end, header.end);
    } else i = header.end;
  }
  return tables.sort((a, b) => a.line - b.line);
}

/** A header block starting at line i: header lines (with split labels around them) naming enough columns. */
function headerBlockAt(lines: readonly PhysicalLine[], i: number): HeaderBlock | null {
  const first = lines[i]!;
  if (first.text === '' || !isHeaderLine(first.text, false)) return null;
  let start = i;
  // Split labels (`序` of `序/号`) may sit above the first strong line.
  for (let k = i - 1, seen = 0; k >= 0 && seen < 2; k--) {
    const text = lines[k]!.text;
    if (text === '') continue;
    if (CAPTION.test(text.trim()) || !isHeaderLine(text, true) || compact(text).length > 4) break;
    start = k;
    seen += 1;
  }
  let end = i + 1;
  for (let k = i + 1, seen = 0; k < lines.length && seen < MAX_HEADER_LINES; k++) {
    const text = lines[k]!.text;
    if (text === '') continue;
    if (!isHeaderLine(text, true)) break;
    end = k + 1;
    seen += 1;
  }
  const text = lines
    .slice(start, end)
    .map((l) => l.text)
    .filter((t) => t !== '')
    .join('\n');
  if (headerStrength(scanHeader(text).tokens) < 3) return null;
  return { start, end, text };
}

/** The caption above a header: a `专栏`/`表` line, or a title naming the indicators, within a few lines. */
function captionBefore(lines: readonly PhysicalLine[], start: number): PhysicalLine | null {
  for (let k = start - 1, seen = 0; k >= 0 && seen < CAPTION_REACH; k--) {
    const line = lines[k]!;
    const text = line.text.trim();
    if (text === '') continue;
    if (CAPTION.test(text)) return line;
    const title = compact(text.replace(/\|/g, ''));
    if (seen === 0 && INDICATOR_CAPTION.test(title) && title.length <= 40 && !/[。；，]/.test(title))
      return line;
    seen += 1;
  }
  return null;
}

function captionText(line: PhysicalLine | null): string | null {
  if (!line) return null;
  return line.text
    .replace(/[|\s]+$/, '')
    .replace(/^[\t ]+/, '')
    .trim();
}

function shapeOf(lines: readonly PhysicalLine[], header: HeaderBlock, flattenedOnly: boolean): TableShape {
  if (flattenedOnly) return 'flattened';
  const texts = lines
    .slice(header.start, header.end)
    .map((l) => l.text)
    .filter((t) => t !== '');
  if (texts.some((t) => t.includes('|'))) return 'pipe';
  if (texts.some((t) => t.replace(/^\t+/, '').includes('\t'))) return 'tab-rows';
  if (texts.every((t) => t.startsWith('\t') || compact(t).length <= 4)) return 'tab-cells';
  if (hasSpacedCells(texts[0] ?? '')) return 'spaced';
  return 'flattened';
}

function textTable(
  layout: Layout,
  header: HeaderBlock,
  flattenedOnly: boolean,
): { table: IndicatorTable; rows: number; end: number } | null {
  const lines = layout.physical;
  const captionLine = captionBefore(lines, header.start);
  const caption = captionText(captionLine);
  const shape = shapeOf(lines, header, flattenedOnly);
  if (shape === 'flattened') {
    const columns = columnRoles(scanHeader(header.text).tokens);
    const roles = valueRoles(columns);
    const read = readStream(lines, header.end, {
      valueCount: roles.length,
      hasUnitColumn: columns.some((c) => c.role === 'unit'),
      caption: caption ? compact(caption) : null,
      header: compact(header.text.replace(/\|/g, '')),
    });
    return finish(
      layout,
      read.drafts,
      columns,
      roles,
      shape,
      captionLine,
      caption,
      lines[header.start]!.line,
      read.lastLine,
      read.end,
    );
  }
  if (shape === 'spaced') return spacedTable(layout, header, captionLine, caption);
  const read =
    shape === 'pipe'
      ? readDelimitedRows(lines, header.start, /\|/)
      : shape === 'tab-rows'
        ? readDelimitedRows(lines, header.start, /\t/)
        : readTabCells(lines, header.start);
  const end = read.end;
  const lastLine = lastNonBlank(lines, end) ?? lines[header.start]!.line;
  return gridTable(layout, read.rows, shape, captionLine, caption, lines[header.start]!.line, lastLine, end);
}

/** Index of the first physical line after 1-based source line `line`. */
function afterLine(lines: readonly PhysicalLine[], line: number): number {
  const index = lines.findIndex((l) => l.line > line);
  return index < 0 ? lines.length : index;
}

/** A table at column positions: header rows joined by position, then the body read like a grid. */
function spacedTable(
  layout: Layout,
  header: HeaderBlock,
  captionLine: PhysicalLine | null,
  caption: string | null,
): { table: IndicatorTable; rows: number; end: number } | null {
  const lines = layout.physical;
  const read = readSpacedRows(lines, layout.source, header.start);
  const headerEnd = lines[header.end - 1]!.line;
  const body = read.rows.findIndex((row) => row.line > headerEnd);
  const head = body < 0 ? read.rows : read.rows.slice(0, body);
  const columns = cellColumnRoles(spannedHeader(head));
  const roles = valueRoles(columns);
  const drafts = gridDrafts(body < 0 ? [] : read.rows.slice(body), {
    valueCount: roles.length,
    hasUnitColumn: columns.some((c) => c.role === 'unit'),
    hasAttributeColumn: columns.some((c) => c.role === 'attribute'),
  });
  const headerLine = lines[header.start]!.line;
  const lastLine = lastNonBlank(lines, read.end) ?? headerLine;
  return finish(
    layout,
    drafts,
    columns,
    roles,
    'spaced',
    captionLine,
    caption,
    headerLine,
    lastLine,
    read.end,
  );
}

function lastNonBlank(lines: readonly PhysicalLine[], end: number): number | null {
  for (let k = end - 1; k >= 0; k--) if (lines[k]!.text !== '') return lines[k]!.line;
  return null;
}

function gridTable(
  layout: Layout,
  rows: readonly GridRow[],
  shape: TableShape,
  captionLine: PhysicalLine | null,
  caption: string | null,
  headerLine: number,
  lastLine: number,
  end: number,
): { table: IndicatorTable; rows: number; end: number } | null {
  const head = gridHeader(rows, (text) => isHeaderLine(text, true));
  const columns = columnRoles(scanHeader(head.text.join('\n')).tokens);
  const roles = valueRoles(columns);
  const drafts = gridDrafts(rows.slice(head.body), {
    valueCount: roles.length,
    hasUnitColumn: columns.some((c) => c.role === 'unit'),
    hasAttributeColumn: shape !== 'real' && columns.some((c) => c.role === 'attribute'),
  });
  return finish(layout, drafts, columns, roles, shape, captionLine, caption, headerLine, lastLine, end);
}

function finish(
  layout: Layout,
  drafts: readonly Draft[],
  columns: IndicatorTable['columns'],
  roles: ReturnType<typeof valueRoles>,
  shape: TableShape,
  captionLine: PhysicalLine | null,
  caption: string | null,
  headerLine: number,
  lastLine: number,
  end: number,
): { table: IndicatorTable; rows: number; end: number } | null {
  const diagnostics: Diagnostic[] = [];
  const rows = assembleRows(drafts, roles, layout.source, diagnostics);
  if (rows.length === 0) return null;
  const table: IndicatorTable = {
    caption,
    captionLine: captionLine?.line ?? null,
    line: captionLine?.line ?? headerLine,
    kind: 'indicator',
    shape,
    period: tablePeriod(caption, columns),
    columns,
    rows,
    endLine: lastLine,
    footnotes: footnotesAt(layout.physical, afterLine(layout.physical, lastLine)),
    diagnostics,
  };
  return { table, rows: rows.length, end };
}

function realTable(
  layout: Layout,
  raw: RawTable,
  lineAt: (line: number) => PhysicalLine | undefined,
): IndicatorTable | null {
  const rows = readRealTable(raw, lineAt);
  const index = layout.physical.findIndex((l) => l.line === raw.startLine);
  const captionLine = index >= 0 ? captionBefore(layout.physical, index) : null;
  const head = gridHeader(rows, (text) => isHeaderLine(text, true));
  if (head.text.length === 0 || headerStrength(scanHeader(head.text.join('\n')).tokens) < 3)
    return readStatisticalGrid(layout.source, rows, captionLine, (n) => lineText(layout.source, n));
  const read = gridTable(
    layout,
    rows,
    'real',
    captionLine,
    captionText(captionLine),
    raw.startLine,
    raw.endLine,
    0,
  );
  return read?.table ?? null;
}
