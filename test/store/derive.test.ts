import { describe, expect, it } from 'vitest';
import {
  deriveRegions,
  linkExtraction,
  linkName,
  listAudit,
  listFindings,
  listStatuses,
  recordObservation,
  storeRecord,
  type Store,
} from '../../src/store/index.js';
import { approvePending } from './approve.js';
import { ENGINES, freshStore } from './engines.js';
import { goldRecord } from './corpus.js';

const PLAN = 'luoyang-jianxi-plan-2021-2025';
const REPORT = 'luoyang-jianxi-work-report-2022';

async function regionIds(store: Store): Promise<number[]> {
  return (await store.db.selectFrom('regions').select('id').execute()).map((r) => r.id);
}

/** Findings without ids and times: what a plan was found to say, to compare two derives. */
async function findingsOf(store: Store, documentId: number) {
  return (await listFindings(store.db, { document_id: documentId })).map((f) => ({
    check: f.check,
    message: f.message,
    citations: f.citations.map((c) => ({ line: c.line, quote: c.quote, doc: c.doc })),
  }));
}

describe('linking', () => {
  it('decides once per distinct name and unit, and links every subject of an extraction in order', () => {
    expect(linkName('地区生产总值', '亿元')).toBe(linkName('地区生产总值', '亿元'));
    expect(linkName('地区生产总值', '亿元')).not.toBe(linkName('地区生产总值', '%'));
    const x = goldRecord(PLAN).record.extraction;
    const links = linkExtraction(x);
    expect(links.rows.map((r) => r.length)).toEqual(x.tables.map((t) => t.rows.length));
    expect(links.targets).toHaveLength(x.targets.length);
    x.targets.forEach((t, i) => expect(links.targets[i]).toEqual(linkName(t.indicator, t.unit)));
  });
});

