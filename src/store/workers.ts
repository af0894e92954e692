// The store's worker threads (piscina): reading/extraction during ingest and the plan linter during derive.
import { Piscina } from 'piscina';
import type { Finding, LintInput } from '../monitor/index.js';
import { workerModule } from '../worker-threads.js';
import type { DocumentRecord } from './analysis.js';

export interface AnalysisPool {
  analyze: (bytes: Uint8Array, filename: string) => Promise<DocumentRecord>;
  lint: (input: LintInput) => Promise<Finding[]>;
  close: () => Promise<void>;
}

/** A pool running ./analysis-worker (the .ts source under tsx/vitest, the compiled .js otherwise). */
export function analysisPool(threads: number): AnalysisPool {
  const { filename, execArgv } = workerModule('./analysis-worker', import.meta.url);
  const pool = new Piscina({ filename, minThreads: threads, maxThreads: threads, execArgv });
  return {
    analyze: (bytes, name) => pool.run({ bytes, filename: name }) as Promise<DocumentRecord>,
    lint: (input) => pool.run(input, { name: 'lint' }) as Promise<Finding[]>,
    close: () => pool.destroy(),
  };
}
