import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths, openStore, type Store } from '../../store/index.js';
import { buildServer } from '../index.js';
import { registerWebApp } from '../web.js';
import { accountWithToken, bearer, signedIn } from '../../../test/helpers/accounts.js';

const CORPUS = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const DOCS = [
  'luoyang-jianxi-plan-2021-2025.txt',
  'luoyang-jianxi-work-report-2022.txt',
  'luoyang-luolong-plan-2021-2025.txt',
];

let dir: string;
let store: Store;
let app: FastifyInstance;
let planId: number;
/** The second person (规划科 李娜) who approves what 王敏 entered (两人原则). */
let reviewerToken: string;

async function get<T>(url: string): Promise<T> {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBe(200);
  return response.json() as T;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantu-web-routes-'));
  store = await openStore({ sqlitePath: join(dir, 'lantu.db') });
  await ingestPaths(
    store,
    DOCS.map((d) => join(CORPUS, d)),
    { threads: 1 },
  );
  // A stand-in build, so the page routes can be tested without running Vite.
  const web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>蓝图</title><div id="root"></div>');
  writeFileSync(join(web, 'assets', 'app-abc123.js'), 'console.log(1)');
  app = await signedIn(await buildServer({ db: store.db, webRoot: web }), store.db, { login: '王敏' });
  reviewerToken = (await accountWithToken(store.db, { login: '李娜', role: 'planning' })).token;
  // buildServer registered the web app already; a second registration must be a no-op.
  await registerWebApp(app, { root: web });
  planId = (await get<{ items: Array<{ id: number; region: string }> }>('/api/plans')).items.find(
    (p) => p.region === '涧西区',
  )!.id;
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('overview', () => {
  it('gives each plan its status counts as the evaluation sentence', async () => {
    const overview = await get<{
      plans: Array<{ id: number; counts: Record<string, number>; sentence: string }>;
      documents: number;
    }>('/api/overview');
    expect(overview.documents).toBe(3);
    expect(overview.plans).toHaveLength(2);
    for (const plan of overview.plans) {
      const total = Object.values(plan.counts).reduce((a, b) => a + b, 0);
      if (total === 0) expect(plan.sentence).toBe('暂无主要指标的监测结果');
      else expect(plan.sentence.startsWith(`${total} 项主要指标中，`)).toBe(true);
    }
  });
});

/** Approve a target's pending correction as a second person and return the figure as the reader then shows it. */
async function approveCorrection(targetId: number) {
  const corrections = await get<{ items: Array<{ approval: { id: number; state: string } | null }> }>(
    `/api/corrections?subject_kind=target&subject_id=${targetId}`,
  );
  const pending = corrections.items.find((c) => c.approval?.state === 'entered')!;
  const approved = await app.inject({
    method: 'POST',
    url: '/api/approvals/approve',
    headers: bearer(reviewerToken),
    payload: { ids: [pending.approval!.id] },
  });
  expect(approved.statusCode, approved.body).toBe(200);
  const reader = await get<{ figures: Array<{ kind: string; id: number }> }>(
    `/api/documents/${planId}/reader`,
  );
  return reader.figures.find((f) => f.kind === 'target' && f.id === targetId);
}

describe('reader and corrections', () => {
  it('places every target and reported value on its quote in the text', async () => {
    const reader = await get<{
      text: string;
      figures: Array<{ kind: string; start: number | null; end: number | null; quote: string }>;
    }>(`/api/documents/${planId}/reader`);
    const placed = reader.figures.filter((f) => f.start !== null);
    expect(placed.length).toBeGreaterThan(100);
    for (const f of placed) expect(reader.text.slice(f.start!, f.end!)).toBe(f.quote);
  });

  it('keeps a correction with who, when and why, and the original', async () => {
    const reader = await get<{ figures: Array<{ kind: string; id: number; value: string; unit: string }> }>(
      `/api/documents/${planId}/reader`,
    );
    const target = reader.figures.find((f) => f.kind === 'target')!;
    const noReason = await app.inject({
      method: 'POST',
      url: '/api/corrections',
      payload: { subject_kind: 'target', subject_id: target.id, changes: { value: '1' }, reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);
    const badValue = await app.inject({
      method: 'POST',
      url: '/api/corrections',
      payload: { subject_kind: 'target', subject_id: target.id, changes: { value: '八百' }, reason: '核对' },
    });
    expect(badValue.json()).toMatchObject({ code: 'correction/bad-value' });

    const saved = await app.inject({
      method: 'POST',
      url: '/api/corrections',
      payload: {
        subject_kind: 'target',
        subject_id: target.id,
        changes: { value: '801', unit: target.unit },
        reason: '原文印刷有误',
      },
    });
    expect(saved.statusCode).toBe(201);
    // Entered for review: the reader shows the figure as read until another person approves the correction.
    expect(saved.json()).toMatchObject({ value: target.value, correction: null });
    const shown = await approveCorrection(target.id);
    expect(shown).toMatchObject({
      value: '801',
      original: { value: target.value },
      correction: { by: '王敏', reason: '原文印刷有误', corrected: { value: '801' } },
    });
    const list = await get<{ items: Array<{ corrected: Record<string, unknown> }> }>(
      `/api/corrections?document_id=${planId}`,
    );
    expect(list.items).toHaveLength(1);
    // unit was unchanged, so only the value is recorded as corrected
    expect(list.items[0]!.corrected).toEqual({ value: '801' });
    const csv = await app.inject({ method: 'GET', url: `/api/corrections.csv?document_id=${planId}` });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('原文印刷有误');
  });

  it('relinks a figure to another catalog indicator as a person', async () => {
    const reader = await get<{ figures: Array<{ kind: string; id: number; indicator_id: string | null }> }>(
      `/api/documents/${planId}/reader`,
    );
    const unlinked = reader.figures.find((f) => f.kind === 'target' && f.indicator_id === null)!;
    const saved = await app.inject({
      method: 'POST',
      url: '/api/corrections',
      payload: {
        subject_kind: 'target',
        subject_id: unlinked.id,
        changes: { indicator_id: 'gdp' },
        reason: '即地区生产总值',
      },
    });
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({ indicator_id: null });
    expect(await approveCorrection(unlinked.id)).toMatchObject({
      indicator_id: 'gdp',
      indicator_name: '地区生产总值',
    });
    const link = await store.db
      .selectFrom('links')
      .selectAll()
      .where('subject_kind', '=', 'target')
      .where('subject_id', '=', unlinked.id)
      .executeTakeFirst();
    expect(link).toMatchObject({ indicator_id: 'gdp', method: 'person' });
  });
});

describe('series and comparison', () => {
  it('draws the expected path from the base to a level target', async () => {
    const series = await get<{
      base: { year: number; value: number } | null;
      target: { year: number; value: number; kind: string } | null;
      expected: Array<{ year: number; value: number }>;
      implied_growth: number | null;
      plan: { midterm_year: number };
    }>(`/api/series?indicator_id=gdp&document_id=${planId}`);
    expect(series.plan.midterm_year).toBe(2023);
    expect(series.base).not.toBeNull();
    expect(series.target).not.toBeNull();
    expect(series.expected[0]).toEqual({ year: series.base!.year, value: series.base!.value });
    expect(series.expected.at(-1)).toEqual({ year: series.target!.year, value: series.target!.value });
    const years = series.target!.year - series.base!.year;
    expect(series.implied_growth).toBeCloseTo(
      (Math.pow(series.target!.value / series.base!.value, 1 / years) - 1) * 100,
      1,
    );
  });

  it('gives one row per plan and indicator, as JSON and as XLSX', async () => {
    const page = await get<{ items: Array<{ region: string; indicator_id: string }> }>(
      '/api/compare?indicator_id=gdp,rd-intensity',
    );
    expect(page.items).toHaveLength(4);
    expect(new Set(page.items.map((r) => r.region))).toEqual(new Set(['涧西区', '洛龙区']));
    const xlsx = await app.inject({ method: 'GET', url: '/api/compare?indicator_id=gdp&format=xlsx' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const unknown = await app.inject({ method: 'GET', url: '/api/compare?indicator_id=no-such-thing' });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('search', () => {
  it('finds 养老 in context and pages through the hits', async () => {
    const result = await get<{
      total: number;
      items: Array<{ snippet: string; highlights: Array<[number, number]> }>;
    }>(`/api/search?q=${encodeURIComponent('养老')}&limit=5`);
    expect(result.total).toBeGreaterThan(5);
    expect(result.items).toHaveLength(5);
    for (const hit of result.items) {
      const [s, e] = hit.highlights[0]!;
      expect(hit.snippet.slice(s, e)).toBe('养老');
    }
  });
});

describe('observation file check', () => {
  it('reports row errors and stores nothing', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('observations');
    sheet.addRow(['region', 'indicator', 'year', 'value', 'unit']);
    sheet.addRow(['涧西区', '地区生产总值', 2022, '451.9', '亿元']);
    sheet.addRow(['涧西区', '地区生产总值', 2023, 'abc', '亿元']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const boundary = '----lantu';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await app.inject({
      method: 'POST',
      url: '/api/observations/check',
      payload: body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      rows: 2,
      valid: 1,
      errors: [{ row: 3, column: 'value', value: 'abc' }],
    });
    const imported = await store.db
      .selectFrom('observations')
      .select('id')
      .where('source_kind', '=', 'import')
      .execute();
    expect(imported).toHaveLength(0);
  });
});

describe('the web app at /', () => {
  it('serves the page for app paths and keeps 404s for the API and missing assets', async () => {
    for (const url of ['/', '/documents/1', '/public/plans/1']) {
      const page = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain('<div id="root">');
    }
    const asset = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    const api = await app.inject({ method: 'GET', url: '/api/no-such-route' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: 'Not Found' });
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
