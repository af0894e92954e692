import { describe, expect, it } from 'vitest';
import { LantuError } from '../diagnostics.js';
import { detectFormat, readDocument } from './index.js';

const bytes = (text: string): Uint8Array => Buffer.from(text);

describe('detectFormat', () => {
  it('trusts content signatures over the file name', () => {
    expect(detectFormat(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0]), 'plan.txt')).toBe('docx');
    expect(detectFormat(bytes('%PDF-1.7\n'), 'plan.txt')).toBe('pdf');
    expect(detectFormat(bytes('\n  <!DOCTYPE html><html>'), 'plan.txt')).toBe('html');
    expect(
      detectFormat(bytes('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'), 'x'),
    ).toBe('html');
  });

  it('falls back to the extension', () => {
    expect(detectFormat(bytes('<p>规划</p>'), 'page.HTM')).toBe('html');
    expect(detectFormat(bytes('第一章'), 'plan.txt')).toBe('txt');
  });

  it('names unknown and unsupported formats', () => {
    expect(() => detectFormat(bytes('第一章'), 'plan.xyz')).toThrow(/unknown document format/);
    const doc = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]);
    expect(() => detectFormat(doc, 'old.doc')).toThrow(
      expect.objectContaining({ code: 'read/unsupported-format' }),
    );
  });
});

describe('readDocument', () => {
  it('routes by content and keeps the path', async () => {
    const doc = await readDocument(bytes('<html><body><p>规划纲要</p></body></html>'), 'mislabelled.txt');
    expect(doc).toMatchObject({ path: 'mislabelled.txt', format: 'html', text: '规划纲要' });
  });

  it('refuses empty input and a .docx that is not a zip', async () => {
    await expect(readDocument(new Uint8Array(0), 'a.txt')).rejects.toMatchObject({ code: 'read/empty' });
    await expect(readDocument(bytes('not a zip'), 'a.docx')).rejects.toBeInstanceOf(LantuError);
    await expect(readDocument(bytes('not a pdf'), 'a.pdf')).rejects.toThrow(/not a PDF: no %PDF- header/);
  });
});
