// First layout pass: split the source into lines, drop page artifacts and mark page breaks.
import { lineRange, lineText, type SourceText } from '../text/source-text.js';
import { FILE_NAME_LINE, PAGE_NUMBER_PATTERNS, URL_LINE } from './patterns.js';
import type { Artifact, ArtifactKind, PhysicalLine } from './types.js';

const EDGE_SPACE = /^[ \u3000\u00a0]+|[ \u3000\u00a0\r]+$/g;

function artifactKind(trimmed: string): ArtifactKind | null {
  if (trimmed === '\f' || /^\f+$/.test(trimmed)) return 'form-feed';
  if (PAGE_NUMBER_PATTERNS.some((p) => p.test(trimmed))) return 'page-number';
  if (URL_LINE.test(trimmed)) return 'url';
  if (FILE_NAME_LINE.test(trimmed)) return 'stray-file-name';
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
  for (let line = 1; line <= count; line++) {
    const raw = lineText(source, line);
    // A form feed inside a line (pdftotext style) marks a page break before the rest of the line.
    const ff = raw.lastIndexOf('\f');
    const body = ff === -1 ? raw : raw.slice(ff + 1);
    if (ff !== -1) breakPending = true;
    const trimmed = body.replace(EDGE_SPACE, '');
    const kind = trimmed === '' ? null : artifactKind(trimmed.trim());
    if (kind) {
      artifacts.push({ kind, line, text: raw });
      if (kind === 'page-number' || kind === 'form-feed') breakPending = true;
      continue;
    }
    const lead = body.length - body.replace(/^[ \u3000\u00a0]+/, '').length;
    const start = lineRange(source, line).start + (raw.length - body.length) + lead;
    // PDF text marks the first line of a page with one leading space and no blank line before it.
    const markerSpace = trimmed !== '' && lead === 1 && body[0] === ' ' && (!previousBlank || line === 1);
    physical.push({ line, start, text: trimmed, pageBreakBefore: breakPending || markerSpace });
    if (markerSpace) artifacts.push({ kind: 'page-break-space', line, text: ' ' });
    if (trimmed !== '') breakPending = false;
    previousBlank = trimmed === '';
  }
  return { physical, artifacts };
}
