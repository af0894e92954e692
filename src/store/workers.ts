// The store's worker threads (piscina): reading/extraction during ingest and the plan linter during derive.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { Finding, LintInput } from '../monitor/index.js';
import type { DocumentRecord } from './analysis.js';

export interface AnalysisPool {
  analyze: (bytes: Uint8Array, filename: string) => Promise<DocumentRecord>;
  lint: (input: LintInput) => Promise<Finding[]>;
  close: () => Promise<void>;
}

/** A pool running ./analysis-worker (the .ts source under tsx/vitest, the compiled .js otherwise). */
export function analysisPool(threads: number): AnalysisPool {
  const here = import.meta.url;
  const isSource = here.endsWith('.ts');
  const filename = new URL(isSource ? './analysis-worker.ts' : './analysis-worker.js', here).href;
  const execArgv: string[] = [];
  if (isSource) {
    const require = createRequire(fileURLToPath(here));
    const loader = join(dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs');
    execArgv.push('--import', pathToFileURL(loader).href);
  }
  const pool = new Piscina({ filename, minThreads: threads, maxThreads: threads, execArgv });
  return {
    analyze: (bytes, name) => pool.run({ bytes, filename: name }) as Promise<DocumentRecord>,
    lint: (input) => pool.run(input, { name: 'lint' }) as Promise<Finding[]>,
    close: () => pool.destroy(),
  };
}
