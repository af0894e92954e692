// The contract serializes answers: a field it did not declare would silently vanish, a value of another type
// would be coerced. Each answer must equal what the store gave, on both engines.
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import {
  getDocument,
  getOutline,
  getStatus,
  listAssignedTargets,
  listIndicatorRows,
  listReviewItems,
  listStatuses,
  pageAudit,
  pageCatalog,
  pageDocuments,
  pageFindings,
  pageObservations,
  pageRegions,
  pageReviewItems,
  pageStatuses,
  planEvaluation,
  type Store,
} from '../../src/store/index.js';
import { JIANXI, storeGold } from '../store/corpus.js';
import { ENGINES, freshStore } from '../store/engines.js';
import { signedIn } from '../helpers/accounts.js';

const WINDOW = { limit: 1000, offset: 0 };

describe.each(ENGINES)('the contract keeps every field the store gives, on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await freshStore(engine);
    await storeGold(store, JIANXI);
    app = await signedIn(await buildServer({ db: store.db }), store.db);
    return () => app.close();
  });

  const answer = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  /** What the store gave, as JSON would carry it. */
  const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

  it.each([
    ['/api/documents', () => pageDocuments(store.db, {}, WINDOW)],
    ['/api/regions', () => pageRegions(store.db, {}, WINDOW)],
    ['/api/catalog', () => pageCatalog(store.db, {}, WINDOW)],
    ['/api/audit', () => pageAudit(store.db, {}, WINDOW)],
    ['/api/observations', () => pageObservations(store.db, {}, WINDOW)],
    ['/api/statuses', () => pageStatuses(store.db, { latest: true, warnings_only: false }, WINDOW)],
    ['/api/findings', () => pageFindings(store.db, {}, WINDOW)],
    ['/api/review', () => pageReviewItems(store.db, {}, WINDOW)],
  ])('%s', async (path, fromStore) => {
    const expected = asJson(await fromStore());
    expect(expected.items.length).toBeGreaterThan(0);
    const got = await answer(`${path}?limit=1000`);
    expect(got.total).toBe(expected.total);
    expect(got.items).toEqual(expected.items);
  });

  it('/api/documents/:id and /api/statuses/:id', async () => {
    expect(await answer('/api/documents/1')).toEqual(asJson(await getDocument(store.db, 1)));
    const [first] = (await pageStatuses(store.db, {}, { limit: 1, offset: 0 })).items;
    expect(await answer(`/api/statuses/${first!.id}`)).toEqual(asJson(await getStatus(store.db, first!.id)));
  });

  it('/api/plans/:id keeps every field of its rows, typed cells included', async () => {
    const plan = await answer('/api/plans/1');
    expect(plan.outline).toEqual(asJson(await getOutline(store.db, 1)));
    const rows = asJson(await listIndicatorRows(store.db, { document_id: 1 }));
    expect(rows[0]).toHaveProperty('typed');
    expect(plan.indicators).toEqual(rows);
  });

  it('/api/plans/:id/evaluation keeps every field of the evaluation, with a year and without', async () => {
    const whole = await answer('/api/plans/1/evaluation');
    expect(whole.indicators.length).toBeGreaterThan(0);
    expect(whole.indicators.some((i: { components: unknown[] }) => i.components.length > 0)).toBe(true);
    expect(whole).toEqual(asJson(await planEvaluation(store.db, 1, null)));
    expect(await answer('/api/plans/1/evaluation?year=2022')).toEqual(
      asJson(await planEvaluation(store.db, 1, 2022)),
    );
  });

  it('/api/plans/:id/delegated and POST /api/rows/:id/assigned-target keep every field of the entries', async () => {
    const before = await answer('/api/plans/1/delegated');
    expect(before.items.length).toBeGreaterThan(0);
    const rowId: number = before.items[0].row_id;
    const posted = await app.inject({
      method: 'POST',
      url: `/api/rows/${rowId}/assigned-target`,
      payload: { raw: '5', source_document: '洛市发〔2021〕1号', note: '市下达' },
    });
    expect(posted.statusCode, posted.body).toBe(200);
    const entries = asJson(await listAssignedTargets(store.db, [rowId]));
    expect(entries).toHaveLength(1);
    expect(posted.json()).toEqual({
      assigned: entries[0],
      statuses: asJson(await listStatuses(store.db, { row_id: rowId, latest: true })),
    });
    const rows = new Map(
      (await listIndicatorRows(store.db, { document_id: 1 })).map((r) => [r.id, r] as const),
    );
    const got = await answer('/api/plans/1/delegated');
    expect(got.items).toHaveLength(before.items.length);
    for (const item of got.items) {
      const row = rows.get(item.row_id)!;
      const { name, unit, attribute, indicator_id, line, quote } = row;
      expect(item).toMatchObject({ name, unit, attribute, indicator_id, line, quote });
      expect(item.delegated).toBe(row.raw[item.cell]);
      expect(item.history).toEqual(item.row_id === rowId ? entries : []);
      expect(item.assigned).toEqual(item.row_id === rowId ? entries[0] : null);
    }
  });

  it('/api/review/groups keeps every open item, each group with all its fields', async () => {
    const open = await listReviewItems(store.db, { state: 'open' });
    expect(open.length).toBeGreaterThan(0);
    const got = await answer('/api/review/groups');
    expect(got.items).toBe(open.length);
    const byId = new Map(open.map((i) => [i.id, i] as const));
    const ids = got.groups.flatMap((g: { ids: number[] }) => g.ids);
    expect([...ids].sort((a, b) => a - b)).toEqual(open.map((i) => i.id).sort((a, b) => a - b));
    for (const group of got.groups) {
      const first = byId.get(group.ids[0])!;
      expect(Object.keys(group).sort()).toEqual(
        ['candidates', 'count', 'ids', 'kinds', 'name', 'regions', 'unit'].sort(),
      );
      expect(group).toMatchObject({ name: first.name, unit: first.unit, count: group.ids.length });
      expect(group.candidates).toEqual(
        first.candidates.map(({ indicator_id, name, score }) => ({ indicator_id, name, score })),
      );
    }
  });

  it('describes the same schemas in OpenAPI', async () => {
    const doc = await answer('/api/openapi.json');
    const one = doc.paths['/api/statuses/{id}'].get.responses['200'].content['application/json'].schema;
    expect(one.properties).toHaveProperty('explanation');
    const list = doc.paths['/api/observations'].get.responses['200'].content['application/json'].schema;
    expect(list.properties.items.items.properties.source.properties).toHaveProperty('import_file');
    const body = doc.paths['/api/tasks'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['title', 'due_date']));
    const evaluation =
      doc.paths['/api/plans/{id}/evaluation'].get.responses['200'].content['application/json'].schema;
    expect(evaluation.properties.indicators.items.properties).toHaveProperty('annualTargets');
  });
});
