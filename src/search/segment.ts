// Chinese segmentation for search: forward maximum matching on the planning dictionary, normalised.
// (jieba was tried; its native packages exist in our registry for linux-x64 only, so `npm ci` could not lock it.)
import { planningDictionary } from './dictionary.js';

let shared: { words: Set<string>; longest: number } | null = null;

/** The planning dictionary, normalised like the text, built once per process. */
function dictionary(): { words: Set<string>; longest: number } {
  if (!shared) {
    const words = new Set(planningDictionary().map((w) => normalizeForSearch(w)));
    shared = { words, longest: Math.max(2, ...[...words].map((w) => w.length)) };
  }
  return shared;
}

const IDEOGRAPH = /\p{Script=Han}/u;
/** Runs of ideographs, or of Latin letters and digits (GDP, 5g, pm2.5). */
const RUNS = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}.+#])+/gu;

/**
 * Words of one run of ideographs by forward maximum matching: dictionary words whole, and what lies between them as
 * one piece (`keepGaps`) or as two-character chunks (for counting tokens).
 */
function matchRun(run: string, keepGaps: boolean): string[] {
  const { words, longest } = dictionary();
  const out: string[] = [];
  let gap = '';
  const flushGap = () => {
    if (!gap) return;
    if (keepGaps) out.push(gap);
    else for (let i = 0; i < gap.length; i += 2) out.push(gap.slice(i, i + 2));
    gap = '';
  };
  for (let i = 0; i < run.length;) {
    let matched = '';
    for (let n = Math.min(longest, run.length - i); n >= 2; n--) {
      const candidate = run.slice(i, i + n);
      if (words.has(candidate)) {
        matched = candidate;
        break;
      }
    }
    if (matched) {
      flushGap();
      out.push(matched);
      i += matched.length;
    } else {
      gap += run[i];
      i += 1;
    }
  }
  flushGap();
  return out;
}

function segment(text: string, keepGaps: boolean): string[] {
  const out: string[] = [];
  for (const [run] of text.matchAll(RUNS)) {
    if (IDEOGRAPH.test(run[0]!)) out.push(...matchRun(run, keepGaps));
    else out.push(run);
  }
  return out;
}

/** Function words that would match nearly every line; searching for them alone still works by substring. */
const STOPWORDS = new Set([
  '的',
  '了',
  '和',
  '与',
  '及',
  '等',
  '在',
  '是',
  '为',
  '对',
  '以',
  '将',
  '把',
  '或',
  '并',
  '其',
  '之',
  '中',
  '个',
  '年',
]);

/** Letters, digits or ideographs: a token worth indexing (punctuation and spaces are not). */
const WORDLIKE = /[\p{L}\p{N}]/u;

/** The form both the index and the query use: full-width folded (NFKC) and lower case. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Search tokens of a text (dictionary words, other ideographs in pairs, Latin runs), without stopwords. */
export function tokenize(text: string): string[] {
  return segment(normalizeForSearch(text), false).filter((t) => WORDLIKE.test(t) && !STOPWORDS.has(t));
}

/** The words of a query as a person meant them: dictionary words, the rest as typed, spaces as separators. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const part of normalizeForSearch(query).split(/\s+/)) {
    if (!part) continue;
    const words = segment(part, true).filter((t) => WORDLIKE.test(t) && !STOPWORDS.has(t));
    terms.push(...(words.length > 0 ? words : WORDLIKE.test(part) ? [part] : []));
  }
  return [...new Set(terms)];
}
