// Statuses (with their components), overrides with reasons, and plan-linter findings with both citations.
import type { Kysely } from 'kysely';
import { LantuError } from '../../diagnostics.js';
import { fromJson, now } from '../json.js';
import { countRows, pageOf, windowed, type Paged, type Window } from '../paging.js';
import type { Database } from '../schema.js';
import { checkEntry, enterApproval, type Revision } from './approvals.js';
import { appendAudit } from './audit.js';
import { claimWriter } from '../owed.js';

type Db = Kysely<Database>;

export interface StoredOverride {
  id: number;
  label: string;
  reason: string;
  overridden_by: string;
  overridden_at: string;
}

export interface Status {
  id: number;
  row_id: number;
  document_id: number;
  region_id: number | null;
  region: string | null;
  indicator_id: string | null;
  name: string;
  unit: string | null;
  category: string | null;
  attribute: string | null;
  year: number;
  target_kind: string;
  label: string;
  lag: string | null;
  warning: string | null;
  method: string;
  ratio: string | null;
  components: Record<string, unknown>;
  explanation: string;
  /** The latest override, shown beside the computed label, never instead of it. */
  override: StoredOverride | null;
  computed_at: string;
}

export interface StatusFilter {
  region_id?: number;
  document_id?: number;
  indicator_id?: string;
  label?: string;
  warning?: string;
  /** Only yellow and red statuses (the warnings list). */
  warnings_only?: boolean;
  year?: number;
  row_id?: number;
  /** Only the statuses of these rows. */
  row_ids?: readonly number[];
  /** Only the newest year of each (row, target kind). */
  latest?: boolean;
}

function statusesQuery(db: Db, filter: StatusFilter) {
  let query = db.selectFrom('statuses as s');
  if (filter.latest) query = query.where('s.latest', '=', 1);
  if (filter.region_id !== undefined) query = query.where('s.region_id', '=', filter.region_id);
  if (filter.document_id !== undefined) query = query.where('s.document_id', '=', filter.document_id);
  if (filter.indicator_id) query = query.where('s.indicator_id', '=', filter.indicator_id);
  if (filter.label) query = query.where('s.label', '=', filter.label);
  if (filter.warning) query = query.where('s.warning', '=', filter.warning);
  if (filter.warnings_only) query = query.where('s.warning', 'in', ['yellow', 'red']);
  if (filter.year !== undefined) query = query.where('s.year', '=', filter.year);
  if (filter.row_id !== undefined) query = query.where('s.row_id', '=', filter.row_id);
  if (filter.row_ids)
    query = query.where('s.row_id', 'in', filter.row_ids.length ? [...filter.row_ids] : [-1]);
  return query;
}

export async function listStatuses(db: Db, filter: StatusFilter = {}, window?: Window): Promise<Status[]> {
  const query = statusesQuery(db, filter)
    .innerJoin('indicator_rows as r', 'r.id', 's.row_id')
    .leftJoin('regions as g', 'g.id', 's.region_id')
    .select([
      's.id',
      's.row_id',
      's.document_id',
      's.region_id',
      'g.name as region',
      's.indicator_id',
      'r.name',
      'r.unit',
      'r.category',
      'r.attribute',
      's.year',
      's.target_kind',
      's.label',
      's.lag',
      's.warning',
      's.method',
      's.ratio',
      's.components',
      's.explanation',
      's.computed_at',
    ])
    // Rows get their ids in table and row order, so the row id orders a plan's statuses as its tables do.
    .orderBy('s.document_id')
    .orderBy('s.row_id')
    .orderBy('s.year')
    .orderBy('s.id');
  const rows = await windowed(query, window).execute();
  const overrides = await latestOverrides(
    db,
    rows.map((r) => r.row_id),
  );
  return rows.map((r) => ({
    ...r,
    components: fromJson<Record<string, unknown>>(r.components),
    override: overrides.get(`${r.row_id}:${r.year}:${r.target_kind}`) ?? null,
  }));
}

export async function pageStatuses(
  db: Db,
  filter: StatusFilter = {},
  window?: Window,
): Promise<Paged<Status>> {
  // Every status has its row (foreign key, cascade), so counting needs no join.
  return pageOf(
    (w) => listStatuses(db, filter, w),
    () => countRows(statusesQuery(db, filter)),
    window,
  );
}

export async function getStatus(db: Db, id: number): Promise<Status | undefined> {
  const row = await db
    .selectFrom('statuses')
    .select(['row_id', 'year'])
    .where('id', '=', id)
    .executeTakeFirst();
  const found = row ? await listStatuses(db, { row_id: row.row_id, year: row.year }) : [];
  return found.find((s) => s.id === id);
}

