// A 100k-row import and its exports on both engines: every row stored once (a retry adds none), CSV and XLSX
// streamed with every row and formula cells inert; the import owes its derivation until it is derived.
import { describe, expect, it } from 'vitest';
import { deriveOwed, importObservations, observationExport, readSheetRows } from '../../src/store/index.js';
import { BIG_SHEET_REGIONS, bigObservationCsv } from '../helpers/big-sheet.js';
import { ENGINES, freshStore } from './engines.js';

const ROWS = 100_000;

/** The stream's bytes, and the most the heap grew while it was read (sampled every chunk). */
async function drain(
  stream: AsyncIterable<Buffer | string>,
): Promise<{ body: Buffer; heapGrowthMB: number }> {
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const body = Buffer.concat(chunks);
  return { body, heapGrowthMB: (peak - base - body.length) / 1024 / 1024 };
}

describe.each(ENGINES)('a 100k-row import and export on %s', (engine) => {
  it('stores every row once, exports them all as CSV and XLSX, and a retry stores none', async () => {
    const store = await freshStore(engine);
    const sheet = bigObservationCsv(ROWS);
    const first = await importObservations(store.db, sheet, 'big.csv', { by: 'tester' });
    expect(first).toMatchObject({ rows: ROWS, valid: ROWS, imported: ROWS, duplicates: 0, errors: [] });
    const retry = await importObservations(store.db, sheet, 'big.csv', { by: 'tester' });
    expect(retry).toMatchObject({ rows: ROWS, imported: 0, duplicates: ROWS, import_id: null });
    const stored = await store.db
      .selectFrom('observations')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(ROWS);

    const csv = await drain(observationExport(store.db, 'csv'));
    const lines = csv.body.toString('utf8').split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 2).toBe(ROWS);
    expect(lines.filter((l) => l.includes("'=HYPERLINK"))).toHaveLength(1);
    expect(lines.filter((l) => /,=HYPERLINK/.test(l))).toEqual([]);

    const xlsx = await drain(observationExport(store.db, 'xlsx'));
    let rows = 0;
    let formula = '';
    for await (const row of readSheetRows(xlsx.body)) {
      rows++;
      formula ||= row.cells.find((c) => c.startsWith('=HYPERLINK')) ?? '';
    }
    expect(rows - 1).toBe(ROWS);
    // A typed text cell: the formula's text comes back as text, never evaluated.
    expect(formula).toBe('=HYPERLINK("http://example.invalid","x")');
    // Streamed: what the heap holds beyond the file itself is pages and buffers, not the whole list.
    expect(csv.heapGrowthMB).toBeLessThan(150);
    expect(xlsx.heapGrowthMB).toBeLessThan(150);
  }, 600_000);

  it('owes the derivation of an import that did not derive, until the next derive finishes it', async () => {
    const store = await freshStore(engine);
    const result = await importObservations(store.db, bigObservationCsv(10), 'small.csv', {
      by: 'tester',
      derive: false,
    });
    expect(result.imported).toBe(10);
    const owed = await store.db.selectFrom('pending_derivations').select('region_id').distinct().execute();
    const regions = await store.db
      .selectFrom('regions')
      .select('id')
      .where('name', 'in', BIG_SHEET_REGIONS)
      .execute();
    // One region per name: a prefecture named by a row and as the parent of another is the same one.
    expect(regions).toHaveLength(BIG_SHEET_REGIONS.length);
    expect(owed.map((o) => o.region_id).sort()).toEqual(regions.map((r) => r.id).sort());
    await deriveOwed(store.db, 'tester');
    expect(await store.db.selectFrom('pending_derivations').selectAll().execute()).toEqual([]);
  });
});
