// `npm run bench [section]`: every benchmark of the project, printed as one report (throughput, latency, memory).
import { benchExtract } from './extract.js';
import { benchIngest, formatIngest } from './ingest.js';
import { formatThroughput, peakMemoryMB } from './harness.js';
import { benchReading } from './reading.js';
import { compareRecognizers, formatComparison } from './recognizers.js';
import { benchSearch, formatSearch } from './search.js';
import { benchStructure } from './structure.js';

const SECTIONS: Record<string, () => Promise<string[]>> = {
  reading: async () => (await benchReading()).map(formatThroughput),
  structure: async () => (await benchStructure()).map(formatThroughput),
  extract: async () => (await benchExtract()).map(formatThroughput),
  recognizers: async () => formatComparison(compareRecognizers()),
  ingest: async () => (await benchIngest()).flatMap(formatIngest),
  search: async () => (await benchSearch()).flatMap(formatSearch),
};

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only && !SECTIONS[only])
    throw new Error(`unknown section "${only}" (expected one of ${Object.keys(SECTIONS).join(', ')})`);
  for (const [name, run] of Object.entries(SECTIONS)) {
    if (only && only !== name) continue;
    console.log(`\n== ${name} ==`);
    for (const line of await run()) console.log(line);
  }
  console.log(`\npeak memory (max RSS): ${peakMemoryMB().toFixed(0)} MB`);
}

await main();
