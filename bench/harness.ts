// Benchmark helpers: repeat a stage over the corpus until enough time has passed, and report MB/s and memory.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));

export interface CorpusFile {
  name: string;
  bytes: Uint8Array;
}

export function corpusFiles(): CorpusFile[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(CORPUS_DIR + name)) }));
}

export interface Throughput {
  stage: string;
  megabytes: number;
  seconds: number;
  mbPerSecond: number;
  rounds: number;
  /** MB/s of the fastest round: the figure least disturbed by other processes on a shared machine. */
  bestMbPerSecond: number;
  /** MB per second of this process's CPU time (user + system), which time spent waiting for a core does not count. */
  cpuMbPerSecond: number;
}

const cpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** Runs `round` (one pass over `bytes` bytes of input) repeatedly for at least `minSeconds`. */
export async function measure(
  stage: string,
  bytes: number,
  round: () => unknown | Promise<unknown>,
  minSeconds = 2,
): Promise<Throughput> {
  await round(); // warm-up: JIT and lazy module initialisation are not throughput
  let rounds = 0;
  let best = Infinity;
  const start = performance.now();
  const cpuStart = cpuSeconds();
  let elapsed = 0;
  while (elapsed < minSeconds * 1000 || rounds < 3) {
    const roundStart = performance.now();
    await round();
    const now = performance.now();
    best = Math.min(best, now - roundStart);
    rounds += 1;
    elapsed = now - start;
  }
  const cpu = cpuSeconds() - cpuStart;
  const megabytes = (bytes * rounds) / 1e6;
  const seconds = elapsed / 1000;
  return {
    stage,
    megabytes,
    seconds,
    mbPerSecond: megabytes / seconds,
    rounds,
    bestMbPerSecond: bytes / 1e6 / (best / 1000),
    cpuMbPerSecond: megabytes / cpu,
  };
}

export function formatThroughput(t: Throughput): string {
  return (
    `${t.stage.padEnd(44)} ${t.mbPerSecond.toFixed(2).padStart(8)} MB/s  (${t.rounds} rounds, ${t.megabytes.toFixed(1)} MB in ${t.seconds.toFixed(2)} s; ` +
    `best round ${t.bestMbPerSecond.toFixed(2)} MB/s, per CPU second ${t.cpuMbPerSecond.toFixed(2)} MB/s)`
  );
}

export function peakMemoryMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
