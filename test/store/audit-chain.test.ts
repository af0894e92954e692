// The audit log as a hash chain on both engines: concurrent appends never fork it, entries written before the
// chain are chained by the migration, and a rewritten, removed or cut-off entry is named by verifyAudit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  type Generated,
  PostgresDialect,
  SqliteDialect,
  sql,
  type MigrationProvider,
} from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { appendAudit, listAudit, openStore, verifyAudit, type Store } from '../../src/store/index.js';
import { fromJson } from '../../src/store/json.js';
import { entryHash, GENESIS_HASH } from '../../src/store/repositories/audit.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { ENGINES, freshStore, ownerClient, testDatabaseUrl, type EngineName } from './engines.js';

async function appendSome(store: Store, n: number): Promise<void> {
  for (let i = 0; i < n; i++)
    await appendAudit(store.db, {
      actor: `user${i}`,
      action: 'observation.create',
      entity: 'observation',
      entity_id: i,
      detail: { value: `${i}.50`, note: '人工填报', nested: { b: 1, a: [1, 2] } },
    });
}

/** Raw SQL around the guard: SQLite drops its triggers, PostgreSQL works as the tables' owner with them off. */
async function tamper(store: Store, engine: EngineName, statements: string[]): Promise<void> {
  if (engine === 'sqlite') {
    await sql`DROP TRIGGER IF EXISTS audit_log_no_update`.execute(store.db);
    await sql`DROP TRIGGER IF EXISTS audit_log_no_delete`.execute(store.db);
    for (const s of statements) await sql.raw(s).execute(store.db);
    return;
  }
  const owner = await ownerClient(store);
  try {
    await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
    for (const s of statements) await owner.query(s);
  } finally {
    await owner.end();
  }
}

for (const engine of ENGINES) {
  describe(`audit chain on ${engine}`, () => {
    it('chains every entry to the one before, also when many are appended at once', async () => {
      const store = await freshStore(engine);
      expect(await verifyAudit(store.db)).toEqual({ intact: true, entries: 0, head: null, breaks: [] });
      // Appends from many requests at once, each in its own transaction, plus some inside a caller's transaction.
      await Promise.all([
        ...Array.from({ length: 24 }, (_, i) =>
          appendAudit(store.db, { actor: `a${i}`, action: 'x', entity: 'observation', entity_id: i }),
        ),
        store.db.transaction().execute(async (trx) => {
          await appendAudit(trx, { actor: 'tx', action: 'y', entity: 'task' });
          await appendAudit(trx, { actor: 'tx', action: 'z', entity: 'task' });
        }),
      ]);
      const entries = await store.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
      expect(entries.map((e) => Number(e.id))).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
      expect(new Set(entries.map((e) => e.prev_hash)).size).toBe(26);
      for (let i = 1; i < entries.length; i++) expect(entries[i]!.prev_hash).toBe(entries[i - 1]!.hash);
      const verified = await verifyAudit(store.db);
      expect(verified).toMatchObject({ intact: true, entries: 26, breaks: [] });
      expect(verified.head).toEqual({ id: 26, hash: entries[25]!.hash });
      // The listing still reads as before, with the chain's fields.
      expect((await listAudit(store.db, { limit: 1 }))[0]).toMatchObject({ id: 26, hash: entries[25]!.hash });
    });

    it('names a rewritten entry and a removed entry, and entries cut off the end', async () => {
      const store = await freshStore(engine);
      await appendSome(store, 6);
      await tamper(store, engine, [
        "UPDATE audit_log SET actor = 'mallory' WHERE id = 2",
        'DELETE FROM audit_log WHERE id = 4',
      ]);
      const verified = await verifyAudit(store.db);
      expect(verified.intact).toBe(false);
      expect(verified.entries).toBe(5);
      expect(verified.breaks.map((b) => [b.kind, b.id, b.after])).toEqual([
        ['rewritten', 2, 1],
        ['removed', 5, 3],
      ]);
      expect(verified.breaks[1]!.message).toContain('1 id missing');
      // The newest entries removed: the chain head still names entry 6.
      await tamper(store, engine, ['DELETE FROM audit_log WHERE id >= 5']);
      const cut = await verifyAudit(store.db);
      expect(cut.breaks.map((b) => [b.kind, b.id])).toEqual([
        ['rewritten', 2],
        ['truncated', 6],
      ]);
    });

    it('catches a rewrite whose hash was recomputed: the next entry no longer follows', async () => {
      const store = await freshStore(engine);
      await appendSome(store, 3);
      const second = await store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('id', '=', 2)
        .executeTakeFirstOrThrow();
      const forged = entryHash({
        ...second,
        id: 2,
        actor: 'mallory',
        detail: fromJson(second.detail),
        prev_hash: second.prev_hash!,
      });
      await tamper(store, engine, [
        `UPDATE audit_log SET actor = 'mallory', hash = '${forged}' WHERE id = 2`,
      ]);
      // Entry 2 agrees with itself now; entry 3 still names the hash entry 2 had.
      expect((await verifyAudit(store.db)).breaks.map((b) => [b.kind, b.id, b.after])).toEqual([
        ['removed', 3, 2],
      ]);
    });

    it('refuses to overwrite an entry even as the tables’ owner (REPLACE on SQLite, ON CONFLICT on PostgreSQL)', async () => {
      const store = await freshStore(engine);
      await appendSome(store, 2);
      if (engine === 'sqlite') {
        // What SQLite really does: REPLACE would delete the old row silently; the BEFORE INSERT trigger stops it.
        await expect(
          sql`REPLACE INTO audit_log (id, at, actor, action, entity, detail, prev_hash, hash)
            VALUES (1, 'x', 'mallory', 'x', 'x', '{}', '', '')`.execute(store.db),
        ).rejects.toThrow(/append-only/);
        await expect(
          sql`INSERT INTO audit_log (at, actor, action, entity, detail) VALUES ('x', 'm', 'x', 'x', '{}')`.execute(
            store.db,
          ),
        ).rejects.toThrow(/prev_hash and hash/);
      } else {
        const owner = await ownerClient(store);
        try {
          // ON CONFLICT DO UPDATE is an UPDATE: the owner's statement meets the append-only trigger.
          await expect(
            owner.query(`INSERT INTO audit_log (id, at, actor, action, entity, detail, prev_hash, hash)
              VALUES (1, 'x', 'mallory', 'x', 'x', '{}', '', '') ON CONFLICT (id) DO UPDATE SET actor = 'mallory'`),
          ).rejects.toThrow(/append-only/);
          await expect(owner.query('DELETE FROM audit_chain')).rejects.toThrow(/one row/);
        } finally {
          await owner.end();
        }
      }
      expect(await verifyAudit(store.db)).toMatchObject({ intact: true, entries: 2 });
    });
  });
}

