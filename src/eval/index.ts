// `lantu eval`: scores every fixture that has a gold file and renders the per-document and micro-average tables.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GoldExtraction } from '../extract/index.js';
import { microAverage, SECTIONS, type DocumentScore, type SectionScore } from './score.js';

export { scoreDocument, microAverage, pairBest, prf, SECTIONS } from './score.js';
export type { DocumentScore, SectionScore, Section } from './score.js';
export { similarity } from './similarity.js';
export { normalizeText } from './normalize.js';

export interface GoldCase {
  document: string;
  gold: GoldExtraction;
}

/** Corpus files that have a gold annotation of the same base name. */
export function goldCases(corpusDir: string, goldDir: string): GoldCase[] {
  return readdirSync(goldDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => {
      const gold = JSON.parse(readFileSync(join(goldDir, name), 'utf8')) as GoldExtraction;
      const document = join(corpusDir, gold.doc);
      return existsSync(document) ? [{ document, gold }] : [];
    });
}

const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
const acc = (a: { right: number; total: number } | undefined): string =>
  a && a.total > 0 ? pct(a.right / a.total) : '    -';

function sectionLine(name: string, s: SectionScore): string {
  const extras = Object.entries(s.accuracy)
    .map(([k, a]) => `${k} ${acc(a).trim()}%`)
    .join(', ');
  return `  ${name.padEnd(13)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})${extras ? `  ${extras}` : ''}`;
}

/** Plain-text report: one block per document, then the micro-average over all. */
export function renderReport(scores: readonly DocumentScore[]): string {
  const out: string[] = [];
  for (const score of scores) {
    const wrong = score.metadata.filter((m) => !m.right);
    out.push(`${score.doc}`);
    out.push(
      `  metadata      ${score.metadata.length - wrong.length}/${score.metadata.length} right` +
        (wrong.length
          ? `  wrong: ${wrong.map((m) => `${m.field}=${JSON.stringify(m.actual)} (gold ${JSON.stringify(m.expected)})`).join('; ')}`
          : ''),
    );
    for (const section of SECTIONS) {
      out.push(
        score.unannotated.includes(section)
          ? `  ${section.padEnd(13)} not annotated`
          : sectionLine(section, score.sections[section]),
      );
    }
  }
  const micro = microAverage(scores);
  const metaRight = scores.reduce((n, s) => n + s.metadata.filter((m) => m.right).length, 0);
  const metaTotal = scores.reduce((n, s) => n + s.metadata.length, 0);
  out.push(`micro-average over ${scores.length} documents`);
  out.push(`  metadata      ${metaRight}/${metaTotal} right`);
  for (const section of SECTIONS) out.push(sectionLine(section, micro[section]));
  return out.join('\n');
}
