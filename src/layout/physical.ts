// First layout pass: split the source into lines, drop page artifacts and mark page breaks.
import { lineText, type SourceText } from '../text/source-text.js';
import { FILE_NAME_LINE, PAGE_NUMBER_PATTERNS, URL_LINE } from '../vocabulary/index.js';
import type { Artifact, ArtifactKind, PhysicalLine } from './types.js';

/** Spaces trimmed from both ends of a line (TABs are kept: they mark table cells). */
function isEdgeSpace(code: number): boolean {
  return code === 32 || code === 0x3000 || code === 0xa0 || code === 13;
}

/** Longest line that can be a page number, URL or stray file name; longer lines skip the artifact patterns. */
const MAX_ARTIFACT_LENGTH = 200;

function artifactKind(trimmed: string): ArtifactKind | null {
  if (trimmed.length > MAX_ARTIFACT_LENGTH) return null;
  if (/^\f+$/.test(trimmed)) return 'form-feed';
  if (trimmed.length <= 24 && PAGE_NUMBER_PATTERNS.some((p) => p.test(trimmed))) return 'page-number';
  if (URL_LINE.test(trimmed)) return 'url';
  if (trimmed.includes('.') && FILE_NAME_LINE.test(trimmed)) return 'stray-file-name';
  return null;
}

export interface PhysicalPass {
  physical: PhysicalLine[];
  artifacts: Artifact[];
}

/** Every source line in order (blank ones with text ''), artifacts removed and page breaks marked. */
export function physicalLines(source: SourceText): PhysicalPass {
  const physical: PhysicalLine[] = [];
  const artifacts: Artifact[] = [];
  const count = source.lineStarts.length;
  let breakPending = false;
  let previousBlank = true;
  const text = source.text;
  // Next form feed at or after the current line; searched once per form feed, not once per line.
  let formFeed = text.indexOf('\f');
  for (let line = 1; line <= count; line++) {
    const lineStart = source.lineStarts[line - 1]!;
    const next = source.lineStarts[line];
    const lineEnd = next === undefined ? text.length : next - 1;
    // A form feed inside a line (pdftotext style) marks a page break before the rest of the line.
    let bodyStart = lineStart;
    while (formFeed !== -1 && formFeed < lineEnd) {
      if (formFeed >= lineStart) {
        bodyStart = formFeed + 1;
        breakPending = true;
      }
      formFeed = text.indexOf('\f', formFeed + 1);
    }
    let from = bodyStart;
    while (from < lineEnd && isEdgeSpace(text.charCodeAt(from))) from++;
    let to = lineEnd;
    while (to > from && isEdgeSpace(text.charCodeAt(to - 1))) to--;
    const trimmed = text.slice(from, to);
    const kind = trimmed === '' ? null : artifactKind(trimmed.trim());
    if (kind) {
      artifacts.push({ kind, line, text: lineText(source, line) });
      if (kind === 'page-number' || kind === 'form-feed') breakPending = true;
      continue;
    }
    const lead = from - bodyStart;
    // PDF text marks the first line of a page with one leading space and no blank line before it.
    const markerSpace =
      trimmed !== '' && lead === 1 && text.charCodeAt(bodyStart) === 32 && (!previousBlank || line === 1);
    physical.push({ line, start: from, text: trimmed, pageBreakBefore: breakPending || markerSpace });
    if (markerSpace) artifacts.push({ kind: 'page-break-space', line, text: ' ' });
    if (trimmed !== '') breakPending = false;
    previousBlank = trimmed === '';
  }
  return { physical, artifacts };
}
