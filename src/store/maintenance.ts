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
  await db.connection().execute(async (conn) => {
    const { rows } = await sql<{ role: string; session: string }>`
      SELECT current_user AS role, session_user AS session`.execute(conn);
    const role = rows[0]!.role;
    // The app role owns no table, so VACUUM would skip them all: the session's user (their owner) runs it.
    const elevated = role !== rows[0]!.session;
    if (elevated) await sql`RESET ROLE`.execute(conn);
    try {
      // VACUUM cannot run inside a transaction: one statement on its own.
      await sql`VACUUM (ANALYZE) ${sql.join(BULK_TABLES.map((t) => sql.table(t)))}`.execute(conn);
    } finally {
      if (elevated) await sql`SET ROLE ${sql.id(role)}`.execute(conn);
    }
  });
}
