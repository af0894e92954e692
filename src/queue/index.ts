// The ingest queue on PostgreSQL: enqueue documents, run workers on any number of machines, read where it stands.
export {
  DERIVE_QUEUE,
  INGEST_QUEUE,
  RETRY_LIMIT,
  needsPostgres,
  openQueue,
  postgresUrlOf,
  queueSettings,
  type QueueConnection,
  type QueueSettings,
} from './boss.js';
export {
  enqueueDocuments,
  type EnqueueEvent,
  type EnqueueOutcome,
  type EnqueueSource,
  type IngestJobData,
} from './enqueue.js';
export {
  startWorker,
  HEARTBEAT_SECONDS,
  type RunningWorker,
  type WorkerEvent,
  type WorkerOptions,
} from './worker.js';
export { queueState, type QueueState, type QueueFailure, type QueueWorker } from './state.js';
