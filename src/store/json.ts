// JSON and time helpers shared by the repositories (JSON is TEXT on SQLite and JSONB on PostgreSQL).

/** Serialise a value for a JSON column. */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** JSON with object keys sorted: equal values give equal text (PostgreSQL's jsonb does not keep key order). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Read a JSON column: SQLite gives the text, pg gives the parsed value. */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** The current time as an ISO-8601 string (the store's one timestamp format). */
export function now(): string {
  return new Date().toISOString();
}

/** Counts come back as numbers from SQLite and as strings (int8) from pg. */
export function toCount(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}
