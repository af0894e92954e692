import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LantuError } from '../diagnostics.js';
import { readDocument } from './index.js';
import { closeChineseGaps, ocrPdf, ocrSupport, DEFAULT_OCR_LIMITS } from './ocr.js';

const FORMATS = new URL('../../fixtures/formats/', import.meta.url);
const bytesOf = (name: string) => new Uint8Array(readFileSync(new URL(name, FORMATS)));

describe('OCR of scanned PDFs (tesseract-ocr, tesseract-ocr-chi-sim, poppler-utils)', () => {
  it('is installed here (scripts/test-prerequisites.mjs installs it)', () => {
    expect(ocrSupport()).toEqual({ ready: true });
  });

  it('reads the heading and the figures of a scanned page of a real bulletin', async () => {
    const raw = await readDocument(bytesOf('scanned-xian-bulletin.pdf'), 'scanned-xian-bulletin.pdf');
    const text = raw.text.replace(/ /g, '');
    expect(text).toContain('西安市2025年国民经济和社会发展统计公报');
    expect(text).toContain('13902.67亿元');
    expect(text).toContain('3970.37亿元');
    expect(raw.diagnostics.map((d) => d.code)).toEqual(['pdf/ocr']);
  }, 120_000);

  it('reads at most the page cap and reports the pages left', async () => {
    const { pages, diagnostics } = await ocrPdf(bytesOf('scanned-no-text.pdf'), 'scan.pdf', 2, {
      ...DEFAULT_OCR_LIMITS,
      maxPages: 1,
    });
    expect(pages).toHaveLength(1);
    const cap = diagnostics.find((d) => d.code === 'pdf/ocr-page-cap')!;
    expect(cap.message).toContain('pages 2–2 of 2 not read');
  }, 60_000);

  it('stops at the time limit instead of holding the server, and says which pages it skipped', async () => {
    const started = Date.now();
    const { diagnostics } = await ocrPdf(bytesOf('scanned-no-text.pdf'), 'scan.pdf', 2, {
      ...DEFAULT_OCR_LIMITS,
      totalSeconds: 0.05,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(diagnostics.find((d) => d.code === 'pdf/ocr-time-limit')?.message).toMatch(
      /pages \d–2 of 2 not read/,
    );
  }, 60_000);

  it('without the packages, refuses a scan with a message naming them (never a crash)', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(ocrSupport()).toEqual({
        ready: false,
        missing: ['tesseract-ocr', 'tesseract-ocr-chi-sim', 'poppler-utils'],
      });
      const error = await readDocument(bytesOf('scanned-no-text.pdf'), 'scan.pdf').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LantuError);
      expect((error as LantuError).code).toBe('pdf/no-text-layer');
      expect((error as Error).message).toContain(
        'apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils',
      );
    } finally {
      process.env.PATH = path;
    }
  });

  it('closes the spaces tesseract puts between Chinese characters, keeping those beside Latin and digits', () => {
    expect(closeChineseGaps('西 安 市 2025 年 国 民 经 济 ， 增 长 4.7% 。 GDP 总 量')).toBe(
      '西安市 2025 年国民经济，增长 4.7% 。 GDP 总量',
    );
  });
});
