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

/** Words of one run of ideographs by forward maximum matching: dictionary words whole, what lies between as one piece. */
function matchRun(run: string): string[] {
  const { words, longest } = dictionary();
  const out: string[] = [];
  let gap = '';
  const flushGap = () => {
    if (gap) out.push(gap);
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

function segment(text: string): string[] {
  const out: string[] = [];
  for (const [run] of text.matchAll(RUNS)) {
    if (IDEOGRAPH.test(run[0]!)) out.push(...matchRun(run));
    else out.push(run);
  }
  return out;
}

/** Function words that would match nearly every line; a query of nothing else searches them as typed. */
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

/**
 * The form both the index and the query use: full-width and compatibility forms folded (ＧＤＰ → gdp) and lower
 * case, one character at a time so the folded text keeps every offset; a character whose folded form has another
 * length (㎡ → m2) stays as it is.
 */
export function normalizeForSearch(text: string): string {
  let out = '';
  for (const ch of text) {
    const folded = ch.normalize('NFKC').toLowerCase();
    const lower = ch.toLowerCase();
    out += folded.length === ch.length ? folded : lower.length === ch.length ? lower : ch;
  }
  return out;
}

/** The words of a query as a person meant them: dictionary words, the rest as typed, spaces as separators. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const part of normalizeForSearch(query).split(/\s+/)) {
    if (!part) continue;
    const words = segment(part).filter((t) => WORDLIKE.test(t) && !STOPWORDS.has(t));
    terms.push(...(words.length > 0 ? words : WORDLIKE.test(part) ? [part] : []));
  }
  return [...new Set(terms)];
}
