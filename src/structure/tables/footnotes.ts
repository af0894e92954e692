// The notes printed under a table (`注：1．…`, `2．…`), wrapped lines joined, each with its line.
import type { PhysicalLine } from '../../layout/index.js';
import type { Footnote } from './types.js';
import { CAPTION, FOOTNOTE_START, FOOTNOTE_ITEM } from './vocabulary.js';

/** Lines a block of notes may run over (a few numbered notes, each wrapped over two or three lines). */
const MAX_NOTE_LINES = 16;

/** The notes starting at `from` (or after one blank line), until a blank line, a heading or a finished sentence. */
export function footnotesAt(lines: readonly PhysicalLine[], from: number): Footnote[] {
  let i = from;
  if (lines[i]?.text === '') i += 1;
  const first = lines[i];
  if (!first || !FOOTNOTE_START.test(first.text.trim())) return [];
  const notes: Footnote[] = [{ text: first.text.trim(), line: first.line }];
  for (let k = i + 1; k < lines.length && k < i + MAX_NOTE_LINES; k++) {
    const text = lines[k]!.text.trim();
    if (text === '' || CAPTION.test(text)) break;
    const last = notes[notes.length - 1]!;
    if (FOOTNOTE_ITEM.test(text)) notes.push({ text, line: lines[k]!.line });
    // A line after a finished note that is not numbered is the text again (a heading, a paragraph).
    else if (/[。；;]$/.test(last.text)) break;
    else last.text += text;
  }
  return notes;
}
