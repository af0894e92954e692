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
}

/** Runs `round` (one pass over `bytes` bytes of input) repeatedly for at least `minSeconds`. */
export async function measure(
  stage: string,
  bytes: number,
  round: () => unknown | Promise<unknown>,
  minSeconds = 2,
): Promise<Throughput> {
  await round(); // warm-up: JIT and lazy module initialisation are not throughput
  let rounds = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minSeconds * 1000 || rounds < 3) {
    await round();
    rounds += 1;
    elapsed = performance.now() - start;
  }
  const megabytes = (bytes * rounds) / 1e6;
  const seconds = elapsed / 1000;
  return { stage, megabytes, seconds, mbPerSecond: megabytes / seconds, rounds };
}

export function formatThroughput(t: Throughput): string {
  return `${t.stage.padEnd(44)} ${t.mbPerSecond.toFixed(2).padStart(8)} MB/s  (${t.rounds} rounds, ${t.megabytes.toFixed(1)} MB in ${t.seconds.toFixed(2)} s)`;
}

export function peakMemoryMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
