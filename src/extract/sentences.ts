// Sentences and clauses of the clean text, and the evidence (line, quote) of a clean-text span in the original file.
import type { Layout } from '../layout/index.js';
import { lineAt, lineRange } from '../text/source-text.js';
import type { Evidence } from '../text/span.js';

export interface Span {
  /** Offsets [start, end) into `Layout.text`. */
  start: number;
  end: number;
}

export interface Sentence extends Span {
  /** Comma-separated clauses of the sentence, in order. */
  clauses: Span[];
}

/** Character classes of the splitter, one bit each, looked up by char code (a table beats Set lookups per character). */
const NEWLINE = 1;
/** Opens a bracket inside which no sentence ends (a name or a gloss in parentheses). */
const OPENER = 2;
/** Closes such a bracket. */
const BRACKET_CLOSE = 4;
/** Ends a sentence; a `；` ends one too, since plans list goals as `…；…；`. */
const SENTENCE_END = 8;
/** Ends a clause inside a sentence. */
const CLAUSE_END = 16;
/** A closing mark that belongs to the sentence before it. */
const CLOSER = 32;
/** Classes the main loop acts on; every other character is plain text to it. */
const ACTS = NEWLINE | OPENER | BRACKET_CLOSE | SENTENCE_END | CLAUSE_END;

const CHAR_CLASS = new Uint8Array(0x10000);
const mark = (chars: string, kind: number): void => {
  for (const c of chars) CHAR_CLASS[c.charCodeAt(0)]! |= kind;
};
mark('\n', NEWLINE);
mark('（(《', OPENER);
mark('）)》', BRACKET_CLOSE);
mark('。！？；!?;', SENTENCE_END);
mark('，,：:', CLAUSE_END);
mark('”’）)」』 |', CLOSER);
/** The closing bracket of each opening one. */
const CLOSE_OF = new Map([...'（(《'].map((c, i) => [c.charCodeAt(0), '）)》'.charCodeAt(i)]));

/** The sentences found so far and the one being read. */
interface SplitState {
  sentences: Sentence[];
  clauses: Span[];
  sentenceStart: number;
  clauseStart: number;
}

/** Ends the sentence being read at `at` (its last clause too) and starts the next one there. */
function endSentence(state: SplitState, at: number): void {
  if (at > state.clauseStart) state.clauses.push({ start: state.clauseStart, end: at });
  if (at > state.sentenceStart && state.clauses.length > 0)
    state.sentences.push({ start: state.sentenceStart, end: at, clauses: state.clauses });
  state.clauses = [];
  state.sentenceStart = at;
  state.clauseStart = at;
}

/** Splits `text[start, end)` into sentences and clauses; never splits inside （…） or 《…》. */
export function splitSentences(text: string, start = 0, end = text.length): Sentence[] {
  const state: SplitState = { sentences: [], clauses: [], sentenceStart: start, clauseStart: start };
  const closers: number[] = [];
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    const kind = CHAR_CLASS[ch]!;
    if ((kind & ACTS) === 0) continue;
    if (kind & NEWLINE) {
      closers.length = 0;
      endSentence(state, i);
      state.sentenceStart = state.clauseStart = i + 1;
      continue;
    }
    if (kind & OPENER) closers.push(CLOSE_OF.get(ch)!);
    else if (closers.length > 0 && ch === closers[closers.length - 1]) closers.pop();
    if (closers.length > 0) continue;
    if (kind & SENTENCE_END) {
      let j = i + 1;
      while (j < end && CHAR_CLASS[text.charCodeAt(j)]! & CLOSER) j++;
      endSentence(state, j);
      i = j - 1;
    } else if (kind & CLAUSE_END) {
      state.clauses.push({ start: state.clauseStart, end: i + 1 });
      state.clauseStart = i + 1;
    }
  }
  endSentence(state, end);
  return state.sentences;
}

/**
 * Evidence for a fact whose anchor (the number) is `anchor`: the line holding the anchor, and the source text of
 * `[start, end)` clipped to that line, so the quote is an exact substring of the original line.
 */
export function quoteAround(layout: Layout, start: number, end: number, anchor: number): Evidence {
  const source = layout.source;
  const anchorSource = layout.toSource[anchor]!;
  const line = lineAt(source, anchorSource);
  const range = lineRange(source, line);
  const from = Math.max(range.start, layout.toSource[start]!);
  const to = Math.min(range.end, end > start ? layout.toSource[end - 1]! + 1 : from);
  const clipped = trimmedSpan(source.text, from, Math.max(from, to));
  return clipped.end > clipped.start
    ? { ...clipped, line, quote: source.text.slice(clipped.start, clipped.end) }
    : {
        ...trimmedSpan(source.text, range.start, range.end),
        line,
        quote: source.text.slice(range.start, range.end).trim(),
      };
}

/** [start, end) without the whitespace at either end, so the quote and its offsets agree. */
function trimmedSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** 1-based source line of a clean-text offset. */
export function sourceLine(layout: Layout, offset: number): number {
  return lineAt(layout.source, layout.toSource[Math.min(offset, layout.toSource.length - 1)]!);
}
