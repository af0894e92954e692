// Benchmark: ingest throughput (documents/s, the corpus repeated with distinct bytes) and status API latency, per engine.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildServer } from '../src/server/index.js';
import { deriveRegions, ingest, openStore, storeRecord, type Store } from '../src/store/index.js';
import { createTestDatabase } from '../test/setup/postgres.js';
import { GOLD_DOCS, goldRecord } from '../test/store/corpus.js';

export interface EngineFigures {
  engine: 'sqlite' | 'postgres';
  documents: number;
  threads: number;
  /** Read + extract + store + link, per document (derive excluded). */
  ingestSeconds: number;
  documentsPerSecond: number;
  /** Observations, statuses and findings for every region afterwards. */
  deriveSeconds: number;
  latency: {
    url: string;
    connections: number;
    requests: number;
    p50: number;
    p99: number;
    requestsPerSecond: number;
    errors: number;
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

async function latency(
  store: Store,
  duration: number,
  connections: number,
): Promise<EngineFigures['latency']> {
  // A store with the reviewed corpus (gold extractions), so the status list has real rows to serve.
  for (const name of GOLD_DOCS) {
    const { record, bytes } = goldRecord(name, 'bench');
    await storeRecord(store, record, bytes);
  }
  const app = await buildServer({ db: store.db });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `${address}/api/statuses?limit=100`;
  try {
    const result = await autocannon({ url, connections, duration });
    return {
      url: '/api/statuses?limit=100',
      connections,
      requests: result.requests.total,
      p50: result.latency.p50,
      p99: result.latency.p99,
      requestsPerSecond: result.requests.average,
      errors: result.errors + result.non2xx,
    };
  } finally {
    await app.close();
  }
}

/** A fresh store on the engine and how to throw it away. */
async function scratchStore(
  engine: 'sqlite' | 'postgres',
): Promise<{ store: Store; dispose: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const path = `/tmp/lantu-bench-${process.pid}-${Date.now()}.db`;
    const store = await openStore({ sqlitePath: path });
    return {
      store,
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
  const { store, dispose } = await scratchStore(engine);
  try {
    const sources = corpusSources(options.documents, options.corpus);
    const report = await ingest(store, sources, { threads: options.threads, derive: false });
    if (report.failed.length > 0) throw new Error(`bench ingest failed: ${report.failed[0]!.error}`);
    const regions = await store.db.selectFrom('regions').select('id').execute();
    const started = performance.now();
    await deriveRegions(
      store.db,
      regions.map((r) => r.id),
    );
    const deriveSeconds = (performance.now() - started) / 1000;
    const api = await scratchStore(engine);
    const lat = await latency(api.store, options.duration, options.connections).finally(() => api.dispose());
    return {
      engine,
      documents: report.stored.length,
      threads: options.threads,
      ingestSeconds: report.seconds,
      documentsPerSecond: report.stored.length / report.seconds,
      deriveSeconds,
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
