// Ingest: documents in, in parallel on all cores, one transaction per document, idempotent by sha256.
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { LantuError } from '../diagnostics.js';
import { collectFiles } from '../readers/files.js';
import { readLimits, type ReadLimits } from '../readers/limits.js';
import { analyzeBytes, sha256Of, type DocumentRecord } from './analysis.js';
import type { Store } from './connect.js';
import { crashPoint } from './crash-points.js';
import { deriveOwed, deriveRegions, type DeriveReport } from './derive.js';
import { claimWriter } from './owed.js';
import { syncCatalog } from './repositories/catalog.js';
import { appendAudit } from './repositories/audit.js';
import { documentIdBySha, insertDocument, type StoredDocument } from './repositories/documents.js';
import { carryEntries, currentVersion, versionsOf, type Carried } from './repositories/versions.js';
import { now } from './json.js';
import { oweDerivation } from './owed.js';
import { refreshStatistics } from './maintenance.js';
import { analysisPool, type AnalysisPool } from './workers.js';

/** From this many new documents on, an ingest is a bulk load and refreshes the planner's statistics. */
export const BULK_DOCUMENTS = 50;

export { collectFiles, DOCUMENT_EXTENSIONS } from '../readers/files.js';

export type IngestOutcome = 'stored' | 'duplicate' | 'failed';

export interface IngestEvent {
  file: string;
  outcome: IngestOutcome;
  documentId?: number;
  error?: string;
  /** The error's code when it has one (`limit/time`, `docx/corrupt`, …). */
  code?: string;
  done: number;
  total: number;
}

export interface IngestReport {
  stored: Array<{ file: string; documentId: number }>;
  duplicates: Array<{ file: string; documentId: number }>;
  failed: Array<{ file: string; error: string; code?: string }>;
  derived: DeriveReport;
  seconds: number;
}

export interface IngestSource {
  /** What the user calls the document (path or upload name); used in messages and kept as `filename`. */
  file: string;
  /** The bytes, or undefined to read `file` from disk. */
  bytes?: Uint8Array;
}

export interface IngestOptions {
  actor?: string;
  /** Worker threads for reading/extraction; 1 runs in this thread unless `isolate` (default: every core). */
  threads?: number;
  /** Read even a single document in a worker, so that the read limits on time and memory hold (the CLI does). */
  isolate?: boolean;
  /** A pool the caller keeps (the server's); ingest neither starts nor closes one then. */
  pool?: AnalysisPool;
  /** Limits on reading each document (default: readLimits(), i.e. the environment's). */
  limits?: ReadLimits;
  onProgress?: (event: IngestEvent) => void;
  /** Link observations, compute statuses and lint plans afterwards (default true). */
  derive?: boolean;
}

type Analyze = (bytes: Uint8Array, filename: string) => Promise<DocumentRecord>;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A failed file as the user reads it: the error once prefixed by the file as they named it, and its code. */
export function failureOf(file: string, error: unknown): { error: string; code?: string } {
  // Readers name the file themselves; say it once, as the user wrote it.
  let text = message(error);
  for (const name of [file, basename(file)])
    if (text.startsWith(`${name}: `)) text = text.slice(name.length + 2);
  return { error: `${file}: ${text}`, ...(error instanceof LantuError ? { code: error.code } : {}) };
}

/**
 * Store one document and what it owes in one transaction, unless the same bytes are stored already: then their
 * id. On SQLite the transaction is the file's one writer from its first statement (no upgrade that could fail).
 */
export async function storeDocument(
  db: Store['db'],
  record: DocumentRecord,
  bytes: Uint8Array,
  actor: string,
): Promise<StoredDocument | number> {
  const stored = await db.transaction().execute(async (trx) => {
    await claimWriter(trx);
    const existing = await documentIdBySha(trx, record.sha256);
    if (existing !== undefined) return existing;
    const inserted = await insertDocument(trx, record, bytes, actor);
    // Null: another process stored the same bytes meanwhile (its row is visible once its commit ended our wait).
    if (inserted === null) return (await documentIdBySha(trx, record.sha256))!;
    await crashPoint('store:before-commit');
    return inserted;
  });
  if (typeof stored !== 'number') await crashPoint('store:after-commit');
  return stored;
}

export async function regionOf(db: Store['db'], documentId: number): Promise<number | null> {
  const row = await db
    .selectFrom('documents')
    .select('region_id')
    .where('id', '=', documentId)
    .executeTakeFirst();
  return row?.region_id ?? null;
}

