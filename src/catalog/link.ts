// Linking an indicator name read from a document to the catalog: exact synonym first, then a guarded similarity.
import { INDICATORS } from './indicators.js';
import { keyVariants, MEASURE_QUALIFIERS, nameForm, normalizeIndicatorName } from './normalize.js';
import type { IndicatorDef } from './types.js';
import { unitsCompatible } from './units.js';

export interface CatalogMatch {
  indicator: IndicatorDef;
  /** 1 for an exact (normalised) synonym; otherwise the similarity after penalties, in [0, 1]. */
  score: number;
  via: 'exact' | 'similar';
  /** The catalog name or synonym that matched. */
  matched: string;
}

export interface LinkResult {
  /** The linked indicator when the link is confident, else null (send the name to review with `candidates`). */
  best: CatalogMatch | null;
  /** The closest indicators, best first (at most five). */
  candidates: CatalogMatch[];
  confident: boolean;
}

export interface LinkOptions {
  /** The unit written with the name; an incompatible unit (亿元 for a % indicator) blocks a confident link. */
  unit?: string | null;
  catalog?: readonly IndicatorDef[];
  /** Minimum similarity for a confident fuzzy link (default 0.8). */
  threshold?: number;
  /** Minimum lead of the best fuzzy candidate over the next indicator (default 0.08). */
  margin?: number;
}

const DEFAULT_THRESHOLD = 0.8;
const DEFAULT_MARGIN = 0.08;
const MIN_CANDIDATE_SCORE = 0.3;
/** Penalties that keep a growth from linking to its level, a flow to its stock, a % to an amount. */
const FORM_PENALTY = 0.3;
const QUALIFIER_PENALTY = 0.15;
const UNIT_PENALTY = 0.3;
/** Words replaced on both sides usually name another subject (民营经济 / 数字经济 增加值占比). */
const REPLACED_WORD_PENALTY = 0.15;
/** Numbers define the measure (3岁以下, 500米范围, PM2.5 vs PM10, 第一/第三产业): a different one is another indicator. */
const NUMBER_PENALTY = 0.3;

interface Entry {
  indicator: IndicatorDef;
  text: string;
  key: string;
}

interface CatalogIndex {
  entries: Entry[];
  exact: Map<string, Entry[]>;
}

const indexes = new WeakMap<readonly IndicatorDef[], CatalogIndex>();

function indexOf(catalog: readonly IndicatorDef[]): CatalogIndex {
  let index = indexes.get(catalog);
  if (index) return index;
  const entries: Entry[] = [];
  const exact = new Map<string, Entry[]>();
  for (const indicator of catalog) {
    for (const text of [indicator.name, ...indicator.synonyms]) {
      const entry = { indicator, text, key: normalizeIndicatorName(text).key };
      entries.push(entry);
      const list = exact.get(entry.key) ?? [];
      if (!list.some((e) => e.indicator.id === indicator.id)) list.push(entry);
      exact.set(entry.key, list);
    }
  }
  index = { entries, exact };
  indexes.set(catalog, index);
  return index;
}

/** Normalised keys shared by two different indicators (a catalog defect; the catalog test asserts none). */
export function catalogCollisions(catalog: readonly IndicatorDef[] = INDICATORS): string[] {
  return [...indexOf(catalog).exact.entries()].filter(([, list]) => list.length > 1).map(([key]) => key);
}

