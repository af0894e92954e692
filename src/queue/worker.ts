// `lantu worker`: take ingest and derive jobs from the queue, from any number of machines on one database.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import type { Updateable } from 'kysely';
import type PgBoss from 'pg-boss';
import { readLimits, type ReadLimits } from '../readers/index.js';
import {
  deriveRegions,
  owedRegions,
  refreshStatistics,
  type Store,
  analysisPool,
  BULK_DOCUMENTS,
  documentIdBySha,
  failureOf,
  now,
  regionOf,
  storeDocument,
  syncCatalog,
  type QueuedFileTable,
} from '../store/index.js';
import { DERIVE_QUEUE, INGEST_QUEUE, requestDerive, type QueueConnection } from './boss.js';
import type { IngestJobData } from './enqueue.js';

/** How often a worker tells the database it is alive (the queue panel shows who was seen lately). */
export const HEARTBEAT_SECONDS = 5;

export type WorkerEventKind = 'stored' | 'duplicate' | 'failed' | 'retry' | 'derived';

export interface WorkerEvent {
  kind: WorkerEventKind;
  file?: string;
  documentId?: number;
  regionId?: number;
  error?: string;
  code?: string;
}

export interface WorkerOptions {
  /** Jobs at once (and reading threads); default 1. */
  concurrency?: number;
  /** Who the stored documents are recorded as ingested by (audit log). */
  actor?: string;
  limits?: ReadLimits;
  onEvent?: (event: WorkerEvent) => void;
}

export interface RunningWorker {
  /** This process's row in queue_workers. */
  id: string;
  /** Take no new job, let the current ones finish, then return. */
  stop(): Promise<void>;
}

type DeriveJobData = { regionId: number };
type Job<T> = PgBoss.JobWithMetadata<T>;