/** The audit log's columns before the chain. */
interface OldSchema {
  audit_log: {
    id: Generated<number>;
    at: string;
    actor: string;
    action: string;
    entity: string;
    entity_id: string | null;
    detail: string;
  };
}

/** The migrations up to (not including) the audit chain: a database as it was before it. */
const BEFORE_CHAIN: MigrationProvider = {
  getMigrations: async () =>
    Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0011_audit_chain')),
};

const LEGACY_ENTRIES = 5;

/** Entries as the append of before wrote them: no prev_hash, no hash. */
async function writeLegacyEntries(db: Kysely<OldSchema>): Promise<void> {
  for (let i = 1; i <= LEGACY_ENTRIES; i++)
    await db
      .insertInto('audit_log')
      .values({
        at: `2025-0${i}-01T00:00:00.000Z`,
        actor: `legacy${i}`,
        action: 'document.ingest',
        entity: 'document',
        entity_id: String(i),
        detail: JSON.stringify({ title: `文件${i}`, z: i, a: null }),
      })
      .execute();
}

async function expectChainedAfterMigration(store: Store): Promise<void> {
  expect(await verifyAudit(store.db)).toMatchObject({ intact: true, entries: LEGACY_ENTRIES, breaks: [] });
  const first = await store.db
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  expect(first).toMatchObject({ actor: 'legacy1', prev_hash: GENESIS_HASH });
  await appendAudit(store.db, { actor: 'new', action: 'x', entity: 'task' });
  const verified = await verifyAudit(store.db);
  expect(verified).toMatchObject({ intact: true, entries: LEGACY_ENTRIES + 1 });
  expect(verified.head!.id).toBe(LEGACY_ENTRIES + 1);
}

describe('audit chain migration', () => {
  it('sqlite: chains the entries a database held before, in id order, and appends after them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantu-chain-'));
    const path = join(dir, 'old.db');
    try {
      const old = new Kysely<OldSchema>({
        dialect: new SqliteDialect({ database: new BetterSqlite3(path) }),
      });
      const { error } = await new Migrator({ db: old, provider: BEFORE_CHAIN }).migrateToLatest();
      expect(error).toBeUndefined();
      await writeLegacyEntries(old);
      await old.destroy();
      const store = await openStore({ sqlitePath: path });
      try {
        await expectChainedAfterMigration(store);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('postgres: chains the entries a database held before, in id order, and appends after them', async () => {
    const url = await testDatabaseUrl();
    const schema = `t_chain_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    try {
      const old = new Kysely<OldSchema>({
        dialect: new PostgresDialect({
          pool: new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 1 }),
        }),
      });
      const { error } = await new Migrator({
        db: old,
        provider: BEFORE_CHAIN,
        migrationTableSchema: schema,
      }).migrateToLatest();
      expect(error).toBeUndefined();
      await writeLegacyEntries(old);
      await old.destroy();
      const store = await openStore({ databaseUrl: url, schema });
      try {
        await expectChainedAfterMigration(store);
      } finally {
        await store.close();
      }
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });
});
