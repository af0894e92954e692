import { describe, expect, it } from 'vitest';
import {
  categoryLabel,
  compact,
  isAttribute,
  isClosedValue,
  isNumericValue,
  isSeq,
  isValueText,
  parenBalance,
  splitNameUnit,
} from './cells.js';
import { hasWhitespace } from '../../text/width.js';

describe('whitespace', () => {
  it('finds exactly the characters \\s matches, in every UTF-16 code unit', () => {
    const differ: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const ch = String.fromCharCode(code);
      if (hasWhitespace(`a${ch}b`) !== /\s/.test(ch)) differ.push(code);
    }
    expect(differ).toEqual([]);
  });

  it('compacts only text that has whitespace, and keeps the rest as it is', () => {
    expect(compact('地区 生产\t总值\u3000（亿元）')).toBe('地区生产总值（亿元）');
    expect(compact('预期性')).toBe('预期性');
    expect(compact('')).toBe('');
  });
});

describe('splitNameUnit', () => {
  it.each([
    ['地区生产总值增长（%）', '地区生产总值增长', '%'],
    ['每千人口拥有执业（助理）医师数（人）', '每千人口拥有执业（助理）医师数', '人'],
    ['全员劳动生产率(万元/人,2020年价格)', '全员劳动生产率', '万元/人'],
    ['单位地区生产总值用水量（立方米/万元）', '单位地区生产总值用水量', '立方米/万元'],
    ['服务业增加值比重(％)', '服务业增加值比重', '％'],
    ['研发经费投入强度*（%）', '研发经费投入强度', '%'],
    ['城镇调查失业率（%）∗', '城镇调查失业率', '%'],
    ['细颗粒物（PM2.5）浓度', '细颗粒物（PM2.5）浓度', null],
    ['城镇就业', '城镇就业', null],
    ['单位 GDP能源消耗降幅（%）', '单位GDP能源消耗降幅', '%'],
  ])('%s → %s / %s', (raw, name, unit) => {
    expect(splitNameUnit(raw)).toEqual({ name, unit });
  });
});

describe('cell kinds', () => {
  it.each([
    '412.1',
    '-5.54',
    '>10',
    '≥2.5',
    '＜4',
    '[2.9]',
    '〔13.5〕',
    '70以上',
    '4.5 以内',
    '7左右',
    '3.01亿',
    '6-8',
    '98%',
    '—',
    '-',
    '1,100',
  ])('numeric value %s', (text) => {
    expect(isNumericValue(text)).toBe(true);
  });
  it.each(['城镇就业', '地区生产总值（亿元）', '3岁以下儿童托位数', '预期性', '按市下达目标', '降39%'])(
    'not a numeric value: %s',
    (text) => {
      expect(isNumericValue(text)).toBe(false);
    },
  );
  it.each([
    '按市下达目标',
    '按洛阳市下达目标',
    '与经济增长基本同步',
    '控制在下达目标内',
    '中高速增长',
    '2016年后该项指标不再统计',
  ])('value phrase %s', (text) => {
    expect(isValueText(text)).toBe(true);
  });
  it('knows attributes, sequence numbers and open parentheses', () => {
    expect(isAttribute('约束性')).toBe(true);
    expect(isAttribute('预期性指标')).toBe(true);
    expect(isAttribute('约束性森林蓄积量')).toBe(false);
    expect(isSeq('12')).toBe(true);
    expect(isSeq('3.5')).toBe(false);
    expect(parenBalance('万元工业增加值用水量(立')).toBe(1);
    expect(parenBalance('数（人）')).toBe(0);
  });
  it('tells a finished value from one cut at a line end', () => {
    expect(isClosedValue('18%')).toBe(true);
    expect(isClosedValue('70以上')).toBe(true);
    expect(isClosedValue('按市下')).toBe(false);
    expect(isClosedValue('2016年')).toBe(false);
  });
});

describe('categoryLabel', () => {
  it.each([
    ['一、经济发展', '经济发展'],
    ['（二）创新驱动', '创新驱动'],
    ['民生福祉', '民生福祉'],
    ['四、开放合作', '开放合作'],
    ['城镇就业', null],
    ['森林增长', null],
    ['地区生产总值（亿元）', null],
  ])('%s → %s', (text, label) => {
    expect(categoryLabel(text)).toBe(label);
  });
});
