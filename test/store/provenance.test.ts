// Provenance that never changes: document values keep their source and ingest stamp; conflicts stay side by side.
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { deriveRegions, recordObservation, storeRecord, type Store } from '../../src/store/index.js';
import { approvePending } from './approve.js';
import { ENGINES, freshStore } from './engines.js';
import { goldRecord } from './corpus.js';
import { signedIn } from '../helpers/accounts.js';

const PLAN = 'luoyang-jianxi-plan-2021-2025';
const REPORT = 'luoyang-jianxi-work-report-2022';

async function observationsOf(store: Store) {
  return store.db
    .selectFrom('observations')
    .select(['id', 'source_kind', 'document_id', 'line', 'quote', 'value', 'recorded_by', 'recorded_at'])
    .orderBy('id')
    .execute();
}

describe.each(ENGINES)('provenance on %s', (engine) => {
  it('keeps who recorded a document value and when (its ingest) through any number of re-derivations', async () => {
    const store = await freshStore(engine);
    for (const name of [PLAN, REPORT]) {
      const { record, bytes } = goldRecord(name);
      await storeRecord(store, record, bytes, { actor: '王敏' });
    }
    const report = await store.db
      .selectFrom('documents')
      .select(['id', 'ingested_at', 'ingested_by', 'region_id'])
      .where('doc_type', '=', 'work_report')
      .executeTakeFirstOrThrow();
    const before = await observationsOf(store);
    expect(before.length).toBeGreaterThan(0);
    for (const o of before)
      expect(o).toMatchObject({
        source_kind: 'document',
        document_id: report.id,
        recorded_by: '王敏',
        recorded_at: report.ingested_at,
      });
    // Two recalculations by someone else, later: nothing about the document values changes.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await deriveRegions(store.db, [report.region_id!], '李强');
    await deriveRegions(store.db, [report.region_id!], '李强');
    expect(await observationsOf(store)).toEqual(before);
  });

  it('keeps a person’s conflicting value beside the document’s, flags both, and judges with the person’s', async () => {
    const store = await freshStore(engine);
    for (const name of [PLAN, REPORT]) {
      const { record, bytes } = goldRecord(name);
      await storeRecord(store, record, bytes);
    }
    const documentValue = await store.db
      .selectFrom('observations')
      .selectAll()
      .where('source_kind', '=', 'document')
      .where('row_id', 'is not', null)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const indicator = documentValue.indicator_id;
    const personId = await recordObservation(store.db, {
      region_id: documentValue.region_id,
      indicator_id: indicator,
      year: documentValue.year,
      value: '7.77',
      unit: documentValue.unit,
      note: '统计局最终核实数',
      by: '张华',
    });
    await approvePending(store.db);
    await deriveRegions(store.db, [documentValue.region_id], '张华');
    const app = await signedIn(await buildServer({ db: store.db }), store.db);
    try {
      const res = await app.inject({
        method: 'GET',
        url: `/api/observations?indicator_id=${indicator}&year=${documentValue.year}`,
      });
      const items = res.json().items as Array<{
        id: number;
        value: string;
        conflict: boolean;
        conflicts_with: number[];
      }>;
      expect(items.map((o) => [o.id, o.value, o.conflict, o.conflicts_with])).toEqual([
        [documentValue.id, documentValue.value, true, [personId]],
        [personId, '7.77', true, [documentValue.id]],
      ]);
      // Only these two disagree: every other observation is listed without a conflict.
      const all = (await app.inject({ method: 'GET', url: '/api/observations?limit=1000' })).json();
      expect(all.items.filter((o: { conflict: boolean }) => o.conflict)).toHaveLength(2);
    } finally {
      await app.close();
    }
    // The document's value is still there, unchanged; the statuses use the person's choice.
    expect(
      await store.db
        .selectFrom('observations')
        .selectAll()
        .where('id', '=', documentValue.id)
        .executeTakeFirst(),
    ).toEqual(documentValue);
    const judged = await store.db
      .selectFrom('statuses')
      .select('components')
      .where('row_id', '=', documentValue.row_id!)
      .where('year', '=', documentValue.year)
      .execute();
    expect(judged.length).toBeGreaterThan(0);
    for (const s of judged) expect(JSON.stringify(s.components)).toContain('7.77');
  });
});
