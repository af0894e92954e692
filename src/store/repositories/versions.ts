// A document's versions (规划调整) and its recoverable removal: what changes in the store, audited, in one transaction.
import type { Kysely, Transaction } from 'kysely';
import { LantuError } from '../../diagnostics.js';
import { now } from '../json.js';
import { claimWriter, oweDerivation } from '../owed.js';
import type { Database } from '../schema.js';
import { appendAudit } from './audit.js';
import { listIndicatorRows, type IndicatorRow } from './facts.js';

type Db = Kysely<Database>;

/** A documents row as the version rules need it. */
export interface VersionRow {
  id: number;
  document_id: number;
  version: number;
  doc_type: string;
  region_id: number | null;
  filename: string;
  superseded_at: string | null;
  removed_at: string | null;
}

const notFound = (id: number) =>
  new LantuError({ code: 'document/not-found', message: `document ${id} does not exist` });

/** Every version of the document that `id` is a version of, first version first; not-found when there is none. */
export async function versionsOf(db: Db, id: number): Promise<VersionRow[]> {
  const of = await db
    .selectFrom('documents')
    .select((eb) => eb.fn.coalesce('version_of', 'id').$castTo<number>().as('lineage'))
    .where('id', '=', id)
    .executeTakeFirst();
  if (!of) throw notFound(id);
  const lineage = Number(of.lineage);
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'version', 'doc_type', 'region_id', 'filename', 'superseded_at', 'removed_at'])
    .where((eb) => eb.or([eb('id', '=', lineage), eb('version_of', '=', lineage)]))
    .orderBy('version')
    .execute();
  return rows.map((r) => ({ ...r, document_id: lineage }));
}

/** The version in use of a document's versions (the one nothing superseded). */
export function currentVersion(versions: readonly VersionRow[]): VersionRow {
  return versions.find((v) => v.superseded_at === null) ?? versions[versions.length - 1]!;
}

/** The rows of a plan's revision that stand for the rows of the version before: row id before → row id now. */
export function pairRevisedRows(
  before: readonly Pick<IndicatorRow, 'id' | 'name' | 'unit' | 'indicator_id'>[],
  after: readonly Pick<IndicatorRow, 'id' | 'name' | 'unit' | 'indicator_id'>[],
): Map<number, number> {
  const pairs = new Map<number, number>();
  const claimed = new Set<number>();
  // Same name and unit first, then the same catalog indicator (a renamed row), then the same name (a new unit).
  const keys: Array<(r: (typeof before)[number]) => string | null> = [
    (r) => `${r.name}\u0000${r.unit ?? ''}`,
    (r) => r.indicator_id,
    (r) => r.name,
  ];
  for (const key of keys) {
    for (const old of before) {
      if (pairs.has(old.id)) continue;
      const k = key(old);
      if (k === null) continue;
      const found = after.find((r) => !claimed.has(r.id) && key(r) === k);
      if (!found) continue;
      pairs.set(old.id, found.id);
      claimed.add(found.id);
    }
  }
  return pairs;
}

/** What moved from one version's rows to the next one's. */
export interface Carried {
  rows: number;
  overrides: number;
  assigned_targets: number;
  observations: number;
  person_links: number;
  tasks: number;
}

/**
 * People's entries keyed to the rows of the version before (overrides, assigned targets, typed or imported values,
 * resolved links, ledger tasks) move to the matching rows of the new version, so the plan's monitoring keeps them.
 */
