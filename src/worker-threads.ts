// Where a worker thread's module is: the .ts source with tsx's loader when running from source (tsx, vitest),
// the compiled .js otherwise. One answer for every piscina pool of the project.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface WorkerModule {
  filename: string;
  execArgv: string[];
}

/** The worker module `relative` (without extension, e.g. `./analysis-worker`) next to the module at `base`. */
export function workerModule(relative: string, base: string): WorkerModule {
  const isSource = base.endsWith('.ts');
  const filename = new URL(`${relative}${isSource ? '.ts' : '.js'}`, base).href;
  if (!isSource) return { filename, execArgv: [] };
  const require = createRequire(fileURLToPath(base));
  const loader = join(dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs');
  return { filename, execArgv: ['--import', pathToFileURL(loader).href] };
}
