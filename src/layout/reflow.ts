// Second layout pass: join lines a PDF or a web page wrapped, never across a heading, a table row or a caption.
import { MATTER_HEADING, matchHeading, TABLE_CATEGORY } from '../vocabulary/index.js';
import { displayWidth, isLatinWord } from '../text/width.js';
import { CAPTION, SENTENCE_PUNCTUATION, TERMINAL_PUNCTUATION } from '../vocabulary/index.js';
import type { LogicalLineKind, PhysicalLine } from './types.js';

/** How a document was wrapped: `width` is the typical full-line width, or null when lines are whole paragraphs. */
export interface WrapProfile {
  width: number | null;
  /** Display width of each physical line (same index), measured once for the profile and for joining. */
  widths: Float64Array;
}

/** Detects hard wrapping: a large share of lines sharing one width means a PDF or typeset text. */
export function wrapProfile(lines: readonly PhysicalLine[]): WrapProfile {
  const histogram = new Map<number, number>();
  const widths = new Float64Array(lines.length);
  let total = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.text;
    widths[i] = displayWidth(text);
    if (text === '' || text.includes('\t') || text.includes('|')) continue;
    const w = Math.round(widths[i]!);
    histogram.set(w, (histogram.get(w) ?? 0) + 1);
    total += 1;
  }
  let mode = 0;
  let best = 0;
  for (const [w, n] of histogram) if (w >= 12 && n > best) [mode, best] = [w, n];
  let near = 0;
  for (const [w, n] of histogram) if (w >= mode - 3 && w <= mode + 2) near += n;
  return { width: total >= 20 && near / total >= 0.4 && mode <= 60 ? mode : null, widths };
}

/** Pipe-separated tables (`1 | 地区生产总值 | 451.9 |`) have at least two pipes on a row. */
function hasTwoPipes(text: string): boolean {
  const first = text.indexOf('|');
  return first !== -1 && text.indexOf('|', first + 1) !== -1;
}

/** A line that must stand alone: a heading form, a caption, front matter or a table line. */
export function lineKind(text: string, inTable: boolean): LogicalLineKind {
  if (inTable || text.includes('\t') || hasTwoPipes(text)) return 'table';
  if (CAPTION.test(text)) return 'caption';
  const trimmed = text.trim();
  if (MATTER_HEADING.test(trimmed)) return 'heading';
  const heading = matchHeading(trimmed);
  if (heading && isStandaloneHeading(trimmed, heading.kind)) return 'heading';
  return 'paragraph';
}

function isStandaloneHeading(text: string, kind: string): boolean {
  if (kind === 'pian' || kind === 'zhang' || kind === 'jie')
    return text.length <= 60 && !/[。；]$/.test(text);
  if (TABLE_CATEGORY.test(text)) return false;
  // 一、 and （一） headings may run in (`（一）强化政治建设，坚定正确方向。以政治…`): the caller splits them.
  return text.length <= 40 && !SENTENCE_PUNCTUATION.test(text);
}

export interface ReflowPiece {
  line: PhysicalLine;
  kind: LogicalLineKind;
}

export interface ReflowGroup {
  kind: LogicalLineKind;
  pieces: PhysicalLine[];
  /** Separator inserted before each piece after the first ('' or ' ' between Latin words). */
  separators: string[];
}

/** Groups physical lines into logical lines. `tableLines` holds 1-based source lines inside table zones. */
export function reflow(
  lines: readonly PhysicalLine[],
  profile: WrapProfile,
  tableLines: ReadonlySet<number>,
): ReflowGroup[] {
  const groups: ReflowGroup[] = [];
  let current: ReflowGroup | null = null;
  const full = profile.width === null ? Infinity : profile.width - 3;

  let lastWidth = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.text === '') continue;
    const kind = lineKind(line.text, tableLines.has(line.line));
    const text = line.text.trim();
    const width = profile.widths[i]!;
    if (
      current &&
      canJoin(current, kind, text, { full, width, lastWidth, wrapped: profile.width !== null }) &&
      !(current.kind !== 'paragraph' && nextStartsWithClauseMark(lines, i))
    ) {
      const last = current.pieces[current.pieces.length - 1]!.text;
      current.separators.push(isLatinWord(last.at(-1)) && isLatinWord(text[0]) ? ' ' : '');
      current.pieces.push(line);
    } else {
      current = { kind, pieces: [line], separators: [] };
      groups.push(current);
    }
    lastWidth = width;
  }
  return groups;
}

/** Punctuation that opens a line only when it continues a sentence (`,推动同城化…` after a line break). */
const CLAUSE_MARK_START = /^[，,、；;：:。．）)」”]/;

/**
 * True when the line after `index` starts with clause punctuation: the line at `index` then starts a sentence (a PDF
 * broke it after a closing quote) and is not the end of the heading above it.
 */
function nextStartsWithClauseMark(lines: readonly PhysicalLine[], index: number): boolean {
  for (let k = index + 1; k < lines.length; k++) {
    if (lines[k]!.text !== '') return CLAUSE_MARK_START.test(lines[k]!.text.trimStart());
  }
  return false;
}

interface JoinWidths {
  /** Width from which a line counts as full. */
  full: number;
  /** Widths of the next line and of the group's last line. */
  width: number;
  lastWidth: number;
  wrapped: boolean;
}

function canJoin(group: ReflowGroup, next: LogicalLineKind, text: string, widths: JoinWidths): boolean {
  const { full, width, lastWidth } = widths;
  const last = group.pieces[group.pieces.length - 1]!.text.trim();
  if (group.kind === 'table' || next === 'table') return false;
  if (group.kind === 'heading' || group.kind === 'caption') {
    // A heading or caption title wrapped onto a short line without punctuation (第一篇  开启…社会主义 / 现代化强区新征程).
    if (next !== 'paragraph' || group.pieces.length > 1) return false;
    // A dash line (a report's ——subtitle) that fills the wrap width goes on; numbered titles use the rule below.
    if (last.startsWith('——') && lastWidth >= full) return true;
    if (SENTENCE_PUNCTUATION.test(text) || /[，,：:]/.test(text) || text.startsWith('——')) return false;
    // Front matter and dash headings (——大力实施…) are whole lines; only numbered titles wrap.
    if (MATTER_HEADING.test(last) || last.startsWith('——')) return false;
    return width <= 24 && (!widths.wrapped || width < full);
  }
  // Only hard-wrapped text joins paragraphs: a line that reaches the wrap width continues on the next line.
  if (next !== 'paragraph' || full === Infinity) return false;
  if (TERMINAL_PUNCTUATION.test(last)) return false;
  return lastWidth >= full;
}
