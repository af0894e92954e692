// The ledger's unit list import, evidence files and reporting cadence over HTTP.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { createTask, ensureRegion, ensureUnit, openStore, type Store } from '../../src/store/index.js';
import { accountWithToken, actingAs, bearer } from '../helpers/accounts.js';
import { multipart } from './multipart.js';

let store: Store;
let app: FastifyInstance;
let regionId: number;
let taskId: number;

// The tokens of the two people who act: the district's 规划科 and the 责任单位 the task is assigned to.
let PLANNER: string;
let UNIT: string;

async function upload(
  url: string,
  token: string,
  file: { filename: string; content: string | Uint8Array; type?: string },
) {
  const { payload, headers } = multipart([file]);
  return app.inject({ method: 'POST', url, payload, headers: { ...headers, ...bearer(token) } });
}

beforeAll(async () => {
  store = await openStore({ sqlitePath: ':memory:' });
  regionId = (await ensureRegion(store.db, {
    region: '涧西区',
    parent_region: '洛阳市',
    province: '河南省',
  }))!;
  const unitId = await ensureUnit(
    store.db,
    regionId,
    { name: '科技局', short: null, kind: '其他', contact: null },
    'setup',
  );
  taskId = await createTask(
    store.db,
    { region_id: regionId, title: '研发投入强度达到2.5%', due_date: '2025年底', lead_unit_id: unitId },
    'setup',
  );
  PLANNER = (await accountWithToken(store.db, { login: '规划科王敏', role: 'planning', regions: ['涧西区'] }))
    .token;
  UNIT = (
    await accountWithToken(store.db, {
      login: '科技局李强',
      role: 'unit',
      unit: '科技局',
      regions: ['涧西区'],
    })
  ).token;
  // Reads and the planner's own writes go as the planner; uploads name their account's token.
  app = actingAs(await buildServer({ db: store.db }), PLANNER);
});

afterAll(async () => {
  await app?.close();
  await store?.close();
});

