// `npm run bench`: every benchmark of the project, printed as one report (throughput, latency, memory).
import { benchReading } from './reading.js';
import { formatThroughput, peakMemoryMB } from './harness.js';

async function main(): Promise<void> {
  const only = process.argv[2];
  const sections: [string, () => Promise<string[]>][] = [
    ['reading', async () => (await benchReading()).map(formatThroughput)],
  ];
  for (const [name, run] of sections) {
    if (only && only !== name) continue;
    console.log(`\n== ${name} ==`);
    for (const line of await run()) console.log(line);
  }
  console.log(`\npeak memory (max RSS): ${peakMemoryMB().toFixed(0)} MB`);
}

await main();