async function latestOverrides(db: Db, rowIds: number[]): Promise<Map<string, StoredOverride>> {
  const byKey = new Map<string, StoredOverride>();
  if (rowIds.length === 0) return byKey;
  const unique = [...new Set(rowIds)];
  for (let i = 0; i < unique.length; i += 500) {
    // Only approved (or published) overrides change what a status shows; one waiting for review does not.
    const rows = await db
      .selectFrom('overrides as v')
      .selectAll('v')
      .where('v.row_id', 'in', unique.slice(i, i + 500))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('approvals as a')
              .select('a.id')
              .where('a.kind', '=', 'override')
              .whereRef('a.subject_id', '=', 'v.id')
              .where('a.state', 'in', ['entered', 'returned']),
          ),
        ),
      )
      .orderBy('v.id')
      .execute();
    for (const o of rows) byKey.set(`${o.row_id}:${o.year}:${o.target_kind}`, o);
  }
  return byKey;
}

/**
 * Override the label of a status, entered (填报) for review: once approved it is shown beside the computed label.
 * In a published year only as a revision of an earlier override (`revises`). Written to the audit log.
 */
export async function overrideStatus(
  db: Db,
  statusId: number,
  override: { label: string; reason: string; by: string; revises?: number | undefined },
): Promise<Status> {
  if (!override.reason.trim()) {
    throw new LantuError({
      code: 'override/no-reason',
      message: 'an override needs a reason',
      expected: 'a non-empty reason',
    });
  }
  await db.transaction().execute(async (trx) => {
    await claimWriter(trx);
    const status = await trx
      .selectFrom('statuses')
      .select(['row_id', 'year', 'target_kind', 'label', 'region_id', 'document_id'])
      .where('id', '=', statusId)
      .executeTakeFirst();
    if (!status)
      throw new LantuError({ code: 'status/not-found', message: `status ${statusId} does not exist` });
    const place = {
      kind: 'override' as const,
      region_id: status.region_id,
      document_id: status.document_id,
      year: status.year,
    };
    const revision: Revision | undefined =
      override.revises === undefined ? undefined : { subject_id: override.revises, reason: override.reason };
    const revises = await checkEntry(trx, place, revision);
    const { id } = await trx
      .insertInto('overrides')
      .values({
        row_id: status.row_id,
        year: status.year,
        target_kind: status.target_kind,
        label: override.label,
        reason: override.reason,
        overridden_by: override.by,
        overridden_at: now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actor: override.by,
      action: 'status.override',
      entity: 'status',
      entity_id: statusId,
      detail: {
        row_id: status.row_id,
        year: status.year,
        computed: status.label,
        label: override.label,
        reason: override.reason,
      },
    });
    await enterApproval(trx, { ...place, subject_id: id, by: override.by, revises, reason: override.reason });
  });
  return (await getStatus(db, statusId))!;
}

export interface Citation {
  document_id: number | null;
  doc?: string | null;
  line: number | null;
  quote: string | null;
}

export interface Finding {
  id: number;
  document_id: number;
  check: string;
  severity: string;
  message: string;
  citations: Citation[];
  details: Record<string, unknown>;
  created_at: string;
}

export interface FindingFilter {
  document_id?: number;
  region_id?: number;
  check?: string;
  severity?: string;
}

function findingsQuery(db: Db, filter: FindingFilter) {
  let query = db.selectFrom('findings as f');
  if (filter.document_id !== undefined) query = query.where('f.document_id', '=', filter.document_id);
  if (filter.region_id !== undefined)
    query = query.where('f.document_id', 'in', (eb) =>
      eb.selectFrom('documents').select('id').where('region_id', '=', filter.region_id!),
    );
  if (filter.check) query = query.where('f.check', '=', filter.check);
  if (filter.severity) query = query.where('f.severity', '=', filter.severity);
  return query;
}

export async function listFindings(db: Db, filter: FindingFilter = {}, window?: Window): Promise<Finding[]> {
  const query = findingsQuery(db, filter).selectAll('f').orderBy('f.document_id').orderBy('f.id');
  return (await windowed(query, window).execute()).map((f) => ({
    ...f,
    citations: fromJson<Citation[]>(f.citations),
    details: fromJson<Record<string, unknown>>(f.details),
  }));
}

export async function pageFindings(
  db: Db,
  filter: FindingFilter = {},
  window?: Window,
): Promise<Paged<Finding>> {
  return pageOf(
    (w) => listFindings(db, filter, w),
    () => countRows(findingsQuery(db, filter)),
    window,
  );
}
