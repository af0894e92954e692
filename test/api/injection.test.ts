// Injection sweep: every query and path parameter of every GET route, on both engines, with hostile values; a
// client's input may be refused (4xx) but never makes the server fail (5xx).
import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/index.js';
import { storeRecord, type Store } from '../../src/store/index.js';
import { ENGINES, freshStore } from '../store/engines.js';
import { goldRecord } from '../store/corpus.js';
import { signedIn } from '../helpers/accounts.js';

/** Values an attacker or a broken script sends: NUL, huge and odd numbers, SQL, bad encodings, long text. */
const HOSTILE = [
  '%00',
  'a%00b',
  '1%00',
  '1e20',
  '99999999999',
  '9223372036854775808',
  '-99999999999',
  '-1',
  '0',
  '1.5',
  'NaN',
  'Infinity',
  '0x10',
  "'%20OR%201=1--",
  '1;DROP%20TABLE%20documents',
  '%FF%FE',
  '%C0%80',
  '%E2%80%AE',
  encodeURIComponent('规划'.repeat(2000)),
  '%5B%5D',
  '',
];

interface Operation {
  path: string;
  query: string[];
  pathParams: string[];
}

/** Every GET operation of the OpenAPI document with its query and path parameter names. */
function getOperations(spec: {
  paths: Record<string, { get?: { parameters?: Array<{ in: string; name: string }> } }>;
}): Operation[] {
  return Object.entries(spec.paths)
    .filter(([path, item]) => item.get && path.startsWith('/api/') && path !== '/api/openapi.json')
    .map(([path, item]) => {
      const parameters = item.get!.parameters ?? [];
      return {
        path,
        query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
      };
    });
}

describe.each(ENGINES)('injection sweep on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await freshStore(engine);
    const { record, bytes } = goldRecord('luoyang-jianxi-plan-2021-2025');
    await storeRecord(store, record, bytes);
    app = await signedIn(await buildServer({ db: store.db }), store.db);
    return () => app.close();
  });

  it('gives no 5xx for any hostile value of any list parameter or path id', async () => {
    const operations = getOperations((await app.inject({ method: 'GET', url: '/api/openapi.json' })).json());
    expect(operations.length).toBeGreaterThan(15);
    const failures: string[] = [];
    let tried = 0;
    const attempt = async (url: string) => {
      tried++;
      const res = await app.inject({ method: 'GET', url });
      if (res.statusCode >= 500) failures.push(`${res.statusCode} ${url}: ${res.body.slice(0, 160)}`);
      else if (res.statusCode >= 400) expect(res.json().message, url).toBeTruthy();
    };
    for (const op of operations) {
      const base = op.path.replace(/\{[^}]+\}/g, '1');
      for (const name of op.query) {
        for (const value of HOSTILE) {
          await attempt(`${base}?${name}=${value}`);
          await attempt(`${base}?${name}=${value}&format=csv`);
        }
      }
      for (const name of op.pathParams) {
        for (const value of HOSTILE.filter(Boolean)) {
          await attempt(op.path.replace(`{${name}}`, value).replace(/\{[^}]+\}/g, '1'));
        }
      }
    }
    expect(tried).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  });
});
