// 专栏 boxes of projects: the caption and the logical lines that belong to each box.
import { logicalText } from '../../layout/index.js';
import type { Layout, LogicalLine } from '../../layout/index.js';
import { BOX_CAPTION, GROUP_SUMMARY, INDICATOR_BOX, ITEM_NUMBER } from './patterns.js';

export interface Box {
  /** The caption as printed, e.g. `专栏2 “十四五” 涧西科技创新重大工程`. */
  caption: string;
  /** 1-based source line of the caption. */
  line: number;
  /** Body lines in order (repeated captions after page breaks left out). */
  body: LogicalLine[];
}

/** A prose paragraph longer than this, after numbered items, ends a box that has no closing mark. */
const PROSE_LENGTH = 60;

export function captionText(text: string): string {
  return text
    .replace(/\s*\|[\s|]*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every project box of the document (indicator-table boxes are skipped). */
export function findBoxes(layout: Layout): Box[] {
  const boxes: Box[] = [];
  const lines = layout.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = logicalText(layout, lines[i]!);
    // The caption pattern allows leading spaces and looks at nothing after the number: no need to trim first.
    if (!BOX_CAPTION.test(line)) continue;
    const text = line.trim();
    const caption = captionText(text);
    if (INDICATOR_BOX.test(caption)) continue;
    const body: LogicalLine[] = [];
    let numbered = false;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      const lineText = logicalText(layout, line).trim();
      if (lineText === '') continue;
      if (BOX_CAPTION.test(lineText)) {
        // A caption repeated after a page break continues the same box.
        if (captionText(lineText) === caption) continue;
        break;
      }
      if (line.kind === 'heading') break;
      const isNumbered = ITEM_NUMBER.test(lineText);
      const isSummary = GROUP_SUMMARY.some((p) => p.test(lineText));
      if (
        numbered &&
        !isNumbered &&
        !isSummary &&
        lineText.length > PROSE_LENGTH &&
        !nextIsNumbered(layout, lines, j)
      )
        break;
      numbered ||= isNumbered;
      body.push(line);
      // A box printed as a pipe table ends with its body line.
      if (/\|\s*$/.test(lineText)) {
        j++;
        break;
      }
    }
    boxes.push({ caption, line: lines[i]!.line, body });
    i = j - 1;
  }
  return boxes;
}

function nextIsNumbered(layout: Layout, lines: readonly LogicalLine[], index: number): boolean {
  for (let k = index + 1; k < lines.length; k++) {
    const text = logicalText(layout, lines[k]!).trim();
    if (text === '') continue;
    return ITEM_NUMBER.test(text);
  }
  return false;
}
