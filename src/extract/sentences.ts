// Sentences and clauses of the clean text, and the evidence (line, quote) of a clean-text span in the original file.
import type { Layout } from '../layout/types.js';
import { lineAt, lineRange } from '../text/source-text.js';

export interface Span {
  /** Offsets [start, end) into `Layout.text`. */
  start: number;
  end: number;
}

export interface Sentence extends Span {
  /** Comma-separated clauses of the sentence, in order. */
  clauses: Span[];
}

const codes = (chars: string): Set<number> => new Set([...chars].map((c) => c.charCodeAt(0)));
/** Characters that end a sentence; a `；` ends one too, since plans list goals as `…；…；`. */
const SENTENCE_END = codes('。！？；!?;');
/** Characters that end a clause inside a sentence. */
const CLAUSE_END = codes('，,：:');
/** Closing marks that belong to the sentence before them. */
const CLOSERS = codes('”’）)」』 |');
/** Brackets inside which no sentence ends (a name or a gloss in parentheses), by their closing bracket. */
const OPENERS = new Map([...'（(《'].map((c, i) => [c.charCodeAt(0), '）)》'.charCodeAt(i)]));
const NEWLINE = 10;

/** Splits `text[start, end)` into sentences and clauses; never splits inside （…） or 《…》. */
export function splitSentences(text: string, start = 0, end = text.length): Sentence[] {
  const sentences: Sentence[] = [];
  let sentenceStart = start;
  let clauseStart = start;
  let clauses: Span[] = [];
  const closers: number[] = [];
  const push = (at: number): void => {
    if (at > clauseStart) clauses.push({ start: clauseStart, end: at });
    if (at > sentenceStart && clauses.length > 0) sentences.push({ start: sentenceStart, end: at, clauses });
    clauses = [];
    sentenceStart = at;
    clauseStart = at;
  };
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === NEWLINE) {
      closers.length = 0;
      push(i);
      sentenceStart = clauseStart = i + 1;
      continue;
    }
    const close = OPENERS.get(ch);
    if (close !== undefined) closers.push(close);
    else if (closers.length > 0 && ch === closers[closers.length - 1]) closers.pop();
    if (closers.length > 0) continue;
    if (SENTENCE_END.has(ch)) {
      let j = i + 1;
      while (j < end && CLOSERS.has(text.charCodeAt(j))) j++;
      push(j);
      i = j - 1;
    } else if (CLAUSE_END.has(ch)) {
      clauses.push({ start: clauseStart, end: i + 1 });
      clauseStart = i + 1;
    }
  }
  push(end);
  return sentences;
}

export interface Quote {
  /** 1-based line of the original file. */
  line: number;
  quote: string;
}

/**
 * Evidence for a fact whose anchor (the number) is `anchor`: the line holding the anchor, and the source text of
 * `[start, end)` clipped to that line, so the quote is an exact substring of the original line.
 */
export function quoteAround(layout: Layout, start: number, end: number, anchor: number): Quote {
  const source = layout.source;
  const anchorSource = layout.toSource[anchor]!;
  const line = lineAt(source, anchorSource);
  const range = lineRange(source, line);
  const from = Math.max(range.start, layout.toSource[start]!);
  const to = Math.min(range.end, end > start ? layout.toSource[end - 1]! + 1 : from);
  const quote = source.text.slice(from, Math.max(from, to)).trim();
  return { line, quote: quote || source.text.slice(range.start, range.end).trim() };
}

/** 1-based source line of a clean-text offset. */
export function sourceLine(layout: Layout, offset: number): number {
  return lineAt(layout.source, layout.toSource[Math.min(offset, layout.toSource.length - 1)]!);
}
