// Killed at the worst moments (SIGKILL while storing, while deriving, while a server derives an upload), Lantu
// loses nothing: the next ingest or server start finishes what was owed, and `lantu derive --all` rebuilds it.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { deriveRegions, ingestPaths, type Database } from '../../src/store/index.js';
import { toCount } from '../../src/store/json.js';
import {
  childDatabase,
  killLantuAt,
  runLantu,
  startLantu,
  type ChildDatabase,
} from '../helpers/lantu-process.js';
import { multipart } from '../api/multipart.js';
import { ENGINES, freshStore } from './engines.js';
import { accountWithToken, bearer } from '../helpers/accounts.js';

/** A plan and a work report of 涧西区: observations, statuses and findings, in one region. */
const DOCUMENTS = ['luoyang-jianxi-plan-2021-2025', 'luoyang-jianxi-work-report-2022'].map(
  (name) => `fixtures/corpus/${name}.txt`,
);

/** Each test starts `lantu` three or four times (about 3 s of CPU each); a loaded machine needs the margin. */
const CHILDREN_LIMIT_MS = 240_000;

const COUNTED = [
  'documents',
  'indicator_rows',
  'targets',
  'achievements',
  'projects',
  'links',
  'observations',
  'statuses',
  'findings',
  'pending_derivations',
] as const;

async function counts(db: Kysely<Database>): Promise<Record<(typeof COUNTED)[number], number>> {
  const out = {} as Record<(typeof COUNTED)[number], number>;
  for (const table of COUNTED) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = toCount(row.n);
  }
  return out;
}

/** Every derived row without its timestamps' owner changing: what "the same rows" means for an idempotent derive. */
async function derivedRows(db: Kysely<Database>) {
  return {
    statuses: await db.selectFrom('statuses').selectAll().orderBy('id').execute(),
    observations: await db.selectFrom('observations').selectAll().orderBy('id').execute(),
    findings: await db.selectFrom('findings').selectAll().orderBy('id').execute(),
  };
}

const databases: ChildDatabase[] = [];
afterAll(async () => {
  for (const d of databases.splice(0)) await d.drop();
});

describe.each(ENGINES)('crash-safe derivation on %s', (engine) => {
  let clean: Awaited<ReturnType<typeof counts>> | undefined;
  const cleanCounts = async () => {
    if (!clean) {
      const store = await freshStore(engine);
      await ingestPaths(store, DOCUMENTS, { threads: 1 });
      clean = await counts(store.db);
      expect(clean.statuses).toBeGreaterThan(0);
      expect(clean.findings).toBeGreaterThan(0);
      expect(clean.observations).toBeGreaterThan(0);
      expect(clean.pending_derivations).toBe(0);
    }
    return clean;
  };

  it(
    'finishes on the next ingest what a killed ingest owed, and `derive --all` rebuilds emptied tables',
    async () => {
      const expected = await cleanCounts();
      const target = await childDatabase(engine);
      databases.push(target);
      const ingest = ['ingest', '-j', '1', '--no-progress', ...DOCUMENTS];

      // Killed while storing: the first document is committed, nothing is derived yet, the debt is recorded.
      await killLantuAt(ingest, target.env, 'store:after-commit');
      let store = await target.open();
      const afterStoring = await counts(store.db);
      await store.close();
      expect(afterStoring).toMatchObject({ documents: 1, statuses: 0, findings: 0, pending_derivations: 1 });

      // Killed inside the first region's derive transaction: the rest is stored, no region half-derived.
      await killLantuAt(ingest, target.env, 'derive:before-commit');
      store = await target.open();
      const afterDeriving = await counts(store.db);
      await store.close();
      expect(afterDeriving).toMatchObject({ documents: 2, statuses: 0, findings: 0, observations: 0 });
      expect(afterDeriving.pending_derivations).toBe(2);

      // The re-run stores nothing new and derives everything owed: exactly a clean run's rows.
      const rerun = await runLantu(ingest, target.env);
      expect(rerun).toMatch(/0 stored, 2 already stored, 0 failed/);
      store = await target.open();
      try {
        expect(await counts(store.db)).toEqual(expected);

        // Derived tables emptied: `lantu derive --all` restores them exactly.
        await store.db.deleteFrom('statuses').execute();
        await store.db.deleteFrom('findings').execute();
        await store.db.deleteFrom('observations').execute();
        const derived = await runLantu(['derive', '--all', '--no-progress'], target.env);
        expect(derived).toMatch(
          new RegExp(
            `derived 1 region: ${expected.observations} observations, ${expected.statuses} statuses, ${expected.findings} findings`,
          ),
        );
        expect(await counts(store.db)).toEqual(expected);

        // Twice gives the same rows: same ids, and nothing re-stamped.
        const before = await derivedRows(store.db);
        const regions = (await store.db.selectFrom('regions').select('id').execute()).map((r) => r.id);
        await deriveRegions(store.db, regions, 'someone-else');
        expect(await derivedRows(store.db)).toEqual(before);
      } finally {
        await store.close();
      }
    },
    CHILDREN_LIMIT_MS,
  );

  it(
    'derives on restart what a server killed while deriving an upload owed, without a re-upload',
    async () => {
      const expected = await cleanCounts();
      const target = await childDatabase(engine);
      databases.push(target);
      const serve = ['serve', '--port', '0'];
      // The upload acts as a 规划科 account made in the child's store before it starts.
      const made = await target.open();
      const { token } = await accountWithToken(made.db, { role: 'planning' });
      await made.close();
      const running = startLantu(serve, { ...target.env, LANTU_PAUSE_AT: 'derive:before-commit' });
      const [, address] = await running.waitFor(/Lantu is running: (http:\/\/\S+)/);
      const { payload, headers } = multipart(
        DOCUMENTS.map((file) => ({ filename: file.split('/').pop()!, content: readFileSync(file) })),
      );
      // The request never answers: the server is killed while it derives.
      const upload = fetch(`${address}/api/documents`, {
        method: 'POST',
        body: new Uint8Array(payload),
        headers: { ...headers, ...bearer(token) },
      }).catch((error: unknown) => error);
      await running.waitFor(/paused at derive:before-commit/);
      running.child.kill('SIGKILL');
      expect((await running.exited).signal).toBe('SIGKILL');
      expect(await upload).toBeInstanceOf(Error);

      let store = await target.open();
      expect(await counts(store.db)).toMatchObject({ documents: 2, statuses: 0, pending_derivations: 2 });
      await store.close();

      const restarted = startLantu(serve, target.env);
      try {
        const [, again] = await restarted.waitFor(/Lantu is running: (http:\/\/\S+)/);
        const statuses = (await (
          await fetch(`${again}/api/statuses?limit=1`, { headers: bearer(token) })
        ).json()) as { total: number };
        expect(statuses.total).toBe(expected.statuses);
        store = await target.open();
        expect(await counts(store.db)).toEqual(expected);
        await store.close();
      } finally {
        restarted.child.kill('SIGTERM');
        await restarted.exited;
      }
    },
    CHILDREN_LIMIT_MS,
  );
});
