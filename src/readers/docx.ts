// Reads a Word .docx: paragraphs and real tables of the main document part, in body order, merged cells expanded.
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { strFromU8 } from 'fflate';
import { LantuError, type Diagnostic } from '../diagnostics.js';
import { joinFragments } from './cjk.js';
import { TableGrid, flattenCellText, renderTableRows } from './grid.js';
import { InflateBudget, readLimits, type ReadLimits } from './limits.js';
import type { RawCell, RawDocument, RawTable } from './types.js';
import { readZipMembers } from './zip.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const OFFICE_DOCUMENT_REL = /\/officeDocument$/;
/** Tables nested deeper than this inside cells are read as plain text. */
const MAX_TABLE_NESTING = 32;

/** Inline elements whose content is not document text (properties, deleted text, field codes, notes marks). */
const SKIPPED_INLINE = new Set([
  'pPr',
  'rPr',
  'del',
  'moveFrom',
  'delText',
  'instrText',
  'delInstrText',
  'footnoteReference',
  'endnoteReference',
  'commentReference',
  'sym',
  'object',
]);
/** Block containers whose children are read as if they stood in the body. */
const TRANSPARENT_BLOCKS = new Set(['sdt', 'sdtContent', 'customXml', 'ins', 'moveTo', 'smartTag']);

export function readDocx(
  bytes: Uint8Array,
  path: string,
  limits: Pick<ReadLimits, 'maxInflatedBytes'> = readLimits(),
): RawDocument {
  const xml = mainDocumentXml(bytes, path, new InflateBudget(limits.maxInflatedBytes, path));
  const diagnostics: Diagnostic[] = [];
  // Word never writes a DTD; one in the part can only declare entities (billion laughs, XXE): none is read.
  if (/<!DOCTYPE/i.test(xml.slice(0, 4096))) {
    throw new LantuError({
      code: 'docx/doctype',
      file: path,
      message:
        'word/document.xml declares a DOCTYPE (entity declarations are not read: no entity expansion, no external file)',
      expected: 'a Word .docx file as Word or WPS writes it, with no <!DOCTYPE> in its parts',
    });
  }
  let doc;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (error) {
    throw corrupt(path, `word/document.xml is not well-formed XML (${errorMessage(error)})`);
  }
  const body = childElements(doc.documentElement as unknown as Node).find((e) => isW(e, 'body'));
  if (!body) throw corrupt(path, 'word/document.xml has no <w:body>');

  const lines: string[] = [];
  const tables: RawTable[] = [];
  const emitTable = (rows: RawCell[][]): void => {
    if (rows.length === 0) return;
    const startLine = lines.length + 1;
    lines.push(...renderTableRows(rows));
    tables.push({ startLine, endLine: lines.length, rows });
  };
  readBlocks(body, {
    paragraph: (text) => lines.push(...text.split('\n')),
    table: (tbl) => emitTable(readTable(tbl, 0, diagnostics, path)),
  });
  if (lines.every((line) => line.trim() === '')) {
    throw new LantuError({ code: 'read/empty', file: path, message: 'Word document holds no text' });
  }
  return { path, format: 'docx', encoding: null, text: lines.join('\n'), tables, diagnostics };
}

