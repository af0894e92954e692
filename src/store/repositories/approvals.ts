// Approval of people's entries (填报 → 审核 → 发布): the states, the two-person rule, publishing a plan-year with a
// snapshot of its statuses, the lock on a published year and the revisions that change it.
import type { Kysely } from 'kysely';
import { LantuError } from '../../diagnostics.js';
import { fromJson, now, toJson } from '../json.js';
import { countRows, windowed, type Paged, type Window } from '../paging.js';
import type { ApprovalState, Database, EntryKind } from '../schema.js';
import { deriveRegions } from '../derive.js';
import { appendAudit, type AuditEntry } from './audit.js';
import { listStatuses, type Status } from './statuses.js';
import { claimWriter } from '../owed.js';

type Db = Kysely<Database>;

/** States whose values internal monitoring (statuses, evaluation) counts, as it counts extracted facts. */
export const COUNTED_STATES: readonly ApprovalState[] = ['approved', 'published'];
/** States that wait for a reviewer or for the one who entered (shown as 待审核 / 已退回, never judged). */
export const PENDING_STATES: readonly ApprovalState[] = ['entered', 'returned'];

export interface Approval {
  id: number;
  kind: EntryKind;
  subject_id: number;
  region_id: number | null;
  region: string | null;
  document_id: number | null;
  year: number | null;
  state: ApprovalState;
  revises: number | null;
  revision_reason: string | null;
  entered_by: string;
  entered_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  return_reason: string | null;
  published_by: string | null;
  published_at: string | null;
  publication_id: number | null;
  /** What was entered, in one line (indicator, year, value; label and reason; the corrected fields). */
  summary: string;
}

/** Where an entry belongs: the region and year it changes, and the plan or document it concerns. */
export interface EntryPlace {
  kind: EntryKind;
  region_id: number | null;
  document_id: number | null;
  year: number | null;
}

/** A revision: the entry (same kind, by its own id: observation, override, correction) it replaces, and why. */
export interface Revision {
  subject_id: number;
  reason: string;
}

export interface Publication {
  id: number;
  document_id: number;
  region_id: number | null;
  year: number;
  published_by: string;
  published_at: string;
  entries: number[];
  statuses: Status[];
}

/** The publication that locks an entry's year: its plan's for an override, its region's for the others. */
export async function lockingPublication(
  db: Db,
  place: EntryPlace,
): Promise<Omit<Publication, 'statuses' | 'entries'> | undefined> {
  if (place.year === null) return undefined;
  let query = db
    .selectFrom('publications')
    .select(['id', 'document_id', 'region_id', 'year', 'published_by', 'published_at'])
    .where('year', '=', place.year);
  if (place.kind === 'override' && place.document_id !== null)
    query = query.where('document_id', '=', place.document_id);
  else if (place.region_id !== null) query = query.where('region_id', '=', place.region_id);
  else return undefined;
  return query.orderBy('id').executeTakeFirst();
}

/**
 * Check an entry before it is stored: a published year takes only a revision (of an entry of the same kind and
 * year, with a reason). Returns the approval id the new entry revises, or null.
 */
export async function checkEntry(
  db: Db,
  place: EntryPlace,
  revision: Revision | undefined,
): Promise<number | null> {
  if (revision) {
    if (!revision.reason.trim())
      throw new LantuError({
        code: 'approval/no-revision-reason',
        message: `a revision of ${place.kind} ${revision.subject_id} needs a reason`,
        expected: 'why the published value changes, e.g. 统计局核定数修订',
      });
    const revised = await db
      .selectFrom('approvals')
      .select(['id', 'year', 'region_id', 'document_id'])
      .where('kind', '=', place.kind)
      .where('subject_id', '=', revision.subject_id)
      .executeTakeFirst();
    if (!revised)
      throw new LantuError({
        code: 'approval/revised-not-found',
        message: `${place.kind} ${revision.subject_id} has no approval to revise`,
        expected: `the id of an entered ${place.kind} (see GET /api/approvals?kind=${place.kind})`,
      });
    if (revised.year !== place.year || revised.region_id !== place.region_id)
      throw new LantuError({
        code: 'approval/revision-elsewhere',
        message: `${place.kind} ${revision.subject_id} is for ${revised.year ?? 'no year'}, region ${revised.region_id}; the revision is for ${place.year ?? 'no year'}, region ${place.region_id}`,
        expected: 'a revision of the same region and year as the value it revises',
      });
    return revised.id;
  }
  const lock = await lockingPublication(db, place);
  if (lock)
    throw new LantuError({
      code: 'approval/year-locked',
      message: `${place.year} was published on ${lock.published_at.slice(0, 10)} by ${lock.published_by} (publication ${lock.id}) and is locked`,
      expected: `a revision: the same entry with "revises" (the id of the ${place.kind} it changes) and a reason`,
    });
  return null;
}

