// The ledger's unit list import, evidence files and stored reporting cadence, on both engines.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addAttachment,
  cadenceOf,
  createTask,
  ensureRegion,
  ensureUnit,
  getAttachment,
  getTask,
  importUnitSheet,
  listAttachments,
  listAudit,
  listUnits,
  pageTasks,
  reportProgress,
  attachmentName,
  setCadence,
  toTabular,
  type Store,
} from '../../src/store/index.js';
import { ENGINES, freshStore } from './engines.js';

const PLANNER = '发改委 规划科 王敏';
const UNIT_USER = '科技局 李强';

const csv = (text: string) => new TextEncoder().encode(text);

describe('attachmentName', () => {
  it.each([
    ['进展材料.pdf', '进展材料.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\王敏\\桌面\\照片.jpg', '照片.jpg'],
    ['..', 'attachment'],
    ['.bashrc', 'bashrc'],
    ['a"b\u0000c\r\n.txt', 'abc.txt'],
    ['', 'attachment'],
  ])('%j → %j', (uploaded, kept) => {
    expect(attachmentName(uploaded)).toBe(kept);
  });

  it('shortens a long name and keeps its extension', () => {
    const kept = attachmentName(`${'很长'.repeat(100)}.docx`);
    expect(kept.length).toBe(120);
    expect(kept.endsWith('.docx')).toBe(true);
  });
});

