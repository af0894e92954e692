// The outline of a document: its 篇/章/节/一、/（一） headings with levels relative to the forms it uses.
import { toSourceSpan, logicalText } from '../../layout/index.js';
import type { Layout, LogicalLine } from '../../layout/index.js';
import { TERMINAL_PUNCTUATION } from '../../vocabulary/index.js';
import { displayWidth } from '../../text/width.js';
import { withoutFootnoteRefs } from './footnotes.js';
import {
  MATTER_HEADING,
  matchHeading,
  NOTE_HEADING,
  TABLE_CATEGORY,
  type HeadingKind,
} from '../../vocabulary/index.js';
import { entryKey, tableOfContents, tocTitles } from './toc.js';

export { matchHeading, headingNumber, HEADING_PATTERNS, type HeadingKind } from '../../vocabulary/index.js';
export { outlineDiagnostics } from './diagnostics.js';
export { tableOfContents } from './toc.js';

/** `note` is a bulletin's 注释/资料来源 part: unnumbered, at the top level. */
export type OutlineKind = HeadingKind | 'plain' | 'matter' | 'note';

export interface Heading {
  level: number;
  kind: OutlineKind;
  /** The numbering token as written (`第一篇`, `一、`, `(一)`), null for unnumbered headings. */
  label: string | null;
  number: number | null;
  title: string;
  /** True when the heading is the lead sentence of a paragraph (`（一）强化政治建设，坚定正确方向。以…`). */
  runIn: boolean;
  /** 1-based source line of the heading's first character, and its source offsets. */
  line: number;
  start: number;
  end: number;
}

/** Rank of each kind from the largest unit down; an unnumbered heading sits above everything it precedes. */
const RANK: Record<OutlineKind, number> = {
  matter: -1,
  note: -1,
  plain: 0,
  pian: 1,
  zhang: 2,
  jie: 3,
  'cn-enum': 4,
  'cn-paren': 5,
  arabic: 6,
  'arabic-paren': 7,
  dash: 8,
};

