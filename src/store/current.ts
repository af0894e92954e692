// Which documents count: the current version of each document that is not removed (monitoring and lists read these).
import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** True for a documents row (under `alias`) that is its document's current version and not removed. */
export function isCurrentDocument(alias: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${alias}.superseded_at`)} is null and ${sql.ref(`${alias}.removed_at`)} is null)`;
}