describe.each(ENGINES)('the ledger’s units, files and cadence on %s', (engine) => {
  let store: Store;
  let regionId: number;
  let otherRegionId: number;

  beforeAll(async () => {
    store = await freshStore(engine);
    regionId = (await ensureRegion(store.db, {
      region: '涧西区',
      parent_region: '洛阳市',
      province: '河南省',
    }))!;
    otherRegionId = (await ensureRegion(store.db, {
      region: '洛龙区',
      parent_region: '洛阳市',
      province: '河南省',
    }))!;
  });

  it('imports a 责任单位名单 with parents and contacts, and a second import updates rather than repeats', async () => {
    // The parent comes after its child: a list need not be in order.
    const list = csv(
      '单位名称,简称,类别,上级单位,联系人,联系电话\n' +
        '规划科,,其他,发展和改革委员会,王敏,0379-1234567\n' +
        '发展和改革委员会,发改委,委,,张伟,\n' +
        '\n' +
        '科学技术局,科技局,,,李强,\n',
    );
    const first = await importUnitSheet(store.db, list, regionId, PLANNER);
    expect(first).toEqual({ rows: 3, errors: [], created: 3, updated: 0 });
    const units = await listUnits(store.db, { region_id: regionId });
    const byName = new Map(units.map((u) => [u.name, u]));
    expect(byName.get('规划科')).toMatchObject({
      parent_id: byName.get('发展和改革委员会')!.id,
      contact: '王敏 0379-1234567',
      kind: '其他',
    });
    // The kind is read from the name when the list leaves it empty.
    expect(byName.get('科学技术局')).toMatchObject({ short_name: '科技局', kind: '局', parent_id: null });

    const again = await importUnitSheet(
      store.db,
      csv('单位名称,简称,上级单位,联系人\n科学技术局,科技局,发改委,赵磊\n发展和改革委员会,发改委,,张伟\n'),
      regionId,
      PLANNER,
    );
    // 类别 is not in this list: the kind comes from the name again, so only 科技局 changes (parent, contact).
    expect(again).toEqual({ rows: 2, errors: [], created: 0, updated: 1 });
    const after = await listUnits(store.db, { region_id: regionId });
    expect(after).toHaveLength(3);
    expect(after.find((u) => u.name === '科学技术局')).toMatchObject({
      parent_id: byName.get('发展和改革委员会')!.id,
      contact: '赵磊',
    });
    const audit = await listAudit(store.db, { entity: 'region', entity_id: String(regionId) });
    expect(audit.filter((a) => a.action === 'units.import')).toHaveLength(2);
  });

  it('refuses a broken unit list with row-level errors and stores nothing', async () => {
    const before = await listUnits(store.db, { region_id: otherRegionId });
    const broken = csv(
      '单位名称,类别,上级单位\n' +
        ',局,\n' +
        '民政局,厅,\n' +
        '民政局,局,\n' +
        '社区科,,不存在的局\n' +
        '甲科,,乙科\n' +
        '乙科,,甲科\n' +
        '丙科,,丙科\n',
    );
    const result = await importUnitSheet(store.db, broken, otherRegionId, PLANNER);
    expect(result.created).toBe(0);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '单位名称'],
      [3, '类别'],
      [4, '单位名称'],
      [5, '上级单位'],
      [6, '上级单位'],
      [7, '上级单位'],
      [8, '上级单位'],
    ]);
    expect(result.errors.find((e) => e.row === 5)!.value).toBe('不存在的局');
    expect(result.errors.find((e) => e.row === 6)!.message).toContain('甲科 → 乙科 → 甲科');
    expect(await listUnits(store.db, { region_id: otherRegionId })).toEqual(before);

    const noName = await importUnitSheet(store.db, csv('名字,电话\n民政局,1\n'), otherRegionId, PLANNER);
    expect(noName.errors.map((e) => e.message).join(' ')).toMatch(
      /unknown column "名字".*missing column 单位名称/,
    );
    const xlsx = await toTabular('xlsx', [{ 单位名称: '民政局', 类别: '局', 联系人: '周芳' }]);
    expect(await importUnitSheet(store.db, xlsx, otherRegionId, PLANNER)).toMatchObject({ created: 1 });
  });

  it('keeps evidence files as bytes with name, type, size and sha256, listed on the task', async () => {
    const unit = await ensureUnit(store.db, regionId, { name: '科学技术局', kind: '局' }, PLANNER);
    const taskId = await createTask(
      store.db,
      { region_id: regionId, title: '研发投入强度达到2.5%', lead_unit_id: unit, due_date: '2025年底' },
      PLANNER,
    );
    const report = await reportProgress(
      store.db,
      taskId,
      { progress: '已完成年度研发统计', period: '2024-Q1' },
      UNIT_USER,
    );
    const bytes = csv('%PDF-1.4 进展佐证材料');
    const stored = await addAttachment(
      store.db,
      taskId,
      { name: '../../附件/研发统计.pdf', media_type: 'application/pdf', bytes, report_id: report.id },
      UNIT_USER,
    );
    expect(stored).toMatchObject({
      task_id: taskId,
      report_id: report.id,
      name: '研发统计.pdf',
      media_type: 'application/pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      uploaded_by: UNIT_USER,
    });
    const back = await getAttachment(store.db, stored.id);
    expect(Buffer.compare(back.content, Buffer.from(bytes))).toBe(0);
    expect(await listAttachments(store.db, taskId)).toEqual([stored]);
    const audit = await listAudit(store.db, { entity: 'task', entity_id: String(taskId) });
    expect(audit.some((a) => a.action === 'task.attach')).toBe(true);

    await expect(
      addAttachment(store.db, taskId, { name: 'big.bin', bytes: new Uint8Array(11) }, UNIT_USER, 10),
    ).rejects.toMatchObject({ code: 'attachment/too-large' });
    await expect(
      addAttachment(store.db, taskId, { name: 'x', bytes: new Uint8Array(0) }, UNIT_USER),
    ).rejects.toMatchObject({
      code: 'attachment/empty',
    });
    await expect(
      addAttachment(store.db, taskId + 999, { name: 'x', bytes: new Uint8Array(1) }, UNIT_USER),
    ).rejects.toMatchObject({ code: 'task/not-found' });
    // An unknown media type is kept as plain bytes.
    const odd = await addAttachment(
      store.db,
      taskId,
      { name: 'a', media_type: 'text/html; x', bytes },
      UNIT_USER,
    );
    expect(odd.media_type).toBe('application/octet-stream');
    expect(await listAttachments(store.db, taskId)).toHaveLength(2);
  });

  it('judges what is overdue by the cadence stored for the region, not a constant', async () => {
    const taskId = await createTask(
      store.db,
      { region_id: otherRegionId, title: '建成区绿化覆盖率达到41%', due_date: '2026年底' },
      PLANNER,
    );
    // Set at the start of 2026 and reported for its first quarter.
    await store.db
      .updateTable('tasks')
      .set({ created_at: '2026-01-01T00:00:00Z' })
      .where('id', '=', taskId)
      .execute();
    await reportProgress(store.db, taskId, { progress: '一季度完成', period: '2026-Q1' }, UNIT_USER);
    const on = (today: string) => getTask(store.db, taskId, { today });

    expect(await cadenceOf(store.db, otherRegionId)).toBe('quarter');
    // 季报 (the default): April's report is the first quarter's, which is in.
    expect((await on('2026-04-20')).overdue).toBeNull();
    await setCadence(store.db, otherRegionId, 'month', PLANNER);
    expect(await cadenceOf(store.db, otherRegionId)).toBe('month');
    // 月报: March's report (2026-03) was never made.
    expect((await on('2026-04-20')).overdue).toBe('逾期未报');
    await setCadence(store.db, otherRegionId, 'half', PLANNER);
    // 半年报: the last half-year ended before the task was set, so nothing is owed yet.
    expect((await on('2026-04-20')).overdue).toBeNull();
    // 半年报: the first half's report (2026-H1) is owed ten days after it ends.
    expect((await on('2026-07-05')).overdue).toBeNull();
    expect((await on('2026-07-20')).overdue).toBe('逾期未报');
    const page = await pageTasks(store.db, { region_id: otherRegionId, overdue: true }, undefined, {
      today: '2026-07-20',
    });
    expect(page.items.map((t) => t.id)).toEqual([taskId]);
    // A report made without a period goes to the current period of the stored cadence.
    const made = await reportProgress(store.db, taskId, { progress: '上半年完成' }, UNIT_USER, {
      today: '2026-07-20',
    });
    expect(made.period).toBe('2026-H2');
    await setCadence(store.db, otherRegionId, 'year', PLANNER);
    expect((await on('2026-07-20')).overdue).toBeNull();
    // The other region keeps its own cadence.
    expect(await cadenceOf(store.db, regionId)).toBe('quarter');
    await expect(setCadence(store.db, otherRegionId, 'weekly' as never, PLANNER)).rejects.toMatchObject({
      code: 'cadence/unknown',
    });
    await expect(setCadence(store.db, 999_999, 'month', PLANNER)).rejects.toMatchObject({
      code: 'region/not-found',
    });
    const audit = await listAudit(store.db, { entity: 'region', entity_id: String(otherRegionId) });
    expect(audit.filter((a) => a.action === 'cadence.set')).toHaveLength(3);
  });
});
