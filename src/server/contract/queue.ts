// The ingest queue as GET /api/queue gives it: counts by state, the last failures, the workers seen lately.
import { Type, type Static } from 'typebox';
import { Nullable } from './common.js';

export const QueueFailure = Type.Object({
  file: Type.String({ description: 'the file as it was enqueued' }),
  sha256: Type.String(),
  error: Type.String({ description: 'why it failed, naming the file and what was expected' }),
  code: Nullable(Type.String({ description: 'limit/time, docx/corrupt, …' })),
  attempts: Type.Integer(),
  failed_at: Nullable(Type.String()),
});
export type QueueFailure = Static<typeof QueueFailure>;

export const QueueWorker = Type.Object({
  id: Type.String({ description: 'host:pid:random' }),
  host: Type.String(),
  pid: Type.Integer(),
  concurrency: Type.Integer(),
  started_at: Type.String(),
  seen_at: Type.String({ description: 'its last heartbeat' }),
  stopped_at: Nullable(Type.String()),
  alive: Type.Boolean({ description: 'heard from lately and not stopped' }),
  jobs_done: Type.Integer(),
  jobs_failed: Type.Integer(),
});
export type QueueWorker = Static<typeof QueueWorker>;

export const QueueState = Type.Object({
  engine: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  /** False on SQLite: ingest reads in the process's own threads there, and the counts stay zero. */
  available: Type.Boolean({ description: 'the queue needs PostgreSQL' }),
  counts: Type.Object({
    queued: Type.Integer(),
    active: Type.Integer(),
    failed: Type.Integer(),
    done: Type.Integer(),
  }),
  regions_owed: Type.Integer({ description: 'regions whose statuses are still to be derived' }),
  failures: Type.Array(QueueFailure),
  workers: Type.Array(QueueWorker),
});
export type QueueState = Static<typeof QueueState>;
