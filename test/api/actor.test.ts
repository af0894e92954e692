// Every write route, called by a signed-in user (an API token of the account 王敏), stores that account's login
// name: in the audit log and in the row it wrote; nobody can claim another name.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { storeRecord, type Store } from '../../src/store/index.js';
import { goldRecord } from '../store/corpus.js';
import { freshStore } from '../store/engines.js';
import { accountWithToken, actingAs, bearer } from '../helpers/accounts.js';
import { multipart } from './multipart.js';

const NAME = '王敏';
let HEADER: Record<string, string>;

let store: Store;
let app: FastifyInstance;
let planId: number;
let regionId: number;

type Method = 'POST' | 'PATCH';

/** Call a write route as the browser does; fail with the answer when it is not a success. */
async function write<T>(method: Method, url: string, payload?: object): Promise<T> {
  const res = await app.inject({ method, url, headers: HEADER, ...(payload ? { payload } : {}) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json() as T;
}

async function upload<T>(url: string, filename: string, content: string): Promise<T> {
  const body = multipart([{ filename, content }]);
  const res = await app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { ...body.headers, ...HEADER },
  });
  expect(res.statusCode, `POST ${url}: ${res.body}`).toBeLessThan(300);
  return res.json() as T;
}

async function lastAuditId(): Promise<number> {
  const row = await store.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** The actors of the audit entries written since `after`: at least one, and every one the decoded name. */
async function expectAuditedSince(after: number): Promise<void> {
  const rows = await store.db.selectFrom('audit_log').select('actor').where('id', '>', after).execute();
  expect(rows.length).toBeGreaterThan(0);
  expect(new Set(rows.map((r) => r.actor))).toEqual(new Set([NAME]));
}

/** Run a write and check the audit log it left. */
async function audited<T>(act: () => Promise<T>): Promise<T> {
  const before = await lastAuditId();
  const result = await act();
  await expectAuditedSince(before);
  return result;
}

beforeAll(async () => {
  store = await freshStore('sqlite');
  const { record, bytes } = goldRecord('luoyang-jianxi-plan-2021-2025');
  planId = (await storeRecord(store, record, bytes)).documentId;
  const plan = await store.db
    .selectFrom('documents')
    .select('region_id')
    .where('id', '=', planId)
    .executeTakeFirstOrThrow();
  regionId = plan.region_id!;
  const { token } = await accountWithToken(store.db, { login: NAME, role: 'planning' });
  HEADER = bearer(token);
  app = actingAs(await buildServer({ db: store.db }), token);
});

afterAll(async () => {
  await app?.close();
});

describe('every write route stores the decoded name of who acts', () => {
  it('POST /api/documents (upload)', async () => {
    const text =
      '某某县2023年国民经济和社会发展统计公报\n\n全年地区生产总值达到123.4亿元，比上年增长5.1%。\n';
    const answer = await audited(() =>
      upload<{ stored: Array<{ documentId: number }> }>('/api/documents', 'bulletin.txt', text),
    );
    const doc = await store.db
      .selectFrom('documents')
      .select('ingested_by')
      .where('id', '=', answer.stored[0]!.documentId)
      .executeTakeFirstOrThrow();
    expect(doc.ingested_by).toBe(NAME);
  });

  it('POST /api/observations', async () => {
    const created = await audited(() =>
      write<{ recorded_by: string }>('POST', '/api/observations', {
        region_id: regionId,
        indicator_id: 'gdp',
        year: 2024,
        value: '451.9',
      }),
    );
    expect(created.recorded_by).toBe(NAME);
  });

  it('POST /api/observations/import', async () => {
    const csv = 'region,indicator,year,value,unit\n涧西区,地区生产总值,2023,432.1,亿元\n';
    const result = await audited(() =>
      upload<{ import_id: number }>('/api/observations/import', 'values.csv', csv),
    );
    const imported = await store.db
      .selectFrom('imports')
      .select('imported_by')
      .where('id', '=', result.import_id)
      .executeTakeFirstOrThrow();
    expect(imported.imported_by).toBe(NAME);
    const rows = await store.db
      .selectFrom('observations')
      .select('recorded_by')
      .where('import_id', '=', result.import_id)
      .execute();
    expect(rows.map((r) => r.recorded_by)).toEqual([NAME]);
  });

  it('POST /api/statuses/:id/override', async () => {
    const status = await store.db.selectFrom('statuses').select('id').limit(1).executeTakeFirstOrThrow();
    await audited(() =>
      write('POST', `/api/statuses/${status.id}/override`, {
        label: '基本符合预期',
        reason: '统计口径调整',
      }),
    );
    const stored = await store.db
      .selectFrom('overrides as v')
      .innerJoin('approvals as a', (j) => j.onRef('a.subject_id', '=', 'v.id').on('a.kind', '=', 'override'))
      .select(['v.overridden_by', 'a.entered_by'])
      .orderBy('v.id', 'desc')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ overridden_by: NAME, entered_by: NAME });
  });

  it('POST /api/review/:id/resolve', async () => {
    const item = await store.db
      .selectFrom('review_items')
      .select('id')
      .where('state', '=', 'open')
      .limit(1)
      .executeTakeFirstOrThrow();
    const answer = await audited(() =>
      write<{ resolved_by: string }>('POST', `/api/review/${item.id}/resolve`, { indicator_id: null }),
    );
    expect(answer.resolved_by).toBe(NAME);
  });

  it('POST /api/review/bulk', async () => {
    const items = await store.db
      .selectFrom('review_items')
      .select('id')
      .where('state', '=', 'open')
      .limit(2)
      .execute();
    expect(items).toHaveLength(2);
    const answer = await audited(() =>
      write<{ items: Array<{ resolved_by: string }> }>('POST', '/api/review/bulk', {
        ids: items.map((i) => i.id),
        indicator_id: null,
      }),
    );
    expect(answer.items.map((i) => i.resolved_by)).toEqual([NAME, NAME]);
  });

  it('POST /api/rows/:id/assigned-target', async () => {
    const { items } = (await app.inject({ method: 'GET', url: `/api/plans/${planId}/delegated` })).json();
    expect(items.length).toBeGreaterThan(0);
    const answer = await audited(() =>
      write<{ assigned: { entered_by: string } }>('POST', `/api/rows/${items[0].row_id}/assigned-target`, {
        raw: '5',
        source_document: '洛市发〔2021〕1号',
      }),
    );
    expect(answer.assigned.entered_by).toBe(NAME);
  });

  it('POST /api/corrections', async () => {
    const target = await store.db
      .selectFrom('targets')
      .select('id')
      .where('document_id', '=', planId)
      .limit(1)
      .executeTakeFirstOrThrow();
    await audited(() =>
      write('POST', '/api/corrections', {
        subject_kind: 'target',
        subject_id: target.id,
        changes: { unit: '万人' },
        reason: '原文单位为万人',
      }),
    );
    const [correction] = (
      await app.inject({ method: 'GET', url: `/api/corrections?subject_id=${target.id}` })
    ).json().items;
    expect(correction).toMatchObject({ by: NAME, approval: { state: 'entered' } });
  });

  it('POST /api/approvals/approve, /return and /api/plans/:id/publish', async () => {
    const entered = await store.db
      .selectFrom('approvals')
      .select('id')
      .where('state', '=', 'entered')
      .orderBy('id')
      .limit(2)
      .execute();
    expect(entered).toHaveLength(2);
    // The one who entered may not approve (两人原则): another reviewer (规划科 张强, signed in with his own
    // token; a login has no spaces) does, and is stored by his login name.
    const other = bearer((await accountWithToken(store.db, { login: '张强', role: 'planning' })).token);
    const approved = await app.inject({
      method: 'POST',
      url: '/api/approvals/approve',
      headers: other,
      payload: { ids: [entered[0]!.id] },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().items[0].reviewed_by).toBe('张强');
    const returned = await audited(() =>
      write<{ items: Array<{ reviewed_by: string }> }>('POST', '/api/approvals/return', {
        ids: [entered[1]!.id],
        reason: '请核对',
      }),
    );
    expect(returned.items[0]!.reviewed_by).toBe(NAME);
    const published = await audited(() =>
      write<{ published_by: string }>('POST', `/api/plans/${planId}/publish`, { year: 2024 }),
    );
    expect(published.published_by).toBe(NAME);
  });

  it('POST /api/units', async () => {
    await audited(() => write('POST', '/api/units', { region_id: regionId, name: '区数据局', kind: '局' }));
  });

  it('POST /api/plans/:id/decomposition', async () => {
    await audited(() => write('POST', `/api/plans/${planId}/decomposition`));
    const tasks = await store.db.selectFrom('tasks').select('created_by').distinct().execute();
    expect(tasks.map((t) => t.created_by)).toEqual([NAME]);
  });

  let taskId: number;
  it('POST /api/tasks', async () => {
    const task = await audited(() =>
      write<{ id: number; created_by: string }>('POST', '/api/tasks', {
        region_id: regionId,
        title: '建成区级数据中心',
        due_date: '2027-06-30',
      }),
    );
    expect(task.created_by).toBe(NAME);
    taskId = task.id;
  });

  it('PATCH /api/tasks/:id', async () => {
    await audited(() => write('PATCH', `/api/tasks/${taskId}`, { responsible: '张华' }));
  });

  it('POST /api/tasks/:id/reports', async () => {
    const report = await audited(() =>
      write<{ reported_by: string }>('POST', `/api/tasks/${taskId}/reports`, { progress: '完成选址' }),
    );
    expect(report.reported_by).toBe(NAME);
  });

  it('POST /api/tasks/:id/close', async () => {
    await audited(() => write('POST', `/api/tasks/${taskId}/close`, { action: 'request' }));
    const closed = await audited(() =>
      write<{ closed_by: string }>('POST', `/api/tasks/${taskId}/close`, { action: 'confirm' }),
    );
    expect(closed.closed_by).toBe(NAME);
  });

  it('POST /api/task-sheet (import)', async () => {
    const sheet =
      '序号,任务,目标,牵头单位,配合单位,责任人,完成时限,备注\n1,建设智慧社区,覆盖全区,区民政局,,,2028-12-31,\n';
    await audited(() => upload(`/api/task-sheet?region_id=${regionId}`, 'tasks.csv', sheet));
    const task = await store.db
      .selectFrom('tasks')
      .select('created_by')
      .where('title', '=', '建设智慧社区')
      .executeTakeFirstOrThrow();
    expect(task.created_by).toBe(NAME);
  });

  let projectId: number;
  it('POST /api/plans/:id/project-ledger', async () => {
    await audited(() => write('POST', `/api/plans/${planId}/project-ledger`));
    const entries = await store.db.selectFrom('project_ledger').select(['id', 'updated_by']).execute();
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.updated_by))).toEqual(new Set([NAME]));
    projectId = entries[0]!.id;
  });

  it('PATCH /api/project-ledger/:id', async () => {
    const entry = await audited(() =>
      write<{ updated_by: string }>('PATCH', `/api/project-ledger/${projectId}`, { stage: '在建' }),
    );
    expect(entry.updated_by).toBe(NAME);
  });

  it('POST /api/documents/:id/versions, DELETE /api/documents/:id, POST /api/documents/:id/restore', async () => {
    const bulletin = await store.db
      .selectFrom('documents')
      .select('id')
      .where('filename', '=', 'bulletin.txt')
      .executeTakeFirstOrThrow();
    const revised =
      '某某县2023年国民经济和社会发展统计公报\n\n全年地区生产总值达到124.0亿元，比上年增长5.2%。\n';
    const version = await audited(() =>
      upload<{ to: { id: number } }>(`/api/documents/${bulletin.id}/versions`, 'bulletin-修订.txt', revised),
    );
    const stored = await store.db
      .selectFrom('documents')
      .select('ingested_by')
      .where('id', '=', version.to.id)
      .executeTakeFirstOrThrow();
    expect(stored.ingested_by).toBe(NAME);
    await audited(() =>
      app.inject({ method: 'DELETE', url: `/api/documents/${bulletin.id}`, headers: HEADER }),
    );
    const removed = await store.db
      .selectFrom('documents')
      .select('removed_by')
      .where('id', '=', version.to.id)
      .executeTakeFirstOrThrow();
    expect(removed.removed_by).toBe(NAME);
    await audited(() => write('POST', `/api/documents/${bulletin.id}/restore`));
  });

  it('ignores a claimed name: the old x-lantu-user header neither signs in nor renames', async () => {
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/observations',
      // An authorization header of its own replaces the test's token: this request carries none that opens.
      headers: { authorization: '', 'x-lantu-user': encodeURIComponent('冒名者') },
      payload: { region_id: regionId, indicator_id: 'gdp', year: 2025, value: '1' },
    });
    expect(anonymous.statusCode).toBe(401);
    const signed = await app.inject({
      method: 'POST',
      url: '/api/observations',
      headers: { ...HEADER, 'x-lantu-user': encodeURIComponent('冒名者') },
      payload: { region_id: regionId, indicator_id: 'gdp', year: 2025, value: '1' },
    });
    expect(signed.json().recorded_by).toBe(NAME);
  });
});
