// The pure half of ingest: bytes → the record the store keeps (extraction with evidence offsets); runs in workers.
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.js';
import type { Extraction } from '../extract/model.js';
import { analyzeDocument, extractionOf } from '../pipeline.js';
import { readDocument, type ReadLimits } from '../readers/index.js';
import { searchUnits, type SearchUnit } from '../search/index.js';
import { linkExtraction, type DocumentLinks } from './linking.js';
import { makeSourceText } from '../text/source-text.js';

/** Everything ingest stores about one document except its bytes (which the caller already holds). */
export interface DocumentRecord {
  filename: string;
  sha256: string;
  format: string;
  encoding: string | null;
  text: string;
  /** The messages of every stage (reader, tables, …), each with its line where it has one. */
  diagnostics: Diagnostic[];
  /** The engine's native extraction: its own offsets and exact decimal text, stored as they are. */
  extraction: Extraction;
  /** Catalog links of the extraction's subjects, computed with it off the writer's thread (else at insert). */
  links?: DocumentLinks;
  /** The reflowed lines search indexes, computed with the extraction off the writer's thread (else at insert). */
  search?: SearchUnit[];
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Read, extract and link one document (pure: no files, no database); `limits` default to the environment's. */
export async function analyzeBytes(
  bytes: Uint8Array,
  filename: string,
  limits?: ReadLimits,
): Promise<DocumentRecord> {
  const raw = await readDocument(bytes, filename, limits);
  const analysis = analyzeDocument(raw);
  const extraction = extractionOf(analysis);
  return {
    filename,
    sha256: sha256Of(bytes),
    format: raw.format,
    encoding: raw.encoding,
    text: raw.text,
    diagnostics: extraction.diagnostics,
    extraction,
    links: linkExtraction(extraction),
    search: searchUnits(analysis.layout),
  };
}

export { makeSourceText };