describe('the ledger’s files over HTTP', () => {
  it('refuses evidence for another unit’s task, and the unit list or cadence of a region the caller does not hold', async () => {
    const otherUnit = (
      await accountWithToken(store.db, {
        login: '民政局周红',
        role: 'unit',
        unit: '民政局',
        regions: ['涧西区'],
      })
    ).token;
    const elsewhere = (
      await accountWithToken(store.db, { login: '规划科孙明', role: 'planning', regions: ['洛龙区'] })
    ).token;
    const evidence = await upload(`/api/tasks/${taskId}/attachments`, otherUnit, {
      filename: '材料.pdf',
      content: '%PDF-1.4',
      type: 'application/pdf',
    });
    expect(evidence.statusCode, evidence.body).toBe(403);
    const units = await upload(`/api/units/import?region_id=${regionId}`, elsewhere, {
      filename: 'units.csv',
      content: '单位名称\n住建局\n',
    });
    expect(units.statusCode, units.body).toBe(403);
    const cadence = await app.inject({
      method: 'PUT',
      url: `/api/regions/${regionId}/cadence`,
      headers: bearer(elsewhere),
      payload: { cadence: 'month' },
    });
    expect(cadence.statusCode, cadence.body).toBe(403);
    expect((await app.inject(`/api/tasks/${taskId}/attachments`)).json()).toEqual({ items: [] });
  });

  it('imports a unit list, and answers a broken one with row-level errors (422)', async () => {
    const ok = await upload(`/api/units/import?region_id=${regionId}`, PLANNER, {
      filename: 'units.csv',
      content: '单位名称,简称,上级单位,联系人\n发展和改革委员会,发改委,,张伟\n规划科,,发改委,王敏\n',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ rows: 2, errors: [], created: 2, updated: 0 });
    const units = (await app.inject(`/api/units?region_id=${regionId}`)).json() as {
      items: Array<{ name: string; parent_id: number | null; id: number }>;
    };
    const dev = units.items.find((u) => u.name === '发展和改革委员会')!;
    expect(units.items.find((u) => u.name === '规划科')!.parent_id).toBe(dev.id);

    const bad = await upload(`/api/units/import?region_id=${regionId}`, PLANNER, {
      filename: 'units.csv',
      content: '单位名称,上级单位\n社区科,民政局\n',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ row: 2, column: '上级单位', value: '民政局' }),
    ]);
  });

  it('keeps an uploaded file and serves it back as an attachment under a safe name', async () => {
    const content = Buffer.from('%PDF-1.4 进展佐证');
    const posted = await upload(`/api/tasks/${taskId}/attachments`, UNIT, {
      filename: '../../etc/研发统计.pdf',
      content,
      type: 'application/pdf',
    });
    expect(posted.statusCode).toBe(201);
    const file = posted.json() as {
      id: number;
      name: string;
      size: number;
      sha256: string;
      media_type: string;
    };
    expect(file).toMatchObject({
      name: '研发统计.pdf',
      size: content.length,
      media_type: 'application/pdf',
      sha256: createHash('sha256').update(content).digest('hex'),
    });

    const listed = (await app.inject(`/api/tasks/${taskId}/attachments`)).json() as { items: unknown[] };
    expect(listed.items).toEqual([file]);
    const task = (await app.inject(`/api/tasks/${taskId}`)).json() as { files: unknown[] };
    expect(task.files).toEqual([file]);

    const got = await app.inject(`/api/attachments/${file.id}`);
    expect(got.statusCode).toBe(200);
    expect(Buffer.compare(got.rawPayload, content)).toBe(0);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(got.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('研发统计.pdf');

    // HTML is never served as HTML: a download of plain bytes.
    const html = await upload(`/api/tasks/${taskId}/attachments`, UNIT, {
      filename: 'x.html',
      content: '<script>alert(1)</script>',
      type: 'text/html',
    });
    const served = await app.inject(`/api/attachments/${(html.json() as { id: number }).id}`);
    expect(served.headers['content-type']).toBe('application/octet-stream');
  });

  it('refuses a file past the limit, an empty one, and an unknown task or attachment', async () => {
    const previous = process.env.LANTU_ATTACHMENT_MAX_BYTES;
    process.env.LANTU_ATTACHMENT_MAX_BYTES = '16';
    try {
      const big = await upload(`/api/tasks/${taskId}/attachments`, UNIT, {
        filename: 'a.bin',
        content: 'x'.repeat(17),
      });
      expect(big.statusCode).toBe(400);
      expect(big.json()).toMatchObject({ code: 'attachment/too-large' });
    } finally {
      if (previous === undefined) delete process.env.LANTU_ATTACHMENT_MAX_BYTES;
      else process.env.LANTU_ATTACHMENT_MAX_BYTES = previous;
    }
    const empty = await upload(`/api/tasks/${taskId}/attachments`, UNIT, { filename: 'a.bin', content: '' });
    expect(empty.json()).toMatchObject({ code: 'attachment/empty' });
    const none = await upload(`/api/tasks/999999/attachments`, UNIT, { filename: 'a.bin', content: 'x' });
    expect(none.statusCode).toBe(404);
    expect((await app.inject('/api/attachments/999999')).statusCode).toBe(404);
  });

  it('stores the region’s reporting cadence and judges overdue by it', async () => {
    const before = (await app.inject(`/api/regions/${regionId}/cadence`)).json();
    expect(before).toEqual({ region_id: regionId, cadence: 'quarter', stored: false });
    const put = await app.inject({
      method: 'PUT',
      url: `/api/regions/${regionId}/cadence`,
      payload: { cadence: 'month' },
    });
    expect(put.statusCode).toBe(200);
    expect((await app.inject(`/api/regions/${regionId}/cadence`)).json()).toEqual({
      region_id: regionId,
      cadence: 'month',
      stored: true,
    });
    const bad = await app.inject({
      method: 'PUT',
      url: `/api/regions/${regionId}/cadence`,
      payload: { cadence: 'weekly' },
    });
    expect(bad.statusCode).toBe(400);
    // 月报: a task set before January owes January's report by mid-February.
    await store.db
      .updateTable('tasks')
      .set({ created_at: '2025-01-01T00:00:00Z' })
      .where('id', '=', taskId)
      .execute();
    const task = (await app.inject(`/api/tasks/${taskId}?today=2025-02-15`)).json() as {
      overdue: string | null;
    };
    expect(task.overdue).toBe('逾期未报');
    const quarterly = (await app.inject(`/api/tasks/${taskId}?today=2025-02-15&cadence=quarter`)).json() as {
      overdue: string | null;
    };
    expect(quarterly.overdue).toBeNull();
  });
});
