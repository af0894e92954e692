// Reads an HTML page: visible text in document order, block elements as lines, real tables with spans expanded.
import iconv from 'iconv-lite';
import { LantuError, type Diagnostic } from '../diagnostics.js';
import { decodeText, firstInvalidUtf8 } from '../text/decode.js';
import { isWideChar, joinFragments } from './cjk.js';
import { parseHtml } from './html-events.js';
import { MAX_TABLE_COLUMNS, TableGrid, flattenCellText, renderTableRows } from './grid.js';
import type { RawCell, RawDocument, RawTable } from './types.js';

/** Elements whose content is never shown as document text. */
const HIDDEN_ELEMENTS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'select',
  'datalist',
  'audio',
  'video',
]);
/** Elements that may stand in <head>; any other start tag means the body began without </head>. */
const HEAD_CONTENT = new Set(['meta', 'link', 'title', 'style', 'script', 'base', 'noscript', 'template']);
/** Elements that start and end a line of text. */
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'br',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'ul',
]);
const PREFORMATTED = new Set(['pre', 'textarea', 'listing', 'plaintext']);
/** Charset labels that all mean GB18030 or one of its subsets. */
const GB_LABELS = new Set([
  'gb2312',
  'gbk',
  'gb18030',
  'x-gbk',
  'cp936',
  'windows-936',
  'euc-cn',
  'csgb2312',
]);
/** The HTML limit for rowspan; layoutTable also cuts spans at the table's last row. */
const MAX_ROW_SPAN = 65534;

interface HtmlCell {
  raw: string;
  rowSpan: number;
  colSpan: number;
}

interface TableState {
  rows: HtmlCell[][];
  row: HtmlCell[] | undefined;
  cell: HtmlCell | undefined;
  caption: string | undefined;
  inCaption: boolean;
  /** The cell of an enclosing table this one is nested in; nested tables are flattened into it. */
  parentCell: HtmlCell | undefined;
}

export function readHtml(bytes: Uint8Array, path: string): RawDocument {
  const { text: html, encoding, diagnostics } = decodeHtml(bytes, path);
  const { lines, tables } = htmlToLines(html, path, diagnostics);
  if (lines.every((line) => line.trim() === '')) {
    throw new LantuError({ code: 'read/empty', file: path, message: 'HTML page has no visible text' });
  }
  return { path, format: 'html', encoding, text: lines.join('\n'), tables, diagnostics };
}

/** Decodes the page: a BOM wins, then <meta charset>, then detection as for text files. */
function decodeHtml(
  bytes: Uint8Array,
  path: string,
): { text: string; encoding: string; diagnostics: Diagnostic[] } {
  const hasBom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff);
  const declared = hasBom ? undefined : declaredCharset(bytes);
  if (declared === undefined || declared === 'utf-8') {
    const decoded = decodeText(bytes, path);
    if (declared === 'utf-8' && decoded.encoding === 'gb18030') {
      decoded.diagnostics.push(charsetMismatch(path, declared, decoded.encoding));
    }
    return decoded;
  }
  const label = GB_LABELS.has(declared) ? 'gb18030' : declared;
  if (!iconv.encodingExists(label)) {
    const decoded = decodeText(bytes, path);
    decoded.diagnostics.push({
      severity: 'warning',
      code: 'html/unknown-charset',
      file: path,
      message: `unknown charset "${declared}" in <meta>; decoded as ${decoded.encoding}`,
    });
    return decoded;
  }
  // Pages re-saved as UTF-8 keep their old <meta>; non-ASCII bytes that are valid UTF-8 are almost never GBK.
  if (firstInvalidUtf8(bytes) === -1 && bytes.some((b) => b >= 0x80)) {
    const decoded = decodeText(bytes, path);
    decoded.diagnostics.push(charsetMismatch(path, declared, decoded.encoding));
    return decoded;
  }
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), label);
  return { text, encoding: label, diagnostics: [] };
}

function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const match = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
  const label = match?.[1]?.toLowerCase();
  return label === 'utf8' ? 'utf-8' : label;
}

function charsetMismatch(path: string, declared: string, used: string): Diagnostic {
  return {
    severity: 'warning',
    code: 'html/charset-mismatch',
    file: path,
    message: `<meta> declares charset ${declared} but the bytes are ${used}; decoded as ${used}`,
  };
}