export async function carryEntries(
  trx: Transaction<Database>,
  fromId: number,
  toId: number,
): Promise<Carried> {
  const [before, after] = await Promise.all([
    listIndicatorRows(trx, { document_id: fromId }),
    listIndicatorRows(trx, { document_id: toId }),
  ]);
  const pairs = pairRevisedRows(before, after);
  const carried: Carried = {
    rows: pairs.size,
    overrides: 0,
    assigned_targets: 0,
    observations: 0,
    person_links: 0,
    tasks: 0,
  };
  const count = (result: { numUpdatedRows: bigint }[]) =>
    result.reduce((n, r) => n + Number(r.numUpdatedRows), 0);
  const at = now();
  for (const [oldId, newId] of pairs) {
    carried.overrides += count(
      await trx.updateTable('overrides').set({ row_id: newId }).where('row_id', '=', oldId).execute(),
    );
    carried.assigned_targets += count(
      await trx.updateTable('assigned_targets').set({ row_id: newId }).where('row_id', '=', oldId).execute(),
    );
    carried.observations += count(
      await trx
        .updateTable('observations')
        .set({ row_id: newId })
        .where('row_id', '=', oldId)
        .where('source_kind', '!=', 'document')
        .execute(),
    );
    carried.tasks += count(
      await trx
        .updateTable('tasks')
        .set({ source_id: newId, document_id: toId })
        .where('source_kind', '=', 'row')
        .where('source_id', '=', oldId)
        .execute(),
    );
    // A person's link is never recomputed: the new row takes it over, and its open review item is settled.
    const personal = await trx
      .selectFrom('links')
      .select(['indicator_id', 'confidence', 'created_by'])
      .where('subject_kind', '=', 'row')
      .where('subject_id', '=', oldId)
      .where('method', '=', 'person')
      .executeTakeFirst();
    if (personal) {
      await trx
        .deleteFrom('links')
        .where('subject_kind', '=', 'row')
        .where('subject_id', '=', newId)
        .execute();
      await trx
        .insertInto('links')
        .values({
          subject_kind: 'row',
          subject_id: newId,
          document_id: toId,
          indicator_id: personal.indicator_id,
          confidence: personal.confidence,
          method: 'person',
          created_at: at,
          created_by: personal.created_by,
        })
        .execute();
      await trx
        .updateTable('review_items')
        .set({
          state: 'linked',
          resolved_indicator_id: personal.indicator_id,
          resolved_by: personal.created_by,
          resolved_at: at,
          note: `carried from document ${fromId}`,
        })
        .where('subject_kind', '=', 'row')
        .where('subject_id', '=', newId)
        .where('state', '=', 'open')
        .execute();
      carried.person_links += 1;
    }
  }
  // Tasks of other kinds (a text target, a project) still belong to the plan: they follow its current version.
  carried.tasks += count(
    await trx.updateTable('tasks').set({ document_id: toId }).where('document_id', '=', fromId).execute(),
  );
  return carried;
}

/** Regions a document's versions belong to (each owes a derivation when the document changes). */
function regionsOf(versions: readonly VersionRow[]): number[] {
  return [...new Set(versions.map((v) => v.region_id).filter((r): r is number => r !== null))];
}

/**
 * Remove a document (every version) from monitoring and lists, recoverably: rows stay, `removed_at/removed_by`
 * mark them, the audit log says who, when and why; its regions owe a derivation (run by the caller).
 */
export async function removeDocument(
  db: Db,
  id: number,
  actor: string,
  reason: string | null,
): Promise<{ document_id: number; regions: number[] }> {
  return db.transaction().execute(async (trx) => {
    // SQLite: the write lock first, so reading the state and changing it cannot interleave with another writer.
    await claimWriter(trx);
    const versions = await versionsOf(trx, id);
    const current = currentVersion(versions);
    if (current.removed_at !== null)
      throw new LantuError({
        code: 'document/already-removed',
        message: `document ${current.document_id} (${current.filename}) was removed at ${current.removed_at}`,
        expected: `POST /api/documents/${current.document_id}/restore to bring it back`,
      });
    const at = now();
    // Only rows still in use: a concurrent removal (PostgreSQL) changes nothing here and is refused below.
    const [changed] = await trx
      .updateTable('documents')
      .set({ removed_at: at, removed_by: actor })
      .where(
        'id',
        'in',
        versions.map((v) => v.id),
      )
      .where('removed_at', 'is', null)
      .execute();
    if (Number(changed?.numUpdatedRows ?? 0) === 0)
      throw new LantuError({
        code: 'document/already-removed',
        message: `document ${current.document_id} (${current.filename}) was removed meanwhile`,
        expected: `POST /api/documents/${current.document_id}/restore to bring it back`,
      });
    const regions = regionsOf(versions);
    for (const region of regions) await oweDerivation(trx, region, current.id);
    await appendAudit(trx, {
      actor,
      action: 'remove',
      entity: 'document',
      entity_id: current.document_id,
      detail: { version: current.version, version_id: current.id, filename: current.filename, reason },
    });
    return { document_id: current.document_id, regions };
  });
}

/** Bring a removed document back into monitoring and lists (audited); its regions owe a derivation. */
export async function restoreDocument(
  db: Db,
  id: number,
  actor: string,
  reason: string | null,
): Promise<{ document_id: number; regions: number[] }> {
  return db.transaction().execute(async (trx) => {
    // SQLite: the write lock first, so reading the state and changing it cannot interleave with another writer.
    await claimWriter(trx);
    const versions = await versionsOf(trx, id);
    const current = currentVersion(versions);
    if (current.removed_at === null)
      throw new LantuError({
        code: 'document/not-removed',
        message: `document ${current.document_id} (${current.filename}) is not removed`,
        expected: 'a removed document (list them with ?state=removed)',
      });
    await trx
      .updateTable('documents')
      .set({ removed_at: null, removed_by: null })
      .where(
        'id',
        'in',
        versions.map((v) => v.id),
      )
      .execute();
    const regions = regionsOf(versions);
    for (const region of regions) await oweDerivation(trx, region, current.id);
    await appendAudit(trx, {
      actor,
      action: 'restore',
      entity: 'document',
      entity_id: current.document_id,
      detail: { version: current.version, version_id: current.id, filename: current.filename, reason },
    });
    return { document_id: current.document_id, regions };
  });
}
