// The contract serializes answers: a field it did not declare would silently vanish, a value of another type
// would be coerced. Each answer must equal what the store gave, on both engines.
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import {
  getDocument,
  getOutline,
  getStatus,
  listIndicatorRows,
  pageAudit,
  pageCatalog,
  pageDocuments,
  pageFindings,
  pageObservations,
  pageRegions,
  pageReviewItems,
  pageStatuses,
  type Store,
} from '../../src/store/index.js';
import { JIANXI, storeGold } from '../store/corpus.js';
import { ENGINES, freshStore } from '../store/engines.js';

const WINDOW = { limit: 1000, offset: 0 };

describe.each(ENGINES)('the contract keeps every field the store gives, on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await freshStore(engine);
    await storeGold(store, JIANXI);
    app = await buildServer({ db: store.db });
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

  it('describes the same schemas in OpenAPI', async () => {
    const doc = await answer('/api/openapi.json');
    const one = doc.paths['/api/statuses/{id}'].get.responses['200'].content['application/json'].schema;
    expect(one.properties).toHaveProperty('explanation');
    const list = doc.paths['/api/observations'].get.responses['200'].content['application/json'].schema;
    expect(list.properties.items.items.properties.source.properties).toHaveProperty('import_file');
    const body = doc.paths['/api/tasks'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['title', 'due_date']));
  });
});