/** Streams the page's tag events (iterative and linear, so hostile nesting cannot overflow the stack). */
export function htmlToLines(
  html: string,
  path: string,
  diagnostics: Diagnostic[],
): { lines: string[]; tables: RawTable[] } {
  const lines: string[] = [];
  const tables: RawTable[] = [];
  /** One entry per open element: whether it hides its content. */
  const open: { name: string; hides: boolean }[] = [];
  /** The <head> element while it is open and hiding its content. */
  let unclosedHead: { name: string; hides: boolean } | undefined;
  let hiddenDepth = 0;
  let preDepth = 0;
  let inline = '';
  const tableStack: TableState[] = [];

  const top = (): TableState | undefined => tableStack[tableStack.length - 1];
  const flushLine = (): void => {
    const text = collapseWhitespace(inline);
    inline = '';
    if (text !== '') lines.push(text);
  };
  /** A block boundary: a new line in the page, a fragment break inside a table cell. */
  const breakLine = (): void => {
    const table = top();
    if (table?.cell) table.cell.raw += '\n';
    else if (table?.inCaption) table.caption = (table.caption ?? '') + '\n';
    else flushLine();
  };
  const closeCell = (table: TableState): void => {
    if (table.cell) (table.row ??= []).push(table.cell);
    table.cell = undefined;
  };
  const closeRow = (table: TableState): void => {
    closeCell(table);
    if (table.row) table.rows.push(table.row);
    table.row = undefined;
  };
  const closeTable = (): void => {
    const table = tableStack.pop()!;
    closeRow(table);
    const rows = layoutTable(table.rows, diagnostics, path);
    if (table.parentCell) {
      const flat = rows.map((row) => joinFragments(row.filter((c) => !c.covered).map((c) => c.text)));
      table.parentCell.raw += `\n${flat.join('\n')}\n`;
      return;
    }
    flushLine();
    const caption = collapseWhitespace(table.caption ?? '');
    if (caption !== '') lines.push(caption);
    if (rows.length === 0) return;
    const startLine = lines.length + 1;
    lines.push(...renderTableRows(rows));
    tables.push({ startLine, endLine: lines.length, rows });
  };

  parseHtml(html, {
    onopentag(name, attribs) {
      // A body element inside an unclosed <head> ends the head, as browsers do.
      if (unclosedHead?.hides && hiddenDepth === 1 && !HEAD_CONTENT.has(name)) {
        unclosedHead.hides = false;
        hiddenDepth--;
      }
      const element = { name, hides: HIDDEN_ELEMENTS.has(name) || isHiddenByAttribute(attribs) };
      open.push(element);
      if (name === 'head') unclosedHead = element;
      if (element.hides) hiddenDepth++;
      if (hiddenDepth > 0) return;
      if (PREFORMATTED.has(name)) preDepth++;
      openElement(name, attribs);
    },
    onclosetag(name) {
      const element = open.pop();
      if (element === unclosedHead) unclosedHead = undefined;
      if (element?.hides) {
        hiddenDepth--;
        return;
      }
      if (hiddenDepth > 0) return;
      if (PREFORMATTED.has(name)) preDepth = Math.max(0, preDepth - 1);
      closeElement(name);
    },
    ontext(text) {
      if (hiddenDepth > 0) return;
      if (preDepth > 0) {
        // Preformatted spaces survive the collapse as NBSP; its newlines are line breaks.
        const parts = text.replace(/[ \t]/g, '\u00a0').split('\n');
        parts.forEach((part, i) => {
          if (i > 0) breakLine();
          appendText(part);
        });
      } else appendText(text);
    },
  });

  function appendText(text: string): void {
    const table = top();
    if (table?.cell) table.cell.raw += text;
    else if (table?.inCaption) table.caption = (table.caption ?? '') + text;
    else inline += text;
  }

  function openElement(name: string, attribs: Record<string, string>): void {
    const table = top();
    switch (name) {
      case 'table':
        breakLine();
        tableStack.push({
          rows: [],
          row: undefined,
          cell: undefined,
          caption: undefined,
          inCaption: false,
          parentCell: table?.cell,
        });
        return;
      case 'caption':
        if (table) table.inCaption = true;
        return;
      case 'tr':
      case 'thead':
      case 'tbody':
      case 'tfoot':
        if (table) closeRow(table);
        else breakLine();
        return;
      case 'td':
      case 'th':
        if (!table) return breakLine();
        closeCell(table);
        table.cell = {
          raw: '',
          rowSpan: rowSpanValue(attribs.rowspan),
          colSpan: colSpanValue(attribs.colspan),
        };
        return;
      default:
        if (BLOCK_ELEMENTS.has(name)) breakLine();
    }
  }

  function closeElement(name: string): void {
    const table = top();
    switch (name) {
      case 'table':
        if (table) closeTable();
        return;
      case 'caption':
        if (table) table.inCaption = false;
        return;
      case 'tr':
      case 'thead':
      case 'tbody':
      case 'tfoot':
        if (table) closeRow(table);
        return;
      case 'td':
      case 'th':
        if (table) closeCell(table);
        else breakLine();
        return;
      default:
        if (BLOCK_ELEMENTS.has(name)) breakLine();
    }
  }

  while (tableStack.length > 0) closeTable();
  flushLine();
  return { lines, tables };
}

/** Lays a table's cells onto the grid; rowspan 0 or beyond the table runs to its last row. */
function layoutTable(rows: HtmlCell[][], diagnostics: Diagnostic[], path: string): RawCell[][] {
  const grid = new TableGrid();
  grid.reserveRows(rows.length);
  rows.forEach((cells, r) => {
    let col = 0;
    for (const cell of cells) {
      col = grid.nextFreeColumn(r, col);
      const rowSpan = cell.rowSpan === 0 ? rows.length - r : Math.min(cell.rowSpan, rows.length - r);
      grid.place(r, col, cellText(cell.raw), rowSpan, cell.colSpan);
      col += cell.colSpan;
    }
  });
  return grid.build(diagnostics, path);
}

function cellText(raw: string): string {
  return flattenCellText(joinFragments(raw.split('\n').map(collapseWhitespace)));
}

/** HTML whitespace rules: runs collapse to one space, and a line break between two hanzi disappears (CSS Text 3). */
export function collapseWhitespace(raw: string): string {
  const collapsed = raw.replace(/[ \t\n\r\f]+/g, (run, offset: number, whole: string) => {
    if (!run.includes('\n')) return ' ';
    const before = whole[offset - 1];
    const after = whole[offset + run.length];
    return isWideChar(before) && isWideChar(after) ? '' : ' ';
  });
  return collapsed.replace(/\u00a0/g, ' ').trim();
}

/** rowspan="0" means "to the end of the table"; 0 is kept for layoutTable to resolve. */
function rowSpanValue(value: string | undefined): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, MAX_ROW_SPAN) : 1;
}

function colSpanValue(value: string | undefined): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_TABLE_COLUMNS) : 1;
}

function isHiddenByAttribute(attribs: Record<string, string>): boolean {
  return (
    attribs.hidden !== undefined || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(attribs.style ?? '')
  );
}
