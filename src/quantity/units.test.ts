import { describe, expect, it } from 'vitest';
import { matchUnit, parseUnit, sameBase, toBaseValue, unitMayStartAt } from './units.js';

describe('unit table', () => {
  it.each([
    ['亿元', '亿元', 'currency', '元', '100000000', 'CNY'],
    ['万元', '万元', 'currency', '元', '10000', 'CNY'],
    ['千元', '千元', 'currency', '元', '1000', 'CNY'],
    ['元', '元', 'currency', '元', '1', 'CNY'],
    ['亿美元', '亿美元', 'currency', '美元', '100000000', 'USD'],
    ['万美元', '万美元', 'currency', '美元', '10000', 'USD'],
    ['%', '%', 'percent', '%', '1', undefined],
    ['％', '%', 'percent', '%', '1', undefined],
    ['‰', '‰', 'percent', '%', '0.1', undefined],
    ['个百分点', '个百分点', 'percentage_point', '个百分点', '1', undefined],
    ['万人', '万人', 'people', '人', '10000', undefined],
    ['万人次', '万人次', 'person_time', '人次', '10000', undefined],
    ['万平方米', '万平方米', 'area', '平方米', '10000', undefined],
    ['㎡', '平方米', 'area', '平方米', '1', undefined],
    ['m2', '平方米', 'area', '平方米', '1', undefined],
    ['平方公里', '平方公里', 'area', '平方米', '1000000', undefined],
    ['公顷', '公顷', 'area', '平方米', '10000', undefined],
    ['千米', '公里', 'length', '米', '1000', undefined],
    ['km', '公里', 'length', '米', '1000', undefined],
    ['万吨', '万吨', 'mass', '吨', '10000', undefined],
    ['万吨标准煤', '万吨标准煤', 'standard_coal', '吨标准煤', '10000', undefined],
    ['万千瓦', '万千瓦', 'power', '千瓦', '10000', undefined],
    ['兆瓦', '兆瓦', 'power', '千瓦', '1000', undefined],
    ['MW', '兆瓦', 'power', '千瓦', '1000', undefined],
    ['天', '天', 'duration', '天', '1', undefined],
    ['岁', '岁', 'age', '岁', '1', undefined],
    ['家', '家', 'count', '家', '1', undefined],
    ['张床位', '张床位', 'count', '张床位', '1', undefined],
    ['立方米/万元', '立方米/万元', 'volume/currency', '立方米/元', '1', undefined],
    ['吨标准煤/万元', '吨标准煤/万元', 'standard_coal/currency', '吨标准煤/元', '1', undefined],
    ['元/人', '元/人', 'currency/people', '元/人', '1', 'CNY'],
    ['万元/人', '万元/人', 'currency/people', '元/人', '10000', 'CNY'],
    ['人/千人', '人/千人', 'people/people', '人/人', '1', undefined],
    ['ug/m3', '微克/立方米', 'mass/volume', '吨/立方米', '0.000000000001', undefined],
    ['μg/m³', '微克/立方米', 'mass/volume', '吨/立方米', '0.000000000001', undefined],
  ])('%s → %s (%s)', (written, symbol, dimension, base, factor, currency) => {
    const unit = parseUnit(written);
    expect(unit).not.toBeNull();
    expect(unit!.symbol).toBe(symbol);
    expect(unit!.dimension).toBe(dimension);
    expect(unit!.base).toBe(base);
    expect(unit!.factor).toBe(factor);
    expect(unit!.currency).toBe(currency);
  });

  it('keeps 个百分点 apart from %', () => {
    expect(sameBase(parseUnit('个百分点')!, parseUnit('%')!)).toBe(false);
    expect(sameBase(parseUnit('‰')!, parseUnit('%')!)).toBe(true);
  });

  it('converts to the base unit exactly, with 亩 as a rational factor', () => {
    expect(toBaseValue('800', parseUnit('亿元')!)).toBe('80000000000');
    expect(toBaseValue('1.5', parseUnit('万亩')!)).toBe('10000000');
    expect(toBaseValue('18.5', parseUnit('立方米/万元')!)).toBe('0.00185');
  });

  it('does not read a letter code as a unit (5G is not 5 g)', () => {
    expect(matchUnit('G基站', 0)).toBeNull();
    expect(matchUnit('MWh', 0)!.unit.symbol).toBe('兆瓦时');
  });

  it('skips units that are words after a Chinese numeral (千方百计, 一次性)', () => {
    expect(matchUnit('方百计', 0, { afterChinese: true })).toBeNull();
    expect(matchUnit('次性', 0, { afterChinese: true })).toBeNull();
    expect(matchUnit('方', 0)!.unit.symbol).toBe('方');
  });

  it('counts 日 and 月 only as denominators (23日 is a date)', () => {
    expect(matchUnit('日', 0)).toBeNull();
    expect(matchUnit('吨/日', 0)!.unit.symbol).toBe('吨/天');
  });

  it('holds the units the indicator catalog uses: 亿斤 as mass, 人/千人 as a per-head ratio', () => {
    expect(sameBase(parseUnit('亿斤')!, parseUnit('万吨')!)).toBe(true);
    expect(toBaseValue('0.46', parseUnit('亿斤')!)).toBe('23000');
    expect(toBaseValue('2.3', parseUnit('万吨')!)).toBe('23000');
    expect(toBaseValue('2.5', parseUnit('人/千人')!)).toBe('0.0025');
    expect(sameBase(parseUnit('人/千人')!, parseUnit('人/万人')!)).toBe(true);
  });

  it('counts 批 after digits only (一批 is "a number of")', () => {
    expect(parseUnit('批')!.dimension).toBe('count');
    expect(matchUnit('批重点项目', 0)!.unit.symbol).toBe('批');
    expect(matchUnit('批重点项目', 0, { afterChinese: true })).toBeNull();
    expect(matchUnit('批次', 0)!.unit.symbol).toBe('批次');
  });

  it('returns null for a unit it does not know', () => {
    expect(parseUnit('令')).toBeNull();
    expect(parseUnit('')).toBeNull();
  });
});

describe('unit spellings folded', () => {
  it.each([
    ['ＫＭ', '公里'],
    ['ｋｗｈ', '千瓦时'],
    ['m²', '平方米'],
    ['μg/m3', '微克/立方米'],
    ['﹪', '%'],
  ])('%s is %s', (written, symbol) => {
    const m = matchUnit(written, 0)!;
    expect(m.unit.symbol).toBe(symbol);
    expect(m.end).toBe(written.length);
  });

  it('tells where a unit may start, and never outside the text', () => {
    expect(unitMayStartAt('5Ｋｍ', 1)).toBe(true);
    expect(unitMayStartAt('5亿元', 1)).toBe(true);
    expect(unitMayStartAt('5的', 1)).toBe(false);
    expect(unitMayStartAt('元', 1)).toBe(false);
    expect(unitMayStartAt('元', -1)).toBe(false);
  });
});
