// Corpus documents as store records with their gold extraction (the reviewed exchange format), for store tests.
import { readFileSync } from 'node:fs';
import { fromGoldFormat } from '../../src/extract/exchange.js';
import type { GoldExtraction } from '../../src/extract/model.js';
import { sha256Of, storeRecord, type DocumentRecord, type Store } from '../../src/store/index.js';
import { decodeText } from '../../src/text/decode.js';

export const CORPUS = 'fixtures/corpus';
export const GOLD_DOCS = [
  'luoyang-jianxi-plan-2021-2025',
  'luoyang-jianxi-work-report-2022',
  'luoyang-luolong-plan-2021-2025',
  'luoyang-yanshi-plan-2021-2025',
] as const;

/** A corpus document with its reviewed extraction (`gold`, exchange format) read into the native model (`record`). */
export function goldRecord(
  name: string,
  salt = '',
): { record: DocumentRecord; bytes: Uint8Array; gold: GoldExtraction } {
  let bytes = new Uint8Array(readFileSync(`${CORPUS}/${name}.txt`));
  // A salt appended after the text gives other bytes (another sha256) with the same lines.
  if (salt) bytes = new Uint8Array([...bytes, ...new TextEncoder().encode(`\n${salt}\n`)]);
  const { text, encoding } = decodeText(bytes, `${name}.txt`);
  const gold = JSON.parse(readFileSync(`fixtures/gold/${name}.json`, 'utf8')) as GoldExtraction;
  const extraction = fromGoldFormat(gold, text);
  return {
    bytes,
    gold,
    record: {
      filename: `${name}.txt`,
      sha256: sha256Of(bytes),
      format: 'txt',
      encoding,
      text,
      diagnostics: [],
      extraction,
    },
  };
}

/** The Jianxi plan and its 2022 work report: a plan with statuses, findings, review items and observations. */
export const JIANXI = ['luoyang-jianxi-plan-2021-2025', 'luoyang-jianxi-work-report-2022'] as const;

/** Store corpus documents with their gold extraction, in order (ids 1, 2, … in a fresh store). */
export async function storeGold(store: Store, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const { record, bytes } = goldRecord(name);
    await storeRecord(store, record, bytes);
  }
}
