import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFile } from './index.js';

const CORPUS = join(import.meta.dirname, '../../fixtures/corpus');
const files = readdirSync(CORPUS).filter((f) => f.endsWith('.txt'));
const listed = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);

describe('TXT reader on the corpus', () => {
  it('finds every corpus document the manifest lists', () => {
    expect(files.sort()).toEqual(listed.map((row) => row.split('\t')[0]).sort());
  });

  it.each(files)('%s decodes as UTF-8, identical to the file', async (file) => {
    const path = join(CORPUS, file);
    const raw = readFileSync(path, 'utf8');
    const doc = await readFile(path);
    expect(doc).toMatchObject({ path, format: 'txt', encoding: 'utf-8', tables: [], diagnostics: [] });
    expect(doc.text === raw).toBe(true);
    expect(doc.text.split('\n').length).toBe(raw.split('\n').length);
  });
});
