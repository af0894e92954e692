// The outline of a document: its 篇/章/节/一、/（一） headings with levels relative to the forms it uses.
import { toSourceSpan, logicalText } from '../../layout/index.js';
import type { Layout, LogicalLine } from '../../layout/types.js';
import { TERMINAL_PUNCTUATION } from '../../layout/patterns.js';
import { displayWidth } from '../../text/width.js';
import { MATTER_HEADING, matchHeading, TABLE_CATEGORY, type HeadingKind } from './patterns.js';

export { matchHeading, headingNumber, HEADING_PATTERNS, type HeadingKind } from './patterns.js';

export type OutlineKind = HeadingKind | 'plain' | 'matter';

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

interface Candidate {
  kind: OutlineKind;
  label: string | null;
  number: number | null;
  title: string;
  runIn: boolean;
  logical: LogicalLine;
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
  const bodyStart = lines.findIndex((l) => TERMINAL_PUNCTUATION.test(logicalText(layout, l)));
  const candidates: Candidate[] = [];
  const hasChapters = lines.some((l) => {
    const m = l.kind === 'heading' ? matchHeading(logicalText(layout, l)) : null;
    return m !== null && (m.kind === 'pian' || m.kind === 'zhang');
  });
  lines.forEach((logical, index) => {
    const text = logicalText(layout, logical);
    const candidate = headingCandidate(layout, logical, text);
    if (candidate) {
      if (candidate.kind === 'dash' && index <= bodyStart) return;
      candidates.push(candidate);
      return;
    }
    if (!hasChapters && index > bodyStart && isPlainHeading(layout, lines, index, text)) {
      candidates.push({
        kind: 'plain',
        label: null,
        number: null,
        title: text,
        runIn: false,
        logical,
        length: text.length,
      });
    }
  });
  const accepted = filterNumbering(candidates);
  const levels = assignLevels(accepted);
  return accepted.map((c, i) => {
    const span = toSourceSpan(layout, c.logical.start, c.logical.start + c.length);
    return {
      level: levels[i]!,
      kind: c.kind,
      label: c.label,
      number: c.number,
      title: cleanTitle(c.title),
      runIn: c.runIn,
      line: c.logical.line,
      start: span.start,
      end: span.end,
    };
  });
}

function headingCandidate(_layout: Layout, logical: LogicalLine, text: string): Candidate | null {
  if (logical.kind === 'table' || logical.kind === 'caption') return null;
  if (logical.kind === 'heading' && MATTER_HEADING.test(text)) {
    return {
      kind: 'matter',
      label: null,
      number: null,
      title: text,
      runIn: false,
      logical,
      length: text.length,
    };
  }
  const match = matchHeading(text);
  if (!match) return null;
  const base = {
    kind: match.kind,
    label: match.label,
    number: Number.isNaN(match.number) ? null : match.number,
    logical,
  };
  if (logical.kind === 'heading') return { ...base, title: match.title, runIn: false, length: text.length };
  // Run-in headings: only the 一、 and （一） forms, with a short lead sentence.
  if (match.kind !== 'cn-enum' && match.kind !== 'cn-paren') return null;
  const stop = match.title.indexOf('。');
  if (stop <= 0 || stop > MAX_RUN_IN_TITLE) return null;
  const title = match.title.slice(0, stop);
  if (TABLE_CATEGORY.test(title)) return null;
  return { ...base, title, runIn: true, length: text.indexOf(title) + title.length };
}

/** A short stand-alone line without punctuation between paragraphs: a heading whose number was lost. */
function isPlainHeading(layout: Layout, lines: readonly LogicalLine[], index: number, text: string): boolean {
  const logical = lines[index]!;
  if (logical.kind !== 'paragraph' || logical.lines.length > 1) return false;
  if (displayWidth(text) > MAX_PLAIN_WIDTH || NO_PLAIN_PUNCTUATION.test(text)) return false;
  if (/^[\d\s.%]+$/.test(text) || text.length < 4) return false;
  const previous = lines[index - 1];
  const next = lines[index + 1];
  if (!previous || !next || next.kind !== 'paragraph') return false;
  const previousText = logicalText(layout, previous);
  return previous.kind === 'heading' || TERMINAL_PUNCTUATION.test(previousText);
}

/** Drops numbered candidates that break their sequence (a stray `3.` in text is not the third heading). */
function filterNumbering(candidates: Candidate[]): Candidate[] {
  const lastNumber = new Map<OutlineKind, number>();
  const accepted: Candidate[] = [];
  for (const c of candidates) {
    if (c.number !== null) {
      const previous = lastNumber.get(c.kind) ?? 0;
      const fits = c.number === 1 || (c.number > previous && c.number <= previous + 2);
      if (!fits) continue;
      lastNumber.set(c.kind, c.number);
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
  const outlined = headings.filter((h) => h.kind !== 'matter');
  const ranks = [...new Set(outlined.map((h) => RANK[h.kind]))].sort((a, b) => a - b);
  const top = outlined.filter((h) => RANK[h.kind] === ranks[0]);
  const restarts = top.filter((h, i) => i > 0 && h.number === 1).length;
  const shift = top[0]?.number !== null && restarts > 0 ? 1 : 0;
  return headings.map((h) => (h.kind === 'matter' ? 0 : ranks.indexOf(RANK[h.kind]) + 1 + shift));
}
