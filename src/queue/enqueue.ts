// Enqueue documents for the workers: the bytes go into the database (workers may run on other machines), once per content hash.
import { readFile } from 'node:fs/promises';
import { sha256Of, documentIdBySha, type Store } from '../store/index.js';
import { now } from '../store/index.js';
import { INGEST_QUEUE, jobIdOf, RETRY_LIMIT, type QueueConnection } from './boss.js';

/** What enqueuing one file did: queued it, or found it stored, or found it queued already (with its state). */
export type EnqueueOutcome = 'queued' | 'stored' | 'already-queued' | 'failed';

export interface EnqueueEvent {
  file: string;
  outcome: EnqueueOutcome;
  sha256?: string;
  documentId?: number;
  /** For already-queued: where it stands (queued, active, done, failed); for failed: why it could not be read. */
  state?: string;
  error?: string;
}

export interface EnqueueSource {
  file: string;
  /** The bytes, or undefined to read `file` from disk. */
  bytes?: Uint8Array;
}

/** The job a queued file is: its content hash (the bytes are in queued_files) and its name for messages. */
export interface IngestJobData {
  sha256: string;
  file: string;
}

/**
 * Queue each source for ingest: its bytes into queued_files and one job named by its content hash. The same bytes
 * enqueued twice (or already stored) are queued once; a file whose row exists but whose job was never sent (the
 * enqueuer died in between) gets its job again, which the job's fixed id makes harmless when it exists.
 */
export async function enqueueDocuments(
  store: Pick<Store, 'db'>,
  queue: Pick<QueueConnection, 'boss' | 'settings'>,
  sources: readonly EnqueueSource[],
  options: { actor?: string; onEvent?: (event: EnqueueEvent) => void } = {},
): Promise<EnqueueEvent[]> {
  const actor = options.actor ?? 'lantu';
  const events: EnqueueEvent[] = [];
  const emit = (event: EnqueueEvent) => {
    events.push(event);
    options.onEvent?.(event);
  };
  for (const source of sources) {
    let bytes: Uint8Array;
    try {
      bytes = source.bytes ?? new Uint8Array(await readFile(source.file));
    } catch (error) {
      emit({ file: source.file, outcome: 'failed', error: `${source.file}: ${(error as Error).message}` });
      continue;
    }
    const sha256 = sha256Of(bytes);
    const documentId = await documentIdBySha(store.db, sha256);
    if (documentId !== undefined) {
      emit({ file: source.file, outcome: 'stored', sha256, documentId });
      continue;
    }
    const inserted = await store.db
      .insertInto('queued_files')
      .values({
        sha256,
        filename: source.file,
        byte_size: bytes.byteLength,
        content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        state: 'queued',
        enqueued_by: actor,
        enqueued_at: now(),
      })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const row = await store.db
        .selectFrom('queued_files')
        .select(['state', 'error'])
        .where('sha256', '=', sha256)
        .executeTakeFirstOrThrow();
      // Still queued: send its job again in case the run that queued it died before sending it.
      if (row.state === 'queued') await sendIngestJob(queue, { sha256, file: source.file });
      emit({
        file: source.file,
        outcome: 'already-queued',
        sha256,
        state: row.state,
        ...(row.error ? { error: row.error } : {}),
      });
      continue;
    }
    await sendIngestJob(queue, { sha256, file: source.file });
    emit({ file: source.file, outcome: 'queued', sha256 });
  }
  return events;
}

async function sendIngestJob(
  queue: Pick<QueueConnection, 'boss' | 'settings'>,
  data: IngestJobData,
): Promise<void> {
  await queue.boss.send(INGEST_QUEUE, data, {
    id: jobIdOf(data.sha256),
    retryLimit: RETRY_LIMIT,
    retryDelay: queue.settings.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: queue.settings.expireSeconds,
  });
}
