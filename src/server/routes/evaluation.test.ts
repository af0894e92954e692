import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanEvaluation } from '../../monitor/index.js';
import {
  approveEntries,
  ingestPaths,
  listApprovals,
  openStore,
  parseXlsx,
  recordObservation,
  type Store,
} from '../../store/index.js';
import { multipart } from '../../../test/api/multipart.js';
import { buildServer } from '../index.js';
import { accountWithToken, bearer, signedIn } from '../../../test/helpers/accounts.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const DOCS = [
  'luoyang-jianxi-plan-2021-2025.txt',
  'luoyang-jianxi-work-report-2022.txt',
  'luoyang-luolong-plan-2021-2025.txt',
  'luoyang-yanshi-plan-2021-2025.txt',
  'nanjing-plan-2026-2030.txt',
];

let dir: string;
let store: Store;
let app: FastifyInstance;
const planOf = new Map<string, number>();

async function get<T>(url: string): Promise<T> {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBe(200);
  return response.json() as T;
}

interface Overview {
  plans: Array<{ id: number; region: string; indicators: number; sentence: string }>;
  warnings: Array<{ name: string; label: string; explanation: string }>;
  regions: number;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantu-evaluation-'));
  store = await openStore({ sqlitePath: join(dir, 'lantu.db') });
  await ingestPaths(
    store,
    DOCS.map((d) => join(CORPUS, d)),
    { threads: 1 },
  );
  app = await signedIn(await buildServer({ db: store.db }), store.db, { login: '王敏' });
  for (const p of (await get<Overview>('/api/overview')).plans) planOf.set(p.region, p.id);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('overview counts indicators of the current plan', () => {
  it('偃师 27 项 (not its 十三五 table), 洛龙 23 项, one verdict per indicator, regions with plans', async () => {
    const overview = await get<Overview>('/api/overview');
    const by = new Map(overview.plans.map((p) => [p.region, p]));
    expect(by.get('偃师区')?.indicators).toBe(27);
    expect(by.get('偃师区')?.sentence).toMatch(/^27 项主要指标中，/);
    expect(by.get('洛龙区')?.indicators).toBe(23);
    expect(by.get('洛龙区')?.sentence).toMatch(/^23 项主要指标中，/);
    expect(by.get('涧西区')?.sentence).toMatch(/^23 项主要指标中，/);
    // Every plan sentence adds up to its indicators.
    for (const plan of overview.plans) {
      const counted = [...plan.sentence.matchAll(/，(\d+) 项/g)].reduce((n, m) => n + Number(m[1]), 0);
      expect(counted, plan.sentence).toBe(plan.indicators);
    }
    // 涧西, 洛龙, 偃师, 南京: the provinces and cities named above them are not regions under monitoring.
    expect(overview.regions).toBe(4);
    expect(overview.warnings.filter((w) => w.explanation.includes('65'))).toEqual([]);
  });
});

describe('GET /api/plans/:id/evaluation', () => {
  it("judges the work report's 超过65% against >65 as 达标 (no false red)", async () => {
    const e = await get<PlanEvaluation>(`/api/plans/${planOf.get('涧西区')}/evaluation`);
    expect(e.indicators.filter((i) => i.origin === 'table')).toHaveLength(23);
    const share = e.indicators.find((i) => i.name === '高新技术产业增加值占规上工业增加值比重')!;
    expect(share.status).toBe('达标');
    expect(share.verdict.warning).toBe('green');
    expect(share.targets.map((t) => t.text)).toEqual(['超过65%']);
    expect(share.latest).toMatchObject({ year: 2021, value: 65 });
    expect(share.components[0]!.explanation).toBe('2021年实际值 超过65%，目标超过65%，达标');
    expect(share.evidence.document).toBe('luoyang-jianxi-plan-2021-2025.txt');
    expect(e.previous).toBeNull();
  });

  it("gives 偃师 its 27 indicators and the 十三五 table as the previous plan's review", async () => {
    const e = await get<PlanEvaluation>(`/api/plans/${planOf.get('偃师区')}/evaluation`);
    expect(e.indicators.filter((i) => i.origin === 'table')).toHaveLength(27);
    expect(e.indicators.every((i) => i.base === null || i.base.year === 2020)).toBe(true);
    expect(e.sentence).toMatch(/^27 项主要指标中，/);
    const review = e.previous!;
    expect(review.caption).toContain('十三五');
    expect(review.targetYear).toBe(2020);
    expect(review.items).toHaveLength(29);
    const result = new Map(review.items.map((i) => [i.name, i.result]));
    expect(result.get('城镇化率')).toBe('完成');
    expect(result.get('服务业增加值比重')).toBe('未完成');
    expect(result.get('万元生产总值能耗')).toBe('完成');
    expect(result.get('地区生产总值')).toBe('待核定');
    expect(review.sentence).toMatch(/^29 项指标中，\d+ 项完成，\d+ 项未完成，\d+ 项待核定$/);
  });

  it("gives a 十五五 plan the 十四五 completion table as its previous plan's review", async () => {
    const e = await get<PlanEvaluation>(`/api/plans/${planOf.get('南京市')}/evaluation`);
    expect(e.previous?.caption).toContain('十四五');
    expect(e.previous?.targetYear).toBe(2025);
    const result = new Map(e.previous!.items.map((i) => [i.name, i.result]));
    expect(result.get('制造业增加值占比')).toBe('未完成');
    expect(result.get('每万人口拥有高价值发明专利数')).toBe('完成');
    expect(result.get('耕地保有量')).toBe('完成');
    expect(e.indicators.length).toBeGreaterThan(0);
    expect(e.indicators.every((i) => i.targets.every((t) => t.year === 2030))).toBe(true);
  });

  it("judges every text target linked to the catalog (正文目标) and attaches the work report's 2022 targets", async () => {
    const e = await get<PlanEvaluation>(`/api/plans/${planOf.get('涧西区')}/evaluation`);
    const text = e.indicators.filter((i) => i.origin === 'text');
    expect(text.length).toBeGreaterThan(0);
    for (const i of text) {
      expect(i.originText).toBe('正文目标');
      expect(i.rowId).toBeNull();
      expect(i.components).toHaveLength(1);
      expect(i.evidence.document).toBe('luoyang-jianxi-plan-2021-2025.txt');
    }
    // A text target is never a second entry for an indicator the table already has.
    const tableIds = new Set(e.indicators.filter((i) => i.origin === 'table').map((i) => i.indicatorId));
    expect(text.filter((i) => tableIds.has(i.indicatorId))).toEqual([]);
    const enterprises = text.find((i) => i.indicatorId === 'high-tech-enterprises')!;
    expect(enterprises.status).toBe('达标');
    expect(enterprises.latest).toMatchObject({ year: 2021, value: 372 });
    // 年度目标完成情况 beside the five-year progress: the 2022 work report's targets on the plan's indicators.
    const rd = e.indicators.find((i) => i.indicatorId === 'rd-intensity')!;
    expect(rd.origin).toBe('table');
    expect(rd.annualTargets).toMatchObject([
      { year: 2022, value: 5, unit: '%', comparator: '以上', result: '数据缺失', rule: '不低于目标为完成' },
    ]);
    expect(rd.annualTargets[0]!.source?.doc).toBe('luoyang-jianxi-work-report-2022.txt');
    const unemployment = e.indicators.find((i) => i.indicatorId === 'surveyed-unemployment-rate')!;
    expect(unemployment.annualTargets.map((a) => [a.year, a.value, a.rule])).toEqual([
      [2022, 5.5, '不高于目标为完成'],
    ]);
    // The plan sentence counts the table's 23 indicators only.
    expect(e.sentence).toMatch(/^23 项主要指标中，/);
  });

  it('answers a year and names a missing plan', async () => {
    const e = await get<PlanEvaluation>(`/api/plans/${planOf.get('涧西区')}/evaluation?year=2021`);
    expect(e.year).toBe(2021);
    expect(e.asOf).toBe(2021);
    const missing = await app.inject({ method: 'GET', url: '/api/plans/999999/evaluation' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toContain('plan 999999');
  });
});

describe('delegated targets (按市下达目标)', () => {
  it('lists them, takes the assigned value with its document, and judges the row', async () => {
    const planId = planOf.get('涧西区')!;
    const delegated = await get<{
      items: Array<{ row_id: number; name: string; delegated: string; assigned: unknown }>;
    }>(`/api/plans/${planId}/delegated`);
    expect(delegated.items.map((i) => i.name)).toContain('空气优良天数比率');
    expect(delegated.items.every((i) => /下达/.test(i.delegated) && i.assigned === null)).toBe(true);
    const air = delegated.items.find((i) => i.name === '空气优良天数比率')!;
    const region = (
      await store.db.selectFrom('regions').select('id').where('name', '=', '涧西区').executeTakeFirstOrThrow()
    ).id;
    const observed = await recordObservation(store.db, {
      region_id: region,
      indicator_id: 'air-quality-good-days',
      year: 2022,
      value: '85.2',
      unit: '%',
      by: '王敏',
    });
    // A typed value counts once another person approved it (两人原则).
    const entry = (await listApprovals(store.db, { kind: 'observation' })).find(
      (a) => a.subject_id === observed,
    );
    await approveEntries(store.db, [entry!.id], '李娜');

    const bad = await app.inject({
      method: 'POST',
      url: `/api/rows/${air.row_id}/assigned-target`,
      payload: { raw: '按时完成', source_document: '洛政〔2021〕12号' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'assigned/invalid-value' });
    expect(bad.json().expected).toContain('5.5以内');

    const response = await app.inject({
      method: 'POST',
      url: `/api/rows/${air.row_id}/assigned-target`,
      payload: { raw: '80以上', source_document: '洛政〔2021〕12号' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as {
      assigned: { entered_by: string; source_document: string };
      statuses: Array<{
        label: string;
        target_kind: string;
        components: { target: { raw: string; source: unknown } };
      }>;
    };
    expect(body.assigned).toMatchObject({ entered_by: '王敏', source_document: '洛政〔2021〕12号' });
    // 66.3 (2020) → 80 by 2025, 85.2 in 2022: reached early, from the value the city assigned.
    expect(body.statuses.map((s) => [s.target_kind, s.label])).toEqual([['level', '提前实现']]);
    expect(body.statuses[0]!.components.target).toMatchObject({
      raw: '80以上',
      source: { by: '王敏', file: '洛政〔2021〕12号' },
    });
    const after = await get<{ items: Array<{ row_id: number; assigned: { raw: string } | null }> }>(
      `/api/plans/${planId}/delegated`,
    );
    expect(after.items.find((i) => i.row_id === air.row_id)?.assigned?.raw).toBe('80以上');
    const e = await get<PlanEvaluation>(`/api/plans/${planId}/evaluation`);
    expect(e.indicators.find((i) => i.rowId === air.row_id)?.status).toBe('提前实现');
  });

  it('goes out as a sheet and comes back with row errors, storing nothing until every row will do', async () => {
    const planId = planOf.get('洛龙区')!;
    const sheet = await app.inject({ method: 'GET', url: `/api/plans/${planId}/delegated.xlsx` });
    expect(sheet.statusCode, sheet.body.slice(0, 200)).toBe(200);
    expect(sheet.headers['content-type']).toContain('spreadsheetml');
    const table = await parseXlsx(new Uint8Array(sheet.rawPayload));
    expect(table[0]).toEqual(['行号', '指标', '单位', '规划表述', '下达目标值', '下达文件', '备注']);
    const delegated = await get<{ items: Array<{ row_id: number; name: string }> }>(
      `/api/plans/${planId}/delegated`,
    );
    expect(table.slice(1).map((r) => Number(r[0]))).toEqual(delegated.items.map((i) => i.row_id));
    expect(delegated.items.length).toBeGreaterThan(1);
    const [first, second] = delegated.items;
    const csv = (lines: string[][]) => lines.map((l) => l.join(',')).join('\r\n');
    // The sheet comes back from 李华 (规划科), signed in with his own token: the stored name is his.
    const lihua = await accountWithToken(store.db, { login: '李华', role: 'planning' });
    const send = (body: string, query = '') => {
      const form = multipart([{ filename: '下达目标.csv', content: body }]);
      return app.inject({
        method: 'POST',
        url: `/api/plans/${planId}/delegated/import${query}`,
        headers: { ...form.headers, ...bearer(lihua.token) },
        payload: form.payload,
      });
    };
    const header = table[0]!;
    const filled = csv([
      header,
      [String(first!.row_id), first!.name, '', '', '〔13.5〕', '洛政〔2021〕12号', ''],
      [String(second!.row_id), second!.name, '', '', '按时完成', '洛政〔2021〕12号', ''],
      ['999999', '不存在', '', '', '5', 'x', ''],
    ]);
    const refused = await send(filled);
    expect(refused.statusCode).toBe(422);
    const answer = refused.json() as { imported: number; errors: Array<{ row: number; column: string }> };
    expect(answer.imported).toBe(0);
    expect(answer.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '下达目标值'],
      [4, '行号'],
    ]);
    const untouched = await get<{ items: Array<{ row_id: number; assigned: unknown }> }>(
      `/api/plans/${planId}/delegated`,
    );
    expect(untouched.items.every((i) => i.assigned === null)).toBe(true);

    const partly = await send(filled, '?valid_rows_only=true');
    expect(partly.statusCode).toBe(207);
    expect(partly.json().imported).toBe(1);
    const after = await get<{
      items: Array<{ row_id: number; assigned: { raw: string; entered_by: string } | null }>;
    }>(`/api/plans/${planId}/delegated`);
    expect(after.items.find((i) => i.row_id === first!.row_id)?.assigned).toMatchObject({
      raw: '〔13.5〕',
      entered_by: '李华',
    });
    // The same sheet again adds nothing: the value in force is not entered twice.
    const again = await send(
      csv([header, [String(first!.row_id), '', '', '', '〔13.5〕', '洛政〔2021〕12号', '']]),
    );
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ imported: 0, duplicates: 1 });
  });

  it('refuses a row that is not delegated', async () => {
    const e = await get<PlanEvaluation>(`/api/plans/${planOf.get('涧西区')}/evaluation`);
    const share = e.indicators.find((i) => i.name === '高新技术产业增加值占规上工业增加值比重')!;
    const response = await app.inject({
      method: 'POST',
      url: `/api/rows/${share.rowId}/assigned-target`,
      payload: { raw: '70', source_document: 'x' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('assigned/not-delegated');
  });
});

describe('review queue', () => {
  it('holds only real candidates, grouped with their regions, and resolves a group at once', async () => {
    const before = await get<{
      items: number;
      groups: Array<{ name: string; count: number; ids: number[]; regions: string[]; kinds: string[] }>;
    }>('/api/review/groups');
    expect(before.items).toBeLessThan(150);
    expect(before.groups.reduce((n, g) => n + g.count, 0)).toBe(before.items);
    // Not an indicator: a duration, a count of meetings, a phrase without a catalog neighbour.
    expect(before.groups.map((g) => g.name)).not.toContain('执业医师、注册护士、床位数分别增长38%、46%和');
    expect(before.groups.every((g) => g.regions.length > 0)).toBe(true);
    const group = before.groups[0]!;
    const response = await app.inject({
      method: 'POST',
      url: '/api/review/bulk',
      payload: { ids: group.ids, indicator_id: null, note: '非监测指标' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().resolved).toBe(group.ids.length);
    expect(
      response
        .json()
        .items.every(
          (i: { state: string; resolved_by: string }) => i.state === 'dismissed' && i.resolved_by === '王敏',
        ),
    ).toBe(true);
    const after = await get<{ items: number }>('/api/review/groups');
    expect(after.items).toBe(before.items - group.ids.length);
  });
});
