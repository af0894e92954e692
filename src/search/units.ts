// Search units: the reflowed lines of a document (wrapped words whole), each with the way back to source offsets and lines.
import { cleanLayout } from '../layout/index.js';
import type { Layout } from '../layout/types.js';
import { lineAt, makeSourceText } from '../text/source-text.js';
import { normalizeForSearch } from './segment.js';

/** Where a run of a unit's characters starts: [offset in the unit, source offset, 1-based source line]. */
export type UnitAnchor = [at: number, source: number, line: number];

export interface SearchUnit {
  /** 1-based source line of the unit's first character. */
  line: number;
  /** Source offset of the unit's first character. */
  start: number;
  /** The reflowed text as written (what a snippet shows). */
  text: string;
  /** `text` folded for matching, character for character (same length, so offsets agree). */
  body: string;
  /** Every place where consecutive unit characters stop being consecutive in the source (a joined line). */
  anchors: UnitAnchor[];
}

/** A unit longer than this is cut (at a sentence end when one is near): PostgreSQL keeps 256 positions of a word. */
export const MAX_UNIT = 2000;
const SENTENCE_END = /[。；！？;!?]/u;

/** The units of a cleaned document: one per logical line that holds a letter or digit, long ones cut. */
export function searchUnits(layout: Layout): SearchUnit[] {
  const units: SearchUnit[] = [];
  const { toSource, source } = layout;
  for (const logical of layout.lines) {
    for (let from = logical.start; from < logical.end;) {
      const to = cutAt(layout.text, from, logical.end);
      const text = layout.text.slice(from, to);
      if (/[\p{L}\p{N}]/u.test(text)) {
        const anchors: UnitAnchor[] = [];
        for (let i = from; i < to; i++) {
          if (i > from && toSource[i] === toSource[i - 1]! + 1) continue;
          anchors.push([i - from, toSource[i]!, lineAt(source, toSource[i]!)]);
        }
        units.push({
          line: anchors[0]![2],
          start: anchors[0]![1],
          text,
          body: normalizeForSearch(text),
          anchors,
        });
      }
      from = to;
    }
  }
  return units;
}

/** End of the piece starting at `from`: the line's end, or a sentence end before MAX_UNIT characters. */
function cutAt(text: string, from: number, end: number): number {
  if (end - from <= MAX_UNIT) return end;
  for (let i = from + MAX_UNIT - 1; i > from + MAX_UNIT / 2; i--)
    if (SENTENCE_END.test(text[i]!)) return i + 1;
  return from + MAX_UNIT;
}

/** Source offset and line of a unit offset (an offset inside a run counts on from its anchor). */
export function toSourcePosition(
  anchors: readonly UnitAnchor[],
  at: number,
): { offset: number; line: number } {
  let anchor = anchors[0]!;
  for (const a of anchors) {
    if (a[0] > at) break;
    anchor = a;
  }
  return { offset: anchor[1] + (at - anchor[0]), line: anchor[2] };
}

/** The units of a stored document's text (reflowed as the reading engine reflows it). */
export function searchUnitsOfText(text: string): SearchUnit[] {
  return searchUnits(cleanLayout(makeSourceText(text)));
}
