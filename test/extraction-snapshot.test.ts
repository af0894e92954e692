// Guard: `lantu extract --format gold` of every corpus and original fixture is what it was when the snapshot was
// taken (fixtures/snapshots/extraction-gold.json, one digest per section). A deliberate change of the engine's
// output rewrites the snapshot with LANTU_UPDATE_SNAPSHOT=1 and names the change in its commit.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeDocument, toGoldFormat } from '../src/pipeline.js';
import { readFile } from '../src/readers/index.js';
import { FIXTURES } from './helpers/corpus.js';

const SNAPSHOT = `${FIXTURES}snapshots/extraction-gold.json`;
const FILES = [
  ...readdirSync(`${FIXTURES}corpus`)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => `corpus/${f}`),
  ...readdirSync(`${FIXTURES}originals`).map((f) => `originals/${f}`),
].sort((a, b) => a.split('/')[1]!.localeCompare(b.split('/')[1]!));

type Digests = Record<string, string>;

const digest = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

async function sectionsOf(file: string): Promise<Digests> {
  const gold = toGoldFormat(analyzeDocument(await readFile(`${FIXTURES}${file}`)));
  const { outline, indicator_tables, targets, achievements, projects, ...metadata } = gold;
  const parts = { metadata, outline, indicator_tables, targets, achievements, projects };
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, digest(v)]));
}

const expected = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Record<string, Digests>;
const update = process.env.LANTU_UPDATE_SNAPSHOT === '1';
const found: Record<string, Digests> = {};

describe('lantu extract --format gold on every fixture', () => {
  it('has a snapshot for every fixture and no snapshot without one', () => {
    const names = FILES.map((f) => f.split('/')[1]!);
    if (!update) expect(Object.keys(expected).sort()).toEqual([...names].sort());
  });

  it.each(FILES)('%s is unchanged, section by section', async (file) => {
    const name = file.split('/')[1]!;
    found[name] = await sectionsOf(file);
    if (update) {
      if (Object.keys(found).length < FILES.length) return;
      const sorted = Object.fromEntries(
        Object.keys(found)
          .sort()
          .map((k) => [k, found[k]]),
      );
      writeFileSync(SNAPSHOT, `${JSON.stringify(sorted, null, 2)}\n`);
      return;
    }
    expect(found[name]).toEqual(expected[name]);
  });
});