/** Start taking jobs. The caller closes the queue connection and the store after `stop()`. */
export async function startWorker(
  store: Pick<Store, 'db'>,
  queue: QueueConnection,
  options: WorkerOptions = {},
): Promise<RunningWorker> {
  const { boss, settings } = queue;
  const db = store.db;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const actor = options.actor ?? 'lantu';
  const limits = options.limits ?? readLimits();
  const emit = (event: WorkerEvent) => options.onEvent?.(event);
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const counts = { done: 0, failed: 0, storedSinceStatistics: 0 };

  await syncCatalog(db);
  const started = now();
  await db
    .insertInto('queue_workers')
    .values({ id, host: hostname(), pid: process.pid, concurrency, started_at: started, seen_at: started })
    .execute();
  const heartbeat = async (stopped = false) => {
    await db
      .updateTable('queue_workers')
      .set({
        seen_at: now(),
        jobs_done: counts.done,
        jobs_failed: counts.failed,
        ...(stopped ? { stopped_at: now() } : {}),
      })
      .where('id', '=', id)
      .execute();
  };
  const beating = setInterval(() => {
    heartbeat().catch((error: Error) => process.stderr.write(`lantu worker: heartbeat: ${error.message}\n`));
  }, HEARTBEAT_SECONDS * 1000);

  // Whatever is owed from before (a worker killed between storing and asking for its derive): asked for again.
  for (const regionId of await owedRegions(db)) await requestDerive(boss, regionId, settings);

  const pool = analysisPool(concurrency, limits);
  let stopping = false;
  // Idle lanes wait here; stop() wakes them all at once.
  const sleepers = new Set<() => void>();
  const sleep = (seconds: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, seconds * 1000);
      sleepers.add(done);
    });

  /** The row of a queued file and a change to it. */
  const mark = (sha256: string, change: Updateable<QueuedFileTable>) =>
    db.updateTable('queued_files').set(change).where('sha256', '=', sha256).execute();

  const failForGood = async (job: Job<IngestJobData>, failure: { error: string; code?: string }) => {
    await mark(job.data.sha256, {
      state: 'failed',
      error: failure.error,
      code: failure.code ?? null,
      finished_at: now(),
    });
    // The file's own fault (over a limit, unreadable): no try would go otherwise, so pg-boss is told not to retry.
    await boss
      .getDb()
      .executeSql(`UPDATE ${queue.schema}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`, [
        INGEST_QUEUE,
        job.id,
      ]);
    await boss.fail(INGEST_QUEUE, job.id, { message: failure.error, ...failure });
    counts.failed += 1;
    emit({ kind: 'failed', file: job.data.file, ...failure });
  };

  const ingestJob = async (job: Job<IngestJobData>): Promise<void> => {
    const { sha256, file } = job.data;
    try {
      const row = await db
        .selectFrom('queued_files')
        .select(['content', 'filename'])
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      await mark(sha256, { state: 'active', attempts: job.retryCount + 1, worker_id: id, started_at: now() });
      let documentId = (await documentIdBySha(db, sha256)) ?? null;
      let regionId: number | null = null;
      let stored = false;
      if (documentId === null) {
        if (!row?.content)
          return await failForGood(job, {
            error: `${file}: its bytes are not in the queue's table (queued_files) any more; enqueue the file again`,
            code: 'queue/missing-bytes',
          });
        const bytes = new Uint8Array(row.content.buffer, row.content.byteOffset, row.content.byteLength);
        let record;
        try {
          record = await pool.analyze(bytes, basename(row.filename));
        } catch (error) {
          return await failForGood(job, failureOf(file, error));
        }
        const written = await storeDocument(db, record, bytes, actor);
        if (typeof written === 'number') documentId = written;
        else {
          documentId = written.id;
          regionId = written.regionId;
          stored = true;
        }
      }
      regionId ??= await regionOf(db, documentId);
      // The region's derive may already be waiting: then it takes this document along.
      if (regionId !== null) await requestDerive(boss, regionId, settings);
      await mark(sha256, {
        state: 'done',
        document_id: documentId,
        content: null,
        error: null,
        code: null,
        finished_at: now(),
      });
      await boss.complete(INGEST_QUEUE, job.id, { documentId });
      counts.done += 1;
      if (stored) counts.storedSinceStatistics += 1;
      emit({ kind: stored ? 'stored' : 'duplicate', file, documentId });
    } catch (error) {
      // A passing failure (the database, the network): pg-boss tries again later, unless the tries are used up.
      const failure = failureOf(file, error);
      const last = job.retryCount >= job.retryLimit;
      await mark(sha256, {
        state: last ? 'failed' : 'queued',
        error: failure.error,
        code: failure.code ?? null,
        ...(last ? { finished_at: now() } : {}),
      }).catch(() => undefined);
      await boss.fail(INGEST_QUEUE, job.id, { message: failure.error }).catch(() => undefined);
      if (last) counts.failed += 1;
      emit({ kind: last ? 'failed' : 'retry', file, ...failure });
    }
  };

  const deriveJob = async (job: Job<DeriveJobData>): Promise<void> => {
    const { regionId } = job.data;
    try {
      // Only what the region is owed (pending_derivations), which every document stored since has added to.
      await deriveRegions(db, [regionId], actor, { documents: [] });
      await boss.complete(DERIVE_QUEUE, job.id);
      emit({ kind: 'derived', regionId });
    } catch (error) {
      await boss.fail(DERIVE_QUEUE, job.id, { message: (error as Error).message }).catch(() => undefined);
      emit({ kind: 'retry', regionId, error: `region ${regionId}: ${(error as Error).message}` });
    }
  };

  /** The next job: documents first, so that a region's derive waits and takes many of its documents at once. */
  const next = async (): Promise<{ ingest?: Job<IngestJobData>; derive?: Job<DeriveJobData> } | null> => {
    const fetchOne = async <T>(name: string) =>
      (await boss.fetch<T>(name, { batchSize: 1, includeMetadata: true }))[0];
    const ingest = await fetchOne<IngestJobData>(INGEST_QUEUE);
    if (ingest) return { ingest };
    const derive = await fetchOne<DeriveJobData>(DERIVE_QUEUE);
    return derive ? { derive } : null;
  };

  const lane = async (): Promise<void> => {
    while (!stopping) {
      let job;
      try {
        job = await next();
      } catch (error) {
        process.stderr.write(`lantu worker: fetching a job: ${(error as Error).message}\n`);
        await sleep(settings.pollSeconds);
        continue;
      }
      if (job?.ingest) await ingestJob(job.ingest);
      else if (job?.derive) await deriveJob(job.derive);
      else {
        // Idle after a bulk load: fresh planner statistics for the lists the server answers.
        if (counts.storedSinceStatistics >= BULK_DOCUMENTS) {
          counts.storedSinceStatistics = 0;
          await refreshStatistics(db).catch(() => undefined);
        }
        await sleep(settings.pollSeconds);
      }
    }
  };

  await pool.warm();
  const lanes = Array.from({ length: concurrency }, lane);
  const finished = Promise.all(lanes);
  return {
    id,
    stop: async () => {
      stopping = true;
      for (const done of [...sleepers]) done();
      await finished;
      clearInterval(beating);
      await heartbeat(true).catch(() => undefined);
      await pool.close();
    },
  };
}
