// Quantitative statements of the running text, each placed in its sentence and clause and told apart as a target
// (future) or a reported value (past) by section, sentence cues and document type.
import type { Layout, LogicalLine } from '../../layout/index.js';
import type { Heading } from '../../structure/outline/index.js';
import type { DocumentMetadata } from '../model.js';
import { splitSentences, type Sentence, type Span } from '../sentences.js';
import { planOrdinalOfYear, type DecimalText } from '../../quantity/index.js';
import {
  ACTION_VERB,
  AGE_QUALIFIER_AFTER,
  ASPIRATIONAL,
  BOUND_AFTER,
  DEFINITION,
  DOCUMENT_COUNT,
  FRAMING_BEFORE,
  NO_STATEMENT_SECTION,
  NOTE_PARAGRAPH,
  NOT_A_TARGET,
  NOUN_AFTER,
  QUALIFIER_AFTER,
  tenseCues,
  type TenseCues,
} from './cues.js';
import { sectionIndex } from './sections.js';

/** One quantity of the clean text, as the quantity grammar reads it. */
export interface Mention {
  /** Offsets [start, end) into `Layout.text` of the number with its unit. */
  start: number;
  end: number;
  /** Exact decimal text as printed (`0.10` keeps its scale). */
  value: DecimalText;
  valueMax: DecimalText | null;
  /** Unit as written, whitespace removed; null for a bare number. */
  unit: string | null;
  /** A size class (千亿级产业集群) as written: a goal of reaching the class, never a reported value. */
  scaleClass?: string;
  /** 翻一番 / 倍增 as written: the goal is the multiplying itself, whatever verb stands before it. */
  multiplier?: string;
}

export type StatementTense = 'target' | 'achievement';

export interface Statement {
  mention: Mention;
  tense: StatementTense;
  line: LogicalLine;
  sentence: Sentence;
  clause: Span;
  /** Index of the sentence within its logical line (a year said earlier in the paragraph carries over). */
  sentenceIndex: number;
  sentences: Sentence[];
  /** Titles of the enclosing headings, outermost first. */
  section: string[];
}

export interface StatementInput {
  layout: Layout;
  metadata: DocumentMetadata;
  outline: readonly Heading[];
  mentions: readonly Mention[];
  /** Clean-text ranges whose numbers are not statements (project lines of boxes, indicator tables). */
  excluded?: readonly Span[];
}

/** A stated year; global, so it is read with `exec` from `lastIndex` (no per-call copy as `matchAll` makes). */
const YEAR = /((?:19|20)\d{2})\s*年/g;

/** The year a document looks back from: a plan's start year minus one, a report's year minus one. */
export function reviewYear(metadata: DocumentMetadata): number | null {
  const start = /^(\d{4})/.exec(metadata.period ?? '');
  return start ? Number(start[1]) - 1 : null;
}

/** What a sentence's own words say about its tense. */
interface SentenceCues {
  /** The tense the sentence states, or null when it says nothing. */
  tense: StatementTense | null;
  /** The sentence holds a cue of a reported value. */
  past: boolean;
}

/** Tense of the sentence from its own words, or null when it says nothing. */
function sentenceCues(text: string, lastPastYear: number | null, cues: TenseCues): SentenceCues {
  const future = cues.future.test(text);
  const past = cues.past.test(text);
  if (future && !past) return { tense: 'target', past };
  if (past && !future) return { tense: 'achievement', past };
  if (lastPastYear !== null && !future) {
    YEAR.lastIndex = 0;
    for (let m = YEAR.exec(text); m !== null; m = YEAR.exec(text))
      if (Number(m[1]) <= lastPastYear) return { tense: 'achievement', past };
  }
  return { tense: null, past };
}

/** Spans sorted by start with overlaps merged, so membership can be read with one index moving forward. */
function disjointSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ start: span.start, end: span.end });
  }
  return merged;
}

/** Matter headings the outline does not list (a spaced `名 词 解 释` line): the sections whose numbers define terms. */
function unlistedMatter(layout: Layout, outline: readonly Heading[]): Heading[] {
  const listed = new Set(outline.map((h) => h.line));
  const found: Heading[] = [];
  for (const line of layout.lines) {
    if (line.end - line.start > 16 || listed.has(line.line)) continue;
    const title = layout.text.slice(line.start, line.end).replace(/\s+/g, '');
    if (!NO_STATEMENT_SECTION.test(title) || title.length > 6) continue;
    found.push({
      level: 0,
      kind: 'matter',
      label: null,
      number: null,
      title,
      runIn: false,
      line: line.line,
      start: line.start,
      end: line.end,
    });
  }
  return found;
}

/** Count units: a list of named items ends in one of them (4个, 两类, 3家). */
const COUNT_UNIT = /^(?:个|项|类|家|所|片|条|座|大|方面|种|批|支|区|园|组|层)$/;

/**
 * A count right after a list of exactly that many names (番禺、南沙、黄埔、花都4个; 田径、游泳两个) counts the named
 * items: it says what there is, not a number to reach.
 */
