// The derivation still owed (table pending_derivations), and the lock that lets one writer derive a region at once.
import { sql, type Kysely } from 'kysely';
import { now } from './json.js';
import { isPostgres } from './migrations.js';
import { deleteIds } from './replace.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/** The advisory-lock namespace of region derivation on PostgreSQL (any constant other code does not use). */
const DERIVE_LOCK = 0x6c616e74; // "lant"

/** What a region is owed: the pending rows read, and the documents they name (null: the whole region). */
export interface Owed {
  ids: number[];
  /** The documents owed; null when a row owes every plan of the region. */
  documents: number[] | null;
}

/** Record, inside the caller's transaction, that a region's derived data must be computed again. */
export async function oweDerivation(db: Db, regionId: number, documentId: number | null): Promise<void> {
  await db
    .insertInto('pending_derivations')
    .values({ region_id: regionId, document_id: documentId, queued_at: now() })
    .execute();
}

/** The regions that are owed a derivation, oldest debt first. */
export async function owedRegions(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('pending_derivations')
    .select('region_id')
    .select((eb) => eb.fn.min('id').as('first'))
    .groupBy('region_id')
    .orderBy('first')
    .execute();
  return rows.map((r) => r.region_id);
}

/** What one region is owed (read under its lock, so nobody else is deriving it meanwhile). */
export async function owedOf(db: Db, regionId: number): Promise<Owed> {
  const rows = await db
    .selectFrom('pending_derivations')
    .select(['id', 'document_id'])
    .where('region_id', '=', regionId)
    .orderBy('id')
    .execute();
  const whole = rows.some((r) => r.document_id === null);
  return {
    ids: rows.map((r) => r.id),
    documents: whole ? null : [...new Set(rows.map((r) => r.document_id!))],
  };
}

/** Clear what was owed, in the transaction that stored its results. */
export async function clearOwed(db: Db, ids: readonly number[]): Promise<void> {
  await deleteIds(db, 'pending_derivations', ids);
}

/**
 * Become the one writer of a region's derived data until the transaction ends. PostgreSQL: a transaction-scoped
 * advisory lock per region (other regions go on in parallel). SQLite has one writer per file anyway: take its
 * write lock now, so a transaction that read first never has to upgrade (which fails with SQLITE_BUSY at once).
 */
export async function lockRegion(db: Db, regionId: number): Promise<void> {
  if (isPostgres(db)) await sql`SELECT pg_advisory_xact_lock(${DERIVE_LOCK}, ${regionId})`.execute(db);
  else await claimWriter(db);
}

/**
 * SQLite: take the file's write lock at the start of a transaction (a write that changes nothing takes it, and
 * waits out busy_timeout like BEGIN IMMEDIATE). PostgreSQL needs nothing: rows lock as they are written.
 */
export async function claimWriter(db: Db): Promise<void> {
  if (!isPostgres(db)) await sql`DELETE FROM pending_derivations WHERE 0 = 1`.execute(db);
}
