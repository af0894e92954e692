import { describe, expect, it } from 'vitest';
import {
  comparatorWordStartsAt,
  comparatorWordsAfter,
  comparatorWordsBefore,
  normalizeComparatorWord,
  resolveComparator,
} from './comparators.js';

function around(text: string): ReturnType<typeof resolveComparator> {
  const m = /[\d.]+%?/.exec(text)!;
  return resolveComparator([
    ...comparatorWordsBefore(text, m.index),
    ...comparatorWordsAfter(text, m.index + m[0].length),
  ]);
}

describe('comparators', () => {
  it.each([
    ['达到97%以上', '以上', 'lower', false],
    ['力争达到800', '达到', 'exact', true],
    ['力争800', '力争', 'exact', true],
    ['控制在4.5%以内', '以内', 'upper', false],
    ['控制在18.5', '控制在', 'upper', false],
    ['不少于30', '不低于', 'lower', false],
    ['至少30', '不低于', 'lower', false],
    ['不超过70', '以内', 'upper', false],
    ['超3', '超过', 'lower', false],
    ['突破700', '突破', 'lower', false],
    ['7左右', '左右', 'approx', false],
    ['约8.8', '左右', 'approx', false],
    ['近1000', '其他(近)', 'approx', false],
    ['保持5%以上', '以上', 'lower', false],
    ['年均下降5%', '下降', 'exact', false],
    ['提高到0.656', '其他(提高到)', 'exact', false],
    ['≥2.5', '不低于', 'lower', false],
    ['＜4', '以内', 'upper', false],
    ['>10', '超过', 'lower', false],
    ['争取50%以下', '以内', 'upper', true],
  ])('%s → %s', (text, label, direction, aspirational) => {
    const c = around(text);
    expect(c).toBeDefined();
    expect(c!.label).toBe(label);
    expect(c!.direction).toBe(direction);
    expect(c!.aspirational).toBe(aspirational);
  });

  it('marks a change direction', () => {
    expect(around('下降9.2%')!.change).toBe('down');
    expect(around('增长7%')).toMatchObject({ label: '达到', change: 'up' });
  });

  it('does not read the tail of a word as a comparator (附近, 节约)', () => {
    expect(around('附近3')).toBeUndefined();
    expect(around('节约5')).toBeUndefined();
  });

  it.each([
    ['不少于', '不低于'],
    ['以下', '以内'],
    ['超', '超过'],
    ['增长', '其他(增长)'],
    ['实现', '其他(实现)'],
  ])('normalizes %s to %s', (word, label) => expect(normalizeComparatorWord(word)).toBe(label));
});

describe('comparatorWordStartsAt', () => {
  it.each([
    ['97%以上', 3, true],
    ['7左右', 1, true],
    ['100及以下', 3, true],
    ['5家企业', 2, false],
    ['5 以上', 1, false],
    ['5', 1, false],
  ])('%s at %i → %s', (text, pos, expected) => expect(comparatorWordStartsAt(text, pos)).toBe(expected));
});
