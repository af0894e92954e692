import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assessRegion,
  closeStep,
  createTask,
  exportTaskSheet,
  getTask,
  importTaskSheet,
  listAudit,
  listUnits,
  pageProjectLedger,
  pageTasks,
  parseDeadline,
  parseXlsx,
  proposeDecomposition,
  reportProgress,
  seedProjectLedger,
  storeRecord,
  updateProjectLedger,
  updateTask,
  type Store,
} from '../../src/store/index.js';
import { goldRecord } from './corpus.js';
import { ENGINES, freshStore } from './engines.js';

const PLANNER = '发改委 规划科 王敏';
const UNIT_USER = '科技局 李强';

describe('parseDeadline', () => {
  it.each([
    ['2025-12-31', '2025-12-31'],
    ['2025年12月31日', '2025-12-31'],
    ['2025年6月', '2025-06-30'],
    ['2024年2月底', '2024-02-29'],
    ['2025年底', '2025-12-31'],
    ['2025年', '2025-12-31'],
    ['2025-02-30', null],
    ['长期坚持', null],
  ])('%s → %s', (text, iso) => {
    expect(parseDeadline(text)).toBe(iso);
  });
});

describe.each(ENGINES)('the implementation ledger on %s', (engine) => {
  let store: Store;
  let planId: number;
  let regionId: number;

  beforeAll(async () => {
    store = await freshStore(engine);
    const { record, bytes } = goldRecord('luoyang-jianxi-plan-2021-2025');
    const stored = await storeRecord(store, record, bytes);
    planId = stored.documentId;
    const doc = await store.db
      .selectFrom('documents')
      .select('region_id')
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    regionId = doc.region_id!;
  });

  it('proposes a draft decomposition: a task with a lead unit for every main indicator, traced to its line', async () => {
    const result = await proposeDecomposition(store.db, planId, PLANNER);
    const rows = await store.db
      .selectFrom('indicator_rows')
      .select(['id', 'line'])
      .where('document_id', '=', planId)
      .execute();
    const { items } = await pageTasks(store.db, { document_id: planId });
    expect(result.created).toBe(items.length);
    const rowTasks = items.filter((t) => t.source_kind === 'row');
    expect(rowTasks).toHaveLength(rows.length);
    expect(rowTasks.every((t) => t.lead_unit_id !== null && t.lead_unit !== null)).toBe(true);
    expect(rowTasks.map((t) => t.line).sort()).toEqual(rows.map((r) => r.line).sort());
    expect(items.every((t) => t.state === '未启动' && t.due_date <= '2025-12-31')).toBe(true);
    const rd = rowTasks.find((t) => t.title.includes('研究与实验发展'))!;
    expect(rd.lead_unit).toBe('科学技术局');
    expect((await listUnits(store.db, { region_id: regionId })).length).toBe(result.units);
    await expect(proposeDecomposition(store.db, planId, PLANNER)).rejects.toThrow(
      /already has a decomposition/,
    );
  });

  it('lets the planner reassign, the unit report, and the planner close (销号) — all audited', async () => {
    const [task] = (await pageTasks(store.db, { document_id: planId }, { limit: 1, offset: 0 })).items;
    const units = await listUnits(store.db, { region_id: regionId });
    const science = units.find((u) => u.name === '科学技术局')!;
    const changed = await updateTask(
      store.db,
      task!.id,
      { lead_unit_id: science.id, responsible: '张三', due_date: '2025-06-30' },
      PLANNER,
    );
    expect(changed).toMatchObject({
      lead_unit_id: science.id,
      responsible: '张三',
      due_date: '2025-06-30',
      lead_reason: null,
    });

    const clock = { today: '2025-04-20', cadence: 'quarter' as const };
    await expect(closeStep(store.db, task!.id, 'confirm_close', PLANNER)).rejects.toThrow(/申请销号/);
    const report = await reportProgress(
      store.db,
      task!.id,
      { progress: '已完成年度任务的60%', percent: '60', problems: '资金未到位' },
      UNIT_USER,
      clock,
    );
    expect(report).toMatchObject({ period: '2025-Q2', percent: '60', reported_by: UNIT_USER });
    expect((await getTask(store.db, task!.id, clock)).state).toBe('推进中');
    await expect(
      reportProgress(store.db, task!.id, { progress: '进展', percent: '120' }, UNIT_USER, clock),
    ).rejects.toThrow(/above 100/);

    await closeStep(store.db, task!.id, 'request_close', UNIT_USER);
    const closed = await closeStep(store.db, task!.id, 'confirm_close', PLANNER);
    expect(closed).toMatchObject({ state: '已完成', closed_by: PLANNER, overdue: null });
    const audit = await listAudit(store.db, { entity: 'task', entity_id: String(task!.id) });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['task.update', 'task.report', 'task.request_close', 'task.confirm_close']),
    );
    expect(audit.find((a) => a.action === 'task.confirm_close')!.actor).toBe(PLANNER);
  });

  it('finds overdue tasks by date: 逾期未报 after a missed quarter, 逾期未完成 after the deadline', async () => {
    const id = await createTask(
      store.db,
      { region_id: regionId, title: '建成区级创新平台', due_date: '2025-09-30' },
      PLANNER,
    );
    await store.db
      .updateTable('tasks')
      .set({ created_at: '2025-01-02T08:00:00.000Z' })
      .where('id', '=', id)
      .execute();
    expect((await getTask(store.db, id, { today: '2025-04-05' })).overdue).toBeNull();
    expect((await getTask(store.db, id, { today: '2025-04-20' })).overdue).toBe('逾期未报');
    await reportProgress(store.db, id, { progress: '完成选址', period: '2025-Q1' }, UNIT_USER);
    expect((await getTask(store.db, id, { today: '2025-04-20' })).overdue).toBeNull();
    expect((await getTask(store.db, id, { today: '2025-10-01' })).overdue).toBe('逾期未完成');
    const overdue = await pageTasks(store.db, { region_id: regionId, overdue: true }, undefined, {
      today: '2025-10-01',
    });
    expect(overdue.items.map((t) => t.id)).toContain(id);
    expect(overdue.items.every((t) => t.overdue !== null)).toBe(true);
  });

  it('scores the units (考核) with the components shown', async () => {
    const scores = await assessRegion(store.db, regionId, { today: '2025-10-01' });
    expect(scores.length).toBe((await listUnits(store.db, { region_id: regionId })).length);
    expect(scores[0]!.rank).toBe(1);
    for (const s of scores) {
      expect(s.components.map((c) => c.part)).toEqual(['reporting', 'completion', 'indicators']);
      expect(s.score).toBeCloseTo(
        s.components.reduce((sum, c) => sum + c.points, 0),
        5,
      );
    }
    const science = scores.find((s) => s.unit === '科技局')!;
    const own = (await pageTasks(store.db, { lead_unit_id: science.unit_id })).items;
    const due = own.filter((t) => t.due_date < '2025-10-01');
    expect(due.length).toBeGreaterThan(1);
    // Exactly one of its tasks is closed (the one reassigned and closed above).
    expect(science.components.find((c) => c.part === 'completion')!.ratio).toBeCloseTo(1 / due.length, 5);
  });

  it('round-trips the 任务分解表: export → import gives the same tasks', async () => {
    const sheet = await exportTaskSheet(store.db, { document_id: planId }, 'xlsx');
    const exported = await parseXlsx(sheet);
    expect(exported[0]).toEqual([
      '序号',
      '任务',
      '目标',
      '牵头单位',
      '配合单位',
      '责任人',
      '完成时限',
      '备注',
    ]);
    const result = await importTaskSheet(store.db, sheet, { region_id: null }, PLANNER);
    expect(result.errors).toEqual([]);
    expect(result.imported).toBe(exported.length - 1);
    const again = await exportTaskSheet(store.db, { region_id: undefined, document_id: undefined }, 'xlsx');
    const rows = (await parseXlsx(again)).slice(1);
    const imported = rows.slice(rows.length - result.imported).map((r) => r.slice(1));
    expect(imported).toEqual(exported.slice(1).map((r) => r.slice(1)));
  });

  it('refuses a broken 任务分解表 with row-level errors and stores nothing', async () => {
    const before = (await pageTasks(store.db, {})).total;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任务分解表');
    sheet.addRow(['序号', '任务', '目标', '牵头单位', '配合单位', '责任人', '完成时限', '备注']);
    sheet.addRow([1, '建设智慧城市平台', null, '工信局', '发改委、财政局', '王五', '2026年底', null]);
    sheet.addRow([2, '', null, '科技局', null, null, '2026-06-30', null]);
    sheet.addRow([3, '新建5G基站', '500个', '', null, null, '长期坚持', null]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await importTaskSheet(store.db, bytes, { region_id: regionId }, PLANNER);
    expect(result.imported).toBe(0);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '任务'],
      [4, '牵头单位'],
      [4, '完成时限'],
    ]);
    expect(result.errors[2]!.message).toContain('长期坚持');
    expect((await pageTasks(store.db, {})).total).toBe(before);
    const junk = await importTaskSheet(
      store.db,
      new TextEncoder().encode('no,header\n1,2'),
      { region_id: regionId },
      PLANNER,
    );
    expect(junk.errors[0]).toMatchObject({ row: 1, column: '任务' });
  });

  it('starts the 项目台账 from the plan’s 专栏 projects and keeps monthly updates exact', async () => {
    const projects = await store.db
      .selectFrom('projects')
      .select(['id', 'investment'])
      .where('document_id', '=', planId)
      .execute();
    expect(projects.length).toBeGreaterThan(10);
    expect(await seedProjectLedger(store.db, planId, PLANNER)).toEqual({ created: projects.length });
    expect(await seedProjectLedger(store.db, planId, PLANNER)).toEqual({ created: 0 });
    const { items, total } = await pageProjectLedger(store.db, { region_id: regionId });
    expect(total).toBe(projects.length);
    const withAmount = items.find((p) => p.total_investment !== null)!;
    const source = projects.find((p) => p.id === withAmount.project_id)!;
    expect(source.investment).toMatch(/元/);
    const updated = await updateProjectLedger(
      store.db,
      withAmount.id,
      { completed_investment: '0.10', stage: '在建', start_date: '2022-03-01' },
      PLANNER,
    );
    expect(updated.completed_investment).toBe('0.10');
    expect(updated.stage).toBe('在建');
    expect(Number(updated.completion_rate)).toBeCloseTo((0.1 * 100) / Number(withAmount.total_investment), 1);
    await expect(updateProjectLedger(store.db, withAmount.id, { stage: '完工了' }, PLANNER)).rejects.toThrow(
      /前期\/在建\/竣工/,
    );
    await expect(
      updateProjectLedger(store.db, withAmount.id, { completed_investment: '约1亿' }, PLANNER),
    ).rejects.toThrow(/not an amount/);
  });
});
