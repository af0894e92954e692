import { describe, expect, it } from 'vitest';
import {
  addAssignedTarget,
  currentIndicatorRows,
  deriveRegions,
  listStatuses,
  planEvaluation,
  storeRecord,
} from '../../src/store/index.js';
import { ENGINES, freshStore } from './engines.js';
import { goldRecord } from './corpus.js';

describe.each(ENGINES)('plan evaluation on %s', (engine) => {
  it('keeps a previous-period table out of the plan and stores an assigned delegated target', async () => {
    const store = await freshStore(engine);
    const { record, bytes } = goldRecord('luoyang-yanshi-plan-2021-2025');
    await storeRecord(store, record, bytes);
    const regions = (await store.db.selectFrom('regions').select('id').execute()).map((r) => r.id);
    await deriveRegions(store.db, regions);
    const plan = await store.db
      .selectFrom('documents')
      .select('id')
      .where('doc_type', '=', 'plan')
      .executeTakeFirstOrThrow();

    expect((await currentIndicatorRows(store.db, [plan.id])).get(plan.id)).toHaveLength(27);
    const e = (await planEvaluation(store.db, plan.id))!;
    expect(e.indicators.filter((i) => i.origin === 'table')).toHaveLength(27);
    expect(e.previous?.items).toHaveLength(29);
    // No status of the plan belongs to its 十三五 table.
    const rows = new Set(e.indicators.map((i) => i.rowId));
    const statuses = await listStatuses(store.db, { document_id: plan.id });
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => rows.has(s.row_id))).toBe(true);

    const energy = e.indicators.find((i) => i.name === '单位地区生产总值能耗降幅')!;
    expect(energy.status).toBe('待人工评估');
    const assigned = await addAssignedTarget(store.db, {
      row_id: energy.rowId!,
      raw: '〔14〕',
      source_document: '洛阳市“十四五”能耗双控目标分解方案',
      by: '王敏',
    });
    expect(assigned).toMatchObject({ cell: 'target_raw', raw: '〔14〕', entered_by: '王敏' });
    await deriveRegions(store.db, regions, '王敏', { documents: [plan.id], lint: false });
    const after = (await planEvaluation(store.db, plan.id))!.indicators.find(
      (i) => i.rowId === energy.rowId,
    )!;
    // Judged as a cumulative reduction now; no yearly data yet.
    expect(after.targets.map((t) => [t.kind, t.raw])).toEqual([['cumulative', '〔14〕']]);
    expect(after.status).toBe('数据缺失');
  });
});
