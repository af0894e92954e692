import { describe, expect, it } from 'vitest';
import { parseNumeralText, readArabic, readNumeral } from './numerals.js';

describe('readNumeral', () => {
  it.each([
    ['一百零八', '108', undefined, ''],
    ['二十五', '25', undefined, ''],
    ['十', '10', undefined, ''],
    ['两千亿', '2000', undefined, '亿'],
    ['十亿3000万', '10.3', undefined, '亿'],
    ['1亿2000万', '1.2', undefined, '亿'],
    ['1.5万', '1.5', undefined, '万'],
    ['1,100万', '1100', undefined, '万'],
    ['三千万', '3000', undefined, '万'],
    ['一万二千', '12000', undefined, ''],
    ['两万五', '25000', undefined, ''],
    ['一百五', '150', undefined, ''],
    ['两三', '2', '3', ''],
    ['三五', '3', '5', ''],
    ['十七八', '17', '18', ''],
    ['二三十', '20', '30', ''],
    ['二〇三五', '2035', undefined, ''],
    ['三点五', '3.5', undefined, ''],
    ['壹佰贰拾', '120', undefined, ''],
    ['１２．５', '12.5', undefined, ''],
  ])('%s → %s', (text, value, valueMax, magnitude) => {
    const n = readNumeral(text, 0);
    expect(n).not.toBeNull();
    expect(n!.value).toBe(value);
    expect(n!.valueMax).toBe(valueMax);
    expect(n!.magnitude).toBe(magnitude);
    expect(n!.end).toBe(text.length);
  });

  it.each(['万', '百千万', '亿万'])('rejects the malformed numeral %s', (text) => {
    expect(readNumeral(text, 0)).toBeNull();
  });

  it('stops arabic digits before 千 so that 千米 stays a unit', () => {
    expect(readNumeral('5千米', 0)).toMatchObject({ value: '5', end: 1 });
  });

  it('flags codes: leading zeros and dotted versions', () => {
    expect(readNumeral('0379', 0)!.leadingZero).toBe(true);
    expect(readNumeral('1.2.3', 0)!.dotted).toBe(true);
  });

  it.each([
    ['十四', '14'],
    ['十亿', '1000000000'],
    ['二十', '20'],
  ])('parseNumeralText(%s) = %s', (text, value) => expect(parseNumeralText(text)).toBe(value));
});

describe('arabic numerals with magnitudes', () => {
  it.each([
    ['1.5万人', '1.5', '万', 4, undefined],
    ['100亿元', '100', '亿', 4, undefined],
    ['5万亿元', '5', '万亿', 3, undefined],
    ['1亿2000万元', '1.2', '亿', 7, undefined],
    ['2万3', '2', '万', 2, undefined],
    ['１０，０００亿元', '10000', '亿', 7, undefined],
    ['0379万', '379', '万', 5, undefined],
    ['380.40元', '380.4', '', 6, undefined],
    ['2025年', '2025', '', 4, '2025'],
  ])('%s → %s %s ending at %i', (text, value, magnitude, end, arabicInteger) => {
    const n = readNumeral(text, 0)!;
    expect(n).toMatchObject({ value, magnitude, end, chinese: false });
    expect(n.arabicInteger).toBe(arabicInteger);
  });

  it('keeps the leading zero of a code whatever follows', () => {
    expect(readNumeral('0379万', 0)!.leadingZero).toBe(true);
    expect(readNumeral('0.5万', 0)!.leadingZero).toBe(false);
  });
});

describe('readArabic', () => {
  it('converts full-width digits, separators and points to ASCII', () => {
    expect(readArabic('１，２３４．５０亿', 0)).toEqual({
      end: 8,
      text: '1234.50',
      integer: '1234',
      dotted: false,
    });
  });

  it('takes a separator only before exactly three digits', () => {
    expect(readArabic('12,34', 0)).toMatchObject({ integer: '12', end: 2 });
    expect(readArabic('1,2345', 0)).toMatchObject({ integer: '1', end: 1 });
    expect(readArabic('1234,567', 0)).toMatchObject({ integer: '1234', end: 4 });
  });

  it('is null where no digit stands', () => expect(readArabic('万', 0)).toBeNull());
});
