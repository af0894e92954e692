// The real `lantu` command as a child process (from source, via tsx), for tests that kill it at a named point.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.js';
import { createTestDatabase } from '../setup/postgres.js';
import type { EngineName } from '../store/engines.js';

/** Longest a child may take before the test gives up on it (it is killed, and the test fails). */
const CHILD_LIMIT_MS = 90_000;

/** Where a child's store lives: its own SQLite file or its own PostgreSQL database. */
export interface ChildDatabase {
  env: NodeJS.ProcessEnv;
  open(): Promise<Store>;
  drop(): Promise<void>;
}

export async function childDatabase(engine: EngineName): Promise<ChildDatabase> {
  const { DATABASE_URL: _url, LANTU_DB: _db, LANTU_PAUSE_AT: _p, LANTU_CRASH_AT: _c, ...base } = process.env;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'lantu-crash-'));
    const path = join(dir, 'lantu.db');
    return {
      env: { ...base, LANTU_DB: path },
      open: () => openStore({ sqlitePath: path }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const { url, drop } = await createTestDatabase();
  return { env: { ...base, DATABASE_URL: url }, open: () => openStore({ databaseUrl: url }), drop };
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  /** Resolves with the first stderr match of `pattern` (rejects if the child ends first). */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Resolves when the child has exited. */
  exited: Promise<Finished>;
}

/** Start `lantu ARGS…` with the given environment. */
export function startLantu(args: readonly string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const watchers: Array<{ pattern: RegExp; resolve: (m: RegExpMatchArray) => void }> = [];
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
    for (const w of watchers.splice(0)) {
      const m = stderr.match(w.pattern);
      if (m) w.resolve(m);
      else watchers.push(w);
    }
  });
  const limit = setTimeout(() => child.kill('SIGKILL'), CHILD_LIMIT_MS);
  const exited = new Promise<Finished>((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stderr });
    }),
  );
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const m = stderr.match(pattern);
      if (m) return resolve(m);
      watchers.push({ pattern, resolve });
      void exited.then(({ code, signal }) =>
        reject(new Error(`lantu ${args[0]} ended (${code ?? signal}) before ${pattern}:\n${stderr}`)),
      );
    });
  return { child, waitFor, exited };
}

/** Run `lantu ARGS…` to its end; throws with its stderr when it fails. */
export async function runLantu(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { code, signal, stderr } = await startLantu(args, env).exited;
  if (code !== 0) throw new Error(`lantu ${args.join(' ')} failed (${code ?? signal}):\n${stderr}`);
  return stderr;
}

/** Run `lantu ARGS…` until it pauses at `point` (LANTU_PAUSE_AT), then kill it as `kill -9` would. */
export async function killLantuAt(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  point: string,
): Promise<void> {
  const running = startLantu(args, { ...env, LANTU_PAUSE_AT: point });
  await running.waitFor(new RegExp(`paused at ${point}`));
  running.child.kill('SIGKILL');
  const { signal } = await running.exited;
  if (signal !== 'SIGKILL') throw new Error(`lantu ${args[0]} was not killed at ${point}`);
}
