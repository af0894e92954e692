// Worker thread for `lantu extract` on many files: reads and extracts one document, returns its exchange JSON.
import { analyzeDocument, toGoldFormat } from '../pipeline.js';
import { readFile } from '../readers/index.js';
import type { GoldExtraction } from '../extract/model.js';

export type ExtractResult =
  { file: string; ok: true; gold: GoldExtraction } | { file: string; ok: false; error: string };

export default async function extractFile(file: string): Promise<ExtractResult> {
  try {
    return { file, ok: true, gold: toGoldFormat(analyzeDocument(await readFile(file))) };
  } catch (error) {
    return { file, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
