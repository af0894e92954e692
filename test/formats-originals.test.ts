// Each real original (a government web page with its site chrome, a PDF text layer) gives the facts, outline and table
// rows of its text version, read through the same engine: the readers deliver the same content and line structure.
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../src/eval/normalize.js';
import type { GoldExtraction } from '../src/extract/model.js';
import { analyzeDocument, toGoldFormat } from '../src/pipeline.js';
import { readFile } from '../src/readers/index.js';
import { FIXTURES } from './helpers/corpus.js';

const ORIGINALS = [
  'guangzhou-plan-2026-2030.html',
  'national-work-report-2026.html',
  'suzhou-bulletin-2025.html',
  'xian-bulletin-2025.pdf',
] as const;

/** Share of (value, unit, indicator) facts the two versions must have in common. */
const FACT_SHARE = 0.98;
/**
 * Share of table rows (name and cells) in common. Not 1: a text version written from a real table drops the cells a
 * merge covers, so a row under a merged attribute has none in the text and the merged value in the original.
 */
const ROW_SHARE = 0.9;
/** An HTML page keeps its article only: at most this many more lines than the text version (headline, date, source). */
const EXTRA_LINES = 0.05;

interface Reading {
  gold: GoldExtraction;
  lines: number;
}

async function reading(path: string): Promise<Reading> {
  const raw = await readFile(path);
  return {
    gold: toGoldFormat(analyzeDocument(raw)),
    lines: raw.text.split('\n').filter((l) => l.trim() !== '' && l !== '\f').length,
  };
}

const facts = (g: GoldExtraction): string[] =>
  [...g.targets, ...g.achievements].map(
    (f) => `${f.value}|${normalizeText(f.unit)}|${normalizeText(f.indicator)}`,
  );

/** A table row by its name and cells (category, sequence and parent depend on the rows around it). */
const rows = (g: GoldExtraction): string[] =>
  g.indicator_tables.flatMap((t) =>
    t.rows.map((row) => {
      const { line: _line, category: _category, seq: _seq, parent: _parent, ...cells } = row;
      const {
        raw: _raw,
        notes: _notes,
        ...printed
      } = cells as typeof cells & { raw?: unknown; notes?: unknown };
      return JSON.stringify(printed);
    }),
  );

/** Items of `a` and `b` in common as multisets, over the larger count (1 when both are empty). */
function overlap(a: readonly string[], b: readonly string[]): number {
  const left = new Map<string, number>();
  for (const x of a) left.set(x, (left.get(x) ?? 0) + 1);
  let common = 0;
  for (const x of b) {
    const n = left.get(x) ?? 0;
    if (n > 0) {
      common += 1;
      left.set(x, n - 1);
    }
  }
  const size = Math.max(a.length, b.length);
  return size === 0 ? 1 : common / size;
}

describe.each(ORIGINALS)('%s against its text version', async (name) => {
  const [original, text] = await Promise.all([
    reading(`${FIXTURES}originals/${name}`),
    reading(`${FIXTURES}corpus/${name.replace(/\.(html|pdf)$/, '.txt')}`),
  ]);

  it('gives the same targets and achievements', () => {
    expect(facts(text.gold).length).toBeGreaterThan(0);
    expect(overlap(facts(text.gold), facts(original.gold))).toBeGreaterThanOrEqual(FACT_SHARE);
  });

  it('gives the same outline titles and levels', () => {
    const outline = (g: GoldExtraction) => g.outline.map((h) => [h.level, h.label, h.title]);
    expect(outline(text.gold).length).toBeGreaterThan(0);
    expect(outline(original.gold)).toEqual(outline(text.gold));
  });

  it('gives the same table rows', () => {
    expect(rows(original.gold).length).toBe(rows(text.gold).length);
    expect(overlap(rows(text.gold), rows(original.gold))).toBeGreaterThanOrEqual(ROW_SHARE);
  });

  it('gives the same metadata', () => {
    const { title, region, parent_region, province, doc_type, period, vision_year } = text.gold;
    expect(original.gold).toMatchObject({
      title,
      region,
      parent_region,
      province,
      doc_type,
      period,
      vision_year,
    });
  });

  it.runIf(name.endsWith('.html'))('keeps the article and drops the site chrome', () => {
    expect(original.lines).toBeLessThanOrEqual(Math.ceil(text.lines * (1 + EXTRA_LINES)));
    expect(original.lines).toBeGreaterThanOrEqual(Math.floor(text.lines * (1 - EXTRA_LINES)));
  });
});
