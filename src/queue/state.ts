// Where the ingest queue stands, read from its ledger (queued_files, queue_workers): for GET /api/queue and the panel.
import type { Kysely } from 'kysely';
import { toCount, type Database, type QueuedFileState } from '../store/index.js';
import { HEARTBEAT_SECONDS } from './worker.js';

/** Failures listed, newest first. */
export const FAILURES_SHOWN = 20;
/** A worker not heard from for this long is shown as gone (it was killed, or lost its database). */
export const WORKER_ALIVE_SECONDS = HEARTBEAT_SECONDS * 4;
/** Workers listed: those seen within this window. */
export const WORKERS_SHOWN_SECONDS = 3600;

export interface QueueFailure {
  file: string;
  sha256: string;
  error: string;
  code: string | null;
  attempts: number;
  failed_at: string | null;
}

export interface QueueWorker {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  started_at: string;
  seen_at: string;
  stopped_at: string | null;
  /** Heard from within WORKER_ALIVE_SECONDS and not stopped. */
  alive: boolean;
  jobs_done: number;
  jobs_failed: number;
}

export interface QueueState {
  counts: Record<QueuedFileState, number>;
  /** Regions whose observations, statuses and findings are still to be derived. */
  regions_owed: number;
  failures: QueueFailure[];
  workers: QueueWorker[];
}

export async function queueState(db: Kysely<Database>, at = new Date()): Promise<QueueState> {
  const counts: Record<QueuedFileState, number> = { queued: 0, active: 0, failed: 0, done: 0 };
  const byState = await db
    .selectFrom('queued_files')
    .select(['state', (eb) => eb.fn.countAll().as('n')])
    .groupBy('state')
    .execute();
  for (const row of byState) counts[row.state] = toCount(row.n);
  const owed = await db
    .selectFrom('pending_derivations')
    .select((eb) => eb.fn.count('region_id').distinct().as('n'))
    .executeTakeFirst();
  const failures = await db
    .selectFrom('queued_files')
    .select(['filename', 'sha256', 'error', 'code', 'attempts', 'finished_at'])
    .where('state', '=', 'failed')
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(FAILURES_SHOWN)
    .execute();
  const since = new Date(at.getTime() - WORKERS_SHOWN_SECONDS * 1000).toISOString();
  const alive = new Date(at.getTime() - WORKER_ALIVE_SECONDS * 1000).toISOString();
  const workers = await db
    .selectFrom('queue_workers')
    .selectAll()
    .where('seen_at', '>=', since)
    .orderBy('seen_at', 'desc')
    .execute();
  return {
    counts,
    regions_owed: toCount(owed?.n),
    failures: failures.map((f) => ({
      file: f.filename,
      sha256: f.sha256,
      error: f.error ?? '',
      code: f.code,
      attempts: f.attempts,
      failed_at: f.finished_at,
    })),
    workers: workers.map((w) => ({
      ...w,
      alive: w.stopped_at === null && w.seen_at >= alive,
    })),
  };
}