/** Record an entry as 填报 (entered) in the caller's transaction, with its audit entry. */
export async function enterApproval(
  db: Db,
  entry: EntryPlace & { subject_id: number; by: string; revises: number | null; reason?: string | null },
): Promise<number> {
  const { id } = await db
    .insertInto('approvals')
    .values({
      kind: entry.kind,
      subject_id: entry.subject_id,
      region_id: entry.region_id,
      document_id: entry.document_id,
      year: entry.year,
      state: 'entered',
      revises: entry.revises,
      revision_reason: entry.revises === null ? null : (entry.reason?.trim() ?? null),
      entered_by: entry.by,
      entered_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(db, {
    actor: entry.by,
    action: entry.revises === null ? 'approval.enter' : 'approval.revise',
    entity: 'approval',
    entity_id: id,
    detail: {
      kind: entry.kind,
      subject_id: entry.subject_id,
      year: entry.year,
      revises: entry.revises,
      reason: entry.reason ?? null,
    },
  });
  return id;
}

/** Many imported observations entered at once (one statement per chunk; one audit entry for the import). */
export async function enterObservationApprovals(
  db: Db,
  rows: ReadonlyArray<{ id: number; region_id: number; year: number }>,
  by: string,
): Promise<void> {
  const at = now();
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('approvals')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          kind: 'observation' as const,
          subject_id: r.id,
          region_id: r.region_id,
          document_id: null,
          year: r.year,
          state: 'entered' as const,
          revises: null,
          revision_reason: null,
          entered_by: by,
          entered_at: at,
        })),
      )
      .execute();
  }
}

export interface ApprovalFilter {
  /** A plan: the entries of its region, and its own overrides. */
  plan_id?: number;
  region_id?: number;
  year?: number;
  state?: ApprovalState;
  kind?: EntryKind;
  ids?: readonly number[];
}

