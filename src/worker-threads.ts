// Where a worker thread's module is: the .ts source with tsx's loader when running from source (tsx, vitest),
// the compiled .js otherwise. One answer for every piscina pool of the project, and the guard that puts a document's
// reading under time and memory limits (a worker past them is stopped, the process and its other work go on).
import { readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { LantuError } from './diagnostics.js';
import { limitError, READ_LIMIT_ENV, type ReadLimits } from './readers/limits.js';
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

/** A job as posted to a guarded worker: the port tells the caller when it starts (the time limit counts from then). */
export interface GuardedTask<T> {
  started: MessagePort;
  payload: T;
}

/** What a guarded job returns: its value, or its error as data (a LantuError's code does not survive a thread). */
export type GuardedOutcome<R> = { ok: true; value: R } | { ok: false; code: string; message: string };

/** Nice value of reading threads: on a busy machine the thread that answers requests gets the cores first. */
const READING_NICE = 10;
let niced = false;

/** Lowers this worker thread's scheduling priority (Linux: a thread id is a valid setpriority target). */
function niceThisThread(): void {
  if (niced) return;
  niced = true;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid)) setPriority(tid, READING_NICE);
  } catch {
    // No /proc (macOS, Windows): the thread keeps the process's priority.
  }
}

/** Worker side: wraps `job` so that it reports its start, runs at low priority and returns its error as data. */
export function guardedJob<T, R>(job: (payload: T) => Promise<R> | R) {
  return async (task: GuardedTask<T>): Promise<GuardedOutcome<R>> => {
    niceThisThread();
    task.started.postMessage('started');
    task.started.close();
    try {
      return { ok: true, value: await job(task.payload) };
    } catch (error) {
      const code = error instanceof LantuError ? error.code : 'read/failed';
      return { ok: false, code, message: error instanceof Error ? error.message : String(error) };
    }
  };
}

/** A piscina pool whose workers each get at most `heapMb` of heap; run its jobs with runGuarded. */
export function guardedPool(
  module: WorkerModule,
  threads: number,
  limits: Pick<ReadLimits, 'heapMb'>,
): Piscina {
  return new Piscina({
    filename: module.filename,
    execArgv: module.execArgv,
    minThreads: 1,
    maxThreads: threads,
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMb },
  });
}

/**
 * Runs one guarded job for `file`: past `limits.seconds` from its start the worker is stopped, a worker out of heap
 * dies alone; either way the caller gets a limit error naming the file, and the pool replaces the worker.
 */
export async function runGuarded<T, R>(
  pool: Piscina,
  payload: T,
  file: string,
  limits: Pick<ReadLimits, 'seconds' | 'heapMb'>,
  name?: string,
): Promise<R> {
  const { port1, port2 } = new MessageChannel();
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  port1.once('message', () => {
    timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, limits.seconds * 1000);
  });
  const task: GuardedTask<T> = { started: port2, payload };
  let outcome: GuardedOutcome<R>;
  try {
    outcome = (await pool.run(task, {
      transferList: [port2] as never,
      signal: abort.signal,
      ...(name ? { name } : {}),
    })) as GuardedOutcome<R>;
  } catch (error) {
    if (timedOut) {
      throw limitError(
        file,
        'time',
        `reading took longer than the limit of ${limits.seconds} s and was stopped`,
        `a document read within ${limits.seconds} s (${READ_LIMIT_ENV.seconds} raises it)`,
      );
    }
    if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      throw limitError(
        file,
        'memory',
        `reading needed more than the memory limit of ${limits.heapMb} MB and was stopped`,
        `a document read within ${limits.heapMb} MB (${READ_LIMIT_ENV.heapMb} raises it)`,
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
    port1.close();
  }
  if (!outcome.ok) throw new LantuError({ code: outcome.code, message: outcome.message });
  return outcome.value;
}
