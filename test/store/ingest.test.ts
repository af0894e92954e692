import { describe, expect, it } from 'vitest';
import { collectFiles, ingestPaths, listDocuments, type IngestEvent } from '../../src/store/index.js';
import { CORPUS_FILES } from '../helpers/corpus.js';
import { ENGINES, freshStore } from './engines.js';

/** The five Henan documents of the corpus: four plans and a work report of four regions. */
const HENAN = [
  'luoyang-jianxi-plan-2021-2025',
  'luoyang-jianxi-work-report-2022',
  'luoyang-luolong-plan-2021-2025',
  'luoyang-yanshi-plan-2021-2025',
  'xinxiang-weibin-plan-2021-2025',
].map((name) => `fixtures/corpus/${name}.txt`);

describe('collectFiles', () => {
  it('expands directories to document files and rejects a missing path', async () => {
    const files = await collectFiles(['fixtures/corpus']);
    expect(files).toHaveLength(CORPUS_FILES.length);
    expect(files.every((f) => f.endsWith('.txt'))).toBe(true);
    await expect(collectFiles(['fixtures/nope'])).rejects.toThrow(/fixtures\/nope: no such file/);
  });
});

describe.each(ENGINES)('ingest from disk on %s', (engine) => {
  it('reads the corpus in worker threads, once, and names each bad file with its reason', async () => {
    const store = await freshStore(engine);
    const events: IngestEvent[] = [];
    const report = await ingestPaths(
      store,
      [...HENAN, 'fixtures/bad/empty.txt', 'fixtures/bad/truncated.docx'],
      {
        threads: 2,
        onProgress: (e) => events.push(e),
      },
    );
    expect(report.failed.filter((f) => !f.file.includes('fixtures/bad'))).toEqual([]);
    expect(report.stored).toHaveLength(HENAN.length);
    expect(report.failed.map((f) => f.file).sort()).toEqual([
      'fixtures/bad/empty.txt',
      'fixtures/bad/truncated.docx',
    ]);
    expect(report.failed.find((f) => f.file.endsWith('empty.txt'))?.error).toMatch(
      /^fixtures\/bad\/empty\.txt: .*empty/,
    );
    expect(events.at(-1)).toMatchObject({ done: HENAN.length + 2, total: HENAN.length + 2 });
    const docs = await listDocuments(store.db);
    expect(docs.map((d) => d.doc_type).sort()).toEqual(['plan', 'plan', 'plan', 'plan', 'work_report']);
    expect(new Set(docs.map((d) => d.region)).size).toBe(4);

    const again = await ingestPaths(store, HENAN, { threads: 1 });
    expect(again.stored).toHaveLength(0);
    expect(again.duplicates.map((d) => d.documentId).sort()).toEqual(docs.map((d) => d.id).sort());
  });
});
