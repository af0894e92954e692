import { describe, expect, it } from 'vitest';
import { cleanLayout } from '../../layout/index.js';
import { makeSourceText } from '../../text/source-text.js';
import { findIndicatorTables, toExchangeTables } from './index.js';

const read = (text: string) => toExchangeTables(findIndicatorTables(cleanLayout(makeSourceText(text))));
const S = '    ';

describe('cells at column positions (runs of spaces), a header over several lines, wrapped cells', () => {
  const text = [
    '专栏1  市“十四五”规划《纲要》指标完成情况',
    `序号${S}指标${S}属性${S}规划目标${S}2025年`,
    '完成情况',
    `${S}${S}${S}规划目标`,
    `（2025年）${S}年均增速`,
    `〔累计〕${S}`,
    `1${S}地区生产总值（亿元）${S}预期性${S}20000以上${S}6.5%`,
    `左右${S}19428.78，年均增速4.8%`,
    `2${S}研发经费支出占地区生产总值比重（%）${S}预期性${S}4左右${S}${S}4`,
    `3${S}单位地区生产总值能源消耗降低（%）${S}约束性${S}完成省`,
    `下达指标${S}${S}完成省`,
    '下达指标',
    `4${S}生产安全事故起数和死亡人数下降（%）${S}约束性${S}${S}〔＞15〕${S}分别下降〔53.3〕和〔44.2〕`,
    '',
    '注：1．“*”代表该指标尚未公布；',
    '',
    '第二章  机遇挑战',
  ].join('\n');

  it('spans the group label over its sub-columns and gives the completion table its period', () => {
    const [table] = read(text);
    expect(table!.columns).toEqual([
      '序号',
      '指标',
      '属性',
      '规划目标（2025年）',
      '规划目标：年均增速〔累计〕',
      '2025年完成情况',
    ]);
    expect(table!.period).toBe('2021-2025');
    expect(table!.footnotes).toEqual(['注：1．“*”代表该指标尚未公布；']);
  });

  it('joins wrapped cells and keeps an empty cell where a run of spaces is two separators wide', () => {
    expect(
      read(text)[0]!.rows.map((r) => [
        r.seq,
        r.name,
        r.unit,
        r.attribute,
        r.target_raw,
        r.growth_raw,
        r.actual_raw,
      ]),
    ).toEqual([
      ['1', '地区生产总值', '亿元', '预期性', '20000以上', '6.5%左右', '19428.78，年均增速4.8%'],
      ['2', '研发经费支出占地区生产总值比重', '%', '预期性', '4左右', '', '4'],
      ['3', '单位地区生产总值能源消耗降低', '%', '约束性', '完成省下达指标', '', '完成省下达指标'],
      ['4', '生产安全事故起数和死亡人数下降', '%', '约束性', '', '〔＞15〕', '分别下降〔53.3〕和〔44.2〕'],
    ]);
  });
});

describe('a category column printed only on the first row of its group, sub-rows indented', () => {
  const text = [
    '专栏2  “十五五”经济社会发展主要指标',
    `分类${S}序号${S}指标${S}属性${S}2030年目标值`,
    `一、经济强（2项）${S}1${S}地区生产总值年均增长率（%）${S}预期性${S}5以上`,
    `${S}2${S}居民人均可支配收入增长${S}预期性${S}与经济增长`,
    '保持同步',
    `百姓富${S}3${S}每千人口拥有医护`,
    `人员数${S}执业（助理）医师数（人）${S}预期性${S}5`,
    `${S}${S}${S}注册护士数（人）${S}${S}5.5`,
    '',
    '注：带〔〕数据表示“十五五”期间累计变化情况',
  ].join('\n');

  it('carries categories and parents down, and keeps an empty attribute empty', () => {
    const [table] = read(text);
    expect(table!.period).toBe('2026-2030');
    expect(
      table!.rows.map((r) => [r.category, r.seq, r.name, r.unit, r.attribute, r.target_raw, r.parent]),
    ).toEqual([
      ['经济强', '1', '地区生产总值年均增长率', '%', '预期性', '5以上', null],
      ['经济强', '2', '居民人均可支配收入增长', null, '预期性', '与经济增长保持同步', null],
      ['百姓富', '3', '执业（助理）医师数', '人', '预期性', '5', '每千人口拥有医护人员数'],
      ['百姓富', '3', '注册护士数', '人', '', '5.5', '每千人口拥有医护人员数'],
    ]);
  });
});
