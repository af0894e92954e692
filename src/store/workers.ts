// The store's worker threads (piscina): reading/extraction during ingest (under read limits) and the plan linter.
import type { Finding, LintInput } from '../monitor/index.js';
import { readLimits, type ReadLimits } from '../readers/limits.js';
import { guardedPool, runGuarded, workerModule } from '../worker-threads.js';
import type { DocumentRecord } from './analysis.js';

export interface AnalysisPool {
  /** Reads one document in a worker; a document over a limit (time, memory, size) fails with a `limit/…` error. */
  analyze: (bytes: Uint8Array, filename: string) => Promise<DocumentRecord>;
  lint: (input: LintInput) => Promise<Finding[]>;
  /** Starts a worker and loads the reading code in it ahead of the first document. */
  warm: () => Promise<void>;
  close: () => Promise<void>;
}

/** A pool running ./analysis-worker (the .ts source under tsx/vitest, the compiled .js otherwise). */
export function analysisPool(threads: number, limits: ReadLimits = readLimits()): AnalysisPool {
  const pool = guardedPool(workerModule('./analysis-worker', import.meta.url), threads, limits);
  return {
    analyze: (bytes, filename) =>
      runGuarded<unknown, DocumentRecord>(pool, { bytes, filename, limits }, filename, limits),
    lint: (input) => pool.run(input, { name: 'lint' }) as Promise<Finding[]>,
    warm: async () => {
      await pool.run(null, { name: 'warm' });
    },
    close: () => pool.destroy(),
  };
}
