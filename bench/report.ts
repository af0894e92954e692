// Benchmark: report generation time per plan, kind and format (median of 10 after a warm-up), the store already loaded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateReport, REPORT_KINDS, type ReportFormat, type ReportKind } from '../src/report/index.js';
import { ingestPaths, openStore } from '../src/store/index.js';
import { CORPUS_DIR } from './harness.js';

export interface ReportTiming {
  plan: string;
  kind: ReportKind;
  format: ReportFormat;
  medianMs: number;
  maxMs: number;
  /** CPU time of this process (user + system), median: what the report costs, whatever else the machine runs. */
  cpuMs: number;
  bytes: number;
}

const PLANS = [
  'luoyang-jianxi-plan-2021-2025.txt',
  'luoyang-luolong-plan-2021-2025.txt',
  'nanjing-plan-2026-2030.txt',
];
const SOURCES = [...PLANS, 'luoyang-jianxi-work-report-2022.txt'];
const RUNS = 10;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function benchReport(): Promise<ReportTiming[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lantu-bench-report-'));
  const store = await openStore({ sqlitePath: join(dir, 'lantu.db') });
  const out: ReportTiming[] = [];
  try {
    await ingestPaths(
      store,
      SOURCES.map((f) => join(CORPUS_DIR, f)),
      { threads: 1 },
    );
    const plans = await store.db
      .selectFrom('documents')
      .select(['id', 'filename', 'period_start'])
      .where('doc_type', '=', 'plan')
      .execute();
    for (const plan of plans) {
      const year = (plan.period_start ?? 2021) + 2;
      for (const kind of REPORT_KINDS)
        for (const format of ['docx', 'html'] as const) {
          const request = { planId: plan.id, year, kind, format };
          const first = await generateReport(store.db, request);
          const times: number[] = [];
          const cpu: number[] = [];
          for (let i = 0; i < RUNS; i++) {
            const t = performance.now();
            const c = process.cpuUsage();
            await generateReport(store.db, request);
            const used = process.cpuUsage(c);
            times.push(performance.now() - t);
            cpu.push((used.user + used.system) / 1000);
          }
          out.push({
            plan: plan.filename,
            kind,
            format,
            medianMs: median(times),
            maxMs: Math.max(...times),
            cpuMs: median(cpu),
            bytes: first.body.length,
          });
        }
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

export function formatReportTiming(t: ReportTiming): string {
  return (
    `${`${t.plan.replace(/\.txt$/, '')} ${t.kind} ${t.format}`.padEnd(52)} median ${t.medianMs.toFixed(0).padStart(5)} ms` +
    `  max ${t.maxMs.toFixed(0).padStart(5)} ms  cpu ${t.cpuMs.toFixed(0).padStart(5)} ms` +
    `  ${(t.bytes / 1024).toFixed(0).padStart(4)} KB`
  );
}
