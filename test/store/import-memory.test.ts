// An import holds a chunk of rows at a time: the heap it keeps alive does not grow with the rows of the file.
// Measured after forced collections, so garbage not yet collected does not count; ten times the rows may cost
// at most a few MB more, where keeping every row (as imports once did) costs about 200 bytes a row.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { importObservations } from '../../src/store/index.js';
import { bigObservationCsv } from '../helpers/big-sheet.js';
import { freshStore } from './engines.js';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** The most the live heap grew while `work` ran, in MB, sampled after a full collection every 100 ms. */
async function liveHeapGrowthMB(work: () => Promise<unknown>): Promise<number> {
  collect();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => {
    collect();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 100);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return (peak - base) / 1024 / 1024;
}

describe('the memory of an observation import', () => {
  it('does not grow with the number of rows', async () => {
    const growth: number[] = [];
    for (const rows of [5_000, 50_000]) {
      const store = await freshStore('sqlite');
      const sheet = bigObservationCsv(rows);
      const result: { imported?: number } = {};
      growth.push(
        await liveHeapGrowthMB(async () =>
          Object.assign(result, await importObservations(store.db, sheet, 'big.csv', { by: 'tester' })),
        ),
      );
      expect(result.imported).toBe(rows);
    }
    // Keeping the valid rows, as the import did before it streamed, measured 9 MB more here.
    expect(growth[1]! - growth[0]!).toBeLessThan(4);
  }, 300_000);
});