/**
 * Ingest documents: each is read and extracted (in worker threads), then written with its links in its own
 * transaction, so a failure leaves nothing half-written. A document already stored (same sha256) is skipped.
 * Then every region owed a derivation (by this run or by one that was killed) gets its results.
 */
export async function ingest(
  store: Pick<Store, 'db'>,
  sources: readonly IngestSource[],
  options: IngestOptions = {},
): Promise<IngestReport> {
  const started = performance.now();
  const actor = options.actor ?? 'lantu';
  const total = sources.length;
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), total));
  const limits = options.limits ?? readLimits();
  const pool =
    options.pool ?? (threads > 1 || (options.isolate && total > 0) ? analysisPool(threads, limits) : null);
  const analyze: Analyze = pool?.analyze ?? ((bytes, name) => analyzeBytes(bytes, name, limits));
  const report: IngestReport = {
    stored: [],
    duplicates: [],
    failed: [],
    derived: { regions: 0, observations: 0, statuses: 0, findings: 0 },
    seconds: 0,
  };
  const inFlight = new Map<string, string>();
  const twins: Array<{ entry: { file: string; documentId: number }; sha: string }> = [];
  let done = 0;
  const emit = (event: Omit<IngestEvent, 'done' | 'total'>) => {
    done += 1;
    options.onProgress?.({ ...event, done, total });
  };

  await syncCatalog(store.db);
  // Writes go one at a time: SQLite has one writer, and regions must not be created twice on PostgreSQL.
  let writer: Promise<unknown> = Promise.resolve();
  const write = <T>(job: () => Promise<T>): Promise<T> => {
    const next = writer.then(job, job);
    writer = next.catch(() => undefined);
    return next;
  };

  const handle = async (source: IngestSource): Promise<void> => {
    const file = source.file;
    try {
      const bytes = source.bytes ?? new Uint8Array(await readFile(file));
      const sha = sha256Of(bytes);
      const existing = (await documentIdBySha(store.db, sha)) ?? null;
      if (existing !== null || inFlight.has(sha)) {
        const entry = { file, documentId: existing ?? -1 };
        // A twin still in flight gets its id once it is written.
        if (existing === null) twins.push({ entry, sha });
        report.duplicates.push(entry);
        emit({ file, outcome: 'duplicate', ...(existing === null ? {} : { documentId: existing }) });
        return;
      }
      inFlight.set(sha, file);
      const record = await analyze(bytes, basename(file));
      const written = await write(() => storeDocument(store.db, record, bytes, actor));
      if (typeof written === 'number') {
        report.duplicates.push({ file, documentId: written });
        emit({ file, outcome: 'duplicate', documentId: written });
        return;
      }
      const documentId = written.id;
      report.stored.push({ file, documentId });
      emit({ file, outcome: 'stored', documentId });
    } catch (error) {
      const failure = failureOf(file, error);
      report.failed.push({ file, ...failure });
      emit({ file, outcome: 'failed', ...failure });
    }
  };

  try {
    // A bounded window keeps memory flat for thousands of files while every worker stays busy.
    const window = threads * 2;
    let next = 0;
    const lanes = Array.from({ length: Math.min(window, total) }, async () => {
      while (next < total) await handle(sources[next++]!);
    });
    await Promise.all(lanes);
    await writer;
  } finally {
    if (!options.pool) await pool?.close();
  }
  for (const { entry, sha } of twins) entry.documentId = (await documentIdBySha(store.db, sha)) ?? -1;
  // What these documents owe and whatever an earlier run left owed (it died before deriving): all of it now.
  if (options.derive !== false) report.derived = await deriveOwed(store.db, actor, { threads });
  if (report.stored.length >= BULK_DOCUMENTS) await refreshStatistics(store.db);
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/**
 * Store one already-analysed document (e.g. a reviewed extraction) in its own transaction; returns its id and
 * whether it was new. Idempotent: the same bytes are stored once.
 */
export async function storeRecord(
  store: Pick<Store, 'db'>,
  record: DocumentRecord,
  bytes: Uint8Array,
  options: { actor?: string; derive?: boolean } = {},
): Promise<{ documentId: number; created: boolean }> {
  await syncCatalog(store.db);
  const actor = options.actor ?? 'lantu';
  const stored = await storeDocument(store.db, record, bytes, actor);
  const regionId = typeof stored === 'number' ? await regionOf(store.db, stored) : stored.regionId;
  // Also when the bytes were stored before: a run that died before deriving them left them owed.
  if (options.derive !== false && regionId !== null)
    await deriveRegions(store.db, [regionId], actor, { documents: [] });
  return typeof stored === 'number'
    ? { documentId: stored, created: false }
    : { documentId: stored.id, created: true };
}

