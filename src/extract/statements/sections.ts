// Which part of a document a line sits in: a review of the past, a forward-looking part, or a glossary.
import type { Heading } from '../../structure/outline/index.js';
import { GOAL_SECTION, NO_STATEMENT_SECTION, PAST_SECTION } from './cues.js';

export type SectionTense = 'past' | 'future' | 'none';

export interface SectionInfo {
  tense: SectionTense;
  /** Titles of the enclosing headings, outermost first. */
  path: string[];
}

/** A lookup from a 1-based source line to the tense of its section, built once per document. */
export function sectionIndex(outline: readonly Heading[]): (line: number) => SectionInfo {
  const sorted = [...outline].sort((a, b) => a.line - b.line);
  const infos: { line: number; info: SectionInfo }[] = [];
  // Front and back matter (序言, 名词解释) stands beside the top-level parts, never above them.
  let top = Number.POSITIVE_INFINITY;
  for (const h of sorted) if (h.kind !== 'matter') top = Math.min(top, h.level);
  const depth = (h: Heading): number =>
    h.kind === 'matter' && top !== Number.POSITIVE_INFINITY ? top : h.level;
  const stack: Heading[] = [];
  for (const heading of sorted) {
    while (stack.length > 0 && depth(stack[stack.length - 1]!) >= depth(heading)) stack.pop();
    stack.push(heading);
    const path = stack.map((h) => h.title);
    let tense: SectionTense = 'future';
    for (const title of path) {
      if (NO_STATEMENT_SECTION.test(title)) tense = 'none';
      else if (PAST_SECTION.test(title)) tense = 'past';
      // A goals heading (主要目标) sets what follows ahead, whatever the part above it is called.
      else if (GOAL_SECTION.test(title)) tense = 'future';
    }
    infos.push({ line: heading.line, info: { tense, path } });
  }
  const before: SectionInfo = { tense: 'future', path: [] };
  return (line: number): SectionInfo => {
    let lo = 0;
    let hi = infos.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (infos[mid]!.line <= line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? before : infos[found]!.info;
  };
}
