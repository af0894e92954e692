// Test access to the committed corpus and gold files (the repository is self-contained: no ../shared).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GoldExtraction } from '../../src/extract/model.js';
import type { RawDocument } from '../../src/readers/types.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export const CORPUS_FILES: readonly string[] = readdirSync(`${FIXTURES}corpus`)
  .filter((f) => f.endsWith('.txt'))
  .sort();

export const GOLD_FILES: readonly string[] = readdirSync(`${FIXTURES}gold`)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, '.txt'))
  .sort();

/** A corpus TXT file as the TXT reader gives it (UTF-8, no BOM). */
export function corpusDocument(name: string): RawDocument {
  return {
    path: `${FIXTURES}corpus/${name}`,
    format: 'txt',
    encoding: 'utf-8',
    text: readFileSync(`${FIXTURES}corpus/${name}`, 'utf8'),
    tables: [],
    diagnostics: [],
  };
}

export function goldFor(name: string): GoldExtraction {
  return JSON.parse(
    readFileSync(`${FIXTURES}gold/${name.replace(/\.txt$/, '.json')}`, 'utf8'),
  ) as GoldExtraction;
}

/** The corpus MANIFEST.tsv as records keyed by file name. */
export function manifest(): Map<string, Record<string, string>> {
  const [header, ...rows] = readFileSync(`${FIXTURES}corpus/MANIFEST.tsv`, 'utf8').trim().split('\n');
  const keys = header!.split('\t');
  return new Map(
    rows.map((row) => {
      const cells = row.split('\t');
      return [cells[0]!, Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']))];
    }),
  );
}
