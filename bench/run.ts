// `npm run bench [section]`: every benchmark of the project, printed as one report (throughput, latency, memory).
import { benchExtract } from './extract.js';
import { benchIngest, formatIngest } from './ingest.js';
import { benchNational, formatNational, nationalOptions } from './national.js';
import { formatThroughput, peakMemoryMB } from './harness.js';
import { benchReading } from './reading.js';
import { benchReport, formatReportTiming } from './report.js';
import { benchSheets, formatSheetPhase } from './sheets.js';
import { compareRecognizers, formatComparison } from './recognizers.js';
import { benchSearch, formatSearch } from './search.js';
import { benchStructure } from './structure.js';
import { benchUpload, formatHealth } from './upload.js';

const SECTIONS: Record<string, () => Promise<string[]>> = {
  reading: async () => (await benchReading()).map(formatThroughput),
  structure: async () => (await benchStructure()).map(formatThroughput),
  extract: async () => (await benchExtract()).map(formatThroughput),
  recognizers: async () => formatComparison(compareRecognizers()),
  ingest: async () => (await benchIngest()).flatMap(formatIngest),
  upload: async () => (await benchUpload()).map(formatHealth),
  report: async () => (await benchReport()).map(formatReportTiming),
  sheets: async () => (await benchSheets()).map(formatSheetPhase),
  search: async () => (await benchSearch()).flatMap(formatSearch),
  // Only when asked for (`npm run bench -- national [--plans N --reports M]`): hours at the scale.
  national: async () => formatNational(await benchNational(nationalOptions(process.argv.slice(3)))),
};

/** Sections a bare `npm run bench` leaves out. */
const ON_REQUEST = new Set(['national']);

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only && !SECTIONS[only])
    throw new Error(`unknown section "${only}" (expected one of ${Object.keys(SECTIONS).join(', ')})`);
  for (const [name, run] of Object.entries(SECTIONS)) {
    if (only ? only !== name : ON_REQUEST.has(name)) continue;
    console.log(`\n== ${name} ==`);
    for (const line of await run()) console.log(line);
  }
  console.log(`\npeak memory (max RSS): ${peakMemoryMB().toFixed(0)} MB`);
}

await main();
