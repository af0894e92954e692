// A hit shown in context: the matched words of a unit marked, a long unit shortened around the first of them.
import { toSourcePosition, type UnitAnchor } from './units.js';

/** Characters of context either side of the first match in a long unit. */
const CONTEXT = 60;

export interface UnitSnippet {
  /** The unit's text, shortened around the first match when long (… marks a cut). */
  snippet: string;
  /** [start, end) ranges of the matched words inside `snippet`. */
  highlights: Array<[number, number]>;
  /** Source offsets [start, end) of the first match, and its 1-based source line (where the reader opens). */
  start: number;
  end: number;
  line: number;
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

function occurrences(text: string, word: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  if (!word) return found;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length))
    found.push([at, at + word.length]);
  return found;
}

/** The snippet of a unit for the words found in it (`body` is the folded `text`, offset for offset). */
export function unitSnippet(
  unit: { text: string; body: string; anchors: readonly UnitAnchor[] },
  words: readonly string[],
): UnitSnippet {
  const { text } = unit;
  const ranges = mergeRanges(words.flatMap((w) => occurrences(unit.body, w)));
  const first = ranges[0] ?? [0, 0];
  let from = 0;
  let to = text.length;
  if (text.length > CONTEXT * 3) {
    from = Math.max(0, first[0] - CONTEXT);
    to = Math.min(text.length, first[1] + CONTEXT * 2);
  }
  const snippet = (from > 0 ? '…' : '') + text.slice(from, to) + (to < text.length ? '…' : '');
  const shift = from > 0 ? 1 - from : 0;
  const highlights = ranges
    .filter(([s, e]) => s >= from && e <= to)
    .map(([s, e]): [number, number] => [s + shift, e + shift]);
  const begin = toSourcePosition(unit.anchors, first[0]);
  const end = first[1] > first[0] ? toSourcePosition(unit.anchors, first[1] - 1).offset + 1 : begin.offset;
  return { snippet, highlights, start: begin.offset, end, line: begin.line };
}
