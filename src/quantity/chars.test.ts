import { describe, expect, it } from 'vitest';
import { codeAt, codeSet, codeValues, foldChar, foldCode } from './chars.js';

describe('character folding', () => {
  it.each([
    ['Ｋ', 'k'],
    ['ｍ', 'm'],
    ['Ｗ', 'w'],
    ['K', 'k'],
    ['²', '2'],
    ['³', '3'],
    ['μ', 'u'],
    ['µ', 'u'],
    ['﹪', '%'],
    ['％', '%'],
    ['５', '5'],
    ['亿', '亿'],
    ['k', 'k'],
  ])('folds %s to %s, on strings and on char codes alike', (ch, folded) => {
    expect(foldChar(ch)).toBe(folded);
    expect(foldCode(ch.charCodeAt(0))).toBe(folded.charCodeAt(0));
  });

  it('leaves the empty string alone', () => expect(foldChar('')).toBe(''));
});

describe('char code tables', () => {
  it('marks exactly the given characters', () => {
    const table = codeSet(['、', '-']);
    expect(table['、'.charCodeAt(0)]).toBe(1);
    expect(table['-'.charCodeAt(0)]).toBe(1);
    expect(table['。'.charCodeAt(0)]).toBe(0);
  });

  it('holds values and −1 elsewhere', () => {
    const table = codeValues({ 百: 100, 千: 1000 });
    expect(table['千'.charCodeAt(0)]).toBe(1000);
    expect(table['万'.charCodeAt(0)]).toBe(-1);
    expect(table[0]).toBe(-1);
  });

  it('rejects entries that are not one UTF-16 character', () => {
    expect(() => codeSet(['万元'])).toThrow(/single/);
  });

  it('reads code 0 outside the text, so tables answer "none" there', () => {
    expect(codeAt('万', 0)).toBe('万'.charCodeAt(0));
    expect(codeAt('万', 1)).toBe(0);
    expect(codeAt('万', -1)).toBe(0);
  });
});
