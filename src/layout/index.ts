// The layout stage: source text in, clean text out (artifacts gone, wraps joined), with a map back to the source.
import type { SourceText } from '../text/source-text.js';
import { isTrimmed } from '../text/width.js';
import { physicalLines } from './physical.js';
import { reflow, wrapProfile } from './reflow.js';
import { tableZones } from './table-zones.js';
import type { Layout, LogicalLine } from './types.js';

export type { Artifact, ArtifactKind, Layout, LogicalLine, LogicalLineKind, PhysicalLine } from './types.js';
export { physicalLines } from './physical.js';
export { wrapProfile, type WrapProfile } from './reflow.js';
export { tableZones } from './table-zones.js';

export interface LayoutOptions {
  /** 1-based source lines known to be table lines (e.g. from a reader's real tables); merged with detected zones. */
  tableLines?: ReadonlySet<number>;
}

export function cleanLayout(source: SourceText, options: LayoutOptions = {}): Layout {
  const { physical, artifacts } = physicalLines(source);
  const zones = tableZones(physical);
  for (const line of options.tableLines ?? []) zones.add(line);
  const profile = wrapProfile(physical);
  const groups = reflow(physical, profile, zones);

  const parts: string[] = [];
  // Clean text is never longer than the source plus one separator or newline per piece.
  const map = new Int32Array(source.text.length + 2 * physical.length + 1);
  const lines: LogicalLine[] = [];
  let length = 0;
  for (const group of groups) {
    if (lines.length > 0) {
      parts.push('\n');
      map[length] = map[length - 1]! + 1;
      length += 1;
    }
    const start = length;
    const sourceLines: number[] = [];
    for (let index = 0; index < group.pieces.length; index++) {
      const piece = group.pieces[index]!;
      sourceLines.push(piece.line);
      // Physical lines are trimmed of spaces already; only a leading TAB or another space is left to trim.
      const untrimmed = isTrimmed(piece.text);
      const lead = untrimmed ? 0 : piece.text.length - piece.text.trimStart().length;
      const text = untrimmed ? piece.text : piece.text.trim();
      const separator = index === 0 ? '' : group.separators[index - 1]!;
      if (separator) {
        parts.push(separator);
        map[length] = piece.start + lead;
        length += 1;
      }
      parts.push(text);
      const from = piece.start + lead;
      for (let k = 0; k < text.length; k++) map[length + k] = from + k;
      length += text.length;
    }
    lines.push({ kind: group.kind, start, end: length, line: group.pieces[0]!.line, lines: sourceLines });
  }
  const text = parts.join('');
  map[length] = source.text.length;
  const toSource = map.subarray(0, length + 1);
  return { source, physical, text, toSource, lines, artifacts };
}

/** Source offsets [start, end) of a clean-text span; `end` maps to just after its last character. */
export function toSourceSpan(layout: Layout, start: number, end: number): { start: number; end: number } {
  if (end <= start) return { start: layout.toSource[start]!, end: layout.toSource[start]! };
  return { start: layout.toSource[start]!, end: layout.toSource[end - 1]! + 1 };
}

/** The clean text of a logical line. */
export function logicalText(layout: Layout, line: LogicalLine): string {
  return layout.text.slice(line.start, line.end);
}
