// Opens the store: embedded SQLite by default (`lantu.db` or LANTU_DB), PostgreSQL when DATABASE_URL is set.
import { resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
  sql,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { APP_ROLE, migrateToLatest } from './migrations.js';

export type Engine = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives: the SQLite file or the PostgreSQL URL without its password. */
  location: string;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** A PostgreSQL connection string; wins over `sqlitePath`. */
  databaseUrl?: string;
  /** SQLite file path, or `:memory:`. */
  sqlitePath?: string;
  /** Largest pg pool (the HTTP server wants more than the CLI). */
  poolSize?: number;
  /** PostgreSQL schema to hold every table (one database can then hold several stores). */
  schema?: string;
}

/** Options from the environment: DATABASE_URL → PostgreSQL, else LANTU_DB or ./lantu.db. */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreOptions {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { sqlitePath: env.LANTU_DB ?? resolve('lantu.db') };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * Kysely's SQLite driver guards its one connection with a lock that wakes every waiter at once, so a query that
 * just arrived can overtake one that has waited; under load (a hundred API clients) some requests starve for
 * seconds. This driver hands the connection over in arrival order.
 */
class QueuedSqliteDriver extends SqliteDriver {
  readonly #waiting: Array<() => void> = [];
  #held = false;

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#held = true;
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const next = this.#waiting.shift();
    // Handed straight to the next in line: nobody can slip in between.
    if (next) next();
    else this.#held = false;
  }
}

class QueuedSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new QueuedSqliteDriver(this.#config);
  }
}

/** Statements kept prepared by SQL text: the API asks the same few queries over and over. */
const STATEMENTS_KEPT = 256;
/** Longer SQL is a many-row INSERT, seldom the same twice: not worth keeping. */
const KEEP_SQL_UP_TO = 4096;

function preparedOnce(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const kept = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      if (sql.length > KEEP_SQL_UP_TO) return sqlite.prepare(sql) as unknown as SqliteStatement;
      const found = kept.get(sql);
      // A statement still being iterated (a stream) cannot run again until it is done.
      if (found && !found.busy) return found as unknown as SqliteStatement;
      const statement = sqlite.prepare(sql);
      if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
      kept.set(sql, statement);
      return statement as unknown as SqliteStatement;
    },
  };
}

/** Open the database and migrate it to the latest schema (zero set-up for SQLite). */
export async function openStore(options: StoreOptions = storeOptionsFromEnv()): Promise<Store> {
  if (options.databaseUrl) {
    const config: pg.PoolConfig = {
      connectionString: options.databaseUrl,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    };
    // Migrated as the URL's user (who owns the tables), then served as the app role that owns none.
    const owner = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ ...config, max: 1 }) }),
    });
    let role: string | null;
    try {
      await migrateToLatest(owner, options.schema);
      role = await appRoleOf(owner);
    } finally {
      await owner.destroy();
    }
    const pool = new pg.Pool({ ...config, max: options.poolSize ?? 10 });
    // pg runs a client's queries in order, so SET ROLE precedes anything the pool hands it out for.
    if (role)
      pool.on('connect', (client) => {
        client.query(`SET ROLE ${role}`).catch(() => void client.end());
      });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', location: redact(options.databaseUrl), close: () => db.destroy() };
  }
  const path = options.sqlitePath ?? resolve('lantu.db');
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // Another process (a second `lantu ingest`, the server) may hold the write lock for a moment.
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: new QueuedSqliteDialect({ database: preparedOnce(sqlite) }) });
  const store: Store = { db, engine: 'sqlite', location: path, close: () => db.destroy() };
  try {
    await migrateToLatest(store.db);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** APP_ROLE when it exists, the migrating user may become it and it was granted this schema's tables. */
async function appRoleOf(db: Kysely<Database>): Promise<string | null> {
  const { rows } = await sql<{ usable: boolean }>`SELECT pg_has_role(current_user, ${APP_ROLE}, 'MEMBER')
      AND has_table_privilege(${APP_ROLE}, 'audit_log', 'INSERT') AS usable
    FROM pg_roles WHERE rolname = ${APP_ROLE}`.execute(db);
  return rows[0]?.usable ? APP_ROLE : null;
}
