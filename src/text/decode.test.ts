import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { LantuError } from '../diagnostics.js';
import { decodeText, firstInvalidUtf8 } from './decode.js';

const PLAN =
  '第一章  发展环境\n2020年全区生产总值达到380.4亿元，年均增长6.8%。\n“十四五”时期，城镇调查失业率控制在5.5%以内。\n';

function decodeError(bytes: Uint8Array, file = 'plan.txt'): LantuError {
  try {
    decodeText(bytes, file);
  } catch (error) {
    if (error instanceof LantuError) return error;
    throw error;
  }
  throw new Error('expected a LantuError');
}

describe('decodeText', () => {
  it('decodes UTF-8 and keeps CRLF and the final line exactly', () => {
    const text = '序  言\r\n本规划纲要执行期为2021年-2025年。\r\n ';
    const decoded = decodeText(Buffer.from(text, 'utf8'), 'a.txt');
    expect(decoded).toEqual({ text, encoding: 'utf-8', diagnostics: [] });
  });

  it('strips a UTF-8 BOM and names it', () => {
    const decoded = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PLAN)]), 'a.txt');
    expect(decoded.encoding).toBe('utf-8-bom');
    expect(decoded.text).toBe(PLAN);
  });

  it('decodes UTF-16 LE and BE with BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PLAN, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeText(le, 'le.txt')).toMatchObject({ text: PLAN, encoding: 'utf-16le' });
    expect(decodeText(be, 'be.txt')).toMatchObject({ text: PLAN, encoding: 'utf-16be' });
  });

  it('refuses a truncated UTF-16 file with its byte count', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PLAN, 'utf16le'), Buffer.from([0x41])]);
    const error = decodeError(le);
    expect(error.code).toBe('decode/undecodable');
    expect(error.message).toMatch(/odd number of bytes/);
  });

  it('detects GBK/GB18030 when the bytes are not UTF-8', () => {
    const decoded = decodeText(iconv.encode(PLAN, 'gbk'), 'gbk.txt');
    expect(decoded).toEqual({ text: PLAN, encoding: 'gb18030', diagnostics: [] });
    const gb18030 = '𠀀字与€符号：规划纲要\n';
    expect(decodeText(iconv.encode(gb18030, 'gb18030'), 'x.txt').text).toBe(gb18030);
  });

  it('decodes a mostly UTF-8 file with a few GBK lines and names those lines in a warning', () => {
    const lines = PLAN.split('\n').slice(0, 3);
    const bytes = Buffer.concat([
      Buffer.from(`${lines[0]}\n`),
      iconv.encode(`${lines[1]}\n`, 'gbk'),
      Buffer.from(`${lines[2]}\n${lines[0]}\n${lines[2]}\n`),
    ]);
    const decoded = decodeText(bytes, 'mixed.txt');
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toBe(`${lines[0]}\n${lines[1]}\n${lines[2]}\n${lines[0]}\n${lines[2]}\n`);
    expect(decoded.diagnostics).toHaveLength(1);
    expect(decoded.diagnostics[0]).toMatchObject({
      severity: 'warning',
      code: 'decode/mixed-encoding',
      line: 2,
    });
    expect(decoded.diagnostics[0]!.message).toContain('line 2 ');
  });

  it('decodes a mostly GBK file with a UTF-8 line by the majority', () => {
    const bytes = Buffer.concat([iconv.encode(PLAN + PLAN, 'gbk'), Buffer.from('专栏1  主要指标\n')]);
    const decoded = decodeText(bytes, 'mixed.txt');
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toBe(`${PLAN}${PLAN}专栏1  主要指标\n`);
    expect(decoded.diagnostics[0]).toMatchObject({ code: 'decode/mixed-encoding', line: 7 });
  });

  it('refuses binary data with a NUL byte, naming the byte offset and line', () => {
    const bytes = Buffer.concat([Buffer.from('第一行\n第二行'), Buffer.from([0x00, 0x01, 0x02])]);
    const error = decodeError(bytes, 'data.txt');
    expect(error).toMatchObject({ code: 'decode/binary', file: 'data.txt', line: 2 });
    expect(error.message).toContain('byte offset 19');
  });

  it('names the format of a known binary signature', () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml')]);
    expect(decodeError(zip).message).toMatch(/ZIP archive/);
    expect(decodeError(Buffer.from('%PDF-1.7\n%âãÏÓ\n')).message).toMatch(/PDF document/);
  });

  it('refuses text full of control characters but keeps a few with a warning', () => {
    const noisy = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? 0x07 : 0x61)));
    expect(decodeError(noisy).code).toBe('decode/binary');
    const decoded = decodeText(Buffer.from(`${'正文'.repeat(200)}\n第二行\u0007\n`), 'bell.txt');
    expect(decoded.diagnostics).toEqual([expect.objectContaining({ code: 'decode/control-chars', line: 2 })]);
  });

  it('refuses text that is neither UTF-8 nor GB18030 with the first bad line and offset', () => {
    const latin1 = Buffer.from('Plan für Entwicklung\nZiel: Erhöhung der Qualität\n', 'latin1');
    const error = decodeError(latin1, 'de.txt');
    expect(error).toMatchObject({ code: 'decode/undecodable', file: 'de.txt', line: 1 });
    expect(error.message).toMatch(/byte 0xFC at byte offset 6/);
    expect(error.expected).toMatch(/UTF-8/);
  });

  it('refuses Big5 text instead of passing it off as GB18030', () => {
    const traditional =
      '國民經濟和社會發展第十四個五年規劃和二〇三五年遠景目標綱要，堅持創新驅動發展，全面塑造發展新優勢。'.repeat(
        3,
      );
    const error = decodeError(iconv.encode(traditional, 'big5'), 'big5.txt');
    expect(error.code).toBe('decode/undecodable');
    expect(error.message).toMatch(/Big5/);
  });

  it('refuses empty and whitespace-only files', () => {
    expect(decodeError(new Uint8Array(0)).code).toBe('read/empty');
    expect(decodeError(Buffer.from(' \r\n\t\n')).code).toBe('read/empty');
    expect(decodeError(Buffer.from([0xef, 0xbb, 0xbf])).code).toBe('read/empty');
  });
});

describe('firstInvalidUtf8', () => {
  it('accepts valid UTF-8 and finds the first bad byte', () => {
    expect(firstInvalidUtf8(Buffer.from('规划 plan 😀'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // surrogate
    expect(firstInvalidUtf8(Buffer.from([0xe8, 0xa7]))).toBe(0); // truncated sequence
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xff]))).toBe(2);
  });
});
