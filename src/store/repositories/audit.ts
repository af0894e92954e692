// The append-only audit log: who did what to which entity, and when (the database refuses edits and deletes, and
// each entry carries the hash of the one before, so a rewritten or removed entry shows).
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalJson, fromJson, now, toJson } from '../json.js';
import { countRows, pageOf, windowed, type Paged, type Window } from '../paging.js';
import type { Database } from '../schema.js';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: unknown;
  prev_hash: string | null;
  hash: string | null;
}

/** The prev_hash of the first entry: nothing came before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers, as stored (detail as its parsed value). */
export interface ChainedFields {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: unknown;
  prev_hash: string;
}

/**
 * SHA-256 over one canonical serialisation of the entry: a JSON array in a fixed order, the detail with its keys
 * sorted (PostgreSQL's jsonb does not keep key order), so both engines give the same hash for the same entry.
 */
export function entryHash(entry: ChainedFields): string {
  const fields = [
    Number(entry.id),
    entry.at,
    entry.actor,
    entry.action,
    entry.entity,
    entry.entity_id,
    JSON.parse(canonicalJson(entry.detail)) as unknown,
    entry.prev_hash,
  ];
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

type NewAuditEntry = {
  actor: string;
  action: string;
  entity: string;
  entity_id?: string | number | null;
  detail?: unknown;
};

/**
 * Append one entry chained to the one before. The chain head row is written first, so the caller's transaction
 * holds it (a row lock on PostgreSQL, the write lock on SQLite) until it commits: two appends never read the same
 * predecessor. Called outside a transaction, the append opens its own.
 */
export async function appendAudit(db: Kysely<Database>, entry: NewAuditEntry): Promise<number> {
  if (!db.isTransaction) return db.transaction().execute((trx) => appendChained(trx, entry));
  return appendChained(db, entry);
}

/** Append in the caller's transaction; the new entry's id. */
async function appendChained(trx: Kysely<Database>, entry: NewAuditEntry): Promise<number> {
  // A no-op write that takes the lock before the head is read.
  await trx
    .updateTable('audit_chain')
    .set((eb) => ({ last_id: eb.ref('last_id') }))
    .where('id', '=', 1)
    .execute();
  const head = await trx
    .selectFrom('audit_chain')
    .select(['last_id', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const newest = await trx
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  // Past an entry written around the chain, so the append still goes in (verify reports that entry).
  const id = Math.max(Number(head.last_id), Number(newest?.id ?? 0)) + 1;
  const detail = entry.detail ?? {};
  const fields: ChainedFields = {
    id,
    at: now(),
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entity_id === undefined || entry.entity_id === null ? null : String(entry.entity_id),
    detail: JSON.parse(toJson(detail)) as unknown,
    prev_hash: head.last_hash,
  };
  const hash = entryHash(fields);
  await trx
    .insertInto('audit_log')
    .values({ ...fields, detail: toJson(detail), hash })
    .execute();
  await trx.updateTable('audit_chain').set({ last_id: id, last_hash: hash }).where('id', '=', 1).execute();
  return id;
}

/** One break in the chain, with the entry where it shows. */
export interface AuditBreak {
  /** rewritten: the entry's hash is not that of its fields; removed: it does not follow the entry before it;
   * truncated: entries after the last one were removed (the chain head names a later or other entry). */
  kind: 'rewritten' | 'removed' | 'truncated';
  id: number;
  /** The entry before it in the log (removed: the entries between this and `id` are gone). */
  after: number | null;
  message: string;
}

export interface AuditVerification {
  intact: boolean;
  entries: number;
  /** The newest entry's id and hash: noted elsewhere, they also prove that nothing after it was removed. */
  head: { id: number; hash: string } | null;
  breaks: AuditBreak[];
}

/** Entries read per query while walking the chain: memory stays bounded however long the log. */
const VERIFY_BATCH = 2000;

/** Walk the whole chain in id order and report every rewritten, removed or missing entry. */
export async function verifyAudit(db: Kysely<Database>): Promise<AuditVerification> {
  const breaks: AuditBreak[] = [];
  let entries = 0;
  let previous: { id: number; hash: string | null } | null = null;
  for (;;) {
    const after: number = previous?.id ?? 0;
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(VERIFY_BATCH)
      .execute();
    for (const row of rows) {
      entries += 1;
      const id: number = Number(row.id);
      const prevHash = row.prev_hash ?? '';
      const expectedPrev = previous ? (previous.hash ?? '') : GENESIS_HASH;
      if (prevHash !== expectedPrev) {
        const gone = previous ? id - previous.id - 1 : id - 1;
        breaks.push({
          kind: 'removed',
          id,
          after: previous?.id ?? null,
          message:
            `第 ${id} 条不接续${previous ? `第 ${previous.id} 条` : '链首'}` +
            `${gone > 0 ? `（其间缺 ${gone} 条）` : ''}：有条目被删除或前一条被重写 / entry ${id} does not follow ` +
            `${previous ? `entry ${previous.id}` : 'the start of the chain'}` +
            `${gone > 0 ? ` (${gone} id${gone === 1 ? '' : 's'} missing between)` : ''}: an entry was removed ` +
            'or the one before was rewritten',
        });
      }
      const fields = { ...row, id, detail: fromJson(row.detail), prev_hash: prevHash };
      if (!row.hash || entryHash(fields) !== row.hash) {
        breaks.push({
          kind: 'rewritten',
          id,
          after: previous?.id ?? null,
          message: `第 ${id} 条的内容与其哈希不符：已被改动 / entry ${id} does not match its hash: it was rewritten`,
        });
      }
      previous = { id, hash: row.hash };
    }
    if (rows.length < VERIFY_BATCH) break;
  }
  const head = await db
    .selectFrom('audit_chain')
    .select(['last_id', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  const lastId = previous?.id ?? 0;
  if (!head || Number(head.last_id) !== lastId || (previous && head.last_hash !== previous.hash)) {
    const named = head ? Number(head.last_id) : 0;
    breaks.push({
      kind: 'truncated',
      id: named,
      after: previous?.id ?? null,
      message:
        `链头记为第 ${named} 条，而日志最后一条是第 ${lastId} 条：其后的条目被删除或链头被改动 / the chain head ` +
        `names entry ${named} but the log ends at entry ${lastId}: entries after it were removed or the head was changed`,
    });
  }
  return {
    intact: breaks.length === 0,
    entries,
    head: previous ? { id: previous.id, hash: previous.hash ?? '' } : null,
    breaks,
  };
}

export interface AuditFilter {
  entity?: string;
  entity_id?: string;
  actor?: string;
  action?: string;
  /** Entries at or after this time (an ISO date `2026-01-31` or a full timestamp). */
  since?: string;
  /** Entries up to the end of this day (or this time). */
  until?: string;
}

/** The first instant after `until`: the next day for a date, else the time itself (kept, compared with <=). */
function untilBound(until: string): { op: '<' | '<='; at: string } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) return { op: '<=', at: until };
  const next = new Date(`${until}T00:00:00.000Z`);
  if (Number.isNaN(next.getTime())) return { op: '<=', at: until };
  next.setUTCDate(next.getUTCDate() + 1);
  return { op: '<', at: next.toISOString() };
}

function auditQuery(db: Kysely<Database>, filter: AuditFilter) {
  let query = db.selectFrom('audit_log');
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entity_id) query = query.where('entity_id', '=', filter.entity_id);
  if (filter.actor) query = query.where('actor', '=', filter.actor);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.since) query = query.where('at', '>=', filter.since);
  if (filter.until) {
    const bound = untilBound(filter.until);
    query = query.where('at', bound.op, bound.at);
  }
  return query;
}

/** The log, newest first (the 100 newest unless a limit is given). */
export async function listAudit(
  db: Kysely<Database>,
  filter: AuditFilter & { limit?: number; offset?: number } = {},
): Promise<AuditEntry[]> {
  const rows = await auditQuery(db, filter)
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map((r) => ({ ...r, detail: fromJson(r.detail) }));
}

/** A page of the log, newest first; no window gives every entry. */
export async function pageAudit(
  db: Kysely<Database>,
  filter: AuditFilter = {},
  window?: Window,
): Promise<Paged<AuditEntry>> {
  const rows = async (w: Window | undefined) =>
    (await windowed(auditQuery(db, filter).selectAll().orderBy('id', 'desc'), w).execute()).map((r) => ({
      ...r,
      detail: fromJson(r.detail),
    }));
  return pageOf(rows, () => countRows(auditQuery(db, filter)), window);
}
