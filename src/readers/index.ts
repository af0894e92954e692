// Reads any supported document (TXT, DOCX, PDF, HTML) into a RawDocument, choosing the reader by content, then name.
import { readFile as readFileBytes, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { LantuError } from '../diagnostics.js';
import { readDocx } from './docx.js';
import { readHtml } from './html.js';
import { readPdf } from './pdf.js';
import { readTxt } from './txt.js';
import { limitError, READ_LIMIT_ENV, readLimits, type ReadLimits } from './limits.js';
import type { DocumentFormat, RawDocument } from './types.js';

export type { DocumentFormat, RawCell, RawDocument, RawTable } from './types.js';
export { DEFAULT_READ_LIMITS, isLimitCode, READ_LIMIT_ENV, readLimits, type ReadLimits } from './limits.js';
export { decodeText, type DecodedText, type TextEncodingName } from '../text/decode.js';

/** Largest file read by default (256 MB). */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

export interface ReadOptions {
  /** Refuse files larger than this many bytes (default 256 MB). */
  maxBytes?: number;
  /** Inflated sizes, pages, nesting and line length (default: readLimits(), i.e. the environment's). */
  limits?: ReadLimits;
}

/** Extensions by format, used when the content has no telling signature. */
const EXTENSION_FORMATS: Readonly<Record<string, DocumentFormat>> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'txt',
  '.csv': 'txt',
  '.tsv': 'txt',
  '.docx': 'docx',
  '.pdf': 'pdf',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.shtml': 'html',
};

/** Formats we recognise but cannot read, with what the user can do instead. */
const UNSUPPORTED_SIGNATURES: readonly { bytes: readonly number[]; message: string }[] = [
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    message:
      'legacy Office file (.doc/.xls/.wps) or password-protected Office file; save it as .docx without a password',
  },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], message: 'RTF document; save it as .docx' },
];

const SUPPORTED = 'a .txt, .docx, .pdf or .html file';

/** Chooses a reader: signatures first (ZIP → DOCX, %PDF → PDF, <html / <!doctype → HTML), then the file extension. */
export function detectFormat(bytes: Uint8Array, path: string): DocumentFormat {
  const unsupported = UNSUPPORTED_SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b));
  if (unsupported) {
    throw new LantuError({
      code: 'read/unsupported-format',
      file: path,
      message: unsupported.message,
      expected: SUPPORTED,
    });
  }
  if (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 0x03 || bytes[2] === 0x05) &&
    (bytes[3] === 0x04 || bytes[3] === 0x06)
  ) {
    return 'docx';
  }
  const head = sniffText(bytes);
  if (head.slice(0, 1024).includes('%PDF-')) return 'pdf';
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype\s+html|<html[\s>])/i.test(head)) return 'html';
  const byExtension = EXTENSION_FORMATS[extname(path).toLowerCase()];
  if (byExtension) return byExtension;
  throw new LantuError({
    code: 'read/unknown-format',
    file: path,
    message: `unknown document format (extension "${extname(path) || 'none'}" and content not recognised)`,
    expected: SUPPORTED,
  });
}

/**
 * Reads a document from its bytes; `path` names it in messages and picks the reader when content does not. A file
 * over a limit, or whose text is empty once read, is refused: nothing is stored for a document that shows nothing.
 */
export async function readDocument(
  bytes: Uint8Array,
  path: string,
  limits: ReadLimits = readLimits(),
): Promise<RawDocument> {
  if (bytes.length === 0)
    throw new LantuError({ code: 'read/empty', file: path, message: 'file is empty (0 bytes)' });
  const doc = await readByFormat(bytes, path, limits);
  checkLines(doc.text, path, limits.maxLineChars);
  if (doc.text.trim() === '') {
    throw new LantuError({
      code: 'read/no-content',
      file: path,
      message: `no readable text in this ${doc.format.toUpperCase()} file`,
      expected: 'a document with text',
    });
  }
  return doc;
}

function readByFormat(
  bytes: Uint8Array,
  path: string,
  limits: ReadLimits,
): Promise<RawDocument> | RawDocument {
  switch (detectFormat(bytes, path)) {
    case 'docx':
      return readDocx(bytes, path, limits);
    case 'pdf':
      return readPdf(bytes, path, limits);
    case 'html':
      return readHtml(bytes, path);
    case 'txt':
      return readTxt(bytes, path);
  }
}

/** Refuses text with a line longer than `max` characters (a one-line 60 MB file is no document to read). */
function checkLines(text: string, path: string, max: number): void {
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (end - start > max) {
      throw limitError(
        path,
        'line-length',
        `line ${line} has ${end - start} characters, over the limit of ${max}`,
        `lines of at most ${max} characters (${READ_LIMIT_ENV.maxLineChars} raises it)`,
      );
    }
    if (newline < 0) return;
    start = newline + 1;
    line++;
  }
}

/** Reads a document file from disk, refusing files over `maxBytes` before loading them. */
export async function readFile(path: string, options: ReadOptions = {}): Promise<RawDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile())
      throw new LantuError({ code: 'read/not-a-file', file: path, message: 'not a regular file' });
    size = info.size;
  } catch (error) {
    if (error instanceof LantuError) throw error;
    throw new LantuError({
      code: 'read/not-found',
      file: path,
      message: `cannot open file: ${errorMessage(error)}`,
    });
  }
  if (size > maxBytes) {
    throw new LantuError({
      code: 'read/too-large',
      file: path,
      message: `file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit`,
      expected: `a file of at most ${formatBytes(maxBytes)} (raise the size limit to read it)`,
    });
  }
  return readDocument(await readFileBytes(path), path, options.limits);
}

/** The first bytes as text for signature checks (UTF-16 pages are sniffed through their BOM). */
function sniffText(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 2048);
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head);
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head);
  return new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${n} bytes`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
export { collectFiles, DOCUMENT_EXTENSIONS } from './files.js';
