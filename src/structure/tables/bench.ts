// Throughput of indicator-table reconstruction over laid-out documents, for the benchmark runner (bench/) to call.
import type { Layout } from '../../layout/types.js';
import { findIndicatorTables } from './index.js';

export interface TableBenchmark {
  /** UTF-8 bytes of the documents per round. */
  bytes: number;
  documents: number;
  rounds: number;
  milliseconds: number;
  /** Indicator rows found per round. */
  rows: number;
  megabytesPerSecond: number;
}

/** Runs `findIndicatorTables` over every layout `rounds` times (after one warm-up round) and times it. */
export function tableBenchmark(layouts: readonly Layout[], rounds = 10): TableBenchmark {
  const bytes = layouts.reduce((sum, l) => sum + Buffer.byteLength(l.source.text, 'utf8'), 0);
  let rows = 0;
  for (const layout of layouts) rows += findIndicatorTables(layout).reduce((n, t) => n + t.rows.length, 0);
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const layout of layouts) findIndicatorTables(layout);
  const milliseconds = performance.now() - started;
  return {
    bytes,
    documents: layouts.length,
    rounds,
    milliseconds,
    rows,
    megabytesPerSecond: (bytes * rounds) / 1e6 / (milliseconds / 1000),
  };
}
