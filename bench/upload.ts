// Benchmark: /api/health latency while a big upload and the hostile files are read (reading isolated from serving).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../src/server/index.js';
import { openStore } from '../src/store/index.js';
import {
  percentile,
  pollHealthUntil,
  pollHealthWhile,
  uploadFromChild,
} from '../test/helpers/health-probe.js';
import { hostileSet, SMALL_LIMITS } from '../test/helpers/hostile.js';
import { CORPUS_DIR } from './harness.js';
import { accountWithToken } from '../test/helpers/accounts.js';

export interface HealthFigures {
  scenario: string;
  seconds: number;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  outcome: string;
}

/** The corpus plan repeated to `megabytes` of UTF-8 text, in a temporary file. */
function bigText(dir: string, megabytes: number): string {
  const unit = readFileSync(join(CORPUS_DIR, 'luoyang-jianxi-plan-2021-2025.txt'), 'utf8');
  const path = join(dir, `big-${megabytes}mb.txt`);
  writeFileSync(path, unit.repeat(Math.ceil((megabytes * 1024 * 1024) / Buffer.byteLength(unit))));
  return path;
}

export async function benchUpload(megabytes = 45): Promise<HealthFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lantu-bench-upload-'));
  const store = await openStore({ sqlitePath: join(dir, 'lantu.db') });
  // The default limits for the big text (it is read to the end and stored); small ones for the hostile files.
  const app = await buildServer({ db: store.db, uploadLimit: 64 * 1024 * 1024, warmReading: true });
  const hostileApp = await buildServer({ db: store.db, readLimits: SMALL_LIMITS, warmReading: true });
  // Uploads need a 规划科 (or admin) account: one made for the run, acting through an API token.
  const { token } = await accountWithToken(store.db, { role: 'planning' });
  const figures: HealthFigures[] = [];
  const measure = async (scenario: string, base: string, work: () => Promise<string>) => {
    const started = performance.now();
    const pending = work();
    const latencies = await pollHealthUntil(base, pending);
    figures.push({
      scenario,
      seconds: (performance.now() - started) / 1000,
      requests: latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      outcome: await pending,
    });
  };
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    await hostileApp.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const hostileBase = `http://127.0.0.1:${(hostileApp.server.address() as AddressInfo).port}`;
    const path = bigText(dir, megabytes);
    await measure(`upload ${megabytes} MB text (read + stored)`, base, async () => {
      const { status, body } = await uploadFromChild(base, path, `big-${megabytes}mb.txt`, token);
      return `${status}${body.failed[0] ? ` ${body.failed[0].code}` : ''}`;
    });
    for (const file of hostileSet()) writeFileSync(join(dir, file.name), file.bytes);
    await measure(`upload ${hostileSet().length} hostile files at once`, hostileBase, async () => {
      const results = await Promise.all(
        hostileSet().map((f) => uploadFromChild(hostileBase, join(dir, f.name), f.name, token)),
      );
      return results.map((r) => `${r.status} ${r.body.failed[0]?.code ?? ''}`).join(', ');
    });
    // Last, once the reading threads have started: the latency of the same server with nothing to read.
    const until = performance.now() + 3000;
    const idle = await pollHealthWhile(base, () => performance.now() < until);
    figures.push({
      scenario: 'idle',
      seconds: 3,
      requests: idle.length,
      p50: percentile(idle, 50),
      p99: percentile(idle, 99),
      max: Math.max(...idle),
      outcome: '-',
    });
  } finally {
    await app.close();
    await hostileApp.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

export function formatHealth(f: HealthFigures): string {
  return (
    `health during ${f.scenario.padEnd(40)} p50 ${f.p50.toFixed(1).padStart(6)} ms  p99 ${f.p99.toFixed(1).padStart(6)} ms  ` +
    `max ${f.max.toFixed(0).padStart(5)} ms  (${f.requests} requests in ${f.seconds.toFixed(1)} s; ${f.outcome})`
  );
}
