import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  approveEntries,
  listApprovals,
  deriveRegions,
  listFindings,
  listIndicatorRows,
  listObservations,
  listReviewItems,
  listStatuses,
  loadExtraction,
  migrateToLatest,
  resolveReviewItem,
  storeRecord,
  overrideStatus,
  listAudit,
  getStatus,
} from '../../src/store/index.js';
import { lineText, makeSourceText } from '../../src/text/source-text.js';
import { ENGINES, freshStore } from './engines.js';
import { GOLD_DOCS, goldRecord } from './corpus.js';

async function count(
  store: Awaited<ReturnType<typeof freshStore>>,
  table: 'documents' | 'indicator_rows' | 'targets' | 'links' | 'review_items',
) {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(ENGINES)('store on %s', (engine) => {
  it('migrates once and is a no-op the second time', async () => {
    const store = await freshStore(engine);
    await migrateToLatest(store.db);
    expect(await count(store, 'documents')).toBe(0);
  });

  it('stores a document once (sha256) and keeps its bytes and extraction', async () => {
    const store = await freshStore(engine);
    const { record, bytes, gold } = goldRecord('luoyang-jianxi-plan-2021-2025');
    const first = await storeRecord(store, record, bytes, { derive: false });
    const again = await storeRecord(store, record, bytes, { derive: false });
    expect(first.created).toBe(true);
    expect(again).toEqual({ documentId: first.documentId, created: false });
    expect(await count(store, 'documents')).toBe(1);
    const content = await store.db.selectFrom('documents').select('content').executeTakeFirstOrThrow();
    expect(Buffer.compare(Buffer.from(content.content), Buffer.from(bytes))).toBe(0);
    const back = await loadExtraction(store.db, first.documentId);
    expect(back?.indicator_tables[0]?.rows).toEqual(gold.indicator_tables[0]?.rows);
    expect(back?.targets.length).toBe(record.extraction.targets.length);
  });

  it('leaves nothing half-written when a document fails mid-transaction', async () => {
    const store = await freshStore(engine);
    const { record, bytes } = goldRecord('luoyang-jianxi-plan-2021-2025');
    // A target without a line violates NOT NULL after the document row, headings and table were written.
    const broken = structuredClone(record);
    (broken.extraction.targets[5]!.evidence as { line: number | null }).line = null;
    await expect(storeRecord(store, broken, bytes, { derive: false })).rejects.toThrow();
    expect(await count(store, 'documents')).toBe(0);
    expect(await count(store, 'indicator_rows')).toBe(0);
    expect(await count(store, 'targets')).toBe(0);
    expect(await count(store, 'links')).toBe(0);
  });

  it('links every plan row to the catalog or queues it for review with candidates', async () => {
    const store = await freshStore(engine);
    for (const name of GOLD_DOCS) {
      const { record, bytes } = goldRecord(name);
      await storeRecord(store, record, bytes, { derive: false });
    }
    const rows = await listIndicatorRows(store.db, { doc_type: 'plan' });
    const goldRows = GOLD_DOCS.map((n) => goldRecord(n).gold)
      .filter((x) => x.doc_type === 'plan')
      .reduce((s, x) => s + x.indicator_tables.reduce((t, table) => t + table.rows.length, 0), 0);
    expect(rows.length).toBe(goldRows);
    const review = await listReviewItems(store.db, { subject_kind: 'row' });
    const queued = new Set(review.map((r) => r.subject_id));
    const orphans = rows.filter((r) => r.indicator_id === null && !queued.has(r.id));
    expect(orphans).toEqual([]);
    expect(rows.filter((r) => r.indicator_id !== null).length).toBeGreaterThan(rows.length / 2);
    // Synonyms from the issue link to one indicator.
    const jianxiRnd = rows.find((r) => r.name === '研究与实验发展经费投入强度');
    expect(jianxiRnd?.indicator_id).toBeTruthy();
    for (const item of review) expect(Array.isArray(item.candidates)).toBe(true);
  });

  it("turns the Jianxi work report's 2021 values into observations of the Jianxi plan's indicators, with evidence", async () => {
    const store = await freshStore(engine);
    const plan = goldRecord('luoyang-jianxi-plan-2021-2025');
    const report = goldRecord('luoyang-jianxi-work-report-2022');
    await storeRecord(store, plan.record, plan.bytes, { derive: false });
    const { documentId: reportId } = await storeRecord(store, report.record, report.bytes);
    const observations = await listObservations(store.db, { document_id: reportId, year: 2021 });
    const ofPlan = observations.filter((o) => o.row_id !== null);
    expect(ofPlan.length).toBeGreaterThan(0);
    const source = makeSourceText(report.record.text);
    for (const o of observations) {
      expect(o.region).toBe('涧西区');
      expect(lineText(source, o.source.line!)).toContain(o.source.quote!);
      expect(report.record.text.slice(o.source.start!, o.source.end!)).toBe(o.source.quote);
      expect(o.value).toMatch(/^-?\d+(\.\d+)?$/);
    }
    const rows = await listIndicatorRows(store.db, { document_id: 1 });
    for (const o of ofPlan) expect(rows.find((r) => r.id === o.row_id)?.indicator_id).toBe(o.indicator_id);

    const statuses = await listStatuses(store.db, { region_id: observations[0]!.region_id });
    const judged = statuses.filter((s) => s.label !== '数据缺失');
    expect(judged.length).toBeGreaterThan(0);
    for (const s of statuses) {
      expect(s.components).toHaveProperty('method');
      expect(s.components).toHaveProperty('target');
      expect(s.components).toHaveProperty('label', s.label);
    }
    // Every indicator with an observation in its plan period got a status judged on that year.
    for (const o of ofPlan) {
      expect(statuses.some((s) => s.row_id === o.row_id && s.year === o.year)).toBe(true);
    }
  });

  it('stores plan-linter findings, each citing both places', async () => {
    const store = await freshStore(engine);
    for (const name of GOLD_DOCS) {
      const { record, bytes } = goldRecord(name);
      await storeRecord(store, record, bytes, { derive: false });
    }
    const regions = await store.db.selectFrom('regions').select('id').execute();
    const report = await deriveRegions(
      store.db,
      regions.map((r) => r.id),
    );
    const findings = await listFindings(store.db);
    expect(findings.length).toBe(report.findings);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.citations.length).toBeGreaterThanOrEqual(2);
      for (const c of f.citations) {
        expect(c.document_id).not.toBeNull();
        expect(c.line).toBeGreaterThan(0);
        expect(typeof c.quote).toBe('string');
      }
    }
    // The GDP target 820 from 451.9 implies far more than the stated growth (a known Jianxi-type inconsistency check).
    expect(new Set(findings.map((f) => f.check)).size).toBeGreaterThan(1);
  });

  it('keeps review decisions and overrides, and refuses to edit the audit log', async () => {
    const store = await freshStore(engine);
    const plan = goldRecord('luoyang-jianxi-plan-2021-2025');
    const report = goldRecord('luoyang-jianxi-work-report-2022');
    await storeRecord(store, plan.record, plan.bytes, { derive: false });
    await storeRecord(store, report.record, report.bytes);
    const [item] = await listReviewItems(store.db, { state: 'open' });
    const linked = await resolveReviewItem(store.db, item!.id, {
      indicator_id: 'gdp',
      by: 'tester',
      note: 'checked',
    });
    expect(linked.state).toBe('linked');
    await expect(resolveReviewItem(store.db, item!.id, { indicator_id: null, by: 'tester' })).rejects.toThrow(
      /already resolved/,
    );
    await expect(
      resolveReviewItem(store.db, item!.id + 100_000, { indicator_id: null, by: 'tester' }),
    ).rejects.toThrow(/does not exist/);
    // A person's link survives recomputation.
    const regions = await store.db.selectFrom('regions').select('id').execute();
    await deriveRegions(
      store.db,
      regions.map((r) => r.id),
    );
    const link = await store.db
      .selectFrom('links')
      .selectAll()
      .where('subject_id', '=', item!.subject_id)
      .where('subject_kind', '=', item!.subject_kind)
      .executeTakeFirst();
    expect(link?.method).toBe('person');

    const [status] = await listStatuses(store.db);
    const overridden = await overrideStatus(store.db, status!.id, {
      label: '基本符合预期',
      reason: '统计口径调整',
      by: 'tester',
    });
    expect(overridden.label).toBe(status!.label);
    // Entered for review: it shows beside the label once someone else approved it.
    expect(overridden.override).toBeNull();
    const [pending] = await listApprovals(store.db, { kind: 'override', state: 'entered' });
    await approveEntries(store.db, [pending!.id], 'reviewer');
    expect((await getStatus(store.db, status!.id))!.override).toMatchObject({
      label: '基本符合预期',
      reason: '统计口径调整',
      overridden_by: 'tester',
    });
    await expect(
      overrideStatus(store.db, status!.id, { label: '滞后', reason: ' ', by: 'tester' }),
    ).rejects.toThrow(/reason/);

    const audit = await listAudit(store.db);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['ingest', 'review.link', 'status.override']),
    );
    // SQLite's triggers refuse it; on PostgreSQL the app role has no UPDATE or DELETE on the log to begin with.
    const refused = engine === 'postgres' ? /permission denied for table audit_log/ : /append-only/;
    await expect(sql`UPDATE audit_log SET actor = 'mallory'`.execute(store.db)).rejects.toThrow(refused);
    await expect(sql`DELETE FROM audit_log`.execute(store.db)).rejects.toThrow(refused);
  });
});
