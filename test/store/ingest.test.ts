import { describe, expect, it } from 'vitest';
import { collectFiles, ingestPaths, listDocuments, type IngestEvent } from '../../src/store/index.js';
import { CORPUS_FILES, manifest } from '../helpers/corpus.js';
import { ENGINES, freshStore } from './engines.js';

const MANIFEST = [...manifest().values()];

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
      ['fixtures/corpus', 'fixtures/bad/empty.txt', 'fixtures/bad/truncated.docx'],
      {
        threads: 2,
        onProgress: (e) => events.push(e),
      },
    );
    expect(report.failed.filter((f) => !f.file.includes('fixtures/bad'))).toEqual([]);
    expect(report.stored).toHaveLength(CORPUS_FILES.length);
    expect(report.failed.map((f) => f.file).sort()).toEqual([
      'fixtures/bad/empty.txt',
      'fixtures/bad/truncated.docx',
    ]);
    expect(report.failed.find((f) => f.file.endsWith('empty.txt'))?.error).toMatch(
      /^fixtures\/bad\/empty\.txt: .*empty/,
    );
    expect(events.at(-1)).toMatchObject({ done: CORPUS_FILES.length + 2, total: CORPUS_FILES.length + 2 });
    const docs = await listDocuments(store.db);
    expect(docs.map((d) => d.doc_type).sort()).toEqual(MANIFEST.map((m) => m.doc_type).sort());
    expect(new Set(docs.map((d) => d.region)).size).toBe(new Set(MANIFEST.map((m) => m.region)).size);

    const again = await ingestPaths(store, ['fixtures/corpus'], { threads: 1 });
    expect(again.stored).toHaveLength(0);
    expect(again.duplicates.map((d) => d.documentId).sort()).toEqual(docs.map((d) => d.id).sort());
  });
});
