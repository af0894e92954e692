import { describe, expect, it } from 'vitest';
import { convertUnit, normalizeUnit, unitInfo, unitsCompatible } from './units.js';

describe('unitInfo', () => {
  it('reads units through the quantity table, in its vocabulary', () => {
    expect(unitInfo('亿斤')).toEqual({ dimension: 'mass', base: '吨', scale: 50000 });
    expect(unitInfo('万元/人')).toEqual({ dimension: 'currency/people', base: '元/人', scale: 10000 });
    expect(unitInfo('微克/立方米')!.dimension).toBe('mass/volume');
    expect(unitInfo('万人次')!.dimension).toBe('person_time');
    expect(unitInfo('人/千人')!.scale).toBeCloseTo(0.001, 12);
  });

  it('knows a ratio by its numerator when the table cannot read the whole', () => {
    expect(unitInfo('吨标准煤/万元GDP')).toEqual({
      dimension: 'standard_coal',
      base: '吨标准煤/万元GDP',
      scale: 1,
    });
  });

  it('treats a bare magnitude and unknown text as no unit', () => {
    expect(unitInfo('万')).toBeNull();
    expect(unitInfo('某某')).toBeNull();
    expect(unitInfo('')).toBeNull();
    expect(unitInfo(null)).toBeNull();
  });

  it('normalises full-width forms and spaces', () => {
    expect(normalizeUnit(' ％ ')).toBe('%');
    expect(normalizeUnit('万 元')).toBe('万元');
  });
});

describe('convertUnit', () => {
  it('converts within a base and refuses across currencies', () => {
    expect(convertUnit(0.82, '亿美元', '万美元')).toBeCloseTo(8200, 9);
    expect(convertUnit(0.46, '亿斤', '万吨')).toBeCloseTo(2.3, 9);
    expect(convertUnit(1, '亿元', '亿美元')).toBeNull();
    expect(convertUnit(3, '万元/人', '万元/人')).toBe(3);
  });

  it('converts ratios and rational factors the table knows', () => {
    expect(convertUnit(8.5, '万元/人', '元/人')).toBeCloseTo(85000, 9);
    expect(convertUnit(2.5, '人/千人', '人/万人')).toBeCloseTo(25, 9);
    expect(convertUnit(15, '亩', '平方米')).toBeCloseTo(10000, 9);
    expect(convertUnit(5, '‰', '%')).toBeCloseTo(0.5, 12);
  });

  it('does not turn percentage points into percent, nor ages into years', () => {
    expect(convertUnit(3, '个百分点', '%')).toBeNull();
    expect(convertUnit(78, '岁', '年')).toBeNull();
  });

  it('passes a value through between two spellings of the same unknown ratio', () => {
    expect(convertUnit(0.5, '吨标准煤/万元GDP', '吨标准煤 / 万元GDP')).toBe(0.5);
    expect(convertUnit(0.5, '吨标准煤/万元GDP', '吨标准煤/万元')).toBeNull();
  });
});

describe('unitsCompatible', () => {
  it('compares what units measure, with unknown units compatible', () => {
    expect(unitsCompatible('亿斤', '万吨')).toBe(true);
    expect(unitsCompatible('%', '亿元')).toBe(false);
    expect(unitsCompatible('％', '%')).toBe(true);
    expect(unitsCompatible('某某', '%')).toBe(true);
    expect(unitsCompatible('万千瓦', '万吨')).toBe(false);
  });

  it('accepts a plain unit for a ratio whose denominator a name can carry', () => {
    expect(unitsCompatible('吨标准煤', '吨标准煤/万元')).toBe(true);
    expect(unitsCompatible('万吨', '万吨/年')).toBe(true);
    expect(unitsCompatible('人', '人/千人')).toBe(true);
    // A concentration is not an amount of mass, and two different ratios do not agree.
    expect(unitsCompatible('万吨', '微克/立方米')).toBe(false);
    expect(unitsCompatible('吨/万元', '微克/立方米')).toBe(false);
    expect(unitsCompatible('万元/人', '万元/亩')).toBe(false);
  });

  it('holds kindred measures together: points and percent, people and things counted, age and years', () => {
    expect(unitsCompatible('个百分点', '%')).toBe(true);
    expect(unitsCompatible('万人次', '万人')).toBe(true);
    expect(unitsCompatible('万人', '家')).toBe(true);
    expect(unitsCompatible('岁', '年')).toBe(true);
    expect(unitsCompatible('万吨标准煤', '亿千瓦时')).toBe(true);
    expect(unitsCompatible('岁', '%')).toBe(false);
  });
});
