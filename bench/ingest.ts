// Benchmark: ingest throughput (documents/s, the corpus repeated with distinct bytes) and status API latency, per engine.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { deriveRegions, ingest, openStore, refreshStatistics, type Store } from '../src/store/index.js';
import { createTestDatabase } from '../test/setup/postgres.js';
import { accountWithToken, bearer } from '../test/helpers/accounts.js';

export interface EngineFigures {
  engine: 'sqlite' | 'postgres';
  documents: number;
  threads: number;
  /** Read + extract + store + link, per document (derive excluded). */
  ingestSeconds: number;
  documentsPerSecond: number;
  /** Observations, statuses and findings for every region afterwards. */
  deriveSeconds: number;
  statuses: number;
  findings: number;
  latency: {
    url: string;
    connections: number;
    requests: number;
    p50: number;
    p99: number;
    requestsPerSecond: number;
    /** Failed requests: socket errors, timeouts (10 s) and non-2xx answers. */
    errors: number;
    timeouts: number;
  };
}

export interface BenchOptions {
  /** Documents to ingest (the corpus repeated; default 1000). */
  documents?: number;
  threads?: number;
  /** autocannon duration per engine, seconds (default 10). */
  duration?: number;
  connections?: number;
  engines?: Array<'sqlite' | 'postgres'>;
  corpus?: string;
}

