// Reads an HTML page: visible text in document order, block elements as lines, real tables with spans expanded.
import iconv from 'iconv-lite';
import { LantuError, type Diagnostic } from '../diagnostics.js';
import { decodeText, firstInvalidUtf8 } from '../text/decode.js';
import { isWideChar, joinFragments } from './cjk.js';
import { parseHtml } from './html-events.js';
import { MAX_TABLE_COLUMNS, TableGrid, flattenCellText, renderTableRows, titleRowCount } from './grid.js';
import { ElementKind, ElementStats, visibleChars } from './html-article.js';
import { TERMINAL_PUNCTUATION } from '../vocabulary/index.js';
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
/** Share of a text run's line breaks that must look like paragraph ends for the run to keep them. */
const LINE_BREAK_SHARE = 0.6;
/** Longest line read as a title standing alone (a heading such as 第三章  建设现代化产业体系). */
const TITLE_CHARS = 40;
/** The HTML limit for rowspan; layoutTable also cuts spans at the table's last row. */
const MAX_ROW_SPAN = 65534;

interface HtmlCell {
  raw: string;
  rowSpan: number;
  colSpan: number;
  /** The element the cell's text began in, and its non-link characters (for finding the article). */
  owner: number;
  chars: number;
}

interface TableState {
  rows: HtmlCell[][];
  row: HtmlCell[] | undefined;
  cell: HtmlCell | undefined;
  caption: string | undefined;
  inCaption: boolean;
  /** The cell of an enclosing table this one is nested in; nested tables are flattened into it. */
  parentCell: HtmlCell | undefined;
  /** The <table> element's id, the owner of every line the table renders. */
  id: number;
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
  /** The element each line's text began in and its non-link characters, to keep only the article at the end. */
  const owners: number[] = [];
  const ownText: number[] = [];
  const tables: RawTable[] = [];
  const stats = new ElementStats();
  /** One entry per open element: whether it hides its content, and its id in `stats`. */
  const open: { name: string; hides: boolean; id: number; lineBreaks: boolean }[] = [];
  /** The <head> element while it is open and hiding its content. */
  let unclosedHead: { name: string; hides: boolean } | undefined;
  let hiddenDepth = 0;
  let preDepth = 0;
  /** Open elements whose CSS keeps the text's own line breaks (white-space: pre-line and the like). */
  let lineBreakDepth = 0;
  let linkDepth = 0;
  let inline = '';
  let inlineOwner = 0;
  /** No visible text in `inline` yet (the line's owner is the element its first visible text is in). */
  let inlineBlank = true;
  let inlineChars = 0;
  /** Text between two tags, gathered so a run that carries its own line breaks is judged whole. */
  let run = '';
  const tableStack: TableState[] = [];

  const top = (): TableState | undefined => tableStack[tableStack.length - 1];
  const current = (): number => open[open.length - 1]?.id ?? 0;
  const flushLine = (): void => {
    const text = collapseWhitespace(inline);
    inline = '';
    inlineBlank = true;
    if (text !== '') {
      lines.push(text);
      owners.push(inlineOwner);
      ownText.push(inlineChars);
      stats.addBlock(inlineOwner, inlineChars);
    }
    inlineChars = 0;
  };
  /** A block boundary: a new line in the page, a fragment break inside a table cell. */
  const breakLine = (): void => {
    const table = top();
    if (table?.cell) table.cell.raw += '\n';
    else if (table?.inCaption) table.caption = (table.caption ?? '') + '\n';
    else flushLine();
  };
  const closeCell = (table: TableState): void => {
    if (table.cell) {
      (table.row ??= []).push(table.cell);
      stats.addBlock(table.cell.owner, table.cell.chars);
      if (table.cell.chars > 0) stats.addCell(table.cell.owner);
    }
    table.cell = undefined;
  };
  const closeRow = (table: TableState): void => {
    closeCell(table);
    if (table.row) table.rows.push(table.row);
    table.row = undefined;
  };
  const pushLine = (text: string, owner: number): void => {
    lines.push(text);
    owners.push(owner);
    ownText.push(visibleChars(text));
  };
  const closeTable = (): void => {
    const table = tableStack.pop()!;
    closeRow(table);
    const grid = layoutTable(table.rows, diagnostics, path);
    if (table.parentCell) {
      const flat = grid.map((row) => joinFragments(row.filter((c) => !c.covered).map((c) => c.text)));
      table.parentCell.raw += `\n${flat.join('\n')}\n`;
      return;
    }
    flushLine();
    const caption = collapseWhitespace(table.caption ?? '');
    if (caption !== '') pushLine(caption, table.id);
    // A first row that is one cell across the whole table is the table's title, as a <caption> would be.
    const titles = titleRowCount(grid);
    for (const row of grid.slice(0, titles)) pushLine(row[0]!.text, table.id);
    const rows = grid.slice(titles);
    if (rows.length === 0) return;
    const startLine = lines.length + 1;
    for (const line of renderTableRows(rows)) pushLine(line, table.id);
    tables.push({ startLine, endLine: lines.length, rows });
  };

