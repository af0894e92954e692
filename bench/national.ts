// Benchmark at national scale on PostgreSQL: plans and reports varied from the corpus across the gazetteer's
// prefectures, ingested through the job queue by 1 and then 2 `lantu worker` processes, then the API under load.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { PREFECTURE_LIST, provinceShort } from '../src/catalog/gazetteer.js';
import { enqueueDocuments, openQueue, type QueueConnection } from '../src/queue/index.js';
import type { Store } from '../src/store/index.js';
import { toCount } from '../src/store/json.js';
import { scratchStore, startServer } from './ingest.js';
import { accountWithToken, bearer } from '../test/helpers/accounts.js';

/** Corpus documents of a prefecture-level city, with the names that make them that city's. */
interface Template {
  file: string;
  city: string;
  province: string;
}

const PLANS: Template[] = [
  { file: 'nanjing-plan-2026-2030.txt', city: '南京市', province: '江苏省' },
  { file: 'guangzhou-plan-2026-2030.txt', city: '广州市', province: '广东省' },
];
const REPORTS: Template[] = [
  { file: 'xian-bulletin-2025.txt', city: '西安市', province: '陕西省' },
  { file: 'suzhou-bulletin-2025.txt', city: '苏州市', province: '江苏省' },
];

/** The national scale: a plan for each of ~3,000 governments and five years of reports for each. */
export const NATIONAL = { plans: 3000, reports: 15000 };

export interface NationalOptions {
  plans?: number;
  reports?: number;
  /** autocannon seconds per API path (default 10). */
  duration?: number;
  connections?: number;
  corpus?: string;
}

const shortCity = (name: string) => name.replace(/市$/, '');

/**
 * `count` documents from `templates`, each the template's text with its city and province replaced by those of a
 * prefecture of the gazetteer (in turn), and its copy number on a last line, so every document's bytes differ.
 */
export function nationalDocuments(
  templates: readonly Template[],
  count: number,
  kind: string,
  corpus = 'fixtures/corpus',
): Array<{ file: string; bytes: Uint8Array }> {
  const texts = templates.map((t) => ({ ...t, text: readFileSync(`${corpus}/${t.file}`, 'utf8') }));
  return Array.from({ length: count }, (_, i) => {
    const t = texts[i % texts.length]!;
    const place = PREFECTURE_LIST[i % PREFECTURE_LIST.length]!;
    const copy = Math.floor(i / PREFECTURE_LIST.length);
    const text = t.text
      .replaceAll(t.province, place.province)
      .replaceAll(provinceShort(t.province), provinceShort(place.province))
      .replaceAll(t.city, place.name)
      .replaceAll(shortCity(t.city), place.short);
    return {
      file: `${kind}-${place.name}-${i}.txt`,
      bytes: new TextEncoder().encode(`${text}\n（第${copy + 1}份 / copy ${copy + 1}）\n`),
    };
  });
}

interface WorkerProcess {
  child: ChildProcess;
  ready: Promise<void>;
  stop: () => Promise<void>;
}

/** `lantu worker` as a process of its own on the bench's database. */
function startWorkerProcess(env: NodeJS.ProcessEnv): WorkerProcess {
  const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', main, 'worker', '--quiet'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let said = '';
  child.stderr!.setEncoding('utf8');
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: string) => {
      said += chunk;
      if (said.includes('is taking jobs')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`lantu worker exited (${code}): ${said.trim()}`)));
  });
  ready.catch(() => undefined);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { child, ready, stop };
}

/** Peak resident memory of a process so far (Linux), MB. */
export function peakRssMB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export interface IngestPhase {
  workers: number;
  documents: number;
  /** From the first job's start to the last one's end (worker start-up excluded). */
  seconds: number;
  documentsPerSecond: number;
  /** From the last document stored to the last region derived. */
  deriveSeconds: number;
  failed: number;
  peakWorkerMB: number;
}

export interface ApiFigure {
  path: string;
  p50: number;
  p99: number;
  requestsPerSecond: number;
  requests: number;
  errors: number;
  timeouts: number;
}

