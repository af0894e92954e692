// Upkeep after a bulk write: fresh planner statistics, so lists stay index-only and counts stay cheap.
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The tables a bulk ingest fills and the lists read. */
const BULK_TABLES = [
  'documents',
  'indicator_rows',
  'targets',
  'achievements',
  'links',
  'review_items',
  'observations',
  'statuses',
  'findings',
] as const;

/**
 * After many rows arrived at once. On PostgreSQL, VACUUM ANALYZE: fresh statistics for the planner, and the
 * visibility map that lets a count read only the index (ten times faster on a table just filled). SQLite
 * counts from its indexes anyway and needs nothing.
 */
export async function refreshStatistics(db: Kysely<Database>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  // VACUUM cannot run inside a transaction: each statement goes on its own through the pool.
  await sql`VACUUM (ANALYZE) ${sql.join(BULK_TABLES.map((t) => sql.table(t)))}`.execute(db);
}
