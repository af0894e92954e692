// Benchmark: spreadsheets through a running `lantu serve` — the hostile folder, a 600k-row import and its retry,
// the CSV and XLSX exports — with the time, the server's peak memory and /api/health latency during each phase.
import { readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { multipart } from '../test/api/multipart.js';
import { accountWithToken, bearer } from '../test/helpers/accounts.js';
import { bigObservationCsv } from '../test/helpers/big-sheet.js';
import { scratchStore, startServer } from './ingest.js';

const HOSTILE_DIR = 'fixtures/hostile-sheets';

export interface SheetPhase {
  engine: 'sqlite' | 'postgres';
  phase: string;
  seconds: number;
  /** What the phase's requests answered (status codes, rows). */
  outcome: string;
  /** Largest resident memory of the server process while the phase ran (MB, sampled every 50 ms). */
  serverPeakMB: number;
  health: { requests: number; p50: number; p99: number; max: number; failures: number };
}

/** The resident memory of a process in MB (Linux /proc), or NaN where there is none. */
function residentMB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

/** Run `work` while /api/health is asked in a loop and the server's memory is sampled. */
async function phase(
  engine: SheetPhase['engine'],
  name: string,
  server: { address: string; pid: number },
  work: () => Promise<string>,
): Promise<SheetPhase> {
  let running = true;
  let peak = residentMB(server.pid);
  const sampler = setInterval(() => (peak = Math.max(peak, residentMB(server.pid))), 50);
  const latencies: number[] = [];
  let failures = 0;
  const prober = (async () => {
    while (running) {
      const started = performance.now();
      const ok = await fetch(`${server.address}/api/health`, { signal: AbortSignal.timeout(10_000) }).then(
        (r) => r.ok,
        () => false,
      );
      latencies.push(performance.now() - started);
      if (!ok) failures++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  let outcome: string;
  try {
    outcome = await work();
  } finally {
    running = false;
    await prober;
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    engine,
    phase: name,
    seconds,
    outcome,
    serverPeakMB: peak,
    health: {
      requests: sorted.length,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? Number.NaN,
      failures,
    },
  };
}

/** POST one file as multipart over node:http: fetch gives up on an answer after 300 s, a 600k import may not. */
// The importer's API token (a 规划科 account made in the scratch store before the server starts).
let auth: Record<string, string> = {};

async function upload(
  address: string,
  path: string,
  filename: string,
  bytes: Uint8Array,
): Promise<{ status: number; json: () => unknown }> {
  const { payload, headers } = multipart([{ filename, content: bytes }]);
  return new Promise((resolve, reject) => {
    const req = request(`${address}${path}`, { method: 'POST', headers: { ...headers, ...auth } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          json: () => JSON.parse(Buffer.concat(chunks).toString('utf8')),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Bytes of a download, read as they arrive (nothing kept). */
async function downloaded(url: string): Promise<{ status: number; bytes: number }> {
  const res = await fetch(url, { headers: auth });
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return { status: res.status, bytes };
}

async function benchEngine(engine: SheetPhase['engine'], rows: number): Promise<SheetPhase[]> {
  const { store, env, dispose } = await scratchStore(engine);
  auth = bearer((await accountWithToken(store.db, { login: 'bench', role: 'planning' })).token);
  const server = await startServer(env);
  const out: SheetPhase[] = [];
  try {
    const hostile = readdirSync(HOSTILE_DIR).sort();
    out.push(
      await phase(engine, `hostile sheets (${hostile.length} files, check + import)`, server, async () => {
        const codes: string[] = [];
        for (const file of hostile) {
          const bytes = new Uint8Array(readFileSync(join(HOSTILE_DIR, file)));
          const check = await upload(server.address, '/api/observations/check', file, bytes);
          const imported = await upload(server.address, '/api/observations/import', file, bytes);
          codes.push(`${check.status}/${imported.status}`);
        }
        return `check/import: ${[...new Set(codes)].join(', ')}`;
      }),
    );
    const sheet = bigObservationCsv(rows);
    console.error(`${engine}: importing ${rows} rows (${(sheet.length / 1e6).toFixed(1)} MB)…`);
    const importRows = async () => {
      const res = await upload(server.address, '/api/observations/import', 'big.csv', sheet);
      const body = res.json() as { imported?: number; duplicates?: number; message?: string };
      return `${res.status}: imported ${body.imported}, duplicates ${body.duplicates}${body.message ? ` (${body.message})` : ''}`;
    };
    out.push(await phase(engine, `import ${rows} rows (CSV)`, server, importRows));
    out.push(await phase(engine, `import the same ${rows} rows again (retry)`, server, importRows));
    for (const format of ['csv', 'xlsx'] as const) {
      out.push(
        await phase(engine, `export ${rows} observations as ${format.toUpperCase()}`, server, async () => {
          const { status, bytes } = await downloaded(`${server.address}/api/observations?format=${format}`);
          return `${status}: ${(bytes / 1e6).toFixed(1)} MB`;
        }),
      );
    }
  } finally {
    await server.stop();
    await dispose();
  }
  void store;
  return out;
}

export async function benchSheets(
  options: { rows?: number; engines?: Array<SheetPhase['engine']> } = {},
): Promise<SheetPhase[]> {
  const out: SheetPhase[] = [];
  for (const engine of options.engines ?? ['sqlite', 'postgres'])
    out.push(...(await benchEngine(engine, options.rows ?? 600_000)));
  return out;
}

export function formatSheetPhase(p: SheetPhase): string {
  const h = p.health;
  return `${p.engine.padEnd(9)} ${p.phase.padEnd(44)} ${p.seconds.toFixed(1).padStart(6)} s  server peak ${p.serverPeakMB.toFixed(0)} MB  /api/health p50 ${h.p50.toFixed(0)} ms p99 ${h.p99.toFixed(0)} ms max ${h.max.toFixed(0)} ms (${h.requests} requests, ${h.failures} failed)  ${p.outcome}`;
}

// `tsx bench/sheets.ts [rows] [sqlite|postgres]`: this benchmark alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = process.argv[2] ? Number(process.argv[2]) : undefined;
  const engine = process.argv[3] as SheetPhase['engine'] | undefined;
  const phases = await benchSheets({ ...(rows ? { rows } : {}), ...(engine ? { engines: [engine] } : {}) });
  for (const p of phases) console.log(formatSheetPhase(p));
}