function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Sørensen–Dice coefficient over character bigrams (multiset). */
export function diceSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length + y.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const g of x) counts.set(g, (counts.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of y) {
    const c = counts.get(g) ?? 0;
    if (c > 0) {
      shared++;
      counts.set(g, c - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

/** The length of the longest common subsequence of characters. */
function lcsLength(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const cur = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      cur[j] = x[i - 1] === y[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/** 2·LCS / (|a| + |b|) over characters: tolerant to a single changed character (参考率 for 参保率). */
export function lcsRatio(a: string, b: string): number {
  const total = [...a].length + [...b].length;
  return total === 0 ? 1 : (2 * lcsLength(a, b)) / total;
}

/**
 * Whether each name has at least two characters the other lacks: a word was replaced (民营经济 for 数字经济,
 * 铁路 for 港口), not added in front (北京口岸…) or mistyped (参考率).
 */
function wordReplaced(a: string, b: string): boolean {
  const common = lcsLength(a, b);
  return Math.min([...a].length - common, [...b].length - common) >= 2;
}

/** The similarity of two normalised names, in [0, 1]. */
export function nameSimilarity(a: string, b: string): number {
  return (diceSimilarity(a, b) + lcsRatio(a, b)) / 2;
}

function qualifierMismatch(a: string, b: string): boolean {
  return MEASURE_QUALIFIERS.some((q) => a.includes(q) !== b.includes(q));
}

/** The numbers written in a normalised name, in order, ordinals too (`PM2.5年均浓度` → `2.5`, `第三产业` → `第三`). */
function numbersIn(key: string): string {
  return (key.match(/\d+(?:\.\d+)?|第[一二三四五六七八九十]+/g) ?? []).join(' ');
}

/**
 * Links `name` to a catalog indicator. An exact normalised synonym links confidently unless the unit
 * contradicts it; otherwise the best similar name links only above the threshold, with a clear lead over
 * the next indicator, the same form (growth / reduction / level), the same qualifiers and a compatible unit.
 */
export function linkIndicator(name: string, opts: LinkOptions = {}): LinkResult {
  // Plans repeat the same names thousands of times across documents: remember links against the default catalog.
  if (opts.catalog || opts.threshold !== undefined || opts.margin !== undefined)
    return linkUncached(name, opts);
  const key = `${name}\u0000${opts.unit ?? '\u0001'}`;
  let result = LINK_CACHE.get(key);
  if (!result) {
    result = linkUncached(name, opts);
    if (LINK_CACHE.size >= LINK_CACHE_LIMIT) LINK_CACHE.clear();
    LINK_CACHE.set(key, result);
  }
  return result;
}

/** Links of names against the default catalog; results are shared, so callers must not change them. */
const LINK_CACHE = new Map<string, LinkResult>();
const LINK_CACHE_LIMIT = 50_000;

function linkUncached(name: string, opts: LinkOptions): LinkResult {
  const catalog = opts.catalog ?? INDICATORS;
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const margin = opts.margin ?? DEFAULT_MARGIN;
  const index = indexOf(catalog);
  const { key, unit: unitInName } = normalizeIndicatorName(name);
  const unit = opts.unit ?? unitInName;
  if (!key) return { best: null, candidates: [], confident: false };

  for (const variant of keyVariants(key)) {
    const hits = index.exact.get(variant);
    if (!hits) continue;
    const matches = hits.map((e) => ({
      indicator: e.indicator,
      score: 1,
      via: 'exact' as const,
      matched: e.text,
    }));
    const ok = matches.length === 1 && unitsCompatible(unit, matches[0]!.indicator.unit);
    if (ok) return { best: matches[0]!, candidates: matches, confident: true };
    // An exact name with a contradicting unit (地区生产总值 in %): offer it and its similar neighbours for review.
    const similar = rankSimilar(index, key, unit).filter(
      (m) => !matches.some((x) => x.indicator.id === m.indicator.id),
    );
    return { best: null, candidates: [...matches, ...similar].slice(0, 5), confident: false };
  }

  const ranked = rankSimilar(index, key, unit);
  const top = ranked[0];
  const next = ranked[1];
  const confident =
    top !== undefined &&
    top.score >= threshold &&
    (next === undefined || top.score - next.score >= margin) &&
    nameForm(normalizeIndicatorName(top.matched).key) === nameForm(key);
  return { best: confident ? top : null, candidates: ranked.slice(0, 5), confident };
}

/** One best-scoring entry per indicator, penalised for form, qualifier and unit mismatches, best first. */
function rankSimilar(index: CatalogIndex, key: string, unit: string | null | undefined): CatalogMatch[] {
  const form = nameForm(key);
  const best = new Map<string, CatalogMatch>();
  for (const entry of index.entries) {
    let score = nameSimilarity(key, entry.key);
    if (nameForm(entry.key) !== form) score -= FORM_PENALTY;
    if (qualifierMismatch(key, entry.key)) score -= QUALIFIER_PENALTY;
    if (numbersIn(key) !== numbersIn(entry.key)) score -= NUMBER_PENALTY;
    if (wordReplaced(key, entry.key)) score -= REPLACED_WORD_PENALTY;
    if (!unitsCompatible(unit, entry.indicator.unit)) score -= UNIT_PENALTY;
    if (score < MIN_CANDIDATE_SCORE) continue;
    const seen = best.get(entry.indicator.id);
    if (!seen || score > seen.score) {
      best.set(entry.indicator.id, {
        indicator: entry.indicator,
        score,
        via: 'similar',
        matched: entry.text,
      });
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}