  parseHtml(html, {
    onopentag(name, attribs) {
      flushRun();
      // A body element inside an unclosed <head> ends the head, as browsers do.
      if (unclosedHead?.hides && hiddenDepth === 1 && !HEAD_CONTENT.has(name)) {
        unclosedHead.hides = false;
        hiddenDepth--;
      }
      const id = stats.open(current(), elementKind(name));
      const element = {
        name,
        hides: HIDDEN_ELEMENTS.has(name) || isHiddenByAttribute(attribs),
        id,
        lineBreaks: keepsLineBreaks(attribs),
      };
      open.push(element);
      if (name === 'head') unclosedHead = element;
      if (element.hides) hiddenDepth++;
      if (hiddenDepth > 0) return;
      if (PREFORMATTED.has(name)) preDepth++;
      if (element.lineBreaks) lineBreakDepth++;
      if (name === 'a') linkDepth++;
      openElement(name, attribs, id);
    },
    onclosetag(name) {
      flushRun();
      const element = open.pop();
      if (element) stats.close(element.id);
      if (element === unclosedHead) unclosedHead = undefined;
      if (element?.hides) {
        hiddenDepth--;
        return;
      }
      if (hiddenDepth > 0) return;
      if (PREFORMATTED.has(name)) preDepth = Math.max(0, preDepth - 1);
      if (element?.lineBreaks) lineBreakDepth--;
      if (name === 'a') linkDepth = Math.max(0, linkDepth - 1);
      closeElement(name);
    },
    ontext(text) {
      if (hiddenDepth === 0) run += text;
    },
  });
  flushRun();

  function flushRun(): void {
    if (run === '') return;
    const text = run;
    run = '';
    if (preDepth > 0) {
      // Preformatted spaces survive the collapse as NBSP; its newlines are line breaks.
      text
        .replace(/[ \t]/g, '\u00a0')
        .split('\n')
        .forEach((part, i) => {
          if (i > 0) breakLine();
          appendText(part);
        });
    } else if (lineBreakDepth > 0 || carriesLineBreaks(text)) {
      text.split(/\r\n?|\n/).forEach((part, i) => {
        if (i > 0) breakLine();
        appendText(part);
      });
    } else appendText(text);
  }

  function appendText(text: string): void {
    const owner = current();
    const chars = linkDepth > 0 ? 0 : visibleChars(text);
    stats.addText(owner, chars);
    const table = top();
    if (table?.cell) {
      if (table.cell.chars === 0 && chars > 0) table.cell.owner = owner;
      table.cell.raw += text;
      table.cell.chars += chars;
    } else if (table?.inCaption) table.caption = (table.caption ?? '') + text;
    else {
      if (inlineBlank && /\S/.test(text)) {
        inlineOwner = owner;
        inlineBlank = false;
      }
      inline += text;
      inlineChars += chars;
    }
  }

  function openElement(name: string, attribs: Record<string, string>, id: number): void {
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
          id,
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
          owner: id,
          chars: 0,
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
  const { article, last, headline } = stats.findArticle();
  if (article === 0) return { lines, tables };
  // Between the headline and the body, lines of links only (share buttons, font-size switches) are chrome too.
  const keep = (i: number): boolean =>
    owners[i]! <= last && (owners[i]! >= article || (owners[i]! >= headline && ownText[i]! > 0));
  return keepLines(lines, tables, keep);
}

/** Keeps the lines `keep` accepts (the article) and renumbers the tables' lines. */
function keepLines(
  lines: string[],
  tables: RawTable[],
  keep: (index: number) => boolean,
): { lines: string[]; tables: RawTable[] } {
  const kept: string[] = [];
  /** New 1-based line number of each old line (0 when dropped). */
  const renumbered = new Int32Array(lines.length + 1);
  lines.forEach((line, i) => {
    if (!keep(i)) return;
    kept.push(line);
    renumbered[i + 1] = kept.length;
  });
  const keptTables = tables
    .filter((t) => renumbered[t.startLine]! > 0)
    .map((t) => ({ ...t, startLine: renumbered[t.startLine]!, endLine: renumbered[t.endLine]! }));
  return { lines: kept, tables: keptTables };
}

/**
 * Whether a text run between two tags breaks its own lines (plain text pasted into a page styled to keep it): most of
 * its line breaks follow a sentence end, a short title or a blank line. Source wrapping breaks anywhere.
 */
export function carriesLineBreaks(text: string): boolean {
  const parts = text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '').split(/\r\n?|\n/);
  if (parts.length < 3) return false;
  let breaks = 0;
  let lineLike = 0;
  for (let i = 0; i + 1 < parts.length; i++) {
    const line = parts[i]!.trim();
    if (line === '') continue;
    breaks += 1;
    const next = parts[i + 1]!.trim();
    if (next === '' || TERMINAL_PUNCTUATION.test(line) || (i > 0 && isTitleLine(line))) lineLike += 1;
  }
  return breaks >= 2 && lineLike >= LINE_BREAK_SHARE * breaks;
}

/** A short line without sentence punctuation: a heading or title standing on its own line. */
function isTitleLine(line: string): boolean {
  return line.length <= TITLE_CHARS && !/[，。；,;]/.test(line);
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

function elementKind(name: string): number {
  if (name === 'table' || name === 'tbody' || name === 'thead' || name === 'tr') {
    return ElementKind.Table | ElementKind.Block;
  }
  if (name === 'h1') return ElementKind.Headline | ElementKind.Block;
  return BLOCK_ELEMENTS.has(name) || name === 'td' || name === 'th' ? ElementKind.Block : 0;
}

/** CSS white-space values that keep the text's line breaks. */
function keepsLineBreaks(attribs: Record<string, string>): boolean {
  return /white-space\s*:\s*(?:pre(?:-line|-wrap)?|break-spaces)\b/i.test(attribs.style ?? '');
}

function isHiddenByAttribute(attribs: Record<string, string>): boolean {
  return (
    attribs.hidden !== undefined || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(attribs.style ?? '')
  );
}
