// Search in the database on both engines: wrapped words, catalog names, facets, ranking, removal, short and hostile queries.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import {
  analyzeBytes,
  migrateToLatest,
  MIGRATIONS,
  searchDocuments,
  storeRecord,
  type Database,
  type Store,
} from '../../src/store/index.js';
import { ENGINES, freshStore } from './engines.js';
import { signedIn } from '../helpers/accounts.js';

const CORPUS = [
  'beijing-plan-2026-2030',
  'luoyang-jianxi-plan-2021-2025',
  'luoyang-jianxi-work-report-2022',
  'xian-bulletin-2025',
];

/** A small plan of our own, for the ranking and short-word cases. */
const HANDMADE = [
  '某某县国民经济和社会发展第十四个五年规划纲要',
  `坚持以人民为中心，${'统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设，'.repeat(6)}完善养老服务。`,
  '健全养老服务体系，扩大养老服务供给。',
  '建成一个综合服务中心，GDP年均增长6%。',
].join('\n');

const HOSTILE = [
  '"',
  '""',
  '*',
  'NEAR(',
  'NEAR(养老 服务, 2)',
  'OR',
  '养老 OR',
  'AND NOT',
  "'",
  "' OR 1=1 --",
  '\\',
  '%',
  '_',
  '研发"',
  'a:b',
  '^养老',
  '养老*',
  '<->',
  '!',
  '&|',
  ':*',
  '(((',
  '{}',
  '\u0000',
  '𠀀𠀁',
];

