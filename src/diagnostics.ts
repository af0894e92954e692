// Problems found while reading a document: a message with a place, never a bare exception or console.log.

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable machine code, e.g. `decode/binary`, `pdf/no-text-layer`. */
  code: string;
  message: string;
  file?: string;
  /** 1-based line in the original file, when the problem has a place. */
  line?: number;
  column?: number;
  /** What the reader expected to find there. */
  expected?: string;
}

/** An error a user can act on: it names the file, the place and what was expected. */
export class LantuError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  readonly expected?: string;

  constructor(diagnostic: Omit<Diagnostic, 'severity'>) {
    super(formatDiagnostic({ ...diagnostic, severity: 'error' }));
    this.name = 'LantuError';
    this.code = diagnostic.code;
    this.file = diagnostic.file;
    this.line = diagnostic.line;
    this.expected = diagnostic.expected;
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  const place = [d.file, d.line, d.column].filter((p) => p !== undefined).join(':');
  const expected = d.expected ? ` (expected ${d.expected})` : '';
  return `${place ? `${place}: ` : ''}${d.message}${expected}`;
}
