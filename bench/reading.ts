// Reading engine 1/3 throughput: reader + layout + outline + metadata on the corpus, one core.
import { cleanLayout } from '../src/layout/index.js';
import { extractMetadata } from '../src/extract/metadata.js';
import { readDocument } from '../src/readers/index.js';
import { detectOutline } from '../src/structure/outline/index.js';
import { makeSourceText } from '../src/text/source-text.js';
import { corpusFiles, measure, type Throughput } from './harness.js';

export async function benchReading(): Promise<Throughput[]> {
  const files = corpusFiles();
  const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
  const read = () => Promise.all(files.map((f) => readDocument(f.bytes, f.name)));
  const docs = await read();
  const sources = docs.map((d) => makeSourceText(d.text));
  const layouts = sources.map((s) => cleanLayout(s));
  return [
    await measure('reader (decode)', bytes, read),
    await measure('layout (artifacts + reflow + offset map)', bytes, () =>
      sources.map((s) => cleanLayout(s)),
    ),
    await measure('outline + metadata', bytes, () =>
      layouts.map((l) => [detectOutline(l), extractMetadata(l)]),
    ),
    await measure('reader + layout + outline + metadata', bytes, async () => {
      for (const doc of await read()) {
        const layout = cleanLayout(makeSourceText(doc.text));
        detectOutline(layout);
        extractMetadata(layout);
      }
    }),
  ];
}
