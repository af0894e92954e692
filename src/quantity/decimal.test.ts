import { describe, expect, it } from 'vitest';
import {
  addDecimal,
  compareDecimal,
  decimal,
  divideDecimal,
  isDecimal,
  multiplyDecimal,
  negateDecimal,
  shiftDecimal,
  subtractDecimal,
  toNumber,
} from './decimal.js';

describe('decimal', () => {
  it.each([
    ['1.57', '1.57'],
    ['10.0', '10'],
    ['0.07', '0.07'],
    ['-2.9', '-2.9'],
    ['1,100', '1100'],
    ['１．５', '1.5'],
    ['０３８０.４０', '380.4'],
    ['－5.54', '-5.54'],
    ['114500', '114500'],
    ['0', '0'],
    ['-0.0', '0'],
  ])('reads %s as %s', (written, expected) => {
    expect(decimal(written)).toBe(expected);
    expect(isDecimal(decimal(written))).toBe(true);
  });

  it('rejects text that is not a number', () => {
    expect(() => decimal('1.2.3')).toThrow(/not a decimal/);
    expect(() => decimal('abc')).toThrow();
  });

  it.each([
    ['10', '0.3', '10.3'],
    ['0.1', '0.2', '0.3'],
    ['-2.9', '2.9', '0'],
  ])('adds %s + %s exactly', (a, b, sum) => expect(addDecimal(a, b)).toBe(sum));

  it.each([
    ['1.57', 8, '157000000'],
    ['1030000000', -8, '10.3'],
    ['3', -4, '0.0003'],
  ])('shifts %s by 10^%i', (a, p, expected) => expect(shiftDecimal(a, p)).toBe(expected));

  it.each([
    ['1', '4', '0.25', true],
    ['2', '3', '0.6666666667', false],
    ['1', '8', '0.125', true],
  ])('divides %s / %s', (a, b, value, exact) => expect(divideDecimal(a, b)).toEqual({ value, exact }));

  it('multiplies, subtracts, negates and compares without floats', () => {
    expect(multiplyDecimal('0.1', '0.2')).toBe('0.02');
    expect(subtractDecimal('0.3', '0.1')).toBe('0.2');
    expect(negateDecimal('4.5')).toBe('-4.5');
    expect(compareDecimal('10', '9.99')).toBe(1);
    expect(compareDecimal('-1', '0')).toBe(-1);
    expect(compareDecimal('2.50', '2.5')).toBe(0);
    expect(toNumber('1.57')).toBe(1.57);
  });
});