describe.each(ENGINES)('derive on %s', (engine) => {
  it('marks the newest year of each target as latest, and lists latest statuses in SQL', async () => {
    const store = await freshStore(engine);
    for (const name of [PLAN, REPORT]) {
      const { record, bytes } = goldRecord(name);
      await storeRecord(store, record, bytes);
    }
    // A second year of GDP data: its targets now have statuses for 2021 and 2022.
    const region = (
      await store.db.selectFrom('regions').select('id').where('name', '=', '涧西区').executeTakeFirstOrThrow()
    ).id;
    await recordObservation(store.db, {
      region_id: region,
      indicator_id: 'gdp',
      year: 2022,
      value: '480',
      unit: '亿元',
      by: 'tester',
    });
    await approvePending(store.db);
    const all = await listStatuses(store.db);
    const latest = await listStatuses(store.db, { latest: true });
    const newest = new Map<string, number>();
    for (const s of all)
      newest.set(
        `${s.row_id}:${s.target_kind}`,
        Math.max(newest.get(`${s.row_id}:${s.target_kind}`) ?? 0, s.year),
      );
    expect(latest.length).toBe(newest.size);
    expect(all.length).toBeGreaterThan(latest.length);
    for (const s of latest) expect(s.year).toBe(newest.get(`${s.row_id}:${s.target_kind}`));
  });

  it('lints only the new plan when a plan arrives, and every plan when a report arrives', async () => {
    const store = await freshStore(engine);
    const first = goldRecord(PLAN);
    const { documentId: planA } = await storeRecord(store, first.record, first.bytes);
    const before = await store.db
      .selectFrom('findings')
      .select(['id'])
      .where('document_id', '=', planA)
      .execute();
    expect(before.length).toBeGreaterThan(0);

    // A second plan of the same region (other bytes, same text): plan A's findings stay as they were.
    const second = goldRecord(PLAN, 'second copy');
    const { documentId: planB } = await storeRecord(store, second.record, second.bytes);
    const afterPlan = await store.db
      .selectFrom('findings')
      .select(['id'])
      .where('document_id', '=', planA)
      .execute();
    expect(afterPlan).toEqual(before);
    expect((await findingsOf(store, planB)).length).toBe(before.length);

    // A report changes what both plans are checked against: both are linted again.
    const report = goldRecord(REPORT);
    await storeRecord(store, report.record, report.bytes);
    const [lastDerive] = await listAudit(store.db, { entity: 'region', limit: 1 });
    expect((lastDerive!.detail as { linted: number[] }).linted.sort()).toEqual([planA, planB].sort());
    const statusesB = await listStatuses(store.db, { document_id: planB, latest: true });
    const statusesA = await listStatuses(store.db, { document_id: planA, latest: true });
    expect(statusesB.map((s) => [s.label, s.year, s.target_kind])).toEqual(
      statusesA.map((s) => [s.label, s.year, s.target_kind]),
    );
  });

  it('finds the same in a plan whether its region holds a report once or many copies of it', async () => {
    // A report whose 2020 value of a plan indicator disagrees with the plan's base (a hand-made case).
    const plan = goldRecord(PLAN);
    const row = plan.gold.indicator_tables
      .flatMap((t) => t.rows)
      .find(
        (r) =>
          /^\d+(\.\d+)?$/.test(r.base_raw ?? '') &&
          linkName(r.name, r.unit).indicator_id &&
          !/增长/.test(r.name),
      )!;
    const reportOf = (salt: string) => {
      const { record, bytes } = goldRecord(REPORT, salt);
      const value = String(Number(row.base_raw) * 2 + 1);
      record.extraction.achievements.push({
        indicator: row.name,
        value,
        unit: row.unit,
        year: 2020,
        period: null,
        metric: row.unit === '%' ? 'share' : 'level',
        evidence: { line: 1, quote: `${row.name}${value}`, start: 0, end: 0 },
      });
      return { record, bytes };
    };
    const once = await freshStore(engine);
    const many = await freshStore(engine);
    for (const store of [once, many]) await storeRecord(store, plan.record, plan.bytes, { derive: false });
    const report = reportOf('');
    await storeRecord(once, report.record, report.bytes, { derive: false });
    for (let copy = 0; copy < 3; copy++) {
      const { record, bytes } = reportOf(copy === 0 ? '' : `copy ${copy}`);
      await storeRecord(many, record, bytes, { derive: false });
    }
    const a = await deriveRegions(once.db, await regionIds(once));
    const b = await deriveRegions(many.db, await regionIds(many), 'lantu', { threads: 2 });
    expect(b.findings).toBe(a.findings);
    const found = await findingsOf(once, 1);
    expect(await findingsOf(many, 1)).toEqual(found);
    const disagree = found.filter((f) => f.check === 'plan/base-disagrees' && f.message.includes(row.name));
    expect(disagree).toHaveLength(1);
    expect(disagree[0]!.citations.map((c) => c.doc)).toContain(`${REPORT}.txt`);
    // Three copies report every value three times; statuses judge each year once.
    expect(b.observations).toBe(3 * a.observations);
    expect(b.statuses).toBe(a.statuses);
  });

  it('lints many plans in worker threads with the same findings as in this thread', async () => {
    const store = await freshStore(engine);
    const ids: number[] = [];
    for (let copy = 0; copy < 8; copy++) {
      const { record, bytes } = goldRecord(PLAN, copy === 0 ? '' : `copy ${copy}`);
      ids.push((await storeRecord(store, record, bytes, { derive: false })).documentId);
    }
    const pooled = await deriveRegions(store.db, await regionIds(store), 'lantu', { threads: 2 });
    const inThread = await deriveRegions(store.db, await regionIds(store), 'lantu', { documents: [ids[0]!] });
    expect(pooled.findings).toBe(8 * inThread.findings);
    const first = await findingsOf(store, ids[0]!);
    expect(first.length).toBeGreaterThan(0);
    for (const id of ids.slice(1)) expect(await findingsOf(store, id)).toEqual(first);
  });
});
