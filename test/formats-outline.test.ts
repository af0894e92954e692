// The same sample plan as TXT, DOCX, HTML and PDF gives the same outline and metadata.
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../src/pipeline.js';
import { readFile } from '../src/readers/index.js';
import { FIXTURES } from './helpers/corpus.js';

const FORMATS = ['txt', 'docx', 'html', 'pdf'] as const;

describe('outline across formats', async () => {
  const analyses = Object.fromEntries(
    await Promise.all(
      FORMATS.map(
        async (f) => [f, analyzeDocument(await readFile(`${FIXTURES}formats/sample-plan.${f}`))] as const,
      ),
    ),
  );
  const outlineOf = (f: (typeof FORMATS)[number]) =>
    analyses[f]!.outline.map((h) => ({ level: h.level, label: h.label, title: h.title }));

  it('finds the headings of every level in the TXT', () => {
    const levels = new Set(outlineOf('txt').map((h) => h.level));
    expect(outlineOf('txt').length).toBeGreaterThanOrEqual(10);
    expect(levels.size).toBeGreaterThanOrEqual(3);
  });

  it.each(FORMATS.filter((f) => f !== 'txt'))('%s gives the outline of the TXT', (format) => {
    expect(outlineOf(format)).toEqual(outlineOf('txt'));
  });

  it.each(FORMATS.filter((f) => f !== 'txt'))('%s gives the metadata of the TXT', (format) => {
    expect(analyses[format]!.metadata).toEqual(analyses.txt!.metadata);
  });
});
