// Finds the line ranges of indicator tables in flattened text, so reflow and the outline leave them whole.
import { CAPTION } from '../vocabulary/index.js';
import type { PhysicalLine } from './types.js';

const ATTRIBUTE = /(?:预期性|约束性)/;
const HEADER = /指\s*标/;
const HEADER_COLUMN = /(?:属\s*性|基\s*数|目\s*标|年均增|名\s*称)/;
/** Non-blank lines a table may run without an attribute cell before we call it ended. */
const MAX_GAP = 14;

/** 1-based source lines inside indicator tables: from the caption or header to the last attribute cell. */
export function tableZones(lines: readonly PhysicalLine[]): Set<number> {
  const zone = new Set<number>();
  const nonBlank = lines.filter((l) => l.text !== '');
  for (let i = 0; i < nonBlank.length; i++) {
    const text = nonBlank[i]!.text.trim();
    const isCaption = CAPTION.test(text) && /指标|目标/.test(text);
    // A header is a short run of labels; a sentence that mentions 指标 and 目标 is not one.
    const isHeader =
      text.includes('指') && // a cheap look for the character HEADER needs, on every line
      HEADER.test(text) &&
      HEADER_COLUMN.test(text) &&
      text.replace(/\s+/g, '').length <= 40 &&
      !/[。，；]/.test(text);
    if (!isCaption && !isHeader) continue;
    let lastAttribute = -1;
    for (
      let j = i + 1;
      j < nonBlank.length && j - Math.max(lastAttribute, i) <= MAX_GAP + (lastAttribute < 0 ? 10 : 0);
      j++
    ) {
      if (ATTRIBUTE.test(nonBlank[j]!.text)) lastAttribute = j;
    }
    if (lastAttribute < 0) continue;
    const from = nonBlank[i]!.line;
    const to = nonBlank[lastAttribute]!.line;
    for (const l of lines) if (l.line >= from && l.line <= to) zone.add(l.line);
    i = lastAttribute;
  }
  return zone;
}
