// Both engines for a test file: SQLite in memory, and PostgreSQL in a fresh schema of the run's test database.
import { afterAll, inject } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/index.js';
import { createTestDatabase } from '../setup/postgres.js';

export type EngineName = 'sqlite' | 'postgres';
export const ENGINES: EngineName[] = ['sqlite', 'postgres'];

let database: Promise<string> | null = null;
let dropDatabase: (() => Promise<void>) | null = null;

/** The run's test database (from the globalSetup, else created here for this file and dropped after it). */
export function testDatabaseUrl(): Promise<string> {
  database ??= (async () => {
    let provided: string | undefined;
    try {
      provided = inject('lantuPostgresUrl');
    } catch {
      provided = undefined;
    }
    if (provided) return provided;
    const created = await createTestDatabase();
    dropDatabase = created.drop;
    return created.url;
  })();
  return database;
}

const schemas: string[] = [];
const stores: Store[] = [];

/** A fresh, migrated store on the given engine; closed (and its PostgreSQL schema dropped) after the file. */
export async function freshStore(engine: EngineName): Promise<Store> {
  let store: Store;
  if (engine === 'sqlite') store = await openStore({ sqlitePath: ':memory:' });
  else {
    const base = await testDatabaseUrl();
    const schema = `t_${Math.random().toString(36).slice(2, 10)}`;
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    schemas.push(schema);
    store = await openStore({ databaseUrl: base, schema, poolSize: 20 });
  }
  stores.push(store);
  return store;
}

/**
 * A connection to a PostgreSQL store's schema as the user that migrated it (the tables' owner, not the app role):
 * what someone with the database's own password could do around the application.
 */
export async function ownerClient(store: Store): Promise<pg.Client> {
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(store.db);
  const client = new pg.Client({
    connectionString: await testDatabaseUrl(),
    options: `-c search_path=${rows[0]!.schema}`,
  });
  await client.connect();
  return client;
}

afterAll(async () => {
  for (const store of stores.splice(0)) await store.close();
  if (schemas.length > 0 && database) {
    const client = new pg.Client({ connectionString: await database });
    await client.connect();
    for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  await dropDatabase?.();
});