async function planPlace(db: Db, planId: number) {
  const plan = await db
    .selectFrom('documents')
    .select(['id', 'region_id', 'doc_type', 'title', 'filename', 'period_start', 'period_end'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan || plan.doc_type !== 'plan')
    throw new LantuError({ code: 'plan/not-found', message: `plan ${planId} does not exist` });
  return plan;
}

function approvalsQuery(db: Db, filter: ApprovalFilter & { plan_region?: number | null }) {
  let query = db.selectFrom('approvals as a');
  if (filter.plan_id !== undefined) {
    const planId = filter.plan_id;
    query = query
      .where('a.region_id', '=', filter.plan_region ?? -1)
      .where((eb) => eb.or([eb('a.kind', '<>', 'override'), eb('a.document_id', '=', planId)]));
  }
  if (filter.region_id !== undefined) query = query.where('a.region_id', '=', filter.region_id);
  if (filter.year !== undefined) query = query.where('a.year', '=', filter.year);
  if (filter.state) query = query.where('a.state', '=', filter.state);
  if (filter.kind) query = query.where('a.kind', '=', filter.kind);
  if (filter.ids) query = query.where('a.id', 'in', filter.ids.length ? [...filter.ids] : [-1]);
  return query;
}

/** One line per entry saying what was entered (read per kind from the entry itself). */
async function summaries(db: Db, rows: ReadonlyArray<{ id: number; kind: EntryKind; subject_id: number }>) {
  const out = new Map<number, string>();
  const ofKind = (kind: EntryKind) => rows.filter((r) => r.kind === kind).map((r) => r.subject_id);
  const observationIds = ofKind('observation');
  const overrideIds = ofKind('override');
  const correctionIds = ofKind('correction');
  const observations = new Map(
    (observationIds.length
      ? await db
          .selectFrom('observations as o')
          .innerJoin('catalog_indicators as c', 'c.id', 'o.indicator_id')
          .select(['o.id', 'c.name', 'o.year', 'o.value', 'o.unit', 'o.note'])
          .where('o.id', 'in', observationIds)
          .execute()
      : []
    ).map((o) => [o.id, `${o.name} ${o.year}年 ${o.value}${o.unit ?? ''}${o.note ? `（${o.note}）` : ''}`]),
  );
  const overrides = new Map(
    (overrideIds.length
      ? await db
          .selectFrom('overrides as v')
          .innerJoin('indicator_rows as r', 'r.id', 'v.row_id')
          .select(['v.id', 'r.name', 'v.year', 'v.label', 'v.reason'])
          .where('v.id', 'in', overrideIds)
          .execute()
      : []
    ).map((v) => [v.id, `${v.name} ${v.year}年 评价调整为「${v.label}」：${v.reason}`]),
  );
  const corrections = new Map(
    (correctionIds.length
      ? await db.selectFrom('audit_log').selectAll().where('id', 'in', correctionIds).execute()
      : []
    ).map((c) => {
      const detail = fromJson<{ corrected?: Record<string, unknown>; reason?: string }>(c.detail);
      const fields = Object.entries(detail.corrected ?? {})
        .map(([k, v]) => `${k}=${v === null ? '（空）' : String(v)}`)
        .join('，');
      return [c.id, `更正${c.entity} ${c.entity_id}：${fields}；理由：${detail.reason ?? ''}`];
    }),
  );
  for (const r of rows) {
    const source = r.kind === 'observation' ? observations : r.kind === 'override' ? overrides : corrections;
    out.set(r.id, source.get(r.subject_id) ?? `${r.kind} ${r.subject_id}`);
  }
  return out;
}

async function readApprovals(
  db: Db,
  filter: ApprovalFilter,
  window?: Window,
): Promise<{ rows: Approval[]; count: () => Promise<number> }> {
  const plan_region =
    filter.plan_id === undefined ? undefined : (await planPlace(db, filter.plan_id)).region_id;
  const base = approvalsQuery(db, { ...filter, plan_region });
  const rows = await windowed(
    base
      .leftJoin('regions as g', 'g.id', 'a.region_id')
      .selectAll('a')
      .select('g.name as region')
      .orderBy('a.id'),
    window,
  ).execute();
  const lines = await summaries(db, rows);
  return {
    rows: rows.map((r) => ({ ...r, summary: lines.get(r.id)! })),
    count: () => countRows(base),
  };
}

/** The approval queue (oldest first) with the filters. */
export async function pageApprovals(
  db: Db,
  filter: ApprovalFilter = {},
  window?: Window,
): Promise<Paged<Approval>> {
  const read = await readApprovals(db, filter, window);
  return { items: read.rows, total: window ? await read.count() : read.rows.length };
}

export async function listApprovals(db: Db, filter: ApprovalFilter = {}): Promise<Approval[]> {
  return (await readApprovals(db, filter)).rows;
}

async function requireApprovals(db: Db, ids: readonly number[]): Promise<Approval[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0)
    throw new LantuError({
      code: 'approval/no-entries',
      message: 'no entry was named',
      expected: 'one or more approval ids, e.g. {"ids": [12, 13]}',
    });
  const found = await listApprovals(db, { ids: unique });
  const missing = unique.filter((id) => !found.some((a) => a.id === id));
  if (missing.length)
    throw new LantuError({
      code: 'approval/not-found',
      message: `entry ${missing.join(', ')} does not exist`,
    });
  return found;
}

/** Statuses follow what is counted: approving or returning a value judges its region again. */
async function rejudge(db: Db, entries: readonly Approval[], by: string): Promise<void> {
  const regions = [
    ...new Set(
      entries.filter((a) => a.kind === 'observation' && a.region_id !== null).map((a) => a.region_id!),
    ),
  ];
  if (regions.length) await deriveRegions(db, regions, by, { lint: false });
}

const STATE_ZH: Record<ApprovalState, string> = {
  entered: '待审核',
  approved: '已审核',
  returned: '已退回',
  published: '已发布',
};

/**
 * Approve entries (审核), all or none: each must wait for review, and nobody approves what they entered (两人原则).
 * The regions of approved values are judged again.
 */
