// A busy office over HTTP (loopback only): 8 writers and 50 readers for 10 s on each engine, and `lantu ingest`
// on the SQLite file a running `lantu serve` uses while the server takes writes. No 5xx, nothing stored twice.
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { deriveRegions, listStatuses, storeRecord, verifyAudit, type Store } from '../../src/store/index.js';
import { childDatabase, runLantu, startLantu } from '../helpers/lantu-process.js';
import { goldRecord } from '../store/corpus.js';
import { ENGINES, freshStore } from '../store/engines.js';
import { accountWithToken, bearer } from '../helpers/accounts.js';

const PLAN = 'luoyang-jianxi-plan-2021-2025';
const REPORT = 'luoyang-jianxi-work-report-2022';
const WRITERS = 8;
const READERS = 50;
const DURATION_MS = 10_000;

const statusKeys = async (store: Store) =>
  (await listStatuses(store.db)).map((s) => [
    s.id,
    s.row_id,
    s.year,
    s.target_kind,
    s.label,
    s.ratio,
    s.components,
  ]);

/** One value a person enters; writer w's n-th value is unique, so each can be found exactly once. */
const entry = (w: number, n: number) => ({
  region: '涧西区',
  indicator_id: 'gdp',
  year: 2021 + (n % 5),
  value: `${400 + w}.${String(n).padStart(4, '0')}`,
  unit: '亿元',
  note: `writer ${w} #${n}`,
});

// The writers' API token (an account made for each engine's run).
let auth: Record<string, string> = {};

async function post(address: string, body: unknown): Promise<number> {
  const res = await fetch(`${address}/api/observations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

describe.each(ENGINES)('a busy office on %s', (engine) => {
  it('8 writers and 50 readers for 10 s: no error, every write stored once, statuses as a serial run', async () => {
    const store = await freshStore(engine);
    for (const name of [PLAN, REPORT]) {
      const { record, bytes } = goldRecord(name);
      await storeRecord(store, record, bytes);
    }
    const app = await buildServer({ db: store.db });
    auth = bearer((await accountWithToken(store.db, { login: 'writer', role: 'planning' })).token);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const failures: string[] = [];
    const written: string[] = [];
    let reads = 0;
    const until = Date.now() + DURATION_MS;
    try {
      const writer = async (w: number) => {
        for (let n = 0; Date.now() < until; n++) {
          const body = entry(w, n);
          const status = await post(address, body);
          if (status === 201) written.push(body.note);
          else failures.push(`POST ${status} ${body.note}`);
        }
      };
      const paths = [
        '/api/statuses?limit=100',
        '/api/observations?limit=100',
        '/api/warnings',
        '/api/health',
      ];
      const reader = async (r: number) => {
        for (let n = r; Date.now() < until; n++) {
          const path = paths[n % paths.length]!;
          const res = await fetch(`${address}${path}`, { headers: auth });
          await res.arrayBuffer();
          reads++;
          if (res.status !== 200) failures.push(`GET ${res.status} ${path}`);
        }
      };
      await Promise.all([
        ...Array.from({ length: WRITERS }, (_, w) => writer(w)),
        ...Array.from({ length: READERS }, (_, r) => reader(r)),
      ]);
    } finally {
      await app.close();
    }
    expect(failures).toEqual([]);
    expect(written.length).toBeGreaterThanOrEqual(WRITERS);
    expect(reads).toBeGreaterThan(READERS);
    const stored = await store.db
      .selectFrom('observations')
      .select('note')
      .where('source_kind', '=', 'person')
      .execute();
    expect(stored.map((o) => o.note).sort()).toEqual([...written].sort());
    // What the concurrent writers left is what one more serial recomputation gives.
    const concurrent = await statusKeys(store);
    const region = await store.db
      .selectFrom('regions')
      .select('id')
      .where('name', '=', '涧西区')
      .executeTakeFirstOrThrow();
    await deriveRegions(store.db, [region.id], 'serial');
    expect(await statusKeys(store)).toEqual(concurrent);
    // Every concurrent write appended to the audit chain, each after the one before: no fork, no gap.
    const audit = await verifyAudit(store.db);
    expect(audit).toMatchObject({ intact: true, breaks: [] });
    expect(audit.entries).toBeGreaterThan(written.length);
  }, 120_000);
});

describe('lantu ingest beside a running lantu serve on one SQLite file', () => {
  it('finishes with no "database is locked", while every server write meanwhile succeeds', async () => {
    const target = await childDatabase('sqlite');
    try {
      await runLantu(['ingest', '-j', '1', '--no-progress', `fixtures/corpus/${PLAN}.txt`], target.env);
      // The writer's token is an account in this file (the server it calls reads its accounts from here).
      const accounts = await target.open();
      try {
        auth = bearer((await accountWithToken(accounts.db, { login: 'writer', role: 'planning' })).token);
      } finally {
        await accounts.close();
      }
      const server = startLantu(['serve', '--port', '0'], target.env);
      try {
        const [, address] = await server.waitFor(/Lantu is running: (http:\/\/[^\s]+)/);
        const ingest = startLantu(
          ['ingest', '-j', '1', '--no-progress', `fixtures/corpus/${REPORT}.txt`],
          target.env,
        );
        let done = false;
        const finished = ingest.exited.then((f) => ((done = true), f));
        const statuses: number[] = [];
        for (let n = 0; !done || n < 10; n++) statuses.push(await post(address!, entry(0, n)));
        const { code, stderr } = await finished;
        expect(stderr).not.toMatch(/database is locked|SQLITE_BUSY/);
        expect(code).toBe(0);
        expect(statuses.filter((s) => s !== 201)).toEqual([]);

        const store = await target.open();
        try {
          const regions = await store.db.selectFrom('regions').select('name').execute();
          expect(regions.map((r) => r.name).sort()).toEqual(['河南省', '洛阳市', '涧西区'].sort());
          expect(await store.db.selectFrom('documents').select('id').execute()).toHaveLength(2);
          const people = await store.db
            .selectFrom('observations')
            .select('note')
            .where('source_kind', '=', 'person')
            .execute();
          expect(people).toHaveLength(statuses.length);
        } finally {
          await store.close();
        }
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    } finally {
      await target.drop();
    }
  }, 240_000);
});
