// Reading engine 2/3 throughput: indicator tables and the quantity grammar over the laid-out corpus, one core.
import { cleanLayout } from '../src/layout/index.js';
import { findQuantities, parseCell } from '../src/quantity/index.js';
import { findIndicatorTables } from '../src/structure/tables/index.js';
import { makeSourceText } from '../src/text/source-text.js';
import { corpusFiles, measure, type Throughput } from './harness.js';

export async function benchStructure(): Promise<Throughput[]> {
  const files = corpusFiles();
  const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
  const texts = files.map((f) => new TextDecoder().decode(f.bytes));
  const layouts = texts.map((t) => cleanLayout(makeSourceText(t)));
  const cells = layouts.flatMap((l) => findIndicatorTables(l).flatMap((t) => t.rows.flatMap((r) => Object.values(r.cells))));
  const cellBytes = cells.reduce((n, c) => n + Buffer.byteLength(c?.raw ?? ''), 0);
  return [
    await measure('indicator tables (find + rebuild + typed cells)', bytes, () => layouts.map((l) => findIndicatorTables(l))),
    await measure('quantity scan (findQuantities, whole texts)', bytes, () => texts.map((t) => findQuantities(t))),
    await measure(`quantity cells (parseCell on ${cells.length} table cells)`, cellBytes, () => cells.map((c) => parseCell(c?.raw ?? ''))),
  ];
}
