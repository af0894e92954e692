import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/index.js';
import type { Store } from '../../src/store/index.js';
import { ENGINES, freshStore } from '../store/engines.js';
import { JIANXI, storeGold } from '../store/corpus.js';
import { multipart } from './multipart.js';
import { accountWithToken, bearer, signedIn } from '../helpers/accounts.js';

describe.each(ENGINES)('HTTP API on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await freshStore(engine);
    await storeGold(store, JIANXI);
    app = await signedIn(await buildServer({ db: store.db, uploadLimit: 64 * 1024 }), store.db, {
      login: 'analyst',
    });
    return () => app.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('lists regions with their codes', async () => {
    const res = await get('/api/regions');
    expect(res.statusCode).toBe(200);
    const jianxi = res.json().items.find((r: { name: string }) => r.name === '涧西区');
    expect(jianxi).toMatchObject({ level: 'county', code: '410305' });
  });

  it('filters and paginates documents', async () => {
    const plans = (await get('/api/documents?doc_type=plan')).json();
    expect(plans.total).toBe(1);
    expect(plans.items[0]).toMatchObject({ doc_type: 'plan', region: '涧西区', period: '2021-2025' });
    const page = (await get('/api/documents?limit=1&offset=1')).json();
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.items[0].doc_type).toBe('work_report');
    expect(page.items[0]).not.toHaveProperty('content');
  });

  it('gives a plan with outline and indicators, and the original bytes', async () => {
    const plan = (await get('/api/plans/1')).json();
    expect(plan.outline.length).toBeGreaterThan(10);
    expect(plan.indicators.length).toBeGreaterThan(10);
    const content = await get('/api/documents/1/content');
    expect(content.rawPayload.equals(readFileSync('fixtures/corpus/luoyang-jianxi-plan-2021-2025.txt'))).toBe(
      true,
    );
    expect((await get('/api/documents/1/outline')).json().total).toBe(plan.outline.length);
  });

  it('serves statuses with components, as JSON, CSV and XLSX', async () => {
    const json = (await get('/api/statuses?limit=1000')).json();
    expect(json.total).toBeGreaterThan(0);
    expect(json.items[0].components).toHaveProperty('method');
    const csv = await get('/api/statuses.csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('label');
    expect(lines.length).toBe(json.total + 1);
    const xlsx = await get('/api/statuses?format=xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const red = (await get('/api/warnings')).json();
    for (const w of red.items) expect(['yellow', 'red']).toContain(w.warning);
  });

  it('lists rows, targets, achievements, projects, observations, findings, review and catalog', async () => {
    for (const path of [
      'rows',
      'indicators',
      'targets',
      'achievements',
      'projects',
      'observations',
      'findings',
      'review',
      'catalog',
      'audit',
    ]) {
      const res = await get(`/api/${path}?limit=5`);
      expect(res.statusCode, path).toBe(200);
      expect(res.json().items.length, path).toBeGreaterThan(0);
      expect((await get(`/api/${path}.csv`)).statusCode, path).toBe(200);
    }
    const observations = (await get('/api/observations?region=涧西区&year=2021')).json();
    expect(observations.total).toBeGreaterThan(0);
    expect(observations.items[0].source).toMatchObject({ kind: 'document' });
  });

  it('pages every list in SQL: a window equals the same slice of the whole list, with the same total', async () => {
    for (const path of [
      'regions',
      'documents',
      'rows',
      'indicators',
      'targets',
      'achievements',
      'projects',
      'observations',
      'statuses',
      'warnings',
      'findings',
      'review',
      'catalog',
      'audit',
      'documents/1/outline',
    ]) {
      const whole = (await get(`/api/${path}?limit=1000`)).json();
      const page = (await get(`/api/${path}?limit=3&offset=2`)).json();
      expect(page.total, path).toBe(whole.total);
      expect(page.items, path).toEqual(whole.items.slice(2, 5));
      expect(page).toMatchObject({ limit: 3, offset: 2 });
      const csv = (await get(`/api/${path}.csv`)).body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      if (whole.total > 0 && whole.total <= 1000) expect(csv.length - 1, path).toBe(whole.total);
    }
  });

  it('filters in SQL as the filters say', async () => {
    const all = (await get('/api/achievements?limit=1000')).json();
    const of2021 = (await get('/api/achievements?year=2021&limit=1000')).json();
    expect(of2021.total).toBe(all.items.filter((a: { year: number }) => a.year === 2021).length);
    expect(of2021.total).toBeGreaterThan(0);
    const catalog = (await get('/api/catalog?limit=1000')).json().items as Array<{
      name: string;
      synonyms: string[];
    }>;
    for (const q of ['研发', '城镇化', '增长', '"']) {
      const found = (await get(`/api/catalog?q=${encodeURIComponent(q)}&limit=1000`)).json();
      const expected = catalog.filter((c) => c.name.includes(q) || c.synonyms.some((s) => s.includes(q)));
      expect(
        found.items.map((c: { name: string }) => c.name),
        q,
      ).toEqual(expected.map((c) => c.name));
    }
    const statuses = (await get('/api/statuses?latest=false&limit=1000')).json();
    const latest = (await get('/api/statuses?limit=1000')).json();
    expect(latest.total).toBeLessThanOrEqual(statuses.total);
    const newest = new Map<string, number>();
    for (const s of statuses.items as Array<{ row_id: number; target_kind: string; year: number }>) {
      const key = `${s.row_id}:${s.target_kind}`;
      newest.set(key, Math.max(newest.get(key) ?? 0, s.year));
    }
    for (const s of latest.items) expect(s.year).toBe(newest.get(`${s.row_id}:${s.target_kind}`));
    const seen = new Set(
      latest.items.map((s: { row_id: number; target_kind: string }) => `${s.row_id}:${s.target_kind}`),
    );
    expect(seen.size).toBe(latest.total);
    const warnings = (await get('/api/warnings?limit=1000')).json();
    expect(warnings.total).toBe(
      latest.items.filter((s: { warning: string }) => s.warning === 'yellow' || s.warning === 'red').length,
    );
    const plan = (await get('/api/plans/1')).json();
    const counted = Object.values(plan.status_counts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(counted).toBe(latest.items.filter((s: { document_id: number }) => s.document_id === 1).length);
  });

  it('answers bad requests with clear 4xx errors', async () => {
    expect((await get('/api/statuses?limit=0')).statusCode).toBe(400);
    const unknown = await get('/api/statuses?colour=red');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/colour|additional/);
    expect((await get('/api/documents/abc')).statusCode).toBe(400);
    const missing = await get('/api/documents/9999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toContain('9999');
    expect((await get('/api/statuses?label=great')).statusCode).toBe(400);
    expect((await get('/api/observations?region=火星区')).statusCode).toBe(404);
  });

  it('ingests uploads once, and refuses empty, non-multipart and too large uploads', async () => {
    const sample = readFileSync('fixtures/formats/sample-plan.txt');
    const first = await app.inject({
      method: 'POST',
      url: '/api/documents',
      ...multipart([{ filename: 'sample-plan.txt', content: sample }]),
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().stored).toHaveLength(1);
    const again = await app.inject({
      method: 'POST',
      url: '/api/documents',
      ...multipart([{ filename: 'copy.txt', content: sample }]),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().duplicates[0].documentId).toBe(first.json().stored[0].documentId);
    const big = await app.inject({
      method: 'POST',
      url: '/api/documents',
      ...multipart([{ filename: 'big.txt', content: '规划'.repeat(40_000) }]),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toMatch(/limit/);
    const empty = await app.inject({
      method: 'POST',
      url: '/api/documents',
      ...multipart([{ filename: 'empty.txt', content: '' }]),
    });
    expect(empty.statusCode).toBe(400);
    const json = await app.inject({ method: 'POST', url: '/api/documents', payload: { file: 'x' } });
    expect(json.statusCode).toBe(400);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/documents',
      ...multipart([{ filename: 'random.bin', content: readFileSync('fixtures/bad/random-as.txt') }]),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().failed[0].error).toMatch(/random\.bin/);
  });

  it('records observations, overrides statuses and resolves review items', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/observations',
      payload: {
        region: '涧西区',
        indicator_id: 'gdp',
        year: 2022,
        value: '451.9',
        unit: '亿元',
        note: '统计公报',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      value: '451.9',
      recorded_by: 'analyst',
      source: { kind: 'person' },
    });
    const badValue = await app.inject({
      method: 'POST',
      url: '/api/observations',
      payload: { region_id: 1, indicator_id: 'gdp', year: 2022, value: '四百' },
    });
    expect(badValue.statusCode).toBe(400);
    expect(badValue.json().expected).toMatch(/number/);
    const noYear = await app.inject({
      method: 'POST',
      url: '/api/observations',
      payload: { region_id: 1, indicator_id: 'gdp', value: 1 },
    });
    expect(noYear.statusCode).toBe(400);

    const status = (await get('/api/statuses?limit=1')).json().items[0];
    const override = await app.inject({
      method: 'POST',
      url: `/api/statuses/${status.id}/override`,
      payload: { label: '基本符合预期', reason: '口径调整' },
    });
    expect(override.statusCode).toBe(200);
    // Entered for review: shown beside the label once another person approved it.
    expect(override.json().override).toBeNull();
    const pending = (await get('/api/approvals?kind=override&state=entered')).json().items[0];
    // 两人原则: a second person (规划科) approves what analyst entered.
    const reviewer = await accountWithToken(store.db, { login: `reviewer-${engine}`, role: 'planning' });
    const approved = await app.inject({
      method: 'POST',
      url: '/api/approvals/approve',
      headers: bearer(reviewer.token),
      payload: { ids: [pending.id] },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const shown = (await get(`/api/statuses/${status.id}`)).json();
    expect(shown.override.label).toBe('基本符合预期');
    expect(shown.label).toBe(status.label);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/statuses/${status.id}/override`,
          payload: { label: '基本符合预期' },
        })
      ).statusCode,
    ).toBe(400);

    const item = (await get('/api/review?state=open&limit=1')).json().items[0];
    const resolved = await app.inject({
      method: 'POST',
      url: `/api/review/${item.id}/resolve`,
      payload: { indicator_id: null, note: '不是指标' },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().state).toBe('dismissed');
    const twice = await app.inject({
      method: 'POST',
      url: `/api/review/${item.id}/resolve`,
      payload: { indicator_id: null },
    });
    expect(twice.statusCode).toBe(400);
    const unknown = await app.inject({
      method: 'POST',
      url: `/api/review/${item.id + 1}/resolve`,
      payload: { indicator_id: 'no-such-indicator' },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('imports observations from a template and reports row errors', async () => {
    const csv =
      'region,indicator,year,value,unit,source,note\n涧西区,gdp,2023,480.5,亿元,公报,\n涧西区,gdp,,1,亿元,,\n';
    const res = await app.inject({
      method: 'POST',
      url: '/api/observations/import',
      ...multipart([{ filename: 'obs.csv', content: csv }]),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ imported: 0, valid: 1, errors: [{ row: 3, column: 'year' }] });
    const partial = await app.inject({
      method: 'POST',
      url: '/api/observations/import?valid_rows_only=true',
      ...multipart([{ filename: 'obs.csv', content: csv }]),
    });
    expect(partial.statusCode).toBe(207);
    expect(partial.json().imported).toBe(1);
    const template = await get('/api/observations/template');
    expect(template.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('publishes an OpenAPI description and a docs page', async () => {
    const spec = (await get('/api/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/statuses', '/api/documents', '/api/review/{id}/resolve']),
    );
    expect((await get('/docs/')).statusCode).toBe(200);
  });
});
