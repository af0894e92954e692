// Throughput of the quantity scan over running text, for the benchmark runner (bench/) to call.

import { findQuantities } from './scan.js';

export interface ScanBenchmark {
  /** UTF-8 bytes scanned per round. */
  bytes: number;
  lines: number;
  rounds: number;
  milliseconds: number;
  /** Quantities (all kinds) found per round. */
  matches: number;
  megabytesPerSecond: number;
}

/** Runs `findQuantities` over every line of every text `rounds` times (after warm-up rounds for the JIT) and times it. */
export function quantityScanBenchmark(texts: readonly string[], rounds = 5): ScanBenchmark {
  const lines = texts.flatMap((t) => t.split('\n'));
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0);
  let matches = 0;
  for (const line of lines) matches += findQuantities(line).length;
  for (let r = 0; r < 2; r++) for (const line of lines) findQuantities(line);
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const line of lines) findQuantities(line);
  const milliseconds = performance.now() - started;
  return {
    bytes,
    lines: lines.length,
    rounds,
    milliseconds,
    matches,
    megabytesPerSecond: (bytes * rounds) / 1e6 / (milliseconds / 1000),
  };
}
