// The append-only audit log: who did what to which entity, and when (the database refuses edits and deletes).
import type { Kysely } from 'kysely';
import { fromJson, now, toJson } from '../json.js';
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
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now(),
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entity_id === undefined || entry.entity_id === null ? null : String(entry.entity_id),
      detail: toJson(entry.detail ?? {}),
    })
    .execute();
}

export async function listAudit(
  db: Kysely<Database>,
  filter: { entity?: string; entity_id?: string; limit?: number; offset?: number } = {},
): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc');
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entity_id) query = query.where('entity_id', '=', filter.entity_id);
  const rows = await query
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map((r) => ({ ...r, detail: fromJson(r.detail) }));
}
