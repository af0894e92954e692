// Table rows keep the engine's own evidence: the stored offsets select the stored quote in the stored text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PlacedCell } from '../../src/monitor/index.js';
import { ingest } from '../../src/store/index.js';
import { fromJson } from '../../src/store/json.js';
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

  it('stores each value cell with the evidence of where it is written (what the linter cites)', async () => {
    const store = await freshStore(engine);
    const bytes = new Uint8Array(readFileSync(`fixtures/corpus/${PLAN}`));
    await ingest(store, [{ file: PLAN, bytes }], { threads: 1, derive: false });
    const { text } = await store.db.selectFrom('documents').select('text').executeTakeFirstOrThrow();
    const rows = await store.db.selectFrom('indicator_rows').select(['line', 'typed']).execute();
    let placed = 0;
    for (const r of rows)
      for (const [name, cell] of Object.entries(fromJson<Record<string, PlacedCell>>(r.typed))) {
        if (cell.type === 'empty') continue;
        expect(cell.evidence, `${name} of the row on line ${r.line}`).toBeDefined();
        const e = cell.evidence!;
        // A wrapped cell spans lines; its quote is its first line's part.
        expect(text.slice(e.start, e.end).startsWith(e.quote)).toBe(true);
        expect(text.slice(e.start, e.end).replace(/\s+/g, '')).toBe(cell.raw.replace(/\s+/g, ''));
        expect(e.line).toBeGreaterThanOrEqual(r.line);
        placed += 1;
      }
    expect(placed).toBeGreaterThan(30);
  });
});