/** Finds the main document part through the package relationships (usually word/document.xml) and inflates it. */
function mainDocumentXml(bytes: Uint8Array, path: string, budget: InflateBudget): string {
  const parts = unzipParts(
    bytes,
    path,
    budget,
    (name) => name === '_rels/.rels' || name === 'word/document.xml',
  );
  let target = 'word/document.xml';
  const rels = parts['_rels/.rels'];
  if (rels) {
    const match = [...strFromU8(rels).matchAll(/<Relationship\b[^>]*>/g)]
      .map((m) => m[0])
      .find((tag) => OFFICE_DOCUMENT_REL.test(attr(tag, 'Type') ?? ''));
    const found = match ? attr(match, 'Target') : undefined;
    if (found) target = found.replace(/^\//, '');
  }
  const part = parts[target] ?? unzipParts(bytes, path, budget, (name) => name === target)[target];
  if (!part) {
    throw corrupt(path, `no main document part (${target}) in the package; is it a Word .docx file?`);
  }
  return strFromU8(part);
}

/** The wanted parts, inflated under the document's budget (a bomb is a limit error, damage is corrupt). */
function unzipParts(
  bytes: Uint8Array,
  path: string,
  budget: InflateBudget,
  wanted: (name: string) => boolean,
): Record<string, Uint8Array> {
  try {
    return readZipMembers(bytes, wanted, budget);
  } catch (error) {
    if (error instanceof LantuError) throw error;
    throw corrupt(
      path,
      `cannot unzip the .docx package (${errorMessage(error)}); the file is truncated or damaged`,
    );
  }
}

interface BlockSink {
  paragraph(text: string): void;
  table(tbl: Element): void;
}

/** Walks block-level content (body, cell, text box) in order. */
function readBlocks(container: Element, sink: BlockSink): void {
  const stack: Element[] = childElements(container).reverse();
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (isW(el, 'p')) {
      const { text, textBoxes } = paragraphText(el);
      sink.paragraph(text);
      for (const box of textBoxes) readBlocks(box, sink);
    } else if (isW(el, 'tbl')) sink.table(el);
    else if (el.namespaceURI === W && TRANSPARENT_BLOCKS.has(el.localName ?? '')) {
      stack.push(...childElements(el).reverse());
    } else if (isAlternateContent(el)) {
      const choice = childElements(el)[0];
      if (choice) stack.push(...childElements(choice).reverse());
    }
  }
}

/** The text of a paragraph's runs (tabs as TAB, breaks as newline); text boxes are returned to be read after it. */
function paragraphText(p: Element): { text: string; textBoxes: Element[] } {
  let text = '';
  const textBoxes: Element[] = [];
  const stack: Element[] = childElements(p).reverse();
  while (stack.length > 0) {
    const el = stack.pop()!;
    const name = el.localName ?? '';
    if (isAlternateContent(el)) {
      // Choice and Fallback hold the same content twice; read the first.
      const choice = childElements(el)[0];
      if (choice) stack.push(...childElements(choice).reverse());
      continue;
    }
    if (name === 'txbxContent') {
      textBoxes.push(el);
      continue;
    }
    if (el.namespaceURI !== W) {
      stack.push(...childElements(el).reverse());
      continue;
    }
    if (SKIPPED_INLINE.has(name)) continue;
    if (name === 't') text += el.textContent ?? '';
    else if (name === 'tab' || name === 'ptab') text += '\t';
    else if (name === 'br' || name === 'cr') text += '\n';
    else if (name === 'noBreakHyphen') text += '-';
    else stack.push(...childElements(el).reverse());
  }
  return { text, textBoxes };
}

interface DocxCell {
  el: Element;
  col: number;
  colSpan: number;
  vMerge: 'restart' | 'continue' | undefined;
  hMergeContinue: boolean;
}

/** Expands a w:tbl to a full grid: w:gridSpan widens a cell, w:vMerge continue cells are covered by the cell above. */
function readTable(tbl: Element, depth: number, diagnostics: Diagnostic[], path: string): RawCell[][] {
  const rows = descendantsThrough(tbl, 'tr', 'tbl');
  const grid = new TableGrid();
  grid.reserveRows(rows.length);
  /** The origin cell currently open for a vertical merge, by grid column. */
  const open = new Map<number, { row: number; origin: RawCell; colSpan: number }>();
  rows.forEach((tr, r) => {
    const cells = rowCells(tr);
    for (const cell of cells) {
      const above = open.get(cell.col);
      if (cell.vMerge === 'continue' && above && above.row + above.origin.rowSpan === r) {
        above.origin.rowSpan++;
        for (let c = cell.col; c < cell.col + above.colSpan; c++) {
          if (grid.isFree(r, c)) grid.place(r, c, above.origin.text).covered = true;
        }
        continue;
      }
      if (cell.hMergeContinue && cell.col > 0 && !grid.isFree(r, cell.col - 1)) {
        for (let c = cell.col; c < cell.col + cell.colSpan; c++) grid.place(r, c, '').covered = true;
        continue;
      }
      const text = cellText(cell.el, depth, diagnostics, path);
      const origin = grid.place(r, cell.col, text, 1, cell.colSpan);
      if (cell.vMerge === 'restart' || cell.vMerge === 'continue') {
        open.set(cell.col, { row: r, origin, colSpan: cell.colSpan });
      } else open.delete(cell.col);
    }
  });
  const built = grid.build(diagnostics, path);
  fillCoveredText(built);
  return built;
}