export async function approveEntries(db: Db, ids: readonly number[], by: string): Promise<Approval[]> {
  await db.transaction().execute(async (trx) => {
    await claimWriter(trx);
    const entries = await requireApprovals(trx, ids);
    for (const a of entries) {
      if (a.state !== 'entered')
        throw new LantuError({
          code: 'approval/not-pending',
          message: `entry ${a.id} is ${STATE_ZH[a.state]} (${a.state}), not waiting for review`,
          expected: 'entries in state entered (待审核)',
        });
      if (a.entered_by === by)
        throw new LantuError({
          code: 'approval/same-person',
          message: `两人原则: ${by} entered entry ${a.id} and may not approve it`,
          expected: 'approval by another reviewer than the one who entered the value',
        });
    }
    const at = now();
    await trx
      .updateTable('approvals')
      .set({ state: 'approved', reviewed_by: by, reviewed_at: at, return_reason: null })
      .where(
        'id',
        'in',
        entries.map((a) => a.id),
      )
      .execute();
    for (const a of entries)
      await appendAudit(trx, {
        actor: by,
        action: 'approval.approve',
        entity: 'approval',
        entity_id: a.id,
        detail: { kind: a.kind, subject_id: a.subject_id, year: a.year, entered_by: a.entered_by },
      });
  });
  const approved = await listApprovals(db, { ids });
  await rejudge(db, approved, by);
  return approved;
}

/** Send entries back (退回) with a reason the one who entered them reads; entered or approved, not published. */
export async function returnEntries(
  db: Db,
  ids: readonly number[],
  by: string,
  reason: string,
): Promise<Approval[]> {
  if (!reason.trim())
    throw new LantuError({
      code: 'approval/no-return-reason',
      message: 'returning an entry needs a reason',
      expected: 'what the one who entered it should check, e.g. 与统计公报数不符',
    });
  await db.transaction().execute(async (trx) => {
    await claimWriter(trx);
    const entries = await requireApprovals(trx, ids);
    for (const a of entries) {
      if (a.state !== 'entered' && a.state !== 'approved')
        throw new LantuError({
          code: 'approval/not-returnable',
          message: `entry ${a.id} is ${STATE_ZH[a.state]} (${a.state}) and cannot be returned`,
          expected: 'entries in state entered (待审核) or approved (已审核)',
        });
    }
    await trx
      .updateTable('approvals')
      .set({ state: 'returned', reviewed_by: by, reviewed_at: now(), return_reason: reason.trim() })
      .where(
        'id',
        'in',
        entries.map((a) => a.id),
      )
      .execute();
    for (const a of entries)
      await appendAudit(trx, {
        actor: by,
        action: 'approval.return',
        entity: 'approval',
        entity_id: a.id,
        detail: { kind: a.kind, subject_id: a.subject_id, year: a.year, reason: reason.trim() },
      });
  });
  const returned = await listApprovals(db, { ids });
  await rejudge(db, returned, by);
  return returned;
}

/** For each (row, target kind), the status of the newest year up to `year` (else its first: a no-data status). */
export function statusesAsOf(statuses: readonly Status[], year: number): Status[] {
  const chosen = new Map<string, Status>();
  for (const s of statuses) {
    const key = `${s.row_id}:${s.target_kind}`;
    const held = chosen.get(key);
    const better = !held
      ? true
      : s.year <= year
        ? held.year > year || s.year > held.year
        : held.year > year && s.year < held.year;
    if (better) chosen.set(key, s);
  }
  return [...chosen.values()].sort(
    (a, b) => a.row_id - b.row_id || a.target_kind.localeCompare(b.target_kind),
  );
}

/** What publishing a plan-year would publish: its approved entries (the year's, and those with no year). */
export async function publishable(db: Db, planId: number, year: number): Promise<Approval[]> {
  const plan = await planPlace(db, planId);
  return (await listApprovals(db, { plan_id: plan.id, state: 'approved' })).filter(
    (a) => a.year === year || a.year === null,
  );
}

function publicationOf(row: {
  id: number;
  document_id: number;
  region_id: number | null;
  year: number;
  published_by: string;
  published_at: string;
  entries: unknown;
  statuses: unknown;
}): Publication {
  return { ...row, entries: fromJson<number[]>(row.entries), statuses: fromJson<Status[]>(row.statuses) };
}

/**
 * Publish a plan-year (发布): every approved entry of it becomes published, and the plan's statuses for the year are
 * kept as published, so the public page shows the judgement that was approved, not a later recomputation. The year
 * is locked from then on: a change needs a revision.
 */
