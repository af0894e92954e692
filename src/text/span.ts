// Evidence: where a fact came from in the original file (offsets, 1-based line, exact quote).
import { lineAt, lineRange, type SourceText } from './source-text.js';

export interface Evidence {
  /** Offsets [start, end) into the original decoded text. */
  start: number;
  end: number;
  /** 1-based line of `start` in the original file. */
  line: number;
  /** The exact source text of the span, clipped to its first line so it is a substring of that line. */
  quote: string;
}

export function evidenceAt(source: SourceText, start: number, end: number): Evidence {
  const line = lineAt(source, start);
  const lineEnd = lineRange(source, line).end;
  return { start, end, line, quote: source.text.slice(start, Math.min(end, Math.max(lineEnd, start))) };
}
