// JSON and time helpers shared by the repositories (JSON is TEXT on SQLite and JSONB on PostgreSQL).

/** Serialise a value for a JSON column. */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
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
