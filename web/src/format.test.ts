import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent, formatPeriod, formatQuantity } from './format';

describe('Chinese number formatting', () => {
  it('keeps units that already carry 亿 or 万', () => {
    expect(formatQuantity('800', '亿元')).toBe('800亿元');
    expect(formatQuantity(13.3, '万元')).toBe('13.3万元');
    expect(formatQuantity('2.5', '万人')).toBe('2.5万人');
  });
  it('rewrites large counts of yuan and people with 万 and 亿', () => {
    expect(formatQuantity(123456789, '元')).toBe('1.23亿元');
    expect(formatQuantity(45000, '人')).toBe('4.5万人');
    expect(formatQuantity(9800, '人')).toBe('9800人');
  });
  it('never scales percentages or rates', () => {
    expect(formatQuantity(123456, '%')).toBe('123456%');
    expect(formatPercent(16.0345)).toBe('16.03%');
    expect(formatPercent(2, true)).toBe('+2%');
  });
  it('shows missing values as a dash and drops float noise', () => {
    expect(formatQuantity(null, '亿元')).toBe('—');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1234567.891)).toBe('1234567.89');
  });
  it('writes periods with 年', () => {
    expect(formatPeriod(2021, 2025)).toBe('2021—2025年');
    expect(formatPeriod(2022, 2022)).toBe('2022年');
  });
});
