// Derivation and region creation under concurrency: one writer per region, unique keys with ON CONFLICT, and
// statuses that keep their ids (and their overrides) across recomputations.
import { describe, expect, it } from 'vitest';
import {
  deriveRegions,
  ensureRegion,
  getStatus,
  ingestPaths,
  listStatuses,
  overrideStatus,
  recordObservation,
  storeRecord,
  type Store,
} from '../../src/store/index.js';
import { childDatabase, runLantu, startLantu } from '../helpers/lantu-process.js';
import { goldRecord } from './corpus.js';
import { approvePending } from './approve.js';
import { ENGINES, freshStore } from './engines.js';

const PLAN = 'luoyang-jianxi-plan-2021-2025';
const REPORT = 'luoyang-jianxi-work-report-2022';
const JIANXI = { region: '涧西区', parent_region: '洛阳市', province: '河南省' };

async function storeJianxi(store: Store): Promise<number> {
  for (const name of [PLAN, REPORT]) {
    const { record, bytes } = goldRecord(name);
    await storeRecord(store, record, bytes);
  }
  const region = await store.db
    .selectFrom('regions')
    .select('id')
    .where('name', '=', '涧西区')
    .executeTakeFirstOrThrow();
  return region.id;
}

const keyOf = (s: { row_id: number; year: number; target_kind: string }) =>
  `${s.row_id}:${s.year}:${s.target_kind}`;

describe.each(ENGINES)('derivation identity on %s', (engine) => {
  it('keeps status ids and overrides across recomputations, and document observations as recorded', async () => {
    const store = await freshStore(engine);
    const region = await storeJianxi(store);
    const first = await listStatuses(store.db);
    expect(first.length).toBeGreaterThan(0);
    const judged = first.find((s) => s.indicator_id === 'gdp-growth' && s.year === 2021)!;
    await overrideStatus(store.db, judged.id, { label: '基本符合预期', reason: '口径调整', by: 'reviewer' });
    await approvePending(store.db);
    const observations = await store.db.selectFrom('observations').selectAll().orderBy('id').execute();

    // A new year of GDP: new statuses for 2022, and every earlier status keeps its id (some change label).
    await recordObservation(store.db, {
      region_id: region,
      indicator_id: 'gdp',
      year: 2022,
      value: '480',
      unit: '亿元',
      by: 'tester',
    });
    await approvePending(store.db);
    const second = new Map((await listStatuses(store.db)).map((s) => [keyOf(s), s]));
    expect(second.size).toBeGreaterThan(first.length);
    for (const s of first) expect(second.get(keyOf(s))?.id).toBe(s.id);
    const latest = new Set((await listStatuses(store.db, { latest: true })).map((s) => s.id));
    expect(latest.has(judged.id)).toBe(false);

    // A full recomputation by someone else changes nothing: the same ids, the override still attached.
    await deriveRegions(store.db, [region], 'someone-else');
    const third = await listStatuses(store.db);
    expect(third.map((s) => [s.id, keyOf(s), s.label])).toEqual(
      [...second.values()].map((s) => [s.id, keyOf(s), s.label]),
    );
    expect((await getStatus(store.db, judged.id))?.override).toMatchObject({ label: '基本符合预期' });
    const documentObservations = await store.db
      .selectFrom('observations')
      .selectAll()
      .where('source_kind', '=', 'document')
      .orderBy('id')
      .execute();
    expect(documentObservations).toEqual(observations);
  });

  it('derives one region from two writers at once without an error, as a serial derive does', async () => {
    const store = await freshStore(engine);
    const region = await storeJianxi(store);
    const serial = (await listStatuses(store.db)).map((s) => [s.id, keyOf(s), s.label]);
    const reports = await Promise.all([
      deriveRegions(store.db, [region], 'a'),
      deriveRegions(store.db, [region], 'b'),
    ]);
    expect(reports[0]).toEqual(reports[1]);
    expect((await listStatuses(store.db)).map((s) => [s.id, keyOf(s), s.label])).toEqual(serial);
  });
});

describe('regions under concurrency on postgres', () => {
  it('creates a region once when a second transaction asks for it before the first commits', async () => {
    const store = await freshStore('postgres');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let first!: number;
    let created!: () => void;
    const inserted = new Promise<void>((resolve) => (created = resolve));
    const holder = store.db.transaction().execute(async (trx) => {
      first = (await ensureRegion(trx, JIANXI))!;
      created();
      await gate;
    });
    await inserted;
    // Waits on the unique key (name, parent) until the first commits, then finds its row.
    const second = store.db.transaction().execute((trx) => ensureRegion(trx, JIANXI));
    release();
    await holder;
    expect(await second).toBe(first);
    const names = (await store.db.selectFrom('regions').select('name').execute()).map((r) => r.name).sort();
    expect(names).toEqual(['河南省', '洛阳市', '涧西区'].sort());
  });

  it('two `lantu ingest` processes on one database store each document and region once', async () => {
    const clean = await freshStore('postgres');
    const files = [PLAN, REPORT].map((name) => `fixtures/corpus/${name}.txt`);
    await ingestPaths(clean, files, { threads: 1 });
    const cleanStatuses = (await listStatuses(clean.db)).length;

    const target = await childDatabase('postgres');
    try {
      const args = (order: string[]) => ['ingest', '-j', '1', '--no-progress', ...order];
      const a = startLantu(args(files), target.env);
      const b = runLantu(args([...files].reverse()), target.env);
      await b;
      expect((await a.exited).code).toBe(0);
      const store = await target.open();
      try {
        const regions = await store.db.selectFrom('regions').select(['name', 'parent_id']).execute();
        expect(regions.map((r) => r.name).sort()).toEqual(['河南省', '洛阳市', '涧西区'].sort());
        const documents = await store.db.selectFrom('documents').select('sha256').execute();
        expect(documents).toHaveLength(2);
        expect((await listStatuses(store.db)).length).toBe(cleanStatuses);
        expect(await store.db.selectFrom('pending_derivations').selectAll().execute()).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      await target.drop();
    }
  }, 240_000);
});
