import { describe, expect, it } from 'vitest';
import { displayWidth, isTrimmed, isWhitespaceCode } from './width.js';

describe('displayWidth', () => {
  it('counts a CJK or full-width character as 1 and a half-width one as 0.5', () => {
    expect(displayWidth('')).toBe(0);
    expect(displayWidth('地区生产总值')).toBe(6);
    expect(displayWidth('GDP 5.5%')).toBe(4);
    expect(displayWidth('增长5.5％')).toBe(4.5);
    expect(displayWidth('ｶﾀｶﾅ')).toBe(2);
  });
});

describe('whitespace by char code', () => {
  it('isWhitespaceCode is exactly what \\s matches, in every UTF-16 code unit', () => {
    const differ: number[] = [];
    for (let code = 0; code < 0x10000; code++)
      if (isWhitespaceCode(code) !== /\s/.test(String.fromCharCode(code))) differ.push(code);
    expect(differ).toEqual([]);
  });

  it('isTrimmed is true exactly when trim() changes nothing, for every code unit at either end', () => {
    const differ: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const ch = String.fromCharCode(code);
      for (const text of [`${ch}指标`, `指标${ch}`, ch])
        if (isTrimmed(text) !== (text.trim() === text)) differ.push(code);
    }
    expect(differ).toEqual([]);
    expect(isTrimmed('')).toBe(true);
  });
});
