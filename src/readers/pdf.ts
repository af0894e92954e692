// Reads the text layer of a PDF with pdfjs-dist: visual lines top to bottom, TAB at column gaps, `\f` between pages.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LantuError, type Diagnostic } from '../diagnostics.js';
import { firstChar, lastChar, needsSpace } from './cjk.js';
import { limitError, READ_LIMIT_ENV, readLimits, type ReadLimits } from './limits.js';
import { checkPdfStreams } from './pdf-streams.js';
import { readScannedPdf } from './ocr.js';
import type { RawDocument } from './types.js';

/** Gap between items (in font heights) read as a table column gap and written as TAB. */
const TAB_GAP = 1.0;
/** The same where the text layer put a space character in the gap: a typed space stretched by justification. */
const SPACED_TAB_GAP = 1.2;
/** Gap (in font heights) below which two items touch; above it Latin words get a space. */
const SPACE_GAP = 0.15;
/**
 * Items whose baselines differ by at most this share of the larger font height sit on one line: a footnote mark
 * raised a third of the text's height (`生产总值[2]13902.67`) stays in its line; the next line is a full height away.
 */
const SAME_LINE = 0.5;
/** A complete PDF ends with %%EOF within its last kilobyte. */
const EOF_WINDOW = 1024;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

interface PlacedItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** A space character of the text layer: it marks a word gap but its width is often meaningless. */
  space?: boolean;
}

const require = createRequire(import.meta.url);
const PDFJS_ROOT = dirname(require.resolve('pdfjs-dist/package.json'));
let pdfjsPromise: Promise<PdfJs> | undefined;

/** Loads pdfjs once; in Node it runs its worker code in this thread (the "fake worker"), found by absolute URL. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc ||= pathToFileURL(
      join(PDFJS_ROOT, 'legacy/build/pdf.worker.mjs'),
    ).href;
    return pdfjs;
  });
  return pdfjsPromise;
}

export async function readPdf(
  bytes: Uint8Array,
  path: string,
  limits: Pick<ReadLimits, 'maxInflatedBytes' | 'maxNesting' | 'maxPages'> = readLimits(),
): Promise<RawDocument> {
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).includes('%PDF-')) {
    throw new LantuError({
      code: 'pdf/corrupt',
      file: path,
      message: 'not a PDF: no %PDF- header in the first kilobyte',
      expected: 'a PDF file',
    });
  }
  if (!hasEofMarker(bytes)) {
    throw new LantuError({
      code: 'pdf/corrupt',
      file: path,
      message: `PDF is truncated: no %%EOF marker at the end of its ${bytes.length} bytes`,
      expected: 'a complete PDF file (download it again)',
    });
  }
  checkPdfStreams(bytes, path, limits);
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // A plain Uint8Array copy: pdfjs refuses Buffers and may detach the buffer it is given.
    data: new Uint8Array(bytes),
    cMapUrl: join(PDFJS_ROOT, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS_ROOT, 'standard_fonts') + '/',
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy();
    throw openError(error, path);
  }
  try {
    if (doc.numPages > limits.maxPages) {
      throw limitError(
        path,
        'pages',
        `PDF has ${doc.numPages} pages, over the limit of ${limits.maxPages}`,
        `a PDF of at most ${limits.maxPages} pages (${READ_LIMIT_ENV.maxPages} raises it)`,
      );
    }
    const pages: string[][] = [];
    const emptyPages: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.flatMap((item) => ('str' in item ? placeItem(item) : []));
      if (items.length === 0) emptyPages.push(n);
      pages.push(groupLines(items));
      page.cleanup();
    }
    // Every page an image: a scan, read by OCR when it is installed.
    if (emptyPages.length === doc.numPages) return await readScannedPdf(bytes, path, doc.numPages);
    const diagnostics: Diagnostic[] = [];
    if (emptyPages.length > 0) {
      diagnostics.push({
        severity: 'warning',
        code: 'pdf/page-without-text',
        file: path,
        message: `no text layer on ${emptyPages.length === 1 ? 'page' : 'pages'} ${emptyPages.join(', ')} of ${doc.numPages} (scanned images?)`,
      });
    }
    const text = pages.map((lines) => lines.join('\n')).join('\n\f\n');
    return { path, format: 'pdf', encoding: null, text, tables: [], diagnostics };
  } catch (error) {
    if (error instanceof LantuError) throw error;
    throw new LantuError({
      code: 'pdf/corrupt',
      file: path,
      message: `cannot read PDF content: ${errorMessage(error)}`,
    });
  } finally {
    await doc.destroy();
  }
}

function hasEofMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).subarray(-EOF_WINDOW);
  return tail.includes('%%EOF');
}

function openError(error: unknown, path: string): LantuError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return new LantuError({
      code: 'pdf/encrypted',
      file: path,
      message: 'PDF is password-protected; cannot read it',
      expected: 'a PDF without an open password (remove the password and try again)',
    });
  }
  return new LantuError({
    code: 'pdf/corrupt',
    file: path,
    message: `not a readable PDF: ${errorMessage(error)}`,
    expected: 'a complete, undamaged PDF file',
  });
}

function placeItem(item: { str: string; transform: number[]; width: number; height: number }): PlacedItem[] {
  if (item.str === '') return [];
  const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
  const height = item.height || Math.hypot(c, d) || Math.hypot(a, b) || 1;
  if (item.str.trim() === '') return [{ str: ' ', x, y, width: 0, height, space: true }];
  return [{ str: item.str, x, y, width: item.width, height }];
}

/** Clusters items into visual lines by baseline, then writes each line left to right. */
export function groupLines(items: PlacedItem[]): string[] {
  const sorted = [...items].sort((p, q) => q.y - p.y || p.x - q.x);
  const lines: PlacedItem[][] = [];
  let anchor: PlacedItem | undefined;
  for (const item of sorted) {
    const current = lines[lines.length - 1];
    if (
      current &&
      anchor &&
      Math.abs(anchor.y - item.y) <= SAME_LINE * Math.max(anchor.height, item.height)
    ) {
      current.push(item);
    } else {
      lines.push([item]);
      anchor = item;
    }
  }
  return lines.map((line) => writeLine(line.sort((p, q) => p.x - q.x))).filter((line) => line !== '');
}

function writeLine(items: PlacedItem[]): string {
  let text = '';
  let previous: PlacedItem | undefined;
  /** A space character of the text layer lies between `previous` and the next item. */
  let spaced = false;
  for (const item of items) {
    if (item.space) {
      spaced = previous !== undefined;
      continue;
    }
    if (previous) {
      // Bold faked by drawing the same text twice, slightly shifted.
      if (item.str === previous.str && Math.abs(item.x - previous.x) < 0.5 * item.height) continue;
      const gap = item.x - (previous.x + previous.width);
      const size = Math.max(previous.height, item.height);
      if (gap > (spaced ? SPACED_TAB_GAP : TAB_GAP) * size) text += '\t';
      else if (spaced && !/\s$/.test(text) && !/^\s/.test(item.str)) text += ' ';
      else if (gap > SPACE_GAP * size && needsSpace(lastChar(text), firstChar(item.str))) text += ' ';
    }
    text += item.str;
    previous = item;
    spaced = false;
  }
  return text;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
