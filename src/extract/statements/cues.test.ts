import { describe, expect, it } from 'vitest';
import { tenseCues } from './cues.js';

describe('tense cues follow the plan period', () => {
  it('reads the previous plan as the past and the own plan as ahead for a 十四五 document', () => {
    const cues = tenseCues(14);
    expect(cues.past.test('十三五期间，全区生产总值年均增长6.7%')).toBe(true);
    expect(cues.future.test('十四五末，全区生产总值达到800亿元')).toBe(true);
    expect(cues.past.test('十四五期间')).toBe(false);
  });

  it('moves on with the plans: a 十五五 plan reviews 十四五', () => {
    const cues = tenseCues(15);
    expect(cues.past.test('“十四五”时期，累计完成投资1200亿元')).toBe(true);
    expect(cues.past.test('十四五时期，累计完成投资1200亿元')).toBe(true);
    expect(cues.future.test('到十五五末，常住人口城镇化率达到75%')).toBe(true);
    expect(cues.past.test('十三五期间')).toBe(false);
  });

  it('still knows generic cues without a period', () => {
    const cues = tenseCues(null);
    expect(cues.past.test('五年来，新增就业13.3万人')).toBe(true);
    expect(cues.future.test('到2030年，力争达到1000亿元')).toBe(true);
  });
});
