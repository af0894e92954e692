import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldRecord } from '../../../test/store/corpus.js';
import { openStore, storeRecord, type Store } from '../../store/index.js';
import { buildServer } from '../index.js';
import { accountWithToken, actingAs, bearer } from '../../../test/helpers/accounts.js';

let store: Store;
let app: FastifyInstance;
let planId: number;
let regionId: number;

// Tokens of a 规划科 and a 责任单位 account, made in beforeAll.
let PLANNER: string;
let UNIT: string;
const UNIT_NAME = '区科技局';

async function call<T>(method: 'GET' | 'POST' | 'PATCH', url: string, user: string, payload?: object) {
  const response = await app.inject({
    method,
    url,
    headers: bearer(user),
    ...(payload ? { payload } : {}),
  });
  return { status: response.statusCode, body: response.json() as T, raw: response };
}

beforeAll(async () => {
  store = await openStore({ sqlitePath: ':memory:' });
  const { record, bytes } = goldRecord('luoyang-jianxi-plan-2021-2025');
  planId = (await storeRecord(store, record, bytes)).documentId;
  regionId = (
    await store.db
      .selectFrom('documents')
      .select('region_id')
      .where('id', '=', planId)
      .executeTakeFirstOrThrow()
  ).region_id!;
  PLANNER = (await accountWithToken(store.db, { login: '王敏', role: 'planning' })).token;
  UNIT = (await accountWithToken(store.db, { login: '李强', role: 'unit', unit: UNIT_NAME })).token;
  app = actingAs(await buildServer({ db: store.db }), PLANNER);
});

afterAll(async () => {
  await app?.close();
  await store?.close();
});

describe('the ledger API', () => {
  it('proposes the decomposition, lists the 任务台账 with paging, and filters one unit’s tasks', async () => {
    const proposed = await call<{ created: number; units: number }>(
      'POST',
      `/api/plans/${planId}/decomposition`,
      PLANNER,
    );
    expect(proposed.status).toBe(201);
    const again = await call<{ code: string }>('POST', `/api/plans/${planId}/decomposition`, PLANNER);
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('decomposition/exists');

    const page = await call<{ items: Array<{ id: number; lead_unit_id: number }>; total: number }>(
      'GET',
      `/api/tasks?document_id=${planId}&limit=5`,
      PLANNER,
    );
    expect(page.body.total).toBe(proposed.body.created);
    expect(page.body.items).toHaveLength(5);
    const unitId = page.body.items[0]!.lead_unit_id;
    const own = await call<{ items: Array<{ lead_unit_id: number }> }>(
      'GET',
      `/api/tasks?lead_unit_id=${unitId}`,
      PLANNER,
    );
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(own.body.items.every((t) => t.lead_unit_id === unitId)).toBe(true);
    const csv = await app.inject({ method: 'GET', url: `/api/tasks.csv?document_id=${planId}` });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n').length - 2).toBe(proposed.body.created);
  });

  it('takes a report from the unit and a 销号 from the planner, with the signed-in names', async () => {
    const unit = await call<{ id: number }>('POST', '/api/units', PLANNER, {
      region_id: regionId,
      name: UNIT_NAME,
    });
    expect(unit.status).toBe(201);
    const created = await call<{ id: number; state: string }>('POST', '/api/tasks', PLANNER, {
      region_id: regionId,
      lead_unit_id: unit.body.id,
      title: '建成区级科技创新平台',
      due_date: '2030-12-31',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const report = await call<{ reported_by: string }>('POST', `/api/tasks/${id}/reports`, UNIT, {
      progress: '完成选址',
      percent: '30',
    });
    expect(report.status).toBe(201);
    expect(report.body.reported_by).toBe('李强');
    const early = await call<{ message: string }>('POST', `/api/tasks/${id}/close`, PLANNER, {
      action: 'confirm',
    });
    expect(early.status).toBe(400);
    expect(early.body.message).toContain('申请销号');
    expect((await call('POST', `/api/tasks/${id}/close`, UNIT, { action: 'request' })).status).toBe(200);
    const closed = await call<{ state: string; closed_by: string }>(
      'POST',
      `/api/tasks/${id}/close`,
      PLANNER,
      { action: 'confirm' },
    );
    expect(closed.body).toMatchObject({ state: '已完成', closed_by: '王敏' });
    const one = await call<{ reports: unknown[] }>('GET', `/api/tasks/${id}`, PLANNER);
    expect(one.body.reports).toHaveLength(1);
    expect((await call('GET', '/api/tasks/999999', PLANNER)).status).toBe(404);
  });

  it('reads every date field by the 任务分解表 rule, and names the forms it expects', async () => {
    const created = await call<{ id: number; due_date: string }>('POST', '/api/tasks', PLANNER, {
      region_id: regionId,
      title: '完成老旧小区改造',
      due_date: '2027年6月',
    });
    expect(created.status).toBe(201);
    expect(created.body.due_date).toBe('2027-06-30');
    const moved = await call<{ due_date: string }>('PATCH', `/api/tasks/${created.body.id}`, PLANNER, {
      due_date: '2028年底',
    });
    expect(moved.body.due_date).toBe('2028-12-31');
    const wrong = await call<{ code: string; expected: string }>(
      'PATCH',
      `/api/tasks/${created.body.id}`,
      PLANNER,
      { due_date: '2025-02-30' },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'task/bad-date' });
    expect(wrong.body.expected).toContain('2025年底');
  });

  it('lists overdue tasks as of a day and scores the units', async () => {
    const overdue = await call<{ items: Array<{ overdue: string }> }>(
      'GET',
      `/api/tasks?region_id=${regionId}&overdue=true&today=2026-01-20`,
      PLANNER,
    );
    expect(overdue.body.items.length).toBeGreaterThan(0);
    expect(overdue.body.items.every((t) => t.overdue === '逾期未完成' || t.overdue === '逾期未报')).toBe(
      true,
    );
    const scores = await call<{ items: Array<{ rank: number; score: number }> }>(
      'GET',
      `/api/assessment?region_id=${regionId}&today=2026-01-20`,
      PLANNER,
    );
    expect(scores.body.items.length).toBeGreaterThan(3);
    expect(scores.body.items[0]!.rank).toBe(1);
    expect(scores.body.items.map((s) => s.score)).toEqual(
      [...scores.body.items.map((s) => s.score)].sort((a, b) => b - a),
    );
  });

  it('gives the 任务分解表 as XLSX', async () => {
    const sheet = await app.inject({ method: 'GET', url: `/api/task-sheet?document_id=${planId}` });
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toContain('spreadsheetml');
    expect(sheet.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
