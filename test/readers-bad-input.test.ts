// Bad input never crashes a reader: each file decodes correctly (encoding named) or fails with a LantuError naming it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LantuError } from '../src/diagnostics.js';
import { readFile } from '../src/readers/index.js';
import type { RawDocument } from '../src/readers/types.js';

const BAD = join(import.meta.dirname, '../fixtures/bad');
const FORMATS = join(import.meta.dirname, '../fixtures/formats');
const CHINESE =
  '第一章  发展环境\n2020年全区生产总值达到380.4亿元，年均增长6.8%。\n“十四五”时期，城镇调查失业率控制在5.5%以内。\n';

async function outcome(path: string, maxBytes?: number): Promise<RawDocument | LantuError> {
  try {
    return await readFile(path, { maxBytes });
  } catch (error) {
    // Anything but a LantuError is a crash: let it fail the test.
    if (error instanceof LantuError) return error;
    throw error;
  }
}

async function expectError(path: string, code: string): Promise<LantuError> {
  const result = await outcome(path);
  expect(result, `${path} should fail`).toBeInstanceOf(LantuError);
  const error = result as LantuError;
  expect(error.code).toBe(code);
  expect(error.file).toBe(path);
  expect(error.message).toContain(path);
  return error;
}

async function expectText(path: string, encoding: string): Promise<RawDocument> {
  const result = await outcome(path);
  expect(result, `${path} should decode`).not.toBeInstanceOf(LantuError);
  const doc = result as RawDocument;
  expect(doc.encoding).toBe(encoding);
  expect(doc.text.trim()).not.toBe('');
  return doc;
}

describe('bad input fixtures', () => {
  it('empty.txt → read/empty', async () => {
    await expectError(join(BAD, 'empty.txt'), 'read/empty');
  });

  it('random.bin → unknown format (no signature, unknown extension)', async () => {
    await expectError(join(BAD, 'random.bin'), 'read/unknown-format');
  });

  it('random-as.txt (a PNG named .txt) → decode/binary naming the format', async () => {
    const error = await expectError(join(BAD, 'random-as.txt'), 'decode/binary');
    expect(error.message).toMatch(/PNG image/);
  });

  it('truncated.docx → docx/corrupt', async () => {
    const error = await expectError(join(BAD, 'truncated.docx'), 'docx/corrupt');
    expect(error.message).toMatch(/truncated or damaged/);
  });

  it('truncated.pdf → pdf/corrupt', async () => {
    const error = await expectError(join(BAD, 'truncated.pdf'), 'pdf/corrupt');
    expect(error.message).toMatch(/truncated/);
  });

  it('encrypted.pdf → pdf/encrypted', async () => {
    const error = await expectError(join(BAD, 'encrypted.pdf'), 'pdf/encrypted');
    expect(error.message).toMatch(/password/);
  });

  it('a scanned PDF → pdf/no-text-layer with its page count', async () => {
    const path = join(FORMATS, 'scanned-no-text.pdf');
    const error = await expectError(path, 'pdf/no-text-layer');
    // OCR, when installed, reads the page images and finds no text in them (rectangles only).
    expect(error.message).toContain(`scanned PDF, no text layer: ${path} (2 pages)`);
  });

  it('gbk.txt decodes as gb18030', async () => {
    expect((await expectText(join(BAD, 'gbk.txt'), 'gb18030')).text).toBe(CHINESE);
  });

  it('utf16le.txt decodes as utf-16le', async () => {
    expect((await expectText(join(BAD, 'utf16le.txt'), 'utf-16le')).text).toBe(CHINESE);
  });

  it('utf8-bom.txt decodes as utf-8-bom', async () => {
    expect((await expectText(join(BAD, 'utf8-bom.txt'), 'utf-8-bom')).text).toBe(CHINESE);
  });

  it('mixed-encodings.txt decodes by the majority and names the GBK lines', async () => {
    const doc = await expectText(join(BAD, 'mixed-encodings.txt'), 'utf-8');
    const lines = doc.text.split('\n');
    expect(lines[3]).toBe('第一章  发展环境（第4行）');
    expect(lines[6]).toBe('第一章  发展环境（第7行）');
    expect(doc.text).not.toContain('\ufffd');
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'decode/mixed-encoding', line: 4 }),
    ]);
    expect(doc.diagnostics[0]!.message).toContain('lines 4, 7 ');
  });

  it('hostile.html (100k nested tags, scripts, huge attribute, huge spans) reads without crashing', async () => {
    const doc = await expectText(join(BAD, 'hostile.html'), 'utf-8');
    const lines = doc.text.split('\n');
    expect(lines).toContain('深层正文');
    expect(lines).toContain('超长属性后的正文');
    expect(lines).toContain('未闭合段落未闭合粗体未闭合斜体');
    expect(doc.text).not.toMatch(/脚本不应出现|未闭合脚本/);
    expect(doc.tables[0]!.rows[0]![0]).toMatchObject({ text: '巨大合并单元格', rowSpan: 1 });
    expect(doc.diagnostics.map((d) => d.code)).toContain('table/clipped');
  });
});

describe('large input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantu-readers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('decodes a 50 MB UTF-8 text file', async () => {
    const path = join(dir, 'big.txt');
    const block = Buffer.from(CHINESE.repeat(1000));
    const copies = Math.ceil((50 * 1024 * 1024) / block.length);
    writeFileSync(path, Buffer.concat(Array.from({ length: copies }, () => block)));
    const doc = await expectText(path, 'utf-8');
    expect(doc.text.length).toBe(CHINESE.length * 1000 * copies);
    expect(doc.diagnostics).toEqual([]);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const path = join(dir, 'limit.txt');
    writeFileSync(path, CHINESE.repeat(100));
    const result = await outcome(path, 1000);
    expect(result).toBeInstanceOf(LantuError);
    expect(result).toMatchObject({ code: 'read/too-large', file: path });
    expect((result as LantuError).message).toMatch(/over the 1000 bytes limit/);
  });
});