/** The corpus repeated to `count` sources, each copy with one extra trailing line so its sha256 differs. */
export function corpusSources(
  count: number,
  dir = 'fixtures/corpus',
): Array<{ file: string; bytes: Uint8Array }> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, bytes: readFileSync(join(dir, f)) }));
  return Array.from({ length: count }, (_, i) => {
    const f = files[i % files.length]!;
    const copy = Math.floor(i / files.length);
    const bytes = copy === 0 ? f.bytes : Buffer.concat([f.bytes, Buffer.from(`\n副本 ${copy}\n`)]);
    return {
      file: copy === 0 ? f.name : f.name.replace(/\.txt$/, `-copy${copy}.txt`),
      bytes: new Uint8Array(bytes),
    };
  });
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `lantu serve` on the store in a child process, so the server and autocannon do not share one event loop. */
export async function startServer(
  env: NodeJS.ProcessEnv,
): Promise<{ address: string; pid: number; stop: () => Promise<void> }> {
  const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
  const port = await freePort();
  const node = (process.env.LANTU_BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...node, '--import', 'tsx', main, 'serve', '--port', String(port)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let said = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (said += chunk));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const address = `http://127.0.0.1:${port}`;
  // Ready when it answers its health check (the server's start-up message is for people, not for parsing).
  for (let waited = 0; waited < 60_000; waited += 250) {
    if (child.exitCode !== null) throw new Error(`lantu serve exited (${child.exitCode}): ${said.trim()}`);
    const ok = await fetch(`${address}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { address, pid: child.pid!, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`lantu serve did not answer on ${address} within 60 s: ${said.trim()}`);
}

export async function latency(
  env: NodeJS.ProcessEnv,
  duration: number,
  connections: number,
  path = process.env.LANTU_BENCH_PATH ?? '/api/statuses?limit=100',
  headers: Record<string, string> = {},
): Promise<EngineFigures['latency']> {
  const server = await startServer(env);
  try {
    // One request first: the server's first answer compiles its routes and warms the database cache.
    await fetch(`${server.address}${path}`, { headers });
    const result = await autocannon({ url: `${server.address}${path}`, connections, duration, headers });
    return {
      url: path,
      connections,
      requests: result.requests.total,
      p50: result.latency.p50,
      p99: result.latency.p99,
      requestsPerSecond: result.requests.average,
      errors: result.errors + result.non2xx,
      timeouts: result.timeouts,
    };
  } finally {
    await server.stop();
  }
}

/** A fresh store on the engine and how to throw it away. */
export async function scratchStore(
  engine: 'sqlite' | 'postgres',
): Promise<{ store: Store; env: NodeJS.ProcessEnv; dispose: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const path = join(tmpdir(), `lantu-bench-${process.pid}-${Date.now()}.db`);
    const store = await openStore({ sqlitePath: path });
    return {
      store,
      env: { LANTU_DB: path, DATABASE_URL: '' },
      dispose: async () => {
        await store.close();
        for (const s of ['', '-wal', '-shm']) rmSync(`${path}${s}`, { force: true });
      },
    };
  }
  const created = await createTestDatabase();
  const store = await openStore({ databaseUrl: created.url, poolSize: 20 });
  return {
    store,
    env: { DATABASE_URL: created.url },
    dispose: async () => {
      await store.close();
      await created.drop();
    },
  };
}

async function benchEngine(
  engine: 'sqlite' | 'postgres',
  options: Required<Omit<BenchOptions, 'engines'>>,
): Promise<EngineFigures> {
  const { store, env, dispose } = await scratchStore(engine);
  try {
    const sources = corpusSources(options.documents, options.corpus);
    console.error(`${engine}: ingesting ${sources.length} documents…`);
    const report = await ingest(store, sources, { threads: options.threads, derive: false });
    if (report.failed.length > 0) throw new Error(`bench ingest failed: ${report.failed[0]!.error}`);
    const regions = await store.db.selectFrom('regions').select('id').execute();
    console.error(`${engine}: deriving ${regions.length} regions…`);
    const started = performance.now();
    const derived = await deriveRegions(
      store.db,
      regions.map((r) => r.id),
      'bench',
      { threads: options.threads },
    );
    await refreshStatistics(store.db);
    const deriveSeconds = (performance.now() - started) / 1000;
    console.error(
      `${engine}: ${options.connections} connections on the status list for ${options.duration} s…`,
    );
    // The status list of the whole store just ingested, served by `lantu serve` in its own process.
    // Statuses need sign-in: the load comes from a 审阅 account's API token.
    const { token } = await accountWithToken(store.db, { role: 'reviewer' });
    const lat = await latency(env, options.duration, options.connections, undefined, bearer(token));
    return {
      engine,
      documents: report.stored.length,
      threads: options.threads,
      ingestSeconds: report.seconds,
      documentsPerSecond: report.stored.length / report.seconds,
      deriveSeconds,
      statuses: derived.statuses,
      findings: derived.findings,
      latency: lat,
    };
  } finally {
    await dispose();
  }
}

/** Run the benchmark on each engine; returns the figures (the caller prints them). */
export async function benchIngest(options: BenchOptions = {}): Promise<EngineFigures[]> {
  const full = {
    documents: options.documents ?? 1000,
    threads: options.threads ?? availableParallelism(),
    duration: options.duration ?? 10,
    connections: options.connections ?? 100,
    corpus: options.corpus ?? 'fixtures/corpus',
  };
  const out: EngineFigures[] = [];
  for (const engine of options.engines ?? ['sqlite', 'postgres']) out.push(await benchEngine(engine, full));
  return out;
}

/** One engine's figures as report lines. */
export function formatIngest(f: EngineFigures): string[] {
  const l = f.latency;
  return [
    `${f.engine.padEnd(9)} ingest ${f.documents} documents in ${f.ingestSeconds.toFixed(1)} s = ${f.documentsPerSecond.toFixed(2)} documents/s (${f.threads} threads)`,
    `${''.padEnd(9)} derive ${f.deriveSeconds.toFixed(1)} s (${f.statuses} statuses, ${f.findings} findings)`,
    `${''.padEnd(9)} GET ${l.url} × ${l.connections} connections: p50 ${l.p50} ms, p99 ${l.p99} ms, ${l.requestsPerSecond.toFixed(0)} req/s (${l.requests} requests, ${l.errors} errors)`,
  ];
}

// `tsx bench/ingest.ts [documents] [sqlite|postgres]`: this benchmark alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const documents = process.argv[2] ? Number(process.argv[2]) : undefined;
  const engine = process.argv[3] as 'sqlite' | 'postgres' | undefined;
  const figures = await benchIngest({
    ...(documents ? { documents } : {}),
    ...(engine ? { engines: [engine] } : {}),
  });
  for (const f of figures) for (const line of formatIngest(f)) console.log(line);
}
