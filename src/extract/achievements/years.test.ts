import { describe, it, expect } from 'vitest';
import { analyzeDocument, toGoldFormat } from '../../pipeline.js';
import type { GoldExtraction } from '../model.js';

function read(path: string, lines: string[]): GoldExtraction {
  return toGoldFormat(
    analyzeDocument({
      path,
      format: 'txt',
      encoding: 'utf-8',
      text: lines.join('\n'),
      tables: [],
      diagnostics: [],
    }),
  );
}

const when = (doc: GoldExtraction) => doc.achievements.map((a) => [a.value, a.year, a.period]);

/** A 十五五 plan whose first chapter reviews 十四五. */
function plan15(review: string[]): GoldExtraction {
  return read('plan.txt', [
    '某市国民经济和社会发展第十五个五年规划纲要',
    '',
    '第一章  发展基础',
    '',
    ...review,
    '',
    '第二章  发展目标',
    '',
    '到2030年，地区生产总值达到3万亿元。',
  ]);
}

describe('achievement years', () => {
  it('gives a bulletin value its own year and no period', () => {
    const doc = read('bulletin.txt', [
      '某市2025年国民经济和社会发展统计公报',
      '',
      '一、综合',
      '',
      '全年地区生产总值3687.07亿元，比上年增长5.0%。年末累计建成5G基站3万个。',
    ]);
    expect(when(doc)).toEqual([
      [3687.07, 2025, null],
      [5, 2025, null],
      [3, 2025, null],
    ]);
  });

  it('reads a 十五五 plan review: stated years, 十四五 cumulatives, and null for a status without a year', () => {
    const doc = plan15([
      '“十四五”时期，全市上下团结奋进，经济社会发展取得显著成效。',
      '经济实力迈上新台阶。全市地区生产总值达到1.94万亿元，累计培育单项冠军企业47家，居民收入年均增长5.2%。2025年一般公共预算收入超过1800亿元。',
    ]);
    expect(when(doc)).toEqual([
      [1.94, null, null],
      [47, 2025, '十四五'],
      [5.2, 2025, '十四五'],
      [1800, 2025, null],
    ]);
    expect(doc.targets.map((t) => [t.value, t.year])).toEqual([[3, 2030]]);
  });

  it('dates a paragraph opened by the reviewed period to its last year, with flows over the period', () => {
    const doc = read('plan.txt', [
      '某区国民经济和社会发展第十四个五年规划纲要',
      '',
      '第一章  发展基础',
      '',
      '“十三五”期间，综合实力稳步提升。GDP总量突破400亿元，建成村民安置小区9个，国家级高新技术企业达到31家。',
      '五年来，城乡面貌显著改观。',
      '完成楼体立面改造455栋，城镇化率达到64.6%。',
      '',
      '第二章  发展目标',
    ]);
    expect(when(doc)).toEqual([
      [400, 2020, null],
      [9, 2020, '十三五'],
      [31, 2020, null],
      [455, 2020, '十三五'],
      [64.6, 2020, null],
    ]);
  });

  it("reads a work report's one-year review as its past year and its five-year review over the period", () => {
    const doc = read('report.txt', [
      '政府工作报告',
      '——2026年1月10日在某市第十五届人民代表大会第五次会议上',
      '',
      '一、2025年和“十四五”时期工作回顾',
      '',
      '一年来，地区生产总值增长5.2%，新增城镇就业12万人。',
      '2025年是“十四五”收官之年。过去5年，居民收入年均增长5.4%，人均预期寿命提高到80岁。',
    ]);
    expect(when(doc)).toEqual([
      [5.2, 2025, null],
      [12, 2025, null],
      [5.4, 2025, '十四五'],
      [80, 2025, null],
    ]);
  });

  it('gives the start value of 由X增至Y its stated year or the start of the period', () => {
    const doc = plan15([
      '排名由2020年第34位提升至2024年第22位。专利申请量由“十四五”初期的120件增长至464件。',
    ]);
    expect(doc.achievements.filter((a) => a.unit === '件').map((a) => [a.value, a.year, a.period])).toEqual([
      [120, null, '十四五初'],
      [464, null, null],
    ]);
  });
});

describe('reported quantities', () => {
  it('writes 6千亿元 as 6000 亿元 and never reads a footnote number glued to a word', () => {
    const doc = read('bulletin.txt', [
      '某市2025年国民经济和社会发展统计公报',
      '',
      '一、综合',
      '',
      '一般公共预算收入超过6千亿元，生产性服务业5增加值占服务业增加值比重提升至59.0%，落实具体部署2。',
    ]);
    expect(doc.achievements.map((a) => [a.value, a.unit, a.metric])).toEqual([
      [6000, '亿元', 'level'],
      [59, '%', 'share'],
    ]);
  });
});
