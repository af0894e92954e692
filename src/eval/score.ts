// Scores an extraction against a gold annotation with exactly the rules of EXTRACTION.md.
import type { GoldExtraction, IndicatorRowOut } from '../extract/index.js';
import { normalizeText, withoutUnitSuffix } from './normalize.js';
import { similarity } from './similarity.js';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface SectionScore extends Counts {
  precision: number;
  recall: number;
  f1: number;
  /** Accuracy of attributes over matched pairs, e.g. `level`, `year`, `comparator`, `cells`. */
  accuracy: Record<string, { right: number; total: number }>;
}

export const SECTIONS = ['outline', 'table_rows', 'targets', 'achievements', 'projects'] as const;
export type Section = (typeof SECTIONS)[number];

export interface DocumentScore {
  doc: string;
  metadata: { field: string; expected: unknown; actual: unknown; right: boolean }[];
  sections: Record<Section, SectionScore>;
  /** Sections whose gold is `null`: not annotated, so left out of every average rather than scored as empty. */
  unannotated: Section[];
}

export function prf(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** One-to-one pairing, best match first: `score` returns null for pairs that may not match. */
export function pairBest<P, G>(
  predicted: readonly P[],
  gold: readonly G[],
  score: (p: P, g: G) => number | null,
): [P, G][] {
  const candidates: { p: number; g: number; s: number }[] = [];
  predicted.forEach((p, pi) =>
    gold.forEach((g, gi) => {
      const s = score(p, g);
      if (s !== null) candidates.push({ p: pi, g: gi, s });
    }),
  );
  candidates.sort((x, y) => y.s - x.s || x.p - y.p || x.g - y.g);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const pairs: [P, G][] = [];
  for (const c of candidates) {
    if (usedP.has(c.p) || usedG.has(c.g)) continue;
    usedP.add(c.p);
    usedG.add(c.g);
    pairs.push([predicted[c.p]!, gold[c.g]!]);
  }
  return pairs;
}

/** Whether a matched pair has an attribute right; null when the attribute does not apply to the pair. */
type Attributes<P, G> = Record<string, (p: P, g: G) => boolean | null>;

function sectionScore<P, G>(
  predicted: readonly P[],
  gold: readonly G[],
  score: (p: P, g: G) => number | null,
  attributes: Attributes<P, G>,
): SectionScore {
  const pairs = pairBest(predicted, gold, score);
  const counts = { tp: pairs.length, fp: predicted.length - pairs.length, fn: gold.length - pairs.length };
  const accuracy: SectionScore['accuracy'] = {};
  for (const [name, same] of Object.entries(attributes)) {
    const judged = pairs.map(([p, g]) => same(p, g)).filter((r) => r !== null);
    accuracy[name] = { right: judged.filter((r) => r).length, total: judged.length };
  }
  return { ...counts, ...prf(counts), accuracy };
}

const sameText = (a: string | null | undefined, b: string | null | undefined): boolean =>
  normalizeText(a) === normalizeText(b);
const near = (a: number, b: number, tolerance: number): boolean => Math.abs(a - b) <= tolerance;
const sameNumber = (a: number | null, b: number | null): boolean =>
  a !== null && b !== null && Math.abs(Math.abs(a) - Math.abs(b)) < 1e-9;

/** Closer lines break ties between equally similar candidates. */
const tieBreak = (a: number, b: number): number => 1e-3 / (1 + Math.abs(a - b));

/** Cells of an indicator row; `actual_raw` only where the gold row has it (a completion table). */
const ROLE_CELLS = ['base_raw', 'target_raw', 'growth_raw', 'attribute', 'actual_raw'] as const;

/** A gold row of a statistical table (a bulletin's 表1) gives its printed cells and no role cells. */
const isStatisticalRow = (row: IndicatorRowOut): boolean =>
  Array.isArray(row.cells) && !('base_raw' in row || 'target_raw' in row || 'growth_raw' in row);

const sameCells = (p: readonly string[] | undefined, g: readonly string[]): boolean =>
  p !== undefined && p.length === g.length && p.every((cell, i) => sameText(cell, g[i]));

/** One cell of a pair: null where the gold row does not have it (role cells of a statistical row, …). */
function rowCell(name: 'unit' | 'cells' | 'parent' | (typeof ROLE_CELLS)[number]) {
  return (p: IndicatorRowOut, g: IndicatorRowOut): boolean | null => {
    if (name === 'unit') return sameText(p.unit, g.unit);
    // Printed cells and parents are scored where the gold row gives its printed cells.
    if (name === 'cells' || name === 'parent') {
      if (!Array.isArray(g.cells)) return null;
      return name === 'cells' ? sameCells(p.cells, g.cells!) : sameText(p.parent, g.parent);
    }
    if (isStatisticalRow(g) || (name === 'actual_raw' && !('actual_raw' in g))) return null;
    return sameText(p[name], g[name]);
  };
}

const ROW_ATTRIBUTES = ['unit', ...ROLE_CELLS, 'cells', 'parent'] as const;

function rowName(row: IndicatorRowOut): string {
  return normalizeText(withoutUnitSuffix(normalizeText(row.name)));
}

export function scoreDocument(predicted: GoldExtraction, gold: GoldExtraction): DocumentScore {
  const metadataFields = [
    'title',
    'region',
    'parent_region',
    'province',
    'doc_type',
    'period',
    'vision_year',
  ] as const;
  const metadata = metadataFields.map((field) => {
    const expected = gold[field];
    const actual = predicted[field];
    const right =
      typeof expected === 'string' || typeof actual === 'string'
        ? sameText(String(actual ?? ''), String(expected ?? ''))
        : actual === expected;
    return { field, expected, actual, right };
  });

  const outline = sectionScore(
    predicted.outline,
    gold.outline ?? [],
    (p, g) => {
      if (!near(p.line, g.line, 1)) return null;
      const s = similarity(normalizeText(p.title), normalizeText(g.title));
      return s >= 0.8 ? s + tieBreak(p.line, g.line) : null;
    },
    { level: (p, g) => p.level === g.level },
  );

  const rows = (doc: GoldExtraction) => (doc.indicator_tables ?? []).flatMap((t) => t.rows);
  const cellAttributes: Attributes<IndicatorRowOut, IndicatorRowOut> = {};
  for (const cell of ROW_ATTRIBUTES) cellAttributes[cell] = rowCell(cell);
  const tableRows = sectionScore(
    rows(predicted),
    rows(gold),
    (p, g) => {
      const s = similarity(rowName(p), rowName(g));
      return s >= 0.75 ? s + tieBreak(p.line, g.line) : null;
    },
    {
      ...cellAttributes,
      full_row: (p, g) => ROW_ATTRIBUTES.every((cell) => cellAttributes[cell]!(p, g) !== false),
    },
  );

  const quantityMatch = <T extends { value: number; unit: string | null; line: number }>(p: T, g: T) =>
    sameNumber(p.value, g.value) && sameText(p.unit, g.unit) && near(p.line, g.line, 2)
      ? 1 + tieBreak(p.line, g.line)
      : null;
  const targets = sectionScore(predicted.targets, gold.targets ?? [], quantityMatch, {
    year: (p, g) => p.year === g.year,
    comparator: (p, g) => sameText(p.comparator, g.comparator),
    aspirational: (p, g) => p.aspirational === g.aspirational,
  });
  const achievements = sectionScore(predicted.achievements, gold.achievements ?? [], quantityMatch, {
    metric: (p, g) => p.metric === g.metric,
    year: (p, g) => p.year === g.year && (p.period ?? null) === (g.period ?? null),
  });
  const projects = sectionScore(
    predicted.projects,
    gold.projects ?? [],
    (p, g) => {
      if (!near(p.line, g.line, 3)) return null;
      const s = similarity(normalizeText(p.name), normalizeText(g.name));
      return s >= 0.7 ? s + tieBreak(p.line, g.line) : null;
    },
    { investment: (p, g) => sameText(p.investment, g.investment) },
  );

  const annotated: Record<Section, unknown> = {
    outline: gold.outline,
    table_rows: gold.indicator_tables,
    targets: gold.targets,
    achievements: gold.achievements,
    projects: gold.projects,
  };
  return {
    doc: gold.doc,
    metadata,
    sections: { outline, table_rows: tableRows, targets, achievements, projects },
    unannotated: SECTIONS.filter((section) => annotated[section] == null),
  };
}

/** Micro-average: counts and accuracies summed over documents. */
export function microAverage(scores: readonly DocumentScore[]): Record<Section, SectionScore> {
  const result = {} as Record<Section, SectionScore>;
  for (const section of SECTIONS) {
    const counts = { tp: 0, fp: 0, fn: 0 };
    const accuracy: SectionScore['accuracy'] = {};
    for (const s of scores) {
      if (s.unannotated.includes(section)) continue;
      const part = s.sections[section];
      counts.tp += part.tp;
      counts.fp += part.fp;
      counts.fn += part.fn;
      for (const [name, a] of Object.entries(part.accuracy)) {
        const sum = (accuracy[name] ??= { right: 0, total: 0 });
        sum.right += a.right;
        sum.total += a.total;
      }
    }
    result[section] = { ...counts, ...prf(counts), accuracy };
  }
  return result;
}