/** Longest title of a run-in heading (text before the first 。). */
const MAX_RUN_IN_TITLE = 30;
/** Longest unnumbered heading, in display width. */
const MAX_PLAIN_WIDTH = 20;
const NO_PLAIN_PUNCTUATION = /[，。；：、,;:！？!?（）()]/;
const SENTENCE_END = /[。！？!?]["”’』」）)]?$/;

interface Candidate {
  kind: OutlineKind;
  label: string | null;
  number: number | null;
  title: string;
  runIn: boolean;
  logical: LogicalLine;
  /** Index of the logical line. */
  index: number;
  length: number;
}

/** Title text as printed: whitespace removed except between two Latin letters or digits. */
export function cleanTitle(title: string): string {
  return title.replace(/\s+/g, (space, offset: number, whole: string) =>
    /[A-Za-z0-9]/.test(whole[offset - 1] ?? '') && /[A-Za-z]/.test(whole[offset + space.length] ?? '')
      ? ' '
      : '',
  );
}

export function detectOutline(layout: Layout): Heading[] {
  const lines = layout.lines;
  const texts = lines.map((l) => logicalText(layout, l));
  const toc = tableOfContents(texts);
  const bodyStart = texts.findIndex((t) => TERMINAL_PUNCTUATION.test(t));
  const candidates: Candidate[] = [];
  const hasChapters = lines.some((l, i) => {
    const m = l.kind === 'heading' && toc[i] === 0 ? matchHeading(texts[i]!) : null;
    return m !== null && (m.kind === 'pian' || m.kind === 'zhang');
  });
  // Notes and sources close a document: an unnumbered line after them is back matter or a web page's footer.
  let afterNotes = false;
  lines.forEach((logical, index) => {
    if (toc[index] === 1) return;
    const text = texts[index]!;
    const candidate = headingCandidate(logical, index, text);
    if (candidate) {
      if (candidate.kind === 'dash' && index <= bodyStart) return;
      afterNotes ||= candidate.kind === 'note';
      candidates.push(candidate);
      return;
    }
    if (!hasChapters && !afterNotes && index > bodyStart && isPlainHeading(lines, texts, index)) {
      candidates.push(makeCandidate('plain', null, null, text, false, logical, index, text.length));
    }
  });
  const accepted = filterNumbering(withoutBoxItems(candidates, lines));
  const levels = assignLevels(accepted);
  const listed = toc.includes(1) ? tocTitles(texts, toc) : null;
  return accepted.map((c, i) => {
    const span = toSourceSpan(layout, c.logical.start, c.logical.start + c.length);
    return {
      level: levels[i]!,
      kind: c.kind,
      label: c.label,
      number: c.number,
      title: withoutFootnoteRefs(cleanTitle(listed ? fullTitle(c, texts, listed) : c.title), texts),
      runIn: c.runIn,
      line: c.logical.line,
      start: span.start,
      end: span.end,
    };
  });
}

function headingCandidate(logical: LogicalLine, index: number, text: string): Candidate | null {
  if (logical.kind === 'table' || logical.kind === 'caption') return null;
  if (logical.kind === 'heading' && MATTER_HEADING.test(text))
    return makeCandidate('matter', null, null, text, false, logical, index, text.length);
  if (NOTE_HEADING.test(text))
    return makeCandidate(
      'note',
      null,
      null,
      text.replace(/\s*[:：]$/, ''),
      false,
      logical,
      index,
      text.length,
    );
  const match = matchHeading(text);
  if (!match) return null;
  const number = Number.isNaN(match.number) ? null : match.number;
  if (logical.kind === 'heading')
    return makeCandidate(match.kind, match.label, number, match.title, false, logical, index, text.length);
  // Run-in headings: only the 一、 and （一） forms, with a short lead sentence.
  if (match.kind !== 'cn-enum' && match.kind !== 'cn-paren') return null;
  const stop = match.title.indexOf('。');
  if (stop <= 0 || stop > MAX_RUN_IN_TITLE) return null;
  const title = match.title.slice(0, stop);
  if (TABLE_CATEGORY.test(title)) return null;
  return makeCandidate(
    match.kind,
    match.label,
    number,
    title,
    true,
    logical,
    index,
    text.indexOf(title) + title.length,
  );
}

/** One constructor for every candidate, so they all share one object shape (spreads built a new shape each time). */
function makeCandidate(
  kind: OutlineKind,
  label: string | null,
  number: number | null,
  title: string,
  runIn: boolean,
  logical: LogicalLine,
  index: number,
  length: number,
): Candidate {
  return { kind, label, number, title, runIn, logical, index, length };
}

/**
 * A heading whose title wrapped onto the next line without being joined gets the full title the table of contents
 * gives, when the next line continues it exactly.
 */
function fullTitle(c: Candidate, texts: readonly string[], listed: ReadonlyMap<string, string>): string {
  if (c.runIn || c.label === null) return c.title;
  const listedTitle = listed.get(entryKey(texts[c.index]!) ?? '');
  if (!listedTitle) return c.title;
  const [title, full] = [c.title.replace(/\s+/g, ''), listedTitle.replace(/\s+/g, '')];
  const rest = full.slice(title.length);
  const next = (texts[c.index + 1] ?? '').replace(/\s+/g, '');
  return rest && full.startsWith(title) && next.startsWith(rest) ? listedTitle : c.title;
}

/** A short stand-alone line without punctuation between paragraphs: a heading whose number was lost. */
function isPlainHeading(lines: readonly LogicalLine[], texts: readonly string[], index: number): boolean {
  const logical = lines[index]!;
  const text = texts[index]!;
  if (logical.kind !== 'paragraph' || logical.lines.length > 1) return false;
  if (displayWidth(text) > MAX_PLAIN_WIDTH || NO_PLAIN_PUNCTUATION.test(text)) return false;
  if (/^[\d\s.%]+$/.test(text) || text.length < 4) return false;
  const previous = lines[index - 1];
  const next = lines[index + 1];
  if (!previous || !next || next.kind !== 'paragraph') return false;
  // A line the next one continues with a comma is the start of a sentence a PDF broke after a quote.
  if (/^[，,、；;]/.test(texts[index + 1]!)) return false;
  // After a finished sentence, not after a colon (`来源：` of a web page's byline, `各位代表：`).
  return previous.kind === 'heading' || SENTENCE_END.test(texts[index - 1]!);
}

/**
 * Numbered forms that occur only inside 专栏 boxes (their list items) are not headings. A candidate is inside a box
 * when a caption comes after the last heading of a larger form; a form the body also uses outside boxes stays.
 */
function withoutBoxItems(candidates: Candidate[], lines: readonly LogicalLine[]): Candidate[] {
  const structural = new Set<OutlineKind>();
  const lastOfRank: number[] = [];
  let candidate = 0;
  let lastCaption = -1;
  for (let i = 0; i < lines.length && candidate < candidates.length; i++) {
    if (lines[i]!.kind === 'caption') lastCaption = i;
    while (candidate < candidates.length && candidates[candidate]!.index === i) {
      const c = candidates[candidate++]!;
      const rank = RANK[c.kind];
      let enclosing = -1;
      for (let r = 0; r < rank; r++) enclosing = Math.max(enclosing, lastOfRank[r] ?? -1);
      if (c.number === null || lastCaption <= enclosing) structural.add(c.kind);
      lastOfRank[Math.max(rank, 0)] = i;
    }
  }
  return candidates.filter((c) => structural.has(c.kind));
}

/**
 * Drops numbered candidates that break their sequence (a stray `3.` in text is not the third heading). A larger
 * heading restarts the smaller forms at 1, unless the document numbers them on (第三章 opens 第二篇).
 */
function filterNumbering(candidates: Candidate[]): Candidate[] {
  const lastNumber = new Map<OutlineKind, number>();
  const runningNumber = new Map<OutlineKind, number>();
  const accepted: Candidate[] = [];
  const follows = (n: number, previous: number | undefined) =>
    previous !== undefined && n > previous && n <= previous + 2;
  for (const c of candidates) {
    if (c.number !== null) {
      const previous = lastNumber.get(c.kind);
      const fits =
        c.number === 1 ||
        follows(c.number, previous ?? 0) ||
        (previous === undefined && follows(c.number, runningNumber.get(c.kind)));
      if (!fits) continue;
      lastNumber.set(c.kind, c.number);
      runningNumber.set(c.kind, c.number);
    }
    // A heading resets the numbering of every smaller form beneath it.
    for (const kind of lastNumber.keys()) if (RANK[kind] > RANK[c.kind]) lastNumber.delete(kind);
    accepted.push(c);
  }
  return accepted;
}

/**
 * Levels follow the forms the document uses, largest first (a plan without 篇 starts at 章). When the largest
 * numbered form restarts at 1 with nothing above it, its parent headings were lost, so everything moves down one.
 */
function assignLevels(headings: Candidate[]): number[] {
  const outlined = headings.filter((h) => RANK[h.kind] >= 0);
  const ranks = [...new Set(outlined.map((h) => RANK[h.kind]))].sort((a, b) => a - b);
  const top = outlined.filter((h) => RANK[h.kind] === ranks[0]);
  const restarts = top.filter((h, i) => i > 0 && h.number === 1).length;
  const shift = top[0]?.number !== null && restarts > 0 ? 1 : 0;
  return headings.map((h) =>
    h.kind === 'matter' ? 0 : h.kind === 'note' ? 1 + shift : ranks.indexOf(RANK[h.kind]) + 1 + shift,
  );
}