function countsItsList(before: string, value: number): boolean {
  if (value < 2 || value > 12 || !Number.isInteger(value)) return false;
  const list = before.replace(/（[^（）]*）|\([^()]*\)|[“”"‘’]/g, '').replace(/\s+/g, '');
  const items = list.split('、');
  if (items.length < 2) return false;
  // The last item may join one more with 和/及/与 (南沙湾、庆盛枢纽和南沙枢纽3个).
  const last = items[items.length - 1]!;
  const joined = /[和及与]/.test(last.slice(1)) ? 1 : 0;
  // An item with a number of its own (示范村8个、精品村2个) or an action on the last one (…牵头成立2家) is no list of names.
  if (items.some((item) => item.length === 0 || item.length > 16 || /\d/.test(item))) return false;
  if (ACTION_VERB.test(last)) return false;
  return items.length + joined === value;
}

/** False for a future value that sets no goal: a parameter, a qualifier, a definition, a document count, a list size. */
function isTarget(text: string, mention: Mention, clause: Span, definition: boolean): boolean {
  if (definition) return false;
  const before = text.slice(clause.start, mention.start);
  if (NOT_A_TARGET.test(before)) return false;
  const after = text.slice(mention.end, mention.end + 8);
  if (QUALIFIER_AFTER.test(after)) return false;
  if (mention.unit === '岁' && AGE_QUALIFIER_AFTER.test(after)) return false;
  if (mention.unit === null || !COUNT_UNIT.test(mention.unit)) return true;
  if (DOCUMENT_COUNT.test(before)) return false;
  if (!BOUND_AFTER.test(after) && countsItsList(before, Number(mention.value))) return false;
  // A count that names what follows it (…4个副中心) after a list or a framing verb counts named things.
  if (BOUND_AFTER.test(after) || !NOUN_AFTER.test(after)) return true;
  return !FRAMING_BEFORE.test(before);
}

export function readStatements(input: StatementInput): Statement[] {
  const { layout, metadata, outline, mentions } = input;
  const text = layout.text;
  const sectionAt = sectionIndex([...outline, ...unlistedMatter(layout, outline)]);
  const pastYear = reviewYear(metadata);
  const cues = tenseCues(pastYear === null ? null : planOrdinalOfYear(pastYear + 1));
  const excluded = disjointSpans(input.excluded ?? []);
  const statements: Statement[] = [];
  // Excluded spans are sorted and mentions come in text order: one index walks the spans for the whole document.
  let x = 0;
  let lastStart = -1;
  let m = 0;
  for (const line of layout.lines) {
    while (m < mentions.length && mentions[m]!.start < line.start) m++;
    if (m >= mentions.length) break;
    if (mentions[m]!.start >= line.end) continue;
    if (line.kind === 'table' || line.kind === 'heading' || line.kind === 'caption') continue;
    const section = sectionAt(line.line);
    // A glossary explains terms; only a goal it sets in so many words (力争…) is read from it.
    const glossary = section.tense === 'none';
    if (glossary && !ASPIRATIONAL.test(text.slice(line.start, line.end))) continue;
    const sentences = splitSentences(text, line.start, line.end);
    const tenses: (SentenceCues | undefined)[] = [];
    const definitions: (boolean | undefined)[] = [];
    const sentenceText = (i: number): string => text.slice(sentences[i]!.start, sentences[i]!.end);
    // Notes under a table or a text explain indicators; they state no goals of their own.
    const notes = NOTE_PARAGRAPH.test(text.slice(line.start, line.start + 8));
    let s = 0;
    for (let k = m; k < mentions.length && mentions[k]!.start < line.end; k++) {
      const mention = mentions[k]!;
      const at = mention.start;
      if (at < lastStart) {
        // Mentions out of text order: walk again from the first span and sentence.
        x = 0;
        s = 0;
      }
      lastStart = at;
      while (x < excluded.length && excluded[x]!.end <= at) x++;
      if (x < excluded.length && excluded[x]!.start <= at) continue;
      while (s < sentences.length && sentences[s]!.end <= at) s++;
      if (s >= sentences.length || sentences[s]!.start > at) continue;
      const sentenceIndex = s;
      const sentence = sentences[s]!;
      let clause: Span = sentence;
      for (const c of sentence.clauses)
        if (at >= c.start && at < c.end) {
          clause = c;
          break;
        }
      const own = (tenses[s] ??= sentenceCues(text.slice(sentence.start, sentence.end), pastYear, cues));
      let tense: StatementTense;
      if (mention.scaleClass !== undefined && (metadata.doc_type === 'bulletin' || section.tense === 'past'))
        continue;
      if (metadata.doc_type === 'bulletin') tense = 'achievement';
      else if (notes) continue;
      else if (glossary && !ASPIRATIONAL.test(text.slice(clause.start, at))) continue;
      else if (section.tense === 'past') {
        // A review part holds only reported values; a goal stated there belongs to neither list.
        if (own.tense === 'target' && !own.past) continue;
        tense = 'achievement';
      } else {
        // Plans and reports report the past only in their review parts.
        if (own.tense === 'achievement') continue;
        tense = 'target';
        if (!isTarget(text, mention, clause, (definitions[s] ??= DEFINITION.test(sentenceText(s))))) continue;
      }
      statements.push({
        mention,
        tense,
        line,
        sentence,
        clause,
        sentenceIndex,
        sentences,
        section: section.path,
      });
    }
  }
  return statements;
}
