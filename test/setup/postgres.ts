// vitest globalSetup: make sure PostgreSQL (127.0.0.1:5432, trust auth) is up, create a fresh test database, drop it after.
import { execSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const ADMIN_URL = process.env.LANTU_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Reach PostgreSQL, starting the local cluster once if it is down; throws a message that says what to do. */
export async function ensurePostgres(url = ADMIN_URL): Promise<void> {
  if ((await reachable(url)) === null) return;
  try {
    const versions = readdirSync('/etc/postgresql');
    for (const version of versions)
      execSync(`pg_ctlcluster --skip-systemctl-redirect ${version} main start`, { stdio: 'ignore' });
  } catch {
    // Fall through to the clear error below.
  }
  for (let i = 0; i < 20; i++) {
    if ((await reachable(url)) === null) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `PostgreSQL is not reachable at ${url.replace(/\/\/[^@]*@/, '//')} (${await reachable(url)}). The test suite runs against both ` +
      'SQLite and PostgreSQL: start it (pg_ctlcluster <version> main start) or set LANTU_PG_ADMIN_URL.',
  );
}

/** Create `lantu_test_<random>`; returns its URL and a function that drops it. */
export async function createTestDatabase(
  adminUrl = ADMIN_URL,
): Promise<{ url: string; drop: () => Promise<void> }> {
  await ensurePostgres(adminUrl);
  const name = `lantu_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    lantuPostgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { url, drop } = await createTestDatabase();
  project.provide('lantuPostgresUrl', url);
  return drop;
}
