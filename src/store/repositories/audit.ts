// The append-only audit log: who did what to which entity, and when (the database refuses edits and deletes).
import type { Kysely } from 'kysely';
import { fromJson, now, toJson } from '../json.js';
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
}

export async function appendAudit(
  db: Kysely<Database>,
  entry: {
    actor: string;
    action: string;
    entity: string;
    entity_id?: string | number | null;
    detail?: unknown;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('audit_log')
    .values({
      at: now(),
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entity_id === undefined || entry.entity_id === null ? null : String(entry.entity_id),
      detail: toJson(entry.detail ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface AuditFilter {
  entity?: string;
  entity_id?: string;
}

function auditQuery(db: Kysely<Database>, filter: AuditFilter) {
  let query = db.selectFrom('audit_log');
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entity_id) query = query.where('entity_id', '=', filter.entity_id);
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
