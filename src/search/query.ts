// A search query as the store runs it: its words, each with the other names the indicator catalog gives it.
import { INDICATORS, type IndicatorDef } from '../catalog/index.js';
import { normalizeForSearch, queryTerms } from './segment.js';

export interface QueryTerm {
  /** The word as the query has it (folded). */
  term: string;
  /** What counts as an occurrence: the word itself first, then its catalog names (a line needs any one). */
  alternatives: string[];
}

/** Words a query may hold, and other names one word may take: a pasted page must not become a huge statement. */
export const MAX_TERMS = 8;
export const MAX_ALTERNATIVES = 24;

/** A short form names one measure, or the measure and its growth rate (研发: 研发经费投入强度, 研发经费投入增长). */
const MEASURE_AND_GROWTH = 2;

let catalogNames: Array<{ name: string; indicator: IndicatorDef }> | null = null;

function names(): Array<{ name: string; indicator: IndicatorDef }> {
  catalogNames ??= INDICATORS.flatMap((indicator) =>
    [indicator.name, ...indicator.synonyms].map((name) => ({ name: normalizeForSearch(name), indicator })),
  );
  return catalogNames;
}

/**
 * The catalog's other names for a word: the indicators the word names exactly (GDP → 地区生产总值), or else the
 * indicators whose names begin with the word when it is the short form of one measure (or of a measure and its
 * growth rate: at most two, of one category): 研发 → 研究与实验发展经费投入强度, … A prefix many indicators share
 * (城镇: urbanisation, jobs, incomes; 养老: insurance, beds) is a topic, not a name, and widens nothing.
 */
export function catalogAlternatives(term: string): string[] {
  if (term.length < 2) return [];
  const exact = names().filter((n) => n.name === term);
  let indicators = [...new Set(exact.map((n) => n.indicator))];
  if (indicators.length === 0) {
    const prefixed = [
      ...new Set(
        names()
          .filter((n) => n.name.startsWith(term))
          .map((n) => n.indicator),
      ),
    ];
    const oneMeasure =
      prefixed.length <= MEASURE_AND_GROWTH && new Set(prefixed.map((i) => i.category)).size === 1;
    if (oneMeasure) indicators = prefixed;
  }
  const out = new Set<string>();
  for (const indicator of indicators)
    for (const name of [indicator.name, ...indicator.synonyms]) {
      const folded = normalizeForSearch(name);
      // A name that holds the word is found by the word itself.
      if (!folded.includes(term) && !/\s/.test(folded)) out.add(folded);
    }
  return [...out];
}

/** The words of a query (every one must occur), each with its alternatives; capped (see MAX_TERMS). */
export function parseQuery(query: string): QueryTerm[] {
  return queryTerms(query)
    .slice(0, MAX_TERMS)
    .map((term) => ({ term, alternatives: [term, ...catalogAlternatives(term)].slice(0, MAX_ALTERNATIVES) }));
}
