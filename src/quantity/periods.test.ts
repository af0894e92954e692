import { describe, expect, it } from 'vitest';
import { fiveYearPlanPeriod, isPlausibleYear } from './periods.js';

describe('fiveYearPlanPeriod', () => {
  it.each([
    ['十一五', 2006, 2010],
    ['十二五', 2011, 2015],
    ['十三五', 2016, 2020],
    ['十四五', 2021, 2025],
    ['“十五五”', 2026, 2030],
    ['十六五', 2031, 2035],
    ['第十四个五年规划', 2021, 2025],
    ['十五', 2001, 2005],
    ['九五', 1996, 2000],
  ])('%s → %i–%i', (label, start, end) => expect(fiveYearPlanPeriod(label)).toEqual({ start, end }));

  it('takes an ordinal number and rejects nonsense', () => {
    expect(fiveYearPlanPeriod(1)).toEqual({ start: 1953, end: 1957 });
    expect(fiveYearPlanPeriod(15)).toEqual({ start: 2026, end: 2030 });
    expect(fiveYearPlanPeriod('规划')).toBeNull();
    expect(fiveYearPlanPeriod(0)).toBeNull();
  });

  it('knows plausible years', () => {
    expect(isPlausibleYear(2035)).toBe(true);
    expect(isPlausibleYear(5000)).toBe(false);
  });
});