/** Ingest files and directories from disk. */
export async function ingestPaths(
  store: Pick<Store, 'db'>,
  paths: readonly string[],
  options: IngestOptions = {},
): Promise<IngestReport> {
  const files = await collectFiles(paths);
  return ingest(
    store,
    files.map((file) => ({ file })),
    options,
  );
}

export interface VersionReport {
  /** The document across its versions (its first version's id). */
  documentId: number;
  /** The row of the version replaced and of the new one (each opens in the reader). */
  from: { id: number; version: number };
  to: { id: number; version: number };
  carried: Carried;
  derived: DeriveReport;
}

/**
 * Store `source` as the next version of the document `documentId` is a version of (规划调整): the new version
 * is read and stored like any document, the one before stays (superseded), people's entries move to the new
 * version's rows, the change is audited (who, when, old/new version, reason) and the regions are derived again.
 */
export async function ingestVersion(
  store: Pick<Store, 'db'>,
  documentId: number,
  source: IngestSource,
  options: Pick<IngestOptions, 'actor' | 'pool' | 'limits' | 'derive'> & { reason?: string | null } = {},
): Promise<VersionReport> {
  const db = store.db;
  const actor = options.actor ?? 'lantu';
  const reason = options.reason?.trim() || null;
  const before = currentVersion(await versionsOf(db, documentId));
  if (before.removed_at !== null)
    throw new LantuError({
      code: 'version/removed',
      message: `document ${before.document_id} (${before.filename}) is removed`,
      expected: 'restore it before storing a revised version',
    });
  const bytes = source.bytes ?? new Uint8Array(await readFile(source.file));
  const twin = await documentIdBySha(db, sha256Of(bytes));
  if (twin !== undefined)
    throw new LantuError({
      code: 'version/duplicate',
      file: source.file,
      message: `the file has the same bytes as stored document ${twin}`,
      expected: 'the revised file, which differs from every stored one',
    });
  const limits = options.limits ?? readLimits();
  const record = options.pool
    ? await options.pool.analyze(bytes, basename(source.file))
    : await analyzeBytes(bytes, basename(source.file), limits);
  const docType = record.extraction.metadata.doc_type;
  if (docType !== before.doc_type)
    throw new LantuError({
      code: 'version/other-type',
      file: source.file,
      message: `the file reads as a ${docType}, document ${before.document_id} is a ${before.doc_type}`,
      expected: `a revised ${before.doc_type}`,
    });
  await syncCatalog(db);
  const report = await db.transaction().execute(async (trx) => {
    await claimWriter(trx);
    // Read again under the write lock: two revisions at once must not both follow the same version.
    const versions = await versionsOf(trx, documentId);
    const from = currentVersion(versions);
    const next = Math.max(...versions.map((v) => v.version)) + 1;
    const stored = await insertDocument(trx, record, bytes, actor, {
      of: from.document_id,
      version: next,
      reason,
    });
    if (stored === null)
      throw new LantuError({
        code: 'version/duplicate',
        file: source.file,
        message: 'the same bytes were stored meanwhile',
        expected: 'the revised file, which differs from every stored one',
      });
    await trx.updateTable('documents').set({ superseded_at: now() }).where('id', '=', from.id).execute();
    const carried = await carryEntries(trx, from.id, stored.id);
    // The version replaced leaves its region's monitoring (it may differ from the new version's region).
    if (from.region_id !== null) await oweDerivation(trx, from.region_id, from.id);
    await appendAudit(trx, {
      actor,
      action: 'revise',
      entity: 'document',
      entity_id: from.document_id,
      detail: {
        from: { id: from.id, version: from.version, filename: from.filename },
        to: { id: stored.id, version: next, filename: record.filename },
        reason,
        carried,
      },
    });
    return {
      documentId: from.document_id,
      from: { id: from.id, version: from.version },
      to: { id: stored.id, version: next },
      carried,
    };
  });
  const derived =
    options.derive === false
      ? { regions: 0, observations: 0, statuses: 0, findings: 0 }
      : await deriveOwed(db, actor);
  return { ...report, derived };
}
