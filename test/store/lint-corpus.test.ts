// The plan linter over the whole corpus, ingested into a fresh store: every finding it stores, compared with the
// findings captured before the linter read stored typed rows (lint-corpus.findings.json).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/store/index.js';
import { fromJson } from '../../src/store/json.js';
import { freshStore } from './engines.js';

const CORPUS = 'fixtures/corpus';

describe('plan linter on the corpus', () => {
  it('stores the findings captured before it read stored rows', async () => {
    const store = await freshStore('sqlite');
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    const report = await ingest(
      store,
      files.map((file) => ({ file, bytes: new Uint8Array(readFileSync(`${CORPUS}/${file}`)) })),
      { threads: 1 },
    );
    expect(report.failed).toEqual([]);
    const rows = await store.db
      .selectFrom('findings as f')
      .innerJoin('documents as d', 'd.id', 'f.document_id')
      .select(['d.filename', 'f.check', 'f.severity', 'f.message', 'f.citations', 'f.details'])
      .orderBy('d.filename')
      .orderBy('f.id')
      .execute();
    const filenameOf = new Map(
      (await store.db.selectFrom('documents').select(['id', 'filename']).execute()).map((d) => [
        d.id,
        d.filename,
      ]),
    );
    const findings = rows.map((r) => ({
      plan: r.filename,
      check: r.check,
      severity: r.severity,
      message: r.message,
      details: fromJson(r.details),
      // Document ids depend on ingest order; the cited file name does not.
      citations: fromJson<Array<Record<string, unknown>>>(r.citations).map(({ document_id, ...c }) => ({
        ...c,
        document: typeof document_id === 'number' ? (filenameOf.get(document_id) ?? null) : null,
      })),
    }));
    expect(findings.length).toBeGreaterThan(10);
    await expect(JSON.stringify(findings, null, 1) + '\n').toMatchFileSnapshot(
      './lint-corpus.findings.json',
    );
  });
});