export interface NationalFigures {
  plans: number;
  reports: number;
  regions: number;
  statuses: number;
  phases: IngestPhase[];
  api: ApiFigure[];
  peakServerMB: number;
  connections: number;
  load: string;
}

async function until(what: string, probe: () => Promise<boolean>, seconds = 7200): Promise<void> {
  for (let waited = 0; waited < seconds * 1000; waited += 500) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`national bench: waited ${seconds} s for ${what}`);
}

/** Enqueue `sources`, run `workers` worker processes until they are ingested and derived; time both. */
async function ingestPhase(
  store: Store,
  queue: QueueConnection,
  env: NodeJS.ProcessEnv,
  sources: Array<{ file: string; bytes: Uint8Array }>,
  workers: number,
): Promise<IngestPhase> {
  const enqueuedAt = new Date().toISOString();
  console.error(`national: enqueueing ${sources.length} documents for ${workers} worker(s)…`);
  await enqueueDocuments(store, queue, sources, { actor: 'bench' });
  const processes = Array.from({ length: workers }, () => startWorkerProcess(env));
  const peaks = processes.map(() => 0);
  const sample = setInterval(() => {
    processes.forEach((p, i) => (peaks[i] = Math.max(peaks[i]!, peakRssMB(p.child.pid!) || 0)));
  }, 1000);
  try {
    await Promise.all(processes.map((p) => p.ready));
    const phase = () => store.db.selectFrom('queued_files').where('enqueued_at', '>=', enqueuedAt);
    const open = async () =>
      toCount(
        (
          await phase()
            .select((eb) => eb.fn.countAll().as('n'))
            .where('state', 'in', ['queued', 'active'])
            .executeTakeFirstOrThrow()
        ).n,
      );
    await until('the documents to be ingested', async () => (await open()) === 0);
    await until('the regions to be derived', async () => {
      const owed = await store.db
        .selectFrom('pending_derivations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return toCount(owed.n) === 0;
    });
    const derivedAt = Date.now();
    const span = await phase()
      .select((eb) => [
        eb.fn.min('started_at').as('first'),
        eb.fn.max('finished_at').as('last'),
        eb.fn.countAll().as('n'),
      ])
      .where('state', '=', 'done')
      .executeTakeFirstOrThrow();
    const failed = await phase()
      .select((eb) => eb.fn.countAll().as('n'))
      .where('state', '=', 'failed')
      .executeTakeFirstOrThrow();
    const first = Date.parse(String(span.first));
    const last = Date.parse(String(span.last));
    const seconds = (last - first) / 1000;
    const documents = toCount(span.n);
    processes.forEach((p, i) => (peaks[i] = Math.max(peaks[i]!, peakRssMB(p.child.pid!) || 0)));
    return {
      workers,
      documents,
      seconds,
      documentsPerSecond: documents / seconds,
      deriveSeconds: (derivedAt - last) / 1000,
      failed: toCount(failed.n),
      peakWorkerMB: Math.max(...peaks),
    };
  } finally {
    clearInterval(sample);
    await Promise.all(processes.map((p) => p.stop()));
  }
}

/** The paths the issue measures: the status list, the overview, a comparison across regions, a search. */
export const NATIONAL_PATHS = [
  '/api/statuses?limit=100',
  '/api/overview',
  '/api/compare?indicator_id=gdp&limit=100',
  `/api/search?q=${encodeURIComponent('高质量发展')}&limit=20`,
];

export async function benchNational(options: NationalOptions = {}): Promise<NationalFigures> {
  const plans = options.plans ?? NATIONAL.plans;
  const reports = options.reports ?? NATIONAL.reports;
  const duration = options.duration ?? 10;
  const connections = options.connections ?? 100;
  const corpus = options.corpus ?? 'fixtures/corpus';
  const { store, env, dispose } = await scratchStore('postgres');
  const queue = await openQueue(env.DATABASE_URL!, { supervise: false });
  try {
    // Plans and reports interleaved, so each phase has both kinds; a third for one worker, the rest for two.
    const all = [
      ...nationalDocuments(PLANS, plans, 'plan', corpus),
      ...nationalDocuments(REPORTS, reports, 'report', corpus),
    ].sort((a, b) => Number(/-(\d+)\.txt$/.exec(a.file)![1]) - Number(/-(\d+)\.txt$/.exec(b.file)![1]));
    const cut = Math.round(all.length / 3);
    const phases = [
      await ingestPhase(store, queue, env, all.slice(0, cut), 1),
      await ingestPhase(store, queue, env, all.slice(cut), 2),
    ];
    const regions = toCount(
      (
        await store.db
          .selectFrom('documents')
          .select((eb) => eb.fn.count('region_id').distinct().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const statuses = toCount(
      (
        await store.db
          .selectFrom('statuses')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    // Every measured route needs sign-in: the load comes from a 审阅 account's API token.
    const headers = bearer((await accountWithToken(store.db, { role: 'reviewer' })).token);
    const server = await startServer(env);
    const api: ApiFigure[] = [];
    let peakServerMB = 0;
    try {
      for (const path of NATIONAL_PATHS) {
        await fetch(`${server.address}${path}`, { headers }); // the first answer compiles the route and warms the cache
        console.error(`national: ${connections} connections on ${path} for ${duration} s…`);
        const r = await autocannon({ url: `${server.address}${path}`, connections, duration, headers });
        api.push({
          path: decodeURIComponent(path),
          p50: r.latency.p50,
          p99: r.latency.p99,
          requestsPerSecond: r.requests.average,
          requests: r.requests.total,
          // autocannon counts a timeout (10 s) among its errors as well.
          errors: r.errors + r.non2xx,
          timeouts: r.timeouts,
        });
      }
    } finally {
      peakServerMB = peakRssMB(server.pid);
      await server.stop();
    }
    return {
      plans,
      reports,
      regions,
      statuses,
      phases,
      api,
      peakServerMB,
      connections,
      load: loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
    };
  } finally {
    await queue.stop();
    await dispose();
  }
}

export function formatNational(f: NationalFigures): string[] {
  return [
    `PostgreSQL, ${f.plans} plans + ${f.reports} reports over ${f.regions} regions of the gazetteer; ${f.statuses} statuses`,
    ...f.phases.map(
      (p) =>
        `ingest with ${p.workers} worker${p.workers === 1 ? ' ' : 's'}: ${p.documents} documents in ${p.seconds.toFixed(1)} s = ` +
        `${p.documentsPerSecond.toFixed(2)} documents/s (${p.failed} failed); derive afterwards ${p.deriveSeconds.toFixed(1)} s; ` +
        `peak worker memory ${p.peakWorkerMB.toFixed(0)} MB`,
    ),
    ...f.api.map(
      (a) =>
        `GET ${a.path} × ${f.connections} connections: p50 ${a.p50} ms, p99 ${a.p99} ms, ` +
        `${a.requestsPerSecond.toFixed(0)} req/s (${a.requests} requests, ${a.errors} errors of which ${a.timeouts} timeouts)`,
    ),
    `peak server memory ${f.peakServerMB.toFixed(0)} MB; load average at the end ${f.load}`,
  ];
}

/** `--plans N --reports M --duration S` from the command line (after the section name). */
export function nationalOptions(argv: readonly string[]): NationalOptions {
  const out: NationalOptions = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = Number(argv[i + 1]);
    const key = {
      '--plans': 'plans',
      '--reports': 'reports',
      '--duration': 'duration',
      '--connections': 'connections',
    }[flag] as keyof NationalOptions | undefined;
    if (!key || !Number.isInteger(value) || value < 0)
      throw new Error(
        `national: "${flag} ${argv[i + 1] ?? ''}": expected --plans N, --reports M, --duration S or --connections C`,
      );
    (out as Record<string, number>)[key] = value;
  }
  return out;
}
