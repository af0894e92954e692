// The pure half of ingest: bytes → the record the store keeps (extraction with evidence offsets); runs in workers.
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.js';
import type { GoldExtraction } from '../extract/model.js';
import { analyzeDocument, toGoldFormat } from '../pipeline.js';
import { readDocument } from '../readers/index.js';
import { searchUnits, type SearchUnit } from '../search/index.js';
import { linkExtraction, type DocumentLinks } from './linking.js';
import { lineRange, lineText, makeSourceText, type SourceText } from '../text/source-text.js';

/** Everything ingest stores about one document except its bytes (which the caller already holds). */
export interface DocumentRecord {
  filename: string;
  sha256: string;
  format: string;
  encoding: string | null;
  text: string;
  diagnostics: Diagnostic[];
  extraction: GoldExtraction;
  /** Catalog links of the extraction's subjects, computed with it off the writer's thread (else at insert). */
  links?: DocumentLinks;
  /** The reflowed lines search indexes, computed with the extraction off the writer's thread (else at insert). */
  search?: SearchUnit[];
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Read, extract and link one document (pure: no files, no database). */
export async function analyzeBytes(bytes: Uint8Array, filename: string): Promise<DocumentRecord> {
  const raw = await readDocument(bytes, filename);
  const analysis = analyzeDocument(raw);
  const extraction = toGoldFormat(analysis);
  return {
    filename,
    sha256: sha256Of(bytes),
    format: raw.format,
    encoding: raw.encoding,
    text: raw.text,
    diagnostics: raw.diagnostics,
    extraction,
    links: linkExtraction(extraction),
    search: searchUnits(analysis.layout),
  };
}

export interface Span {
  line: number;
  quote: string;
  start: number | null;
  end: number | null;
}

/** Offsets of a quote on its 1-based line, so evidence points at characters and not only at a line. */
export function spanOf(source: SourceText, line: number, quote: string): Span {
  const text = lineText(source, line);
  const at = quote ? text.indexOf(quote) : -1;
  if (at < 0) return { line, quote, start: null, end: null };
  const start = lineRange(source, line).start + at;
  return { line, quote, start, end: start + quote.length };
}

/** The quote for a table row: its name as written on its line, else the trimmed line. */
export function rowQuote(source: SourceText, line: number, name: string): string {
  const text = lineText(source, line);
  return text.includes(name) ? name : text.trim();
}

export { makeSourceText };
