// Chinese segmentation for search: jieba (general dictionary + the planning dictionary), search mode, normalised.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { dictionaryText } from './dictionary.js';

let shared: Jieba | null = null;

/** One jieba instance per process: loading the dictionaries takes a noticeable moment. */
function jieba(): Jieba {
  if (!shared) {
    shared = Jieba.withDict(dict);
    shared.loadDict(new TextEncoder().encode(dictionaryText()));
  }
  return shared;
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

/** Search tokens of a text: jieba's search mode (long words and their parts), without punctuation or stopwords. */
export function tokenize(text: string): string[] {
  const normal = normalizeForSearch(text);
  if (!normal.trim()) return [];
  return jieba()
    .cutForSearch(normal, true)
    .map((t) => t.trim())
    .filter((t) => t.length > 0 && WORDLIKE.test(t) && !STOPWORDS.has(t));
}

/** The words of a query as a person meant them (jieba's precise mode, spaces kept as separators). */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const part of normalizeForSearch(query).split(/\s+/)) {
    if (!part) continue;
    const words = jieba()
      .cut(part, true)
      .filter((t) => WORDLIKE.test(t) && !STOPWORDS.has(t));
    terms.push(...(words.length > 0 ? words : WORDLIKE.test(part) ? [part] : []));
  }
  return [...new Set(terms)];
}
