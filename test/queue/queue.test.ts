// The PostgreSQL ingest queue: two workers ingest every enqueued document exactly once, a bad file fails once with
// its error, and a worker killed (SIGKILL) in the middle of a job loses nothing: another takes the job again.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import pg from 'pg';
import {
  enqueueDocuments,
  openQueue,
  postgresUrlOf,
  queueSettings,
  startWorker,
  type QueueConnection,
  type QueueSettings,
  type WorkerEvent,
} from '../../src/queue/index.js';
import { buildServer } from '../../src/server/index.js';
import type { QueueState } from '../../src/server/contract/index.js';
import { openStore, type Database, type Store } from '../../src/store/index.js';
import { toCount } from '../../src/store/json.js';
import { signedIn } from '../helpers/accounts.js';
import { childDatabase, startLantu, type ChildDatabase } from '../helpers/lantu-process.js';

/**
 * Short expiry and retry so that a lost job comes back within seconds (on a loaded machine a job may outlast it
 * and be taken twice: ingest is idempotent, so the document is still stored once).
 */
const FAST: QueueSettings = { expireSeconds: 10, retryDelaySeconds: 1, pollSeconds: 0.2 };
const FAST_ENV = {
  LANTU_QUEUE_EXPIRE_SECONDS: '10',
  LANTU_QUEUE_RETRY_SECONDS: '1',
  LANTU_QUEUE_POLL_SECONDS: '0.2',
};

const CORPUS = [
  'luoyang-jianxi-plan-2021-2025',
  'luoyang-jianxi-work-report-2022',
  'luoyang-luolong-plan-2021-2025',
  'luoyang-yanshi-plan-2021-2025',
  'xian-bulletin-2025',
].map((name) => `fixtures/corpus/${name}.txt`);
const BAD = 'fixtures/bad/truncated.docx';

const databases: ChildDatabase[] = [];
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
  for (const d of databases.splice(0)) await d.drop();
});

async function database(): Promise<{ db: ChildDatabase; url: string }> {
  const db = await childDatabase('postgres');
  databases.push(db);
  return { db, url: db.env.DATABASE_URL! };
}

async function connect(db: ChildDatabase, url: string): Promise<{ store: Store; queue: QueueConnection }> {
  const store = await db.open();
  const queue = await openQueue(url, { supervise: true, settings: FAST });
  closers.push(
    () => store.close(),
    () => queue.stop(),
  );
  return { store, queue };
}

async function count(db: Kysely<Database>, table: 'documents' | 'pending_derivations' | 'statuses') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

