// OCR for scanned PDFs: pages rendered by pdftoppm (poppler-utils), read by tesseract with chi_sim, capped in pages and time.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LantuError, type Diagnostic } from '../diagnostics.js';
import { isWideChar } from './cjk.js';
import type { RawDocument } from './types.js';

/** The Debian packages OCR needs, in the order `apt-get install` takes them. */
export const OCR_PACKAGES = ['tesseract-ocr', 'tesseract-ocr-chi-sim', 'poppler-utils'] as const;

export interface OcrLimits {
  /** Pages read at most; later pages are reported, not read (a 500-page scan must not hold a server for an hour). */
  maxPages: number;
  /** Seconds one page may take (render and read). */
  pageSeconds: number;
  /** Seconds the whole document may take; pages left when it runs out are reported. */
  totalSeconds: number;
  /** Rendering resolution: tesseract reads Chinese best at about 300 dpi. */
  dpi: number;
}

export const DEFAULT_OCR_LIMITS: OcrLimits = { maxPages: 50, pageSeconds: 60, totalSeconds: 300, dpi: 300 };

/** Limits from LANTU_OCR_MAX_PAGES, LANTU_OCR_PAGE_SECONDS and LANTU_OCR_TOTAL_SECONDS (positive numbers). */
export function ocrLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): OcrLimits {
  const read = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    maxPages: Math.floor(read('LANTU_OCR_MAX_PAGES', DEFAULT_OCR_LIMITS.maxPages)),
    pageSeconds: read('LANTU_OCR_PAGE_SECONDS', DEFAULT_OCR_LIMITS.pageSeconds),
    totalSeconds: read('LANTU_OCR_TOTAL_SECONDS', DEFAULT_OCR_LIMITS.totalSeconds),
    dpi: DEFAULT_OCR_LIMITS.dpi,
  };
}

export type OcrSupport = { ready: true } | { ready: false; missing: string[] };

const supportByPath = new Map<string, OcrSupport>();

/** Whether tesseract with chi_sim and pdftoppm are on the PATH (asked once per PATH); else the packages missing. */
export function ocrSupport(env: NodeJS.ProcessEnv = process.env): OcrSupport {
  const key = env.PATH ?? '';
  const known = supportByPath.get(key);
  if (known) return known;
  const options = { encoding: 'utf8', timeout: 10_000, env } as const;
  const missing: string[] = [];
  const langs = spawnSync('tesseract', ['--list-langs'], options);
  if (langs.status !== 0) missing.push('tesseract-ocr', 'tesseract-ocr-chi-sim');
  else if (!/^chi_sim$/m.test(`${langs.stdout}\n${langs.stderr}`)) missing.push('tesseract-ocr-chi-sim');
  if (spawnSync('pdftoppm', ['-v'], options).error) missing.push('poppler-utils');
  const found: OcrSupport = missing.length === 0 ? { ready: true } : { ready: false, missing };
  supportByPath.set(key, found);
  return found;
}

/** One sentence on what is missing and the command that installs it. */
export function ocrMissingMessage(missing: readonly string[]): string {
  return `OCR needs ${missing.join(', ')} (Debian: apt-get install ${OCR_PACKAGES.join(' ')})`;
}

export interface OcrResult {
  /** Text of each page read, in order (page 1 first). */
  pages: string[];
  diagnostics: Diagnostic[];
}

