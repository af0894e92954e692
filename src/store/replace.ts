// Replacing a scope's derived rows in place: what is unchanged keeps its id, what is gone is deleted by id.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Ids per DELETE … IN: well under both engines' bound-parameter limits. */
const ID_CHUNK = 500;

/** The tables whose rows derive replaces (and the queue it clears). */
type Replaced = 'statuses' | 'observations' | 'findings' | 'pending_derivations';

export async function deleteIds(
  db: Kysely<Database>,
  table: Replaced,
  ids: readonly number[],
): Promise<void> {
  for (let i = 0; i < ids.length; i += ID_CHUNK)
    await db
      .deleteFrom(table)
      .where('id', 'in', ids.slice(i, i + ID_CHUNK))
      .execute();
}

/** Items grouped by a key, each group in the items' order. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export interface Matched<E, W> {
  /** Pairs of a stored row and the wanted row with its key, in the order of `wanted`. */
  pairs: Array<[stored: E, wanted: W]>;
  /** Wanted rows with no stored row of their key: to insert. */
  missing: W[];
  /** Stored rows no wanted row claims: to delete. */
  stale: number[];
}

/** Pair stored rows with wanted rows by a key; a key that occurs twice pairs its rows in order. */
export function matchByKey<E extends { id: number }, W>(
  stored: readonly E[],
  wanted: readonly W[],
  keyOfStored: (row: E) => string,
  keyOfWanted: (row: W) => string,
): Matched<E, W> {
  const byKey = groupBy(stored, keyOfStored);
  const pairs: Array<[E, W]> = [];
  const missing: W[] = [];
  for (const row of wanted) {
    const found = byKey.get(keyOfWanted(row))?.shift();
    if (found) pairs.push([found, row]);
    else missing.push(row);
  }
  const stale = [...byKey.values()].flat().map((row) => row.id);
  return { pairs, missing, stale };
}
