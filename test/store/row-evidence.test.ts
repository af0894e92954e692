// Table rows keep the engine's own evidence: the stored offsets select the stored quote in the stored text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/store/index.js';
import { ENGINES, freshStore } from './engines.js';

const PLAN = 'luoyang-jianxi-plan-2021-2025.txt';

describe.each(ENGINES)('row evidence on %s', (engine) => {
  it('stores each indicator row with source offsets of its name cell', async () => {
    const store = await freshStore(engine);
    const bytes = new Uint8Array(readFileSync(`fixtures/corpus/${PLAN}`));
    const report = await ingest(store, [{ file: PLAN, bytes }], { threads: 1, derive: false });
    expect(report.failed).toEqual([]);
    const { text } = await store.db.selectFrom('documents').select('text').executeTakeFirstOrThrow();
    const rows = await store.db
      .selectFrom('indicator_rows')
      .select(['quote', 'line', 'start', 'end'])
      .execute();
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      expect(r.start, `row on line ${r.line}`).not.toBeNull();
      expect(text.slice(r.start!, r.end!)).toBe(r.quote);
    }
  });
});