/** pg-boss's own record of the ingest jobs: state and tries of each. */
async function bossJobs(url: string): Promise<Array<{ state: string; retry_count: number }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT state, retry_count FROM pgboss.job WHERE name = 'lantu-ingest' ORDER BY created_on`,
    );
    return rows as Array<{ state: string; retry_count: number }>;
  } finally {
    await client.end();
  }
}

async function until<T>(what: string, probe: () => Promise<T | null>, seconds = 120): Promise<T> {
  for (let waited = 0; waited < seconds * 1000; waited += 250) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`waited ${seconds} s for ${what}`);
}

describe('the ingest queue on PostgreSQL', () => {
  it('says that it needs PostgreSQL on SQLite, and rejects a malformed setting', async () => {
    const sqlite = await openStore({ sqlitePath: ':memory:' });
    closers.push(() => sqlite.close());
    expect(() => postgresUrlOf(sqlite, 'lantu worker')).toThrow(
      /lantu worker needs PostgreSQL \(set DATABASE_URL/,
    );
    const app = await signedIn(await buildServer({ db: sqlite.db }), sqlite.db);
    closers.push(() => app.close());
    const answer = (await app.inject({ method: 'GET', url: '/api/queue' })).json<QueueState>();
    expect(answer).toMatchObject({ engine: 'sqlite', available: false, counts: { queued: 0, failed: 0 } });
    expect(() => queueSettings({ LANTU_QUEUE_EXPIRE_SECONDS: 'soon' })).toThrow(
      /LANTU_QUEUE_EXPIRE_SECONDS=soon: expected a number of seconds/,
    );
  });

  it('two workers ingest every enqueued document exactly once; a bad file fails once with its error', async () => {
    const { db, url } = await database();
    const { store, queue } = await connect(db, url);
    const sources = CORPUS.map((file) => ({ file }));
    // The same bytes under a second name, and a file enqueued twice: one document each.
    const twin = { file: 'copy-of-jianxi-plan.txt', bytes: new Uint8Array(readFileSync(CORPUS[0]!)) };
    const first = await enqueueDocuments(store, queue, [...sources, twin, { file: BAD }], {
      actor: 'tester',
    });
    expect(first.map((e) => e.outcome)).toEqual([...CORPUS.map(() => 'queued'), 'already-queued', 'queued']);
    const again = await enqueueDocuments(store, queue, sources);
    expect(again.every((e) => e.outcome === 'already-queued')).toBe(true);

    const events: WorkerEvent[] = [];
    const workers = [];
    for (let i = 0; i < 2; i++) {
      const own = await connect(db, url);
      workers.push(
        await startWorker(own.store, own.queue, { concurrency: 2, onEvent: (e) => events.push(e) }),
      );
    }
    const app = await signedIn(await buildServer({ db: store.db }), store.db);
    closers.push(() => app.close());
    const state = () => app.inject({ method: 'GET', url: '/api/queue' }).then((r) => r.json<QueueState>());
    const settled = await until('the queue to drain', async () => {
      const s = await state();
      return s.counts.queued + s.counts.active === 0 && s.regions_owed === 0 ? s : null;
    });
    for (const worker of workers) await worker.stop();

    expect(settled.available).toBe(true);
    expect(settled.counts).toEqual({ queued: 0, active: 0, failed: 1, done: CORPUS.length });
    expect(await count(store.db, 'documents')).toBe(CORPUS.length);
    const shas = await store.db.selectFrom('documents').select('sha256').execute();
    expect(new Set(shas.map((r) => r.sha256)).size).toBe(CORPUS.length);
    expect(await count(store.db, 'statuses')).toBeGreaterThan(0);
    expect(events.filter((e) => e.kind === 'stored')).toHaveLength(CORPUS.length);
    // Both workers did part of the work, and both are listed (stopped now).
    expect(settled.workers).toHaveLength(2);
    expect(settled.workers.every((w) => w.jobs_done > 0 && w.alive)).toBe(true);

    // The bad file: failed once, its reader's error kept, not tried again.
    expect(settled.failures).toHaveLength(1);
    expect(settled.failures[0]).toMatchObject({
      file: BAD,
      attempts: 1,
      code: expect.stringMatching(/docx/),
    });
    expect(settled.failures[0]!.error).toMatch(/^fixtures\/bad\/truncated\.docx: .*(truncated|damaged)/);
    expect(events.filter((e) => e.kind === 'failed' || e.kind === 'retry').map((e) => e.file)).toEqual([BAD]);
    const jobs = await bossJobs(url);
    expect(jobs.filter((j) => j.state === 'failed')).toEqual([{ state: 'failed', retry_count: 0 }]);
    expect(jobs.filter((j) => j.state === 'completed')).toHaveLength(CORPUS.length);
    // Enqueued again once stored: nothing to do.
    const later = await enqueueDocuments(store, queue, sources);
    expect(later.every((e) => e.outcome === 'stored')).toBe(true);
  }, 300_000);

  it.each(['store:before-commit', 'store:after-commit'])(
    'a worker killed (SIGKILL) at %s loses nothing: another takes the job and the document is stored once',
    async (point) => {
      const { db, url } = await database();
      const { store, queue } = await connect(db, url);
      await enqueueDocuments(store, queue, [{ file: CORPUS[0]! }]);
      const env = { ...db.env, ...FAST_ENV };

      const doomed = startLantu(['worker'], { ...env, LANTU_PAUSE_AT: point });
      await doomed.waitFor(new RegExp(`paused at ${point}`));
      doomed.child.kill('SIGKILL');
      expect((await doomed.exited).signal).toBe('SIGKILL');
      const stranded = await store.db.selectFrom('queued_files').selectAll().executeTakeFirstOrThrow();
      expect(stranded.state).toBe('active');

      // pg-boss's expiry gives the lost job back; a second worker takes it and finishes it.
      const rescuer = startLantu(['worker'], env);
      await rescuer.waitFor(/lantu worker: (stored|already stored) .* → document \d+/);
      await rescuer.waitFor(/derived region \d+/);
      rescuer.child.kill('SIGTERM');
      const ended = await rescuer.exited;
      expect(ended.code).toBe(0);
      expect(ended.stderr).toMatch(/SIGTERM: finishing the current jobs/);

      expect(await count(store.db, 'documents')).toBe(1);
      expect(await count(store.db, 'pending_derivations')).toBe(0);
      expect(await count(store.db, 'statuses')).toBeGreaterThan(0);
      const row = await store.db.selectFrom('queued_files').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ state: 'done', content: null, error: null });
      expect(row.attempts).toBeGreaterThanOrEqual(2);
      // One job, taken again after the kill (its retry count says so), completed.
      const jobs = await bossJobs(url);
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.state).toBe('completed');
      expect(jobs[0]!.retry_count).toBeGreaterThanOrEqual(1);
    },
    300_000,
  );
});
