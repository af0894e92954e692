import { describe, expect, it } from 'vitest';
import { readCell, moneyIn100M } from './cell.js';
import { averageGrowth, compoundReduction, elapsedShare, expectedValue, meanGrowthOfRates } from './path.js';
import { fiveYearPlanYears, tableYears, targetsFromRow } from './target.js';
import type { IndicatorRowOut } from '../extract/index.js';

describe('path arithmetic', () => {
  it('computes the compound and linear paths', () => {
    // 451.9 → 820 over 5 years: at 2023, 451.9·(820/451.9)^0.6.
    expect(expectedValue(451.9, 820, 2020, 2025, 2023).value).toBeCloseTo(
      451.9 * Math.pow(820 / 451.9, 0.6),
      9,
    );
    expect(expectedValue(10, 20, 2020, 2025, 2021, 'linear').value).toBe(12);
    expect(expectedValue(-5, 5, 2020, 2025, 2025)).toEqual({ value: 5, method: 'linear' });
  });

  it('clamps the elapsed share', () => {
    expect(elapsedShare(2020, 2025, 2027)).toBe(1);
    expect(elapsedShare(2020, 2025, 2019)).toBe(0);
  });

  it('computes growth three ways', () => {
    // 451.9 → 820 in five years: (820/451.9)^(1/5) − 1 = 12.66 %.
    expect(averageGrowth(451.9, 820, 5)).toBeCloseTo(12.655, 2);
    expect(averageGrowth(0, 10, 5)).toBeNull();
    expect(meanGrowthOfRates([10, -10])).toBeCloseTo((Math.sqrt(0.99) - 1) * 100, 9);
    expect(compoundReduction([10, 10])).toBeCloseTo(19, 9);
  });
});

describe('cells (temporary adapter)', () => {
  it.each([
    ['>10', { type: 'number', value: 10, bound: 'floor', strict: true }],
    ['＜4', { type: 'number', value: 4, bound: 'ceiling', strict: true }],
    ['70以上', { type: 'number', value: 70, bound: 'floor', strict: false }],
    ['4.5以内', { type: 'number', value: 4.5, bound: 'ceiling' }],
    ['7左右', { type: 'number', value: 7, bound: 'about' }],
    ['[2.9]', { type: 'number', value: 2.9, cumulative: true }],
    ['〔13.5〕', { type: 'number', value: 13.5, cumulative: true }],
    ['五年下降18%', { type: 'number', value: 18, cumulative: true, reduction: true }],
    ['-5.54', { type: 'number', value: -5.54 }],
    ['3.01亿', { type: 'number', value: 3.01, unit: '亿元' }],
    ['—', { type: 'empty' }],
    ['-', { type: 'empty' }],
    ['按市下达目标', { type: 'delegated' }],
    ['控制在下达目标内', { type: 'delegated' }],
    ['与经济增长基本同步', { type: 'text' }],
  ])('%s', (raw, expected) => {
    expect(readCell(raw)).toMatchObject(expected);
  });

  it('reads money amounts in 亿元', () => {
    expect(moneyIn100M('5000万元')?.value).toBeCloseTo(0.5, 12);
    expect(moneyIn100M('投资1.2亿元')).toEqual({ value: 1.2, decimals: 1 });
    expect(moneyIn100M('若干')).toBeNull();
  });
});

describe('targets from table rows', () => {
  const row = (cells: Partial<IndicatorRowOut>): IndicatorRowOut => ({
    category: null,
    seq: null,
    name: '指标',
    unit: '%',
    base_raw: null,
    target_raw: null,
    growth_raw: null,
    attribute: null,
    parent: null,
    line: 1,
    ...cells,
  });
  const years = { baseYear: 2020, targetYear: 2025, actualYear: null };

  it('tells level, bound, cumulative, growth and qualitative apart', () => {
    expect(
      targetsFromRow(row({ base_raw: '451.9', target_raw: '820', growth_raw: '9.8' }), years).targets.map(
        (t) => t.kind,
      ),
    ).toEqual(['level', 'growth']);
    expect(targetsFromRow(row({ base_raw: '64.63', target_raw: '70以上' }), years).targets[0]?.kind).toBe(
      'level',
    );
    expect(targetsFromRow(row({ base_raw: '97', target_raw: '97以上' }), years).targets[0]).toMatchObject({
      kind: 'bound',
      bound: 'floor',
    });
    expect(targetsFromRow(row({ base_raw: '2', target_raw: '<4.5' }), years).targets[0]).toMatchObject({
      kind: 'bound',
      bound: 'ceiling',
      strict: true,
    });
    expect(targetsFromRow(row({ target_raw: '[2.9]' }), years).targets[0]).toMatchObject({
      kind: 'cumulative',
      value: 2.9,
    });
    expect(
      targetsFromRow(row({ growth_raw: '〔13.5〕' }), years, { cumulate: 'reduction' } as never).targets[0],
    ).toMatchObject({
      kind: 'cumulative',
      cumulate: 'reduction',
    });
    expect(targetsFromRow(row({ growth_raw: '与经济增长基本同步' }), years).targets[0]?.kind).toBe(
      'qualitative',
    );
    expect(targetsFromRow(row({ target_raw: '按市下达目标' }), years).targets[0]?.kind).toBe('qualitative');
  });

  it('reads table years from headers, captions or the plan period', () => {
    expect(fiveYearPlanYears('“十三五”时期')).toEqual([2015, 2020]);
    expect(fiveYearPlanYears('十五五')).toEqual([2025, 2030]);
    expect(
      tableYears({
        caption: '专栏 1-1',
        line: 1,
        rows: [],
        columns: [
          '序号',
          '指标名称',
          '2015年基数',
          '“十三五”规划目标：2020年',
          '“十三五”规划目标：年均增长（%）',
          '“十三五”完成情况：2020年',
        ],
      }),
    ).toEqual({ baseYear: 2015, targetYear: 2020, actualYear: 2020 });
    expect(tableYears({ caption: '主要指标', line: 1, rows: [], columns: ['指标'] }, '2026-2030')).toEqual({
      baseYear: 2025,
      targetYear: 2030,
      actualYear: null,
    });
  });
});
