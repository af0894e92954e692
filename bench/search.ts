// Benchmark: search latency (p50/p99 at 100 connections) on a store of 1,000 documents, per engine and kind of query.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ingest, searchDocuments } from '../src/store/index.js';
import { corpusSources, latency, scratchStore, type EngineFigures } from './ingest.js';
import { accountWithToken, bearer } from '../test/helpers/accounts.js';

/** One query of each kind the store answers differently. */
export const SEARCH_QUERIES: Array<{ q: string; kind: string }> = [
  { q: '高质量发展', kind: 'indexed word' },
  { q: '养老', kind: 'two characters' },
  { q: '研发', kind: 'two characters + catalog names' },
  { q: 'GDP', kind: 'catalog names' },
  { q: '城市更新 养老', kind: 'two words' },
];

export interface SearchFigures {
  engine: 'sqlite' | 'postgres';
  documents: number;
  units: number;
  ingestSeconds: number;
  queries: Array<{ q: string; kind: string; total: number; latency: EngineFigures['latency'] }>;
}

export async function benchSearch(
  options: {
    documents?: number;
    duration?: number;
    connections?: number;
    engines?: Array<'sqlite' | 'postgres'>;
  } = {},
): Promise<SearchFigures[]> {
  const documents = options.documents ?? 1000;
  const duration = options.duration ?? 5;
  const connections = options.connections ?? 100;
  const out: SearchFigures[] = [];
  for (const engine of options.engines ?? ['sqlite', 'postgres']) {
    const { store, env, dispose } = await scratchStore(engine);
    try {
      console.error(`${engine}: ingesting ${documents} documents…`);
      // Derived here, so the server does not start by deriving what the ingest left owed.
      const report = await ingest(store, corpusSources(documents), { threads: availableParallelism() });
      // Search needs sign-in: the load comes from a 审阅 account's API token.
      const headers = bearer((await accountWithToken(store.db, { role: 'reviewer' })).token);
      if (report.failed.length > 0) throw new Error(`bench ingest failed: ${report.failed[0]!.error}`);
      const units = await store.db
        .selectFrom('search_units')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const figures: SearchFigures = {
        engine,
        documents: report.stored.length,
        units: Number(units.n),
        ingestSeconds: report.seconds,
        queries: [],
      };
      for (const { q, kind } of SEARCH_QUERIES) {
        const path = `/api/search?q=${encodeURIComponent(q)}&limit=20`;
        const total = (await searchDocuments(store.db, q, {}, { limit: 1, offset: 0 })).total;
        console.error(`${engine}: ${connections} connections on ${q} for ${duration} s…`);
        figures.queries.push({
          q,
          kind,
          total,
          latency: await latency(env, duration, connections, path, headers),
        });
      }
      out.push(figures);
    } finally {
      await dispose();
    }
  }
  return out;
}

export function formatSearch(f: SearchFigures): string[] {
  return [
    `${f.engine.padEnd(9)} ${f.documents} documents, ${f.units} search units (ingest ${f.ingestSeconds.toFixed(1)} s)`,
    ...f.queries.map(
      ({ q, kind, total, latency: l }) =>
        `${''.padEnd(9)} ${q} (${kind}, ${total} hits) × ${l.connections}: p50 ${l.p50} ms, p99 ${l.p99} ms, ${l.requestsPerSecond.toFixed(0)} req/s (${l.errors} errors)`,
    ),
  ];
}

// `tsx bench/search.ts [documents] [sqlite|postgres]`: this benchmark alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const documents = process.argv[2] ? Number(process.argv[2]) : undefined;
  const engine = process.argv[3] as 'sqlite' | 'postgres' | undefined;
  const figures = await benchSearch({
    ...(documents ? { documents } : {}),
    ...(engine ? { engines: [engine] } : {}),
  });
  for (const f of figures) for (const line of formatSearch(f)) console.log(line);
}
