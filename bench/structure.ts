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
  const cells = layouts.flatMap((l) =>
    findIndicatorTables(l).flatMap((t) => t.rows.flatMap((r) => Object.values(r.cells))),
  );
  const results = [
    await measure('indicator tables (find + rebuild + typed cells)', bytes, () =>
      layouts.map((l) => findIndicatorTables(l)),
    ),
    await measure('quantity scan (findQuantities, whole texts)', bytes, () =>
      texts.map((t) => findQuantities(t)),
    ),
  ];
  // Cells are a few bytes each, so their cost is per cell: reported against the documents they come from.
  const cellRun = await measure(`typed cells: parseCell over the ${cells.length} table cells`, bytes, () =>
    cells.map((c) => parseCell(c?.raw ?? '')),
  );
  const cellsPerSecond = (cells.length * cellRun.rounds) / cellRun.seconds;
  return [
    ...results,
    { ...cellRun, stage: `${cellRun.stage} (${(cellsPerSecond / 1000).toFixed(0)}k cells/s)` },
  ];
}
