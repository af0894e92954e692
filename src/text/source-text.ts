// The decoded text of one original file with a line index, so any offset maps to its 1-based line and column.

export interface SourceText {
  readonly text: string;
  /** Offset of the first character of each line; lineStarts[0] === 0. */
  readonly lineStarts: readonly number[];
}

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in UTF-16 code units. */
  column: number;
}

export function makeSourceText(text: string): SourceText {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return { text, lineStarts };
}

export function lineCount(source: SourceText): number {
  return source.lineStarts.length;
}

/** The 1-based line holding `offset` (binary search over line starts). */
export function lineAt(source: SourceText, offset: number): number {
  const starts = source.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export function positionAt(source: SourceText, offset: number): Position {
  const line = lineAt(source, offset);
  return { line, column: offset - source.lineStarts[line - 1]! + 1 };
}

/** Text of a 1-based line without its line break (a trailing CR is dropped too). */
export function lineText(source: SourceText, line: number): string {
  const start = source.lineStarts[line - 1];
  if (start === undefined) return '';
  const next = source.lineStarts[line];
  let end = next === undefined ? source.text.length : next - 1;
  if (end > start && source.text.charCodeAt(end - 1) === 13) end -= 1;
  return source.text.slice(start, end);
}

/** Offset range [start, end) of a 1-based line's text, without the line break. */
export function lineRange(source: SourceText, line: number): { start: number; end: number } {
  const start = source.lineStarts[line - 1] ?? source.text.length;
  return { start, end: start + lineText(source, line).length };
}
