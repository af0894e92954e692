// An in-memory index of document lines: queries cut into words on the planning dictionary, lines found by bigrams, ranked with BM25.
import { normalizeForSearch, queryTerms, tokenize } from './segment.js';

export interface SearchDocument {
  id: number;
  title: string | null;
  text: string;
  doc_type?: string | null;
  region?: string | null;
}

export interface SearchHit {
  document_id: number;
  title: string | null;
  doc_type: string | null;
  region: string | null;
  /** 1-based line of the document text (the unit of a hit: a paragraph). */
  line: number;
  /** Offsets into the document text of the first highlighted word (what the reader scrolls to). */
  start: number;
  end: number;
  /** The line, shortened around the first match when long. */
  snippet: string;
  /** [start, end) ranges of the query's words inside `snippet`. */
  highlights: Array<[number, number]>;
  score: number;
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
  /** Only these documents. */
  documentIds?: readonly number[];
}

export interface SearchResult {
  query: string;
  terms: string[];
  total: number;
  hits: SearchHit[];
}

interface IndexedLine {
  doc: SearchDocument;
  line: number;
  start: number;
  text: string;
  normal: string;
  tokens: number;
}

/** Characters of context either side of the first match in a long line. */
const CONTEXT = 60;
// BM25's usual constants: term saturation and length normalisation.
const K1 = 1.2;
const B = 0.75;
/** A line holding the whole query as typed outranks one that only has its words apart. */
const PHRASE_BONUS = 2;

export class SearchIndex {
  private readonly lines: IndexedLine[] = [];
  /** Character bigram → lines holding it: the recall side (every occurrence is found). */
  private readonly postings = new Map<string, Set<number>>();
  private readonly documents = new Map<number, SearchDocument>();
  private tokenTotal = 0;

  get documentCount(): number {
    return this.documents.size;
  }

  /** Index a document line by line (a document already indexed under this id is ignored). */
  add(doc: SearchDocument): void {
    if (this.documents.has(doc.id)) return;
    this.documents.set(doc.id, doc);
    let offset = 0;
    const rawLines = doc.text.split('\n');
    rawLines.forEach((text, i) => {
      const start = offset;
      offset += text.length + 1;
      const tokens = tokenize(text);
      if (tokens.length === 0) return;
      const key = this.lines.length;
      const normal = normalizeForSearch(text);
      this.lines.push({
        doc,
        line: i + 1,
        start,
        text,
        normal: normal.length === text.length ? normal : text.toLowerCase(),
        tokens: tokens.length,
      });
      this.tokenTotal += tokens.length;
      for (const gram of new Set(bigrams(this.lines[key]!.normal))) {
        let lines = this.postings.get(gram);
        if (!lines) this.postings.set(gram, (lines = new Set()));
        lines.add(key);
      }
    });
  }

  /** Lines holding every word of the query, best first. */
  search(query: string, options: SearchOptions = {}): SearchResult {
    const terms = queryTerms(query);
    const empty: SearchResult = { query, terms, total: 0, hits: [] };
    if (terms.length === 0 || this.lines.length === 0) return empty;
    const allowed = options.documentIds ? new Set(options.documentIds) : null;
    const perTerm = terms.map((term) => this.linesWith(term));
    // Every word must occur: start from the rarest word's lines.
    const order = perTerm.map((m, i) => ({ m, i })).sort((a, b) => a.m.size - b.m.size);
    const candidates = [...order[0]!.m.keys()].filter(
      (key) => order.every(({ m }) => m.has(key)) && (!allowed || allowed.has(this.lines[key]!.doc.id)),
    );
    const average = this.tokenTotal / this.lines.length;
    const phrase = normalizeForSearch(query).replace(/\s+/g, '');
    const scored = candidates.map((key) => {
      const line = this.lines[key]!;
      let score = 0;
      perTerm.forEach((m) => {
        const tf = m.get(key) ?? 0;
        const idf = Math.log(1 + (this.lines.length - m.size + 0.5) / (m.size + 0.5));
        score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * line.tokens) / average));
      });
      if (phrase && line.normal.includes(phrase)) score += PHRASE_BONUS;
      return { key, score };
    });
    scored.sort(
      (a, b) => b.score - a.score || this.lines[a.key]!.doc.id - this.lines[b.key]!.doc.id || a.key - b.key,
    );
    const offset = options.offset ?? 0;
    const limit = options.limit ?? 20;
    const hits = scored
      .slice(offset, offset + limit)
      .map(({ key, score }) => this.hit(this.lines[key]!, terms, score));
    return { query, terms, total: scored.length, hits };
  }

  /**
   * Lines where a word occurs as written, with its count. Candidates come from the bigram postings (so a word
   * cut differently in context, 研发经费投入强度 inside 全社会研发经费投入强度, is still found), then
   * each is checked; a single character is looked up line by line.
   */
  private linesWith(term: string): Map<number, number> {
    const found = new Map<number, number>();
    const grams = bigrams(term);
    let candidates: Iterable<number> = this.lines.keys();
    if (grams.length > 0) {
      const lists = grams.map((g) => this.postings.get(g) ?? EMPTY).sort((a, b) => a.size - b.size);
      candidates = [...lists[0]!].filter((key) => lists.every((l) => l.has(key)));
    }
    for (const key of candidates) {
      const n = countOf(this.lines[key]!.normal, term);
      if (n > 0) found.set(key, n);
    }
    return found;
  }

  private hit(line: IndexedLine, terms: readonly string[], score: number): SearchHit {
    const ranges = mergeRanges(terms.flatMap((t) => occurrences(line.normal, t)));
    const first = ranges[0] ?? [0, 0];
    let from = 0;
    let to = line.text.length;
    if (line.text.length > CONTEXT * 3) {
      from = Math.max(0, first[0] - CONTEXT);
      to = Math.min(line.text.length, first[1] + CONTEXT * 2);
    }
    const snippet = (from > 0 ? '…' : '') + line.text.slice(from, to) + (to < line.text.length ? '…' : '');
    const shift = from > 0 ? 1 - from : 0;
    const highlights = ranges
      .filter(([s, e]) => s >= from && e <= to)
      .map(([s, e]): [number, number] => [s + shift, e + shift]);
    return {
      document_id: line.doc.id,
      title: line.doc.title,
      doc_type: line.doc.doc_type ?? null,
      region: line.doc.region ?? null,
      line: line.line,
      start: line.start + first[0],
      end: line.start + first[1],
      snippet,
      highlights,
      score: Math.round(score * 1000) / 1000,
    };
  }
}

const EMPTY: ReadonlySet<number> = new Set();

/** Overlapping pairs of characters (no pair spans a space). */
function bigrams(text: string): string[] {
  const grams: string[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const gram = text.slice(i, i + 2);
    if (!/\s/.test(gram)) grams.push(gram);
  }
  return grams;
}

function countOf(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
  return n;
}

function occurrences(text: string, word: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length))
    found.push([at, at + word.length]);
  return found;
}

/** Sorted, non-overlapping ranges (养老 inside 养老服务 highlights once). */
export function mergeRanges(ranges: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}
