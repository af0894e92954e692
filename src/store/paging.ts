// Pages of a list, cut in SQL: a window (limit/offset) on the rows and a count of every row the filters keep.
import type { SelectQueryBuilder } from 'kysely';
import { toCount } from './json.js';

/** Which rows of a list to return; absent means every row (CSV/XLSX downloads). */
export interface Window {
  limit: number;
  offset: number;
}

/** One page of a list and how many rows the whole list has. */
export interface Paged<T> {
  items: T[];
  total: number;
}

/** Apply a window to a query (no window: every row). */
export function windowed<Q extends { limit(n: number): Q; offset(n: number): Q }>(
  query: Q,
  window: Window | undefined,
): Q {
  return window ? query.limit(window.limit).offset(window.offset) : query;
}

/** How many rows a filtered query (before its SELECT list) keeps. */
export async function countRows<DB, TB extends keyof DB>(
  query: SelectQueryBuilder<DB, TB, object>,
): Promise<number> {
  const row = await query
    .clearSelect()
    .clearOrderBy()
    .select((eb) => eb.fn.countAll().as('total'))
    .executeTakeFirst();
  return toCount((row as { total?: unknown } | undefined)?.total);
}

/** A page: the window's rows and the total, read concurrently (two queries, one round trip each). */
export async function pageOf<T>(
  rows: (window: Window | undefined) => Promise<T[]>,
  total: () => Promise<number>,
  window: Window | undefined,
): Promise<Paged<T>> {
  if (!window) {
    const items = await rows(undefined);
    return { items, total: items.length };
  }
  const [items, count] = await Promise.all([rows(window), total()]);
  return { items, total: count };
}
