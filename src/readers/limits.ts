// Limits on reading one document, so that no file (zip bomb, flate bomb, nested PDF, endless line) can stall a run.
import { LantuError } from '../diagnostics.js';

export interface ReadLimits {
  /** Bytes all inflated DOCX parts and PDF streams of one document may take together (counted as they inflate). */
  maxInflatedBytes: number;
  /** Pages of a PDF. */
  maxPages: number;
  /** Depth of nested q/Q, arrays and dictionaries in a PDF content stream. */
  maxNesting: number;
  /** Characters on one line of the text read. */
  maxLineChars: number;
  /** Seconds one document may take from reading to extraction (in a worker thread, which is stopped past it). */
  seconds: number;
  /** Heap of the worker thread reading one document, in MB (V8's old generation). */
  heapMb: number;
}

export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = {
  maxInflatedBytes: 256 * 1024 * 1024,
  maxPages: 5000,
  maxNesting: 256,
  maxLineChars: 100_000,
  seconds: 120,
  heapMb: 2048,
};

/** The environment variable that overrides each limit (sizes in MB, time in seconds). */
export const READ_LIMIT_ENV: Readonly<Record<keyof ReadLimits, string>> = {
  maxInflatedBytes: 'LANTU_READ_INFLATE_MB',
  maxPages: 'LANTU_READ_MAX_PAGES',
  maxNesting: 'LANTU_READ_MAX_NESTING',
  maxLineChars: 'LANTU_READ_MAX_LINE',
  seconds: 'LANTU_READ_SECONDS',
  heapMb: 'LANTU_READ_HEAP_MB',
};

/** The defaults, overridden by the environment, overridden by `overrides`; a malformed variable is an error. */
export function readLimits(
  overrides: Partial<ReadLimits> = {},
  env: NodeJS.ProcessEnv = process.env,
): ReadLimits {
  const limits = { ...DEFAULT_READ_LIMITS };
  for (const key of Object.keys(READ_LIMIT_ENV) as Array<keyof ReadLimits>) {
    const name = READ_LIMIT_ENV[key];
    const raw = env[name]?.trim();
    if (!raw) continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) {
      throw new LantuError({
        code: 'config/read-limit',
        message: `${name}="${raw}" is not a positive number`,
        expected: `a positive number (${key === 'maxInflatedBytes' ? 'MB' : key === 'seconds' ? 'seconds' : key === 'heapMb' ? 'MB' : 'a count'})`,
      });
    }
    limits[key] = key === 'maxInflatedBytes' ? Math.round(value * 1024 * 1024) : value;
  }
  return { ...limits, ...definedOnly(overrides) };
}

/** The error for a document over one of its limits; code `limit/<what>` so callers can answer 422. */
export function limitError(file: string, what: string, message: string, expected: string): LantuError {
  return new LantuError({ code: `limit/${what}`, file, message, expected });
}

export function isLimitCode(code: string | undefined): boolean {
  return code?.startsWith('limit/') ?? false;
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;
}

/** A running count of inflated bytes against the document's budget, shared by every part or stream it inflates. */
export class InflateBudget {
  used = 0;
  constructor(
    readonly limit: number,
    readonly file: string,
  ) {}

  /** Counts `bytes` more; past the budget, the error names what was being inflated. */
  take(bytes: number, what: string): void {
    this.used += bytes;
    if (this.used > this.limit) {
      throw limitError(
        this.file,
        'inflated-size',
        `${what} inflates past the limit of ${formatMegabytes(this.limit)} of uncompressed content (a compression bomb?)`,
        `a document whose parts inflate to at most ${formatMegabytes(this.limit)} (${READ_LIMIT_ENV.maxInflatedBytes} raises it)`,
      );
    }
  }
}

function definedOnly<T extends object>(o: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
