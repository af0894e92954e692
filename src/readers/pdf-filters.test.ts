// The expanding PDF filters decode what the PDF reference writes, and stop at the budget however they are chained.
import { strFromU8, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ascii85, lzwRun } from '../../test/helpers/hostile.js';
import { InflateBudget } from './limits.js';
import {
  decodable,
  decodeAscii85,
  decodeAsciiHex,
  decodeLzw,
  decodeRunLength,
  decodeStream,
  streamFilters,
} from './pdf-filters.js';

const roomy = () => new InflateBudget(64 * 1024 * 1024, 'x.pdf');

describe('PDF stream filters under the inflate budget', () => {
  it('decode what the PDF reference gives: LZW, ASCII85, ASCIIHex, RunLength', () => {
    // The example of ISO 32000-1 §7.4.4.2: "-----A---B" as 9-bit LZW codes.
    const lzw = Uint8Array.from([0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01]);
    expect(strFromU8(decodeLzw(lzw, roomy(), 'lzw'))).toBe('-----A---B');
    expect(strFromU8(decodeAscii85(strToU8('9jqo^~>'), roomy(), 'a85'))).toBe('Man ');
    expect(strFromU8(decodeAscii85(strToU8('87cURD]i,"Ebo80~>'), roomy(), 'a85'))).toBe('Hello World!');
    expect(decodeAscii85(strToU8('zz~>'), roomy(), 'a85')).toEqual(new Uint8Array(8));
    expect(strFromU8(decodeAsciiHex(strToU8('48 65 6c6C 6>'), roomy(), 'hex'))).toBe('Hell`');
    expect(
      strFromU8(decodeRunLength(Uint8Array.from([2, 0x61, 0x62, 0x63, 254, 0x7a, 128]), roomy(), 'rl')),
    ).toBe('abczzz');
  });

  it('the test helpers write what the decoders read back', () => {
    const data = strToU8('BT /F1 12 Tf (规划) Tj ET\u0000\u0000\u0000\u0000!');
    expect(decodeAscii85(ascii85(data), roomy(), 'a85')).toEqual(data);
    const run = decodeLzw(lzwRun(0x20, 100_000), roomy(), 'lzw');
    expect(run.length).toBeGreaterThanOrEqual(100_000);
    expect(run.every((b) => b === 0x20)).toBe(true);
  });

  it('an LZW bomb stops at the budget, naming the stream and the filter', () => {
    const bomb = lzwRun(0x20, 64 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const budget = new InflateBudget(4 * 1024 * 1024, 'lzw.pdf');
    expect(() => decodeStream(bomb, ['LZWDecode'], budget, 'stream 1')).toThrow(
      /stream 1 \(LZWDecode\) inflates past the limit of 4 MB/,
    );
  });

  it('reads the filter chain of a stream dictionary', () => {
    expect(streamFilters('<< /Length 5 /Filter [/ASCII85Decode /FlateDecode] >>')).toEqual([
      'ASCII85Decode',
      'FlateDecode',
    ]);
    expect(streamFilters('<< /Filter/LZW /Length 5 >>')).toEqual(['LZW']);
    expect(streamFilters('<< /Length 5 >>')).toEqual([]);
    expect(decodable(['A85', 'Fl'])).toBe(true);
    expect(decodable(['DCTDecode'])).toBe(false);
  });
});
