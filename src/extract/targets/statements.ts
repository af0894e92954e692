// Quantitative statements of the running text, each placed in its sentence and clause and told apart as a target
// (future) or a reported value (past) by section, sentence cues and document type.
import type { Layout, LogicalLine } from '../../layout/types.js';
import type { Heading } from '../../structure/outline/index.js';
import type { DocumentMetadata } from '../model.js';
import { splitSentences, type Sentence, type Span } from '../sentences.js';
import { planOrdinalOfYear } from '../../quantity/index.js';
import { NOT_A_TARGET, QUALIFIER_AFTER, tenseCues, type TenseCues } from './cues.js';
import { sectionIndex } from './sections.js';

/** One quantity of the clean text, as the quantity grammar reads it. */
export interface Mention {
  /** Offsets [start, end) into `Layout.text` of the number with its unit. */
  start: number;
  end: number;
  value: number;
  valueMax: number | null;
  /** Unit as written, whitespace removed; null for a bare number. */
  unit: string | null;
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

const YEAR = /((?:19|20)\d{2})\s*年/g;

/** The year a document looks back from: a plan's start year minus one, a report's year minus one. */
export function reviewYear(metadata: DocumentMetadata): number | null {
  const start = /^(\d{4})/.exec(metadata.period ?? '');
  return start ? Number(start[1]) - 1 : null;
}

/** Tense of the sentence from its own words, or null when it says nothing. */
function sentenceTense(text: string, lastPastYear: number | null, cues: TenseCues): StatementTense | null {
  const future = cues.future.test(text);
  const past = cues.past.test(text);
  if (future && !past) return 'target';
  if (past && !future) return 'achievement';
  if (lastPastYear !== null) {
    for (const m of text.matchAll(YEAR)) {
      if (Number(m[1]) <= lastPastYear && !future) return 'achievement';
    }
  }
  return null;
}

export function readStatements(input: StatementInput): Statement[] {
  const { layout, metadata, outline, mentions } = input;
  const sectionAt = sectionIndex(outline);
  const pastYear = reviewYear(metadata);
  const cues = tenseCues(pastYear === null ? null : planOrdinalOfYear(pastYear + 1));
  const excluded = input.excluded ?? [];
  const statements: Statement[] = [];
  let m = 0;
  for (const line of layout.lines) {
    while (m < mentions.length && mentions[m]!.start < line.start) m++;
    if (m >= mentions.length) break;
    if (mentions[m]!.start >= line.end) continue;
    const inLine: Mention[] = [];
    for (let k = m; k < mentions.length && mentions[k]!.start < line.end; k++) inLine.push(mentions[k]!);
    if (line.kind === 'table' || line.kind === 'heading' || line.kind === 'caption') continue;
    const section = sectionAt(line.line);
    if (section.tense === 'none') continue;
    const sentences = splitSentences(layout.text, line.start, line.end);
    const tenses = new Map<number, StatementTense | null>();
    for (const mention of inLine) {
      if (excluded.some((span) => mention.start >= span.start && mention.start < span.end)) continue;
      const sentenceIndex = sentences.findIndex((s) => mention.start >= s.start && mention.start < s.end);
      if (sentenceIndex < 0) continue;
      const sentence = sentences[sentenceIndex]!;
      const clause =
        sentence.clauses.find((c) => mention.start >= c.start && mention.start < c.end) ?? sentence;
      const text = layout.text.slice(sentence.start, sentence.end);
      if (!tenses.has(sentenceIndex)) tenses.set(sentenceIndex, sentenceTense(text, pastYear, cues));
      const own = tenses.get(sentenceIndex)!;
      let tense: StatementTense;
      if (metadata.doc_type === 'bulletin') tense = 'achievement';
      else if (section.tense === 'past') {
        // A review part holds only reported values; a goal stated there belongs to neither list.
        if (own === 'target' && !cues.past.test(text)) continue;
        tense = 'achievement';
      } else {
        // Plans and reports report the past only in their review parts.
        if (own === 'achievement') continue;
        tense = 'target';
        if (NOT_A_TARGET.test(layout.text.slice(clause.start, mention.start))) continue;
        if (QUALIFIER_AFTER.test(layout.text.slice(mention.end, mention.end + 8))) continue;
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
