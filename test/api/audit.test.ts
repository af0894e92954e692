// The audit log over HTTP and the CLI: filters by actor, action and date, its CSV twin, and the chain check
// (GET /api/audit/verify, `lantu audit verify`) naming a rewritten and a removed entry on both engines.
import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { appendAudit, type Store } from '../../src/store/index.js';
import { signedIn } from '../helpers/accounts.js';
import { childDatabase } from '../helpers/lantu-process.js';
import { ENGINES, freshStore, ownerClient, type EngineName } from '../store/engines.js';

async function someEntries(store: Store): Promise<void> {
  for (const [actor, action] of [
    ['王敏', 'observation.create'],
    ['李强', 'status.override'],
    ['王敏', 'status.override'],
    ['李强', 'observation.create'],
  ] as const)
    await appendAudit(store.db, { actor, action, entity: 'observation', detail: { by: actor } });
}

/** Rewrite entry 2 and delete entry 3 around the guard (SQLite without its triggers; PostgreSQL as the owner). */
async function tamper(store: Store, engine: EngineName, ownerUrl?: string): Promise<void> {
  const statements = [
    "UPDATE audit_log SET actor = 'mallory' WHERE id = 2",
    'DELETE FROM audit_log WHERE id = 3',
  ];
  if (engine === 'sqlite') {
    await sql`DROP TRIGGER audit_log_no_update`.execute(store.db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(store.db);
    for (const s of statements) await sql.raw(s).execute(store.db);
    return;
  }
  const owner = ownerUrl ? new pg.Client({ connectionString: ownerUrl }) : await ownerClient(store);
  if (ownerUrl) await owner.connect();
  try {
    await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
    for (const s of statements) await owner.query(s);
  } finally {
    await owner.end();
  }
}

/** `lantu audit verify` as a child process on the given environment. */
function verifyCommand(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify'], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

for (const engine of ENGINES) {
  describe(`audit log over HTTP on ${engine}`, () => {
    it('filters by actor, action and date, and downloads as CSV', async () => {
      const store = await freshStore(engine);
      await someEntries(store);
      const app = await signedIn(await buildServer({ db: store.db }), store.db);
      try {
        const list = async (query: string) =>
          (await app.inject(`/api/audit?${query}`)).json() as {
            total: number;
            items: Array<{ actor: string }>;
          };
        expect((await list('actor=王敏')).items.map((e) => e.actor)).toEqual(['王敏', '王敏']);
        expect((await list('actor=王敏&action=status.override')).total).toBe(1);
        const today = new Date().toISOString().slice(0, 10);
        expect((await list(`since=${today}&until=${today}`)).total).toBe(4);
        expect((await list('until=2000-01-01')).total).toBe(0);
        const csv = await app.inject('/api/audit.csv?action=observation.create');
        expect(csv.headers['content-type']).toMatch(/text\/csv/);
        expect(csv.body.trim().split('\n')).toHaveLength(3);
        expect(csv.body).toContain('prev_hash');
      } finally {
        await app.close();
      }
    });

    it('GET /api/audit/verify reports intact, then names the rewritten and the removed entry', async () => {
      const store = await freshStore(engine);
      await someEntries(store);
      const app = await signedIn(await buildServer({ db: store.db }), store.db);
      try {
        const intact = await app.inject('/api/audit/verify');
        expect(intact.statusCode).toBe(200);
        expect(intact.json()).toMatchObject({ intact: true, entries: 4, breaks: [] });
        await tamper(store, engine);
        const broken = (await app.inject('/api/audit/verify')).json() as {
          intact: boolean;
          breaks: Array<{ kind: string; id: number }>;
        };
        expect(broken.intact).toBe(false);
        expect(broken.breaks.map((b) => [b.kind, b.id])).toEqual([
          ['rewritten', 2],
          ['removed', 4],
        ]);
      } finally {
        await app.close();
      }
    });
  });

  describe(`lantu audit verify on ${engine}`, () => {
    it('prints "audit log intact: N entries" with exit 0, then each break with exit 1', async () => {
      const database = await childDatabase(engine);
      try {
        const store = await database.open();
        try {
          await someEntries(store);
          const intact = await verifyCommand(database.env);
          expect(intact.stdout).toContain('审计日志完整：共 4 条 / audit log intact: 4 entries');
          expect(intact.code).toBe(0);
          // The child database belongs to the URL's user: tamper as that user, outside the app role.
          await tamper(store, engine, database.env.DATABASE_URL);
        } finally {
          await store.close();
        }
        const broken = await verifyCommand(database.env);
        expect(broken.code).toBe(1);
        expect(broken.stdout).toContain('audit log broken: 2 breaks in 3 entries');
        expect(broken.stdout).toMatch(/rewritten #2: .*entry 2 does not match its hash/);
        expect(broken.stdout).toMatch(
          /removed #4: .*entry 4 does not follow entry 2 \(1 id missing between\)/,
        );
      } finally {
        await database.drop();
      }
    }, 60_000);
  });
}
