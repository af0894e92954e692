// The cleaned document: page artifacts removed, wrapped lines joined, every character mapped back to the source.
import type { SourceText } from '../text/source-text.js';

export type ArtifactKind =
  'page-number' | 'page-break-space' | 'url' | 'stray-file-name' | 'form-feed' | 'repeated-header';

export interface Artifact {
  kind: ArtifactKind;
  /** 1-based source line. */
  line: number;
  text: string;
}

/**
 * A source line after artifact removal, before joining; blank lines are kept with text ''. Leading spaces and
 * trailing whitespace are trimmed (TABs at the start are kept: they mark table cells), so `text` is exactly
 * source.text.slice(start, start + text.length).
 */
export interface PhysicalLine {
  /** 1-based source line. */
  line: number;
  /** Source offset of text[0]. */
  start: number;
  text: string;
  /** True when a page break (marker space, footer or form feed) lies just before this line. */
  pageBreakBefore: boolean;
}

export type LogicalLineKind = 'heading' | 'caption' | 'table' | 'paragraph';

/** A reflowed line: a paragraph joined from its wrapped pieces, or a heading, caption or table line kept whole. */
export interface LogicalLine {
  kind: LogicalLineKind;
  /** Offsets [start, end) into `Layout.text`. */
  start: number;
  end: number;
  /** 1-based source line of the first character. */
  line: number;
  /** Source lines this logical line was joined from. */
  lines: number[];
}

export interface Layout {
  source: SourceText;
  /** Source lines in order, artifact lines removed. */
  physical: PhysicalLine[];
  /** Clean text: logical lines joined by '\n'. */
  text: string;
  /** toSource[i] is the source offset of text[i]; toSource[text.length] is the source end. */
  toSource: Int32Array;
  lines: LogicalLine[];
  artifacts: Artifact[];
}