describe.each(ENGINES)('search on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  const ids = new Map<string, number>();
  const texts = new Map<number, string>();

  beforeAll(async () => {
    store = await freshStore(engine);
    const files = [
      ...CORPUS.map((name) => ({ name, bytes: new Uint8Array(readFileSync(`fixtures/corpus/${name}.txt`)) })),
      { name: 'handmade', bytes: new TextEncoder().encode(HANDMADE) },
    ];
    for (const { name, bytes } of files) {
      const record = await analyzeBytes(bytes, `${name}.txt`);
      const { documentId } = await storeRecord(store, record, bytes, { derive: false });
      ids.set(name, documentId);
      texts.set(documentId, record.text);
    }
    app = await signedIn(await buildServer({ db: store.db }), store.db);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('finds a word wrapped across two lines, pointing at where it is printed', async () => {
    const id = ids.get('beijing-plan-2026-2030')!;
    const answer = await searchDocuments(store.db, '高质量发展', { documentId: id });
    const printed = answer.hits.map((h) => texts.get(id)!.slice(h.start, h.end));
    expect(printed.every((p) => p.replace(/\r?\n/g, '') === '高质量发展')).toBe(true);
    expect(printed.some((p) => p.includes('\n'))).toBe(true);
    // The line is the one the word starts on.
    for (const hit of answer.hits) {
      const head = texts.get(id)!.slice(hit.start, hit.end).split('\n')[0]!;
      expect(texts.get(id)!.split('\n')[hit.line - 1]).toContain(head);
    }
  });

  it('研发 finds 研究与实验发展经费投入强度 through the catalog, and says so', async () => {
    const answer = await searchDocuments(store.db, '研发', {}, { limit: 1000, offset: 0 });
    expect(answer.expansions['研发']).toContain('研究与实验发展经费投入强度');
    const bySynonym = answer.hits.filter((h) => !h.snippet.includes('研发'));
    expect(bySynonym.some((h) => h.snippet.includes('研究与实验发展经费投入强度'))).toBe(true);
    for (const hit of answer.hits) {
      const [s, e] = hit.highlights[0]!;
      expect(['研发', ...answer.expansions['研发']!]).toContain(hit.snippet.slice(s, e).toLowerCase());
    }
  });

  it('counts facets by region, document type and year that agree with the filtered searches', async () => {
    const answer = await searchDocuments(store.db, '发展');
    const { facets } = answer;
    const sum = (values: Array<{ count: number }>) => values.reduce((n, v) => n + v.count, 0);
    expect(sum(facets.doc_type)).toBe(answer.total);
    expect(sum(facets.region)).toBe(answer.total);
    expect(sum(facets.year)).toBe(answer.total);
    expect(new Set(facets.doc_type.map((f) => f.value))).toEqual(
      new Set(['plan', 'work_report', 'bulletin']),
    );
    for (const value of facets.doc_type) {
      const filtered = await searchDocuments(store.db, '发展', { docType: value.value });
      expect([filtered.total, filtered.documents]).toEqual([value.count, value.documents]);
      // A facet's own values stay listed when it filters (one can switch to another type).
      expect(filtered.facets.doc_type).toEqual(facets.doc_type);
    }
    const jianxi = facets.region.find((f) => f.value === '涧西区')!;
    expect(jianxi.documents).toBe(2);
    const year = facets.year.find((f) => f.value === 2022)!;
    const inYear = await searchDocuments(store.db, '发展', { year: 2022 }, { limit: 1000, offset: 0 });
    expect(inYear.total).toBe(year.count);
    expect(new Set(inYear.hits.map((h) => h.year))).toEqual(new Set([2022]));
  });

  it('ranks a short line holding the words twice above a long line holding them once', async () => {
    const id = ids.get('handmade')!;
    for (const q of ['养老服务', '养老']) {
      const { hits } = await searchDocuments(store.db, q, { documentId: id });
      expect(
        hits.map((h) => h.line),
        q,
      ).toEqual([3, 2]);
      expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    }
    const all = await searchDocuments(store.db, '养老服务', {}, { limit: 1000, offset: 0 });
    const scores = all.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('answers two-character queries: 研发, GDP, 一个', async () => {
    const id = ids.get('handmade')!;
    for (const [q, word] of [
      ['一个', '一个'],
      ['GDP', 'GDP'],
      ['gdp', 'GDP'],
    ] as const) {
      const { hits } = await searchDocuments(store.db, q, { documentId: id });
      expect(
        hits.map((h) => h.line),
        q,
      ).toEqual([4]);
      expect(texts.get(id)!.slice(hits[0]!.start, hits[0]!.end)).toBe(word);
    }
    expect((await searchDocuments(store.db, '研发')).total).toBeGreaterThan(10);
    // A single character is found too.
    expect((await searchDocuments(store.db, '县', { documentId: id })).hits.map((h) => h.line)).toEqual([1]);
  });

  it('pages through hits in a stable order', async () => {
    const whole = await searchDocuments(store.db, '发展', {}, { limit: 40, offset: 0 });
    const first = await searchDocuments(store.db, '发展', {}, { limit: 20, offset: 0 });
    const second = await searchDocuments(store.db, '发展', {}, { limit: 20, offset: 20 });
    const key = (h: { document_id: number; start: number }) => `${h.document_id}:${h.start}`;
    expect([...first.hits, ...second.hits].map(key)).toEqual(whole.hits.map(key));
  });

  it('never fails on query strings that are FTS or tsquery syntax', async () => {
    for (const q of HOSTILE) {
      const response = await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
      // A NUL is refused with a message (400) by the API's input checks; everything else is a search.
      const expected = q.includes('\u0000') ? 400 : 200;
      expect(response.statusCode, `${JSON.stringify(q)}: ${response.body.slice(0, 200)}`).toBe(expected);
    }
    const near = await searchDocuments(store.db, 'NEAR(养老 服务, 2)');
    expect(near.terms).toEqual(['near', '养老', '服务', '2']);
  });

  it('serves facets and the catalog names over HTTP, with the old parameters', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/search?q=${encodeURIComponent('研发')}&limit=3&offset=0&doc_type=plan`,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      total: number;
      items: Array<{ doc_type: string }>;
      facets: { doc_type: Array<{ value: string }> };
      expansions: Record<string, string[]>;
    };
    expect(body.items).toHaveLength(3);
    expect(body.items.every((h) => h.doc_type === 'plan')).toBe(true);
    expect(body.facets.doc_type.map((f) => f.value)).toContain('plan');
    expect(body.expansions['研发']!.length).toBeGreaterThan(0);
    const csv = await app.inject({ method: 'GET', url: `/api/search.csv?q=${encodeURIComponent('一个')}` });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\n')[0]).toContain('snippet');
  });

  it('removes a document and its hits together', async () => {
    const id = ids.get('xian-bulletin-2025')!;
    const before = await searchDocuments(store.db, '地区生产总值', { documentId: id });
    expect(before.total).toBeGreaterThan(0);
    await store.db.deleteFrom('documents').where('id', '=', id).execute();
    const after = await searchDocuments(store.db, '地区生产总值');
    expect(after.hits.some((h) => h.document_id === id)).toBe(false);
    expect((await searchDocuments(store.db, '地区生产总值', { documentId: id })).total).toBe(0);
    const left = await store.db
      .selectFrom('search_units')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('document_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
    // Nothing of it is left in the full-text index either (an FTS5 integrity check compares index and rows).
    if (engine === 'sqlite') {
      await sql`INSERT INTO search_fts(search_fts) VALUES ('integrity-check')`.execute(store.db);
      // The pair index holds exactly the units that still exist: its rows for 地区 are the units holding 地区.
      const indexed = await sql<{ n: number }>`SELECT count(*) AS n FROM search_pairs
        WHERE search_pairs MATCH '"地区"'`.execute(store.db);
      const scanned = await sql<{ n: number }>`SELECT count(*) AS n FROM search_units
        WHERE body LIKE '%地区%'`.execute(store.db);
      expect(indexed.rows[0]!.n).toBe(scanned.rows[0]!.n);
      expect(indexed.rows[0]!.n).toBeGreaterThan(0);
    }
  });
});

describe('migration 0009 on a store that already holds documents', () => {
  it('indexes the documents stored before search lived in the database', async () => {
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }),
    });
    const provider = { getMigrations: async () => MIGRATIONS };
    await new Migrator({ db, provider }).migrateTo('0005_ledger');
    const text = '第一章 总体要求\n完善养老服务体系，\n发展普惠托育。';
    await db
      .insertInto('documents')
      .values({
        sha256: 'x',
        filename: 'old.txt',
        format: 'txt',
        byte_size: text.length,
        content: Buffer.from(text),
        text,
        doc_type: 'plan',
        diagnostics: '[]',
        ingested_at: '2026-01-01T00:00:00Z',
        ingested_by: 'test',
        encoding: null,
        title: '旧规划',
        region_id: null,
        region: '某县',
        parent_region: null,
        province: null,
        period: '2021-2025',
        period_start: 2021,
        period_end: 2025,
        vision_year: null,
      })
      .execute();
    await migrateToLatest(db);
    const answer = await searchDocuments(db, '托育');
    expect(answer.hits.map((h) => [h.title, h.line, text.slice(h.start, h.end)])).toEqual([
      ['旧规划', 3, '托育'],
    ]);
    expect(answer.facets.region).toEqual([{ value: '某县', count: 1, documents: 1 }]);
    await db.destroy();
  });
});
