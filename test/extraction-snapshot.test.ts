// Guard: the exchange JSON (`lantu extract --format gold`) of every corpus file and real original must stay byte-identical
// to the committed snapshot, so a speed-up or refactoring cannot change what the engine reads. A change meant to alter
// the output is reviewed as a diff of test/__snapshots__/extraction/ after `npx vitest run -u test/extraction-snapshot.test.ts`.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeDocument, toGoldFormat } from '../src/pipeline.js';
import { readFile } from '../src/readers/index.js';
import { FIXTURES } from './helpers/corpus.js';

const INPUTS: readonly string[] = [
  ...readdirSync(`${FIXTURES}corpus`)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => `corpus/${f}`),
  ...readdirSync(`${FIXTURES}originals`).map((f) => `originals/${f}`),
].sort();

describe('extraction snapshot', () => {
  it('covers the corpus and the originals', () => {
    expect(INPUTS.filter((f) => f.startsWith('corpus/')).length).toBeGreaterThanOrEqual(11);
    expect(INPUTS.filter((f) => f.startsWith('originals/')).length).toBeGreaterThanOrEqual(4);
  });

  it.each(INPUTS)('%s gives its committed exchange JSON', async (input) => {
    const gold = toGoldFormat(analyzeDocument(await readFile(`${FIXTURES}${input}`)));
    // Same text as `lantu extract -o`, so a snapshot can be checked against the CLI with diff.
    await expect(`${JSON.stringify(gold, null, 2)}\n`).toMatchFileSnapshot(
      `__snapshots__/extraction/${input.replace('/', '--')}.json`,
    );
  });
});
