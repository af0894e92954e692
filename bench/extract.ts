// Whole `extract` throughput: reader, layout, structure and every extractor over the corpus, one core.
import { analyzeDocument, toGoldFormat } from '../src/pipeline.js';
import { readDocument } from '../src/readers/index.js';
import { corpusFiles, measure, type Throughput } from './harness.js';

export async function benchExtract(): Promise<Throughput[]> {
  const files = corpusFiles();
  const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
  return [
    await measure('extract (read + layout + structure + extractors)', bytes, async () => {
      for (const f of files) toGoldFormat(analyzeDocument(await readDocument(f.bytes, f.name)));
    }),
  ];
}
