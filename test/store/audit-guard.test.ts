// The audit log cannot be rewritten by what the application can send: REPLACE on SQLite, TRUNCATE, DISABLE
// TRIGGER and replica mode on PostgreSQL (the server works as a role that owns no table).
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendAudit, listAudit } from '../../src/store/index.js';
import { APP_ROLE } from '../../src/store/migrations.js';
import { freshStore } from './engines.js';

describe('audit log guard on sqlite', () => {
  it('refuses INSERT OR REPLACE and REPLACE INTO onto an existing entry, and keeps it as written', async () => {
    const store = await freshStore('sqlite');
    await appendAudit(store.db, { actor: 'alice', action: 'observation.create', entity: 'observation' });
    const [entry] = await listAudit(store.db);
    for (const verb of ['INSERT OR REPLACE INTO', 'REPLACE INTO']) {
      await expect(
        sql`${sql.raw(verb)} audit_log (id, at, actor, action, entity, entity_id, detail)
          VALUES (${entry!.id}, '2020-01-01', 'mallory', 'nothing', 'none', NULL, '{}')`.execute(store.db),
      ).rejects.toThrow(/append-only|carry prev_hash and hash/);
    }
    expect(await listAudit(store.db)).toEqual([entry]);
    // A new entry still goes in.
    await appendAudit(store.db, { actor: 'bob', action: 'observation.create', entity: 'observation' });
    expect(await listAudit(store.db)).toHaveLength(2);
  });
});

describe('audit log guard on postgres', () => {
  it('works as the app role, which can neither truncate the log nor switch its triggers off', async () => {
    const store = await freshStore('postgres');
    await appendAudit(store.db, { actor: 'alice', action: 'observation.create', entity: 'observation' });
    const { rows } = await sql<{ role: string }>`SELECT current_user AS role`.execute(store.db);
    expect(rows[0]!.role).toBe(APP_ROLE);
    await expect(sql`TRUNCATE audit_log`.execute(store.db)).rejects.toThrow(/permission denied/);
    await expect(sql`ALTER TABLE audit_log DISABLE TRIGGER ALL`.execute(store.db)).rejects.toThrow(
      /must be owner/,
    );
    await expect(sql`SET session_replication_role = replica`.execute(store.db)).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      sql`INSERT INTO audit_log (id, at, actor, action, entity, detail) VALUES (1, 'x', 'mallory', 'x', 'x', '{}')
        ON CONFLICT (id) DO UPDATE SET actor = 'mallory'`.execute(store.db),
    ).rejects.toThrow(/permission denied|append-only/);
    expect((await listAudit(store.db)).map((a) => a.actor)).toEqual(['alice']);
  });
});