function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      // One thread: the machine's cores belong to every user of the server, not to one scan.
      {
        timeout: timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
        encoding: 'utf8',
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

/** Tesseract puts a space between Chinese characters; Chinese text has none (a space next to Latin or digits stays). */
export function closeChineseGaps(line: string): string {
  const chars = [...line.trimEnd()];
  let out = '';
  chars.forEach((ch, i) => {
    if (ch === ' ' && isWideChar(out.at(-1)) && isWideChar(chars.slice(i + 1).find((c) => c !== ' '))) return;
    out += ch;
  });
  return out;
}

/**
 * Read the pages of a scanned PDF by OCR, at most `limits.maxPages` and within `limits.totalSeconds`; a page that
 * fails or times out is reported and left empty. The caller checks `ocrSupport()` first.
 */
export async function ocrPdf(
  bytes: Uint8Array,
  path: string,
  pageCount: number,
  limits: OcrLimits = ocrLimitsFromEnv(),
): Promise<OcrResult> {
  const dir = await mkdtemp(join(tmpdir(), 'lantu-ocr-'));
  const diagnostics: Diagnostic[] = [];
  const pages: string[] = [];
  const deadline = Date.now() + limits.totalSeconds * 1000;
  const failed: number[] = [];
  try {
    const pdf = join(dir, 'scan.pdf');
    await writeFile(pdf, bytes);
    const last = Math.min(pageCount, limits.maxPages);
    for (let n = 1; n <= last; n++) {
      const left = deadline - Date.now();
      if (left <= 0) {
        diagnostics.push({
          severity: 'warning',
          code: 'pdf/ocr-time-limit',
          file: path,
          message: `OCR stopped after ${limits.totalSeconds} s: pages ${n}–${pageCount} of ${pageCount} not read (LANTU_OCR_TOTAL_SECONDS)`,
        });
        break;
      }
      const budget = Math.min(left, limits.pageSeconds * 1000);
      const started = Date.now();
      try {
        const image = join(dir, `page-${n}`);
        await run(
          'pdftoppm',
          [
            '-r',
            String(limits.dpi),
            '-gray',
            '-png',
            '-singlefile',
            '-f',
            String(n),
            '-l',
            String(n),
            pdf,
            image,
          ],
          budget,
        );
        const text = await run(
          'tesseract',
          [`${image}.png`, 'stdout', '-l', 'chi_sim'],
          Math.max(1, budget - (Date.now() - started)),
        );
        pages.push(text.split('\n').map(closeChineseGaps).join('\n').replace(/\f/g, '').trim());
        await rm(`${image}.png`, { force: true });
      } catch {
        failed.push(n);
        pages.push('');
      }
    }
    if (failed.length > 0)
      diagnostics.push({
        severity: 'warning',
        code: 'pdf/ocr-page-failed',
        file: path,
        message: `OCR could not read ${failed.length === 1 ? 'page' : 'pages'} ${failed.join(', ')} within ${limits.pageSeconds} s a page (LANTU_OCR_PAGE_SECONDS)`,
      });
    if (pageCount > limits.maxPages)
      diagnostics.push({
        severity: 'warning',
        code: 'pdf/ocr-page-cap',
        file: path,
        message: `OCR reads at most ${limits.maxPages} pages: pages ${limits.maxPages + 1}–${pageCount} of ${pageCount} not read (LANTU_OCR_MAX_PAGES)`,
      });
    diagnostics.unshift({
      severity: 'info',
      code: 'pdf/ocr',
      file: path,
      message: `no text layer: text read by OCR (tesseract, chi_sim, ${limits.dpi} dpi) from ${pages.length - failed.length} of ${pageCount} ${pageCount === 1 ? 'page' : 'pages'}; check figures against the scan`,
    });
    return { pages, diagnostics };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A PDF without a text layer, read by OCR when it is installed: its pages joined as the PDF reader joins them
 * (a form feed line between pages). Refused, naming the packages, when OCR is missing or reads nothing.
 */
export async function readScannedPdf(
  bytes: Uint8Array,
  path: string,
  pageCount: number,
): Promise<RawDocument> {
  const pages = `${pageCount} ${pageCount === 1 ? 'page' : 'pages'}`;
  const ready = ocrSupport();
  if (!ready.ready)
    throw new LantuError({
      code: 'pdf/no-text-layer',
      file: path,
      message: `scanned PDF, no text layer: ${path} (${pages}); run OCR first: ${ocrMissingMessage(ready.missing)}`,
      expected: 'a PDF with a text layer, or OCR installed',
    });
  const { pages: texts, diagnostics } = await ocrPdf(bytes, path, pageCount);
  if (!texts.some((t) => /[\p{L}\p{N}]/u.test(t)))
    throw new LantuError({
      code: 'pdf/no-text-layer',
      file: path,
      message: `scanned PDF, no text layer: ${path} (${pages}); OCR (tesseract, chi_sim) read no text from it`,
      expected: 'a PDF with a text layer, or a scan of printed text',
    });
  return { path, format: 'pdf', encoding: null, text: texts.join('\n\f\n'), tables: [], diagnostics };
}
