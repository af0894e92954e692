// Delegated targets (按市下达目标): the value a higher level assigned, entered with the document that assigned it.
import type { Kysely, Selectable } from 'kysely';
import { LantuError } from '../../diagnostics.js';
import { readCell } from '../../monitor/index.js';
import { fromJson, now } from '../json.js';
import type { AssignedTargetTable, Database } from '../schema.js';
import { appendAudit } from './audit.js';

type Db = Kysely<Database>;

/** One entry of an assigned value, as stored. */
export type AssignedTarget = Selectable<AssignedTargetTable>;

export interface AssignedTargetEntry {
  row_id: number;
  /** As a table cell writes it: `5.5以内`, `〔13.5〕`, `80`. */
  raw: string;
  /** The document that assigned it (文件名或文号). */
  source_document: string;
  note?: string | null;
  by: string;
}

/** The delegated cell of a row (target first), or null when neither cell is delegated. */
export function delegatedCell(raw: Record<string, string | null>): 'target_raw' | 'growth_raw' | null {
  if (readCell(raw.target_raw).type === 'delegated') return 'target_raw';
  if (readCell(raw.growth_raw).type === 'delegated') return 'growth_raw';
  return null;
}

/** Store an assigned value for a delegated row; it names what was wrong when the row or the value will not do. */
export async function addAssignedTarget(db: Db, entry: AssignedTargetEntry): Promise<AssignedTarget> {
  const row = await db
    .selectFrom('indicator_rows')
    .select(['id', 'name', 'raw'])
    .where('id', '=', entry.row_id)
    .executeTakeFirst();
  if (!row)
    throw new LantuError({ code: 'row/not-found', message: `indicator row ${entry.row_id} does not exist` });
  const cell = delegatedCell(fromJson<Record<string, string | null>>(row.raw));
  if (!cell) {
    throw new LantuError({
      code: 'assigned/not-delegated',
      message: `指标“${row.name}”的目标不是待下达目标 / row ${row.id} has no delegated target (按市下达目标)`,
    });
  }
  const raw = entry.raw.trim();
  const parsed = readCell(raw);
  if (parsed.type !== 'number') {
    throw new LantuError({
      code: 'assigned/invalid-value',
      message: `下达值“${raw}”不是数值 / assigned value "${raw}" is not a number`,
      expected: '按表格写法填写数值，如 5.5以内、〔13.5〕、80 / a number as a table cell writes it',
    });
  }
  const source = entry.source_document.trim();
  if (!source) {
    throw new LantuError({
      code: 'assigned/no-source',
      message: '缺少下达文件 / the assigning document is missing',
      expected: '下达该目标的文件名或文号 / the name or number of the assigning document',
    });
  }
  const values = {
    row_id: row.id,
    cell,
    raw,
    source_document: source,
    note: entry.note?.trim() || null,
    entered_by: entry.by,
    entered_at: now(),
  };
  const { id } = await db
    .insertInto('assigned_targets')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(db, {
    actor: entry.by,
    action: 'assign-target',
    entity: 'indicator_row',
    entity_id: row.id,
    detail: { raw, source_document: source, cell },
  });
  return { id, ...values };
}

/** Every assigned value of the given rows, oldest first (the last one of a row counts). */
export async function listAssignedTargets(db: Db, rowIds: readonly number[]): Promise<AssignedTarget[]> {
  const out: AssignedTarget[] = [];
  const unique = [...new Set(rowIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('assigned_targets')
      .selectAll()
      .where('row_id', 'in', unique.slice(i, i + 500))
      .orderBy('id')
      .execute();
    out.push(...rows);
  }
  return out;
}

/** The assigned value that counts for each row: the newest entry. */
export async function currentAssignedTargets(
  db: Db,
  rowIds: readonly number[],
): Promise<Map<number, AssignedTarget>> {
  const latest = new Map<number, AssignedTarget>();
  for (const a of await listAssignedTargets(db, rowIds)) latest.set(a.row_id, a);
  return latest;
}
