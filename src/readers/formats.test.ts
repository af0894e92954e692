// The same sample plan as TXT, DOCX, HTML and PDF (fixtures/formats) must read back to the same headings, text and table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFile } from './index.js';
import type { RawDocument } from './types.js';

const FORMATS = join(import.meta.dirname, '../../fixtures/formats');
const sampleText = readFileSync(join(FORMATS, 'sample-plan.txt'), 'utf8');
const sampleLines = sampleText.split('\n');
const tableLines = sampleLines.filter((line) => line.includes('\t'));
const paragraphs = sampleLines.filter((line) => line.trim() !== '' && !line.includes('\t'));
const headings = paragraphs.filter((line) =>
  /^(第[一二三四五六七八九十]+[篇章节]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/.test(line),
);
const squeeze = (text: string): string => text.replace(/\s+/g, '');

/** Lines of a document outside its tables, without blank lines. */
function textLines(doc: RawDocument): string[] {
  const inTable = (n: number): boolean => doc.tables.some((t) => n >= t.startLine && n <= t.endLine);
  return doc.text.split('\n').filter((line, i) => !inTable(i + 1) && line.trim() !== '');
}

function tableText(doc: RawDocument): string[] {
  const table = doc.tables[0]!;
  return doc.text.split('\n').slice(table.startLine - 1, table.endLine);
}

describe('sample plan fixture', () => {
  it('has the parts every reader is checked against', () => {
    expect(sampleLines.length).toBeGreaterThanOrEqual(80);
    expect(headings.length).toBeGreaterThanOrEqual(20);
    expect(tableLines).toHaveLength(18);
    expect(tableLines[0]).toBe('序号\t指标\t\t2020年基数\t2025年目标\t年均增长或累计\t指标属性');
  });
});

describe('TXT reader on the sample', () => {
  it('returns the file itself', async () => {
    const doc = await readFile(join(FORMATS, 'sample-plan.txt'));
    expect(doc).toMatchObject({ format: 'txt', encoding: 'utf-8', text: sampleText, tables: [] });
  });
});

/** DOCX and HTML carry real tables: the grid must match the TXT rows, with merges recorded on the cells. */
function expectSampleTable(doc: RawDocument): void {
  expect(doc.tables).toHaveLength(1);
  expect(tableText(doc)).toEqual(tableLines);
  const rows = doc.tables[0]!.rows;
  expect(rows).toHaveLength(18);
  expect(rows.every((row) => row.length === 7)).toBe(true);
  // Header: 指标 spans the name and sub-item columns.
  expect(rows[0]![1]).toEqual({ text: '指标', covered: false, rowSpan: 1, colSpan: 2 });
  expect(rows[0]![2]).toMatchObject({ text: '指标', covered: true });
  // Category row spans the whole width.
  expect(rows[1]![0]).toMatchObject({ text: '一、经济发展', colSpan: 7, covered: false });
  expect(rows[1]!.slice(1).every((c) => c.covered && c.text === '一、经济发展')).toBe(true);
  // 城镇就业 and its number span the two sub-indicator rows.
  const jobs = rows.findIndex((row) => row[1]!.text === '城镇就业' && !row[1]!.covered);
  expect(rows[jobs]![0]).toMatchObject({ text: '9', rowSpan: 2 });
  expect(rows[jobs]![1]).toMatchObject({ text: '城镇就业', rowSpan: 2, colSpan: 1 });
  expect(rows[jobs + 1]![0]).toMatchObject({ text: '9', covered: true });
  expect(rows[jobs + 1]![1]).toMatchObject({ text: '城镇就业', covered: true });
  expect(rows[jobs + 1]![2]).toMatchObject({ text: '城镇调查失业率（%）', covered: false });
}

describe('DOCX reader on the sample', () => {
  it('gives every paragraph exactly and the table as a full grid', async () => {
    const doc = await readFile(join(FORMATS, 'sample-plan.docx'));
    expect(doc.format).toBe('docx');
    expect(doc.encoding).toBeNull();
    expect(textLines(doc)).toEqual(paragraphs);
    expectSampleTable(doc);
    expect(doc.diagnostics).toEqual([]);
  });
});

describe('HTML reader on the sample', () => {
  it('gives the visible paragraphs (whitespace collapsed) and the table', async () => {
    const doc = await readFile(join(FORMATS, 'sample-plan.html'));
    expect(doc.format).toBe('html');
    expect(doc.encoding).toBe('utf-8');
    // The source wraps long paragraphs between two hanzi: no space may appear there.
    expect(textLines(doc)).toEqual(paragraphs.map((p) => p.replace(/ +/g, ' ')));
    expectSampleTable(doc);
    expect(doc.text).not.toMatch(/不应出现|tracker/);
  });
});

describe('PDF reader on the sample (LibreOffice export)', async () => {
  const doc = await readFile(join(FORMATS, 'sample-plan.pdf'));
  const lines = doc.text.split('\n');
  const flat = squeeze(lines.filter((l) => l !== '\f').join(''));

  it('separates pages with a form-feed line', () => {
    expect(doc.format).toBe('pdf');
    expect(lines.filter((l) => l === '\f').length).toBeGreaterThanOrEqual(1);
  });

  it('keeps every heading on a line of its own', () => {
    const squeezed = new Set(lines.map(squeeze));
    expect(headings.filter((h) => !squeezed.has(squeeze(h)))).toEqual([]);
  });

  it('keeps every paragraph text in order (wrapped lines joined)', () => {
    let from = 0;
    for (const paragraph of paragraphs) {
      const at = flat.indexOf(squeeze(paragraph), from);
      expect(at, paragraph).toBeGreaterThanOrEqual(from);
      from = at;
    }
  });

  it('writes table rows as one line with a TAB between cells', () => {
    const pdfRows = lines.map((l) =>
      l
        .split('\t')
        .map(squeeze)
        .filter((c) => c !== ''),
    );
    for (const row of tableLines) {
      const cells = row
        .split('\t')
        .map(squeeze)
        .filter((c) => c !== '');
      expect(pdfRows, row).toContainEqual(cells);
    }
  });

  it('puts no space between two hanzi unless the document has one there', () => {
    const spacedHanzi = /[\u4e00-\u9fff] +[\u4e00-\u9fff]/g;
    const inPdf = doc.text.match(spacedHanzi) ?? [];
    expect(inPdf.length).toBeLessThanOrEqual((sampleText.match(spacedHanzi) ?? []).length);
  });
});

describe('PDF reader, Chinese text in a predefined CMap font', () => {
  it('finds the packed CMaps of pdfjs-dist', async () => {
    const doc = await readFile(join(FORMATS, 'cmap-unigb.pdf'));
    expect(doc.text).toBe('规划纲要2025年目标');
  });
});
