// The job queue on PostgreSQL (pg-boss): its two queues, their retry and expiry policy, and how a process joins it.
import PgBoss from 'pg-boss';
import { readLimits } from '../readers/index.js';
import type { Store } from '../store/index.js';

/** One job per enqueued document: read, store, link. */
export const INGEST_QUEUE = 'lantu-ingest';
/**
 * One job per region owed a derivation. Stately: at most one queued and one running per region, so the documents
 * stored while a region's derive waits are all taken by that one job (the debt itself is in pending_derivations).
 */
export const DERIVE_QUEUE = 'lantu-derive';

/** Tries after the first for a job that failed for a passing reason (the database, a lost worker). */
export const RETRY_LIMIT = 3;

export interface QueueSettings {
  /** A job running longer than this is taken to be lost with its worker and is queued again (seconds). */
  expireSeconds: number;
  /** First retry delay (seconds); later retries double it (pg-boss's backoff, with jitter). */
  retryDelaySeconds: number;
  /** How often an idle worker looks for a job (seconds). */
  pollSeconds: number;
}

/** LANTU_QUEUE_EXPIRE_SECONDS etc.; expiry defaults to the reading time limit and five minutes to store it. */
export function queueSettings(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  const number = (name: string, fallback: number, least: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < least)
      throw new Error(`${name}=${raw}: expected a number of seconds of at least ${least}`);
    return value;
  };
  return {
    expireSeconds: Math.round(number('LANTU_QUEUE_EXPIRE_SECONDS', readLimits({}, env).seconds + 300, 1)),
    retryDelaySeconds: Math.round(number('LANTU_QUEUE_RETRY_SECONDS', 5, 1)),
    pollSeconds: number('LANTU_QUEUE_POLL_SECONDS', 1, 0.1),
  };
}

/** The message for a queue command run on SQLite. */
export function needsPostgres(command: string): Error {
  return new Error(
    `${command} 需要 PostgreSQL 数据库（设置 DATABASE_URL=postgres://…）；SQLite 下请直接运行 lantu ingest，` +
      `在本进程的线程中读取 / ${command} needs PostgreSQL (set DATABASE_URL=postgres://…); on SQLite run ` +
      '`lantu ingest FILE|DIR…`, which reads in this process’s threads',
  );
}

export interface QueueConnection {
  boss: PgBoss;
  /** The schema of pg-boss's tables. */
  schema: string;
  settings: QueueSettings;
  stop(): Promise<void>;
}

/**
 * Join the queue of the store's database. `supervise`: this process also runs pg-boss's upkeep (expiring the jobs
 * of lost workers, archiving); a worker does, an enqueuing command does not need to.
 */
export async function openQueue(
  databaseUrl: string,
  options: { supervise: boolean; schema?: string; settings?: QueueSettings },
): Promise<QueueConnection> {
  const settings = options.settings ?? queueSettings();
  const schema = options.schema ?? 'pgboss';
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema,
    max: 4,
    application_name: 'lantu-queue',
    supervise: options.supervise,
    schedule: false,
    // Expiry is checked at each upkeep: often enough that a lost job waits about a third of its expiry more.
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(settings.expireSeconds / 3))),
  });
  boss.on('error', (error) => process.stderr.write(`lantu queue: ${error.message}\n`));
  await boss.start();
  const retry = { retryLimit: RETRY_LIMIT, retryDelay: settings.retryDelaySeconds, retryBackoff: true };
  await boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE, policy: 'standard', ...retry });
  await boss.createQueue(DERIVE_QUEUE, { name: DERIVE_QUEUE, policy: 'stately', ...retry });
  return { boss, schema, settings, stop: () => boss.stop({ graceful: false, wait: true }) };
}

/** The store's PostgreSQL URL, or the error that says the command needs PostgreSQL. */
export function postgresUrlOf(store: Pick<Store, 'engine'>, command: string, env = process.env): string {
  if (store.engine !== 'postgres' || !env.DATABASE_URL) throw needsPostgres(command);
  return env.DATABASE_URL;
}

/** A job id that is the document's content hash, so the same bytes can be queued only once at a time. */
export function jobIdOf(sha256: string): string {
  const h = sha256.slice(0, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Ask for a region's derivation; a request already waiting for that region takes this one along. */
export async function requestDerive(boss: PgBoss, regionId: number, settings: QueueSettings): Promise<void> {
  await boss.send(
    DERIVE_QUEUE,
    { regionId },
    { singletonKey: String(regionId), expireInSeconds: settings.expireSeconds },
  );
}