/** Covered cells repeat their origin's text (the RawCell contract), also for w:hMerge continue cells. */
function fillCoveredText(rows: RawCell[][]): void {
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell.covered || cell.text !== '') return;
      const left = c > 0 ? row[c - 1] : undefined;
      const above = r > 0 ? rows[r - 1]![c] : undefined;
      cell.text = left?.text || above?.text || '';
    }),
  );
}

function rowCells(tr: Element): DocxCell[] {
  const trPr = childElements(tr).find((e) => isW(e, 'trPr'));
  let col = intVal(trPr && childElements(trPr).find((e) => isW(e, 'gridBefore'))) ?? 0;
  const cells: DocxCell[] = [];
  for (const tc of descendantsThrough(tr, 'tc', 'tbl')) {
    const tcPr = childElements(tc).find((e) => isW(e, 'tcPr'));
    const props = tcPr ? childElements(tcPr) : [];
    const colSpan = Math.max(1, intVal(props.find((e) => isW(e, 'gridSpan'))) ?? 1);
    const vMergeEl = props.find((e) => isW(e, 'vMerge'));
    const hMergeEl = props.find((e) => isW(e, 'hMerge'));
    const vMerge = vMergeEl ? (wAttr(vMergeEl, 'val') === 'restart' ? 'restart' : 'continue') : undefined;
    const hMergeContinue = hMergeEl !== undefined && wAttr(hMergeEl, 'val') !== 'restart';
    cells.push({ el: tc, col, colSpan, vMerge, hMergeContinue });
    col += colSpan;
  }
  return cells;
}

/** A cell's paragraphs joined into one line; nested tables flattened into the text row by row. */
function cellText(tc: Element, depth: number, diagnostics: Diagnostic[], path: string): string {
  const parts: string[] = [];
  readBlocks(tc, {
    paragraph: (text) => parts.push(flattenCellText(text)),
    table: (tbl) => {
      if (depth >= MAX_TABLE_NESTING) {
        parts.push(flattenCellText(tbl.textContent ?? ''));
        return;
      }
      if (depth === 0) {
        diagnostics.push({
          severity: 'info',
          code: 'docx/nested-table',
          file: path,
          message: 'a table nested inside a table cell was flattened into the cell text',
        });
      }
      for (const row of readTable(tbl, depth + 1, diagnostics, path)) {
        parts.push(joinFragments(row.filter((c) => !c.covered).map((c) => c.text)));
      }
    },
  });
  return flattenCellText(joinFragments(parts));
}

/** Elements named `name` under `root`, looking through wrappers (sdt, customXml) but not into nested `stop` elements. */
function descendantsThrough(root: Element, name: string, stop: string): Element[] {
  const found: Element[] = [];
  const stack = childElements(root).reverse();
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (isW(el, name)) found.push(el);
    else if (!isW(el, stop) && (TRANSPARENT_BLOCKS.has(el.localName ?? '') || isAlternateContent(el))) {
      stack.push(...childElements(el).reverse());
    }
  }
  return found;
}

function childElements(node: Node | Element): Element[] {
  const out: Element[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) out.push(child as Element);
  }
  return out;
}

function isW(el: Element, name: string): boolean {
  return el.namespaceURI === W && el.localName === name;
}

function isAlternateContent(el: Element): boolean {
  return el.namespaceURI === MC && el.localName === 'AlternateContent';
}

function wAttr(el: Element, name: string): string | null {
  return el.getAttributeNS(W, name) ?? el.getAttribute(`w:${name}`);
}

function intVal(el: Element | undefined): number | undefined {
  if (!el) return undefined;
  const n = Number.parseInt(wAttr(el, 'val') ?? '', 10);
  return Number.isFinite(n) ? n : undefined;
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
}

function corrupt(path: string, message: string): LantuError {
  return new LantuError({
    code: 'docx/corrupt',
    file: path,
    message,
    expected: 'a complete Word .docx file',
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