export async function publishPlanYear(
  db: Db,
  planId: number,
  year: number,
  by: string,
): Promise<Publication> {
  const plan = await planPlace(db, planId);
  if (plan.region_id === null)
    throw new LantuError({
      code: 'publish/no-region',
      message: `plan ${planId} (${plan.filename}) has no region, so its values cannot be published`,
    });
  const start = plan.period_start ?? year;
  const end = plan.period_end ?? year;
  if (year < start - 1 || year > end)
    throw new LantuError({
      code: 'publish/bad-year',
      message: `${year} is outside the plan's period ${start}–${end}`,
      expected: `a year from ${start - 1} (the base year) to ${end}`,
    });
  const id = await db.transaction().execute(async (trx) => {
    await claimWriter(trx);
    const entries = await publishable(trx, planId, year);
    const earlier = await trx
      .selectFrom('publications')
      .select('id')
      .where('document_id', '=', planId)
      .where('year', '=', year)
      .executeTakeFirst();
    if (earlier && entries.length === 0)
      throw new LantuError({
        code: 'publish/nothing-new',
        message: `${year} of plan ${planId} is already published (publication ${earlier.id}) and nothing new is approved`,
        expected: 'approved entries (已审核) of that year, e.g. revisions',
      });
    const statuses = statusesAsOf(await listStatuses(trx, { document_id: planId }), year);
    const at = now();
    const { id } = await trx
      .insertInto('publications')
      .values({
        document_id: planId,
        region_id: plan.region_id,
        year,
        published_by: by,
        published_at: at,
        entries: toJson(entries.map((a) => a.id)),
        statuses: toJson(statuses),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (entries.length)
      await trx
        .updateTable('approvals')
        .set({ state: 'published', published_by: by, published_at: at, publication_id: id })
        .where(
          'id',
          'in',
          entries.map((a) => a.id),
        )
        .execute();
    await appendAudit(trx, {
      actor: by,
      action: 'approval.publish',
      entity: 'publication',
      entity_id: id,
      detail: { plan_id: planId, year, entries: entries.map((a) => a.id), statuses: statuses.length },
    });
    return id;
  });
  return (await listPublications(db, { id }))[0]!;
}

export async function listPublications(
  db: Db,
  filter: { id?: number; document_id?: number },
): Promise<Publication[]> {
  let query = db.selectFrom('publications').selectAll();
  if (filter.id !== undefined) query = query.where('id', '=', filter.id);
  if (filter.document_id !== undefined) query = query.where('document_id', '=', filter.document_id);
  return (await query.orderBy('year').orderBy('id').execute()).map(publicationOf);
}

/** The newest publication of a plan (its latest year, published last), or undefined when none. */
export async function latestPublication(db: Db, planId: number): Promise<Publication | undefined> {
  const all = await listPublications(db, { document_id: planId });
  return all.sort((a, b) => a.year - b.year || a.id - b.id).at(-1);
}

/**
 * The history of a value: the entry, what it revises and what revises it (oldest first), each with the audit
 * entries of its transitions (who entered, approved, returned, published it and when).
 */
export async function approvalHistory(
  db: Db,
  id: number,
): Promise<{ entries: Approval[]; audit: AuditEntry[] }> {
  const chain = new Set<number>();
  let cursor: number | null = id;
  while (cursor !== null && !chain.has(cursor)) {
    const row: { id: number; revises: number | null } | undefined = await db
      .selectFrom('approvals')
      .select(['id', 'revises'])
      .where('id', '=', cursor)
      .executeTakeFirst();
    if (!row) break;
    chain.add(row.id);
    cursor = row.revises;
  }
  if (chain.size === 0)
    throw new LantuError({ code: 'approval/not-found', message: `entry ${id} does not exist` });
  for (let frontier = [...chain]; frontier.length > 0;) {
    const next = (await db.selectFrom('approvals').select('id').where('revises', 'in', frontier).execute())
      .map((r) => r.id)
      .filter((r) => !chain.has(r));
    next.forEach((r) => chain.add(r));
    frontier = next;
  }
  const entries = await listApprovals(db, { ids: [...chain] });
  const publications = [...new Set(entries.map((e) => e.publication_id).filter((p) => p !== null))];
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('entity', '=', 'approval'), eb('entity_id', 'in', [...chain].map(String))]),
        eb.and([
          eb('entity', '=', 'publication'),
          eb('entity_id', 'in', publications.length ? publications.map(String) : ['-1']),
        ]),
      ]),
    )
    .orderBy('id')
    .execute();
  return { entries, audit: rows.map((r) => ({ ...r, detail: fromJson(r.detail) })) };
}
