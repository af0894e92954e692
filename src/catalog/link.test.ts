import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GoldExtraction } from '../extract/model.js';
import { linkIndicator } from './link.js';

/** Expected canonical id for every indicator row name of the gold tables (written by hand). */
const GOLD_ROW_IDS: Record<string, string> = {
  地区生产总值增长: 'gdp-growth',
  全员劳动生产率增长: 'labour-productivity-growth',
  常住人口城镇化率: 'urbanization-rate',
  社会消费品零售总额增长: 'retail-sales-growth',
  进出口总额: 'foreign-trade',
  研究与实验发展经费投入强度: 'rd-intensity',
  每万人口发明专利拥有量: 'invention-patents-per-10k',
  高新技术产业增加值占规上工业增加值比重: 'high-tech-manufacturing-share',
  文化产业增加值占地区生产总值比重: 'culture-industry-share',
  居民人均可支配收入增长: 'disposable-income-growth',
  城镇新增就业人数: 'new-urban-jobs',
  城镇调查失业率: 'surveyed-unemployment-rate',
  劳动年龄人口平均受教育年限: 'schooling-years',
  '每千人口拥有执业（助理）医师数': 'doctors-per-1000',
  每千人口注册护士数: 'nurses-per-1000',
  基本养老保险参考率: 'pension-insurance-coverage', // a typo in the 涧西 table: linked by similarity
  每千人口拥有3岁以下婴幼儿托位数: 'childcare-places-per-1000',
  人均预期寿命: 'life-expectancy',
  单位地区生产总值能源消耗降幅: 'energy-intensity-reduction',
  单位地区生产总值用水量: 'water-intensity',
  单位地区生产总值二氧化碳排放降低: 'co2-intensity-reduction',
  空气优良天数比率: 'air-quality-good-days',
  达到或好于Ⅲ类水体占地表水比例: 'surface-water-quality',
  地区生产总值: 'gdp',
  人均地区生产总值: 'gdp-per-capita',
  全员劳动生产率: 'labour-productivity',
  规模以上工业增加值: 'industrial-value-added',
  固定资产投资总额: 'fixed-asset-investment',
  社会消费品零售总额: 'retail-sales',
  一般公共预算收入: 'public-budget-revenue',
  城镇化率: 'urbanization-rate',
  研发经费投入强度: 'rd-intensity',
  高技术产业增加值: 'high-tech-industry-value-added',
  第三产业占GDP比重: 'services-share',
  文化旅游综合收入占GDP比重: 'culture-tourism-revenue-share',
  居民人均可支配收入: 'disposable-income',
  城镇登记失业率: 'registered-unemployment-rate',
  每千人拥有执业医师数: 'doctors-per-1000',
  基本养老保险参保率: 'pension-insurance-coverage',
  每千人拥有3岁以下儿童托位数: 'childcare-places-per-1000',
  单位GDP能源消耗降幅: 'energy-intensity-reduction',
  单位GDP二氧化碳排放降低: 'co2-intensity-reduction',
  城市空气优良天数比率: 'air-quality-good-days',
  城市绿化率: 'urban-greening-rate',
  粮食综合生产能力: 'grain-production-capacity',
  固定资产投资: 'fixed-asset-investment',
  服务业增加值比重: 'services-share',
  研究与开发经费支出占生产总值比重: 'rd-intensity',
  旅游接待人数: 'tourist-arrivals',
  旅游总收入: 'tourism-revenue',
  实际利用境内外资金: 'utilised-capital',
  粮食播种面积: 'grain-sown-area',
  万元工业增加值用水量: 'industrial-water-intensity',
  非化石能源占一次能源消费比重: 'non-fossil-energy-share',
  万元生产总值能耗: 'energy-intensity',
  万元生产总值二氧化碳排放量: 'co2-intensity',
  化学需氧量: 'cod-emission-reduction',
  二氧化硫: 'so2-emission-reduction',
  氨氮: 'ammonia-nitrogen-emission-reduction',
  氮氧化物: 'nox-emission-reduction',
  森林覆盖率: 'forest-coverage',
  森林蓄积量: 'forest-stock',
  总人口: 'total-population',
  累计实现城镇新增就业人数: 'new-urban-jobs',
  城镇居民人均可支配收入: 'urban-disposable-income',
  农民人均可支配收入: 'rural-disposable-income',
  平均每千名老人养老床位: 'elderly-care-beds-per-1000',
  每万人高价值发明专利拥有量: 'high-value-patents-per-10k',
  高新技术工业增加值占规模以上工业增加值比重: 'high-tech-manufacturing-share',
  数字经济核心产业增加值占地区生产总值比重: 'digital-economy-share',
  新增就业人数: 'new-urban-jobs',
  '拥有执业（助理）医师数': 'doctors-per-1000',
  注册护士数: 'nurses-per-1000',
  每千人口拥有3岁以下儿童托位数: 'childcare-places-per-1000',
  人均期望寿命: 'life-expectancy',
  单位地区生产总值能耗降幅: 'energy-intensity-reduction',
  空气质量优良天数比例: 'air-quality-good-days',
  地表水达到或好于Ⅲ类水体比例: 'surface-water-quality',
  粮食总产量: 'grain-output',
  能源综合生产能力: 'energy-production-capacity',
};

/** The 主要指标 table of 卫滨 (no gold file): row names exactly as flattened in the corpus, unit still attached. */
const WEIBIN_ROWS: ReadonlyArray<readonly [string, string]> = [
  ['地区生产总值增长（%）', 'gdp-growth'],
  ['规模以上工业增加值增长（%）', 'industrial-value-added-growth'],
  ['一般公共预算收入增长（%）', 'public-budget-revenue-growth'],
  ['固定资产投资增长（%）', 'fixed-asset-investment-growth'],
  ['社会消费品零售总额增长（%）', 'retail-sales-growth'],
  ['常住人口城镇化率（%）', 'urbanization-rate'],
  ['居民人均可支配收入增长率(%)', 'disposable-income-growth'],
  ['城镇新增就业人数（万人）', 'new-urban-jobs'],
  ['城镇调查失业率（%）', 'surveyed-unemployment-rate'],
  ['小学适龄儿童入学率（%）', 'primary-school-enrolment'],
  ['初中适龄儿童入学率（%）', 'junior-school-enrolment'],
  ['每千人拥有执业医师数（人）', 'doctors-per-1000'],
  ['普惠性幼儿园占比（%）', 'inclusive-kindergarten-share'],
  ['学前三年毛入园率（%）', 'preschool-gross-enrolment'],
  ['人均体育场地设施面积（平方米）', 'sports-area-per-capita'],
  ['单位 GDP能源消耗降幅（%）', 'energy-intensity-reduction'],
  ['空气优良天数比例（%）', 'air-quality-good-days'],
  ['达到或好于Ⅲ类水体占地表水比例（%）', 'surface-water-quality'],
  ['粮食综合生产能力（万吨）', 'grain-production-capacity'],
];

const goldFiles = readdirSync(new URL('../../fixtures/gold/', import.meta.url)).filter((f) =>
  f.endsWith('.json'),
);
const goldRows = goldFiles.flatMap((file) => {
  const gold = JSON.parse(
    readFileSync(new URL(`../../fixtures/gold/${file}`, import.meta.url), 'utf8'),
  ) as GoldExtraction;
  return gold.indicator_tables.flatMap((t) =>
    t.rows.map((r) => ({ file, name: r.name, unit: r.unit, line: r.line })),
  );
});

describe('linkIndicator on the corpus tables', () => {
  it('has rows to check', () => {
    expect(goldRows.length).toBeGreaterThan(90);
  });

  it.each(goldRows.map((r) => [`${r.file}:${r.line} ${r.name}`, r] as const))('%s', (_label, row) => {
    const expected = GOLD_ROW_IDS[row.name];
    expect(expected, `no expected id written for ${row.name}`).toBeDefined();
    const result = linkIndicator(row.name, { unit: row.unit });
    expect(result.confident).toBe(true);
    expect(result.best?.indicator.id).toBe(expected);
  });

  it.each(WEIBIN_ROWS)('卫滨 %s', (name, expected) => {
    const result = linkIndicator(name);
    expect(result.confident).toBe(true);
    expect(result.best?.indicator.id).toBe(expected);
  });
});

describe('linkIndicator synonyms', () => {
  it.each([
    ['研发经费投入强度', 'rd-intensity'],
    ['研究与实验发展经费投入强度', 'rd-intensity'],
    ['全社会研发经费支出占地区生产总值比重', 'rd-intensity'],
    ['R&D经费投入强度', 'rd-intensity'],
    ['Ｒ＆Ｄ经费投入强度', 'rd-intensity'],
    ['城镇化率', 'urbanization-rate'],
    ['单位GDP能源消耗降幅', 'energy-intensity-reduction'],
    ['单位地区生产总值能源消耗降低', 'energy-intensity-reduction'],
    ['单位GDP能耗下降', 'energy-intensity-reduction'],
    ['地区生产总值', 'gdp'],
    ['GDP', 'gdp'],
    ['生产总值', 'gdp'],
    ['全区生产总值', 'gdp'],
    ['地区生产总值增长', 'gdp-growth'],
    ['地区生产总值年均增速', 'gdp-growth'],
    ['GDP增速', 'gdp-growth'],
    ['国内生产总值（GDP）增长（%）', 'gdp-growth'],
    ['全区地区生产总值年均增长', 'gdp-growth'],
    ['年均地区生产总值增长', 'gdp-growth'],
    ['地级及以上城市空气质量优良天数比率', 'air-quality-good-days'],
    ['每千人口拥有执业（助理）医师数', 'doctors-per-1000'],
  ])('%s → %s', (name, id) => {
    const result = linkIndicator(name);
    expect(result.confident).toBe(true);
    expect(result.best?.indicator.id).toBe(id);
  });

  it('keeps a growth distinct from its level', () => {
    expect(linkIndicator('地区生产总值').best?.indicator.id).toBe('gdp');
    expect(linkIndicator('地区生产总值增长').best?.indicator.id).toBe('gdp-growth');
  });

  it('takes the unit from a trailing parenthesis when none is given', () => {
    const result = linkIndicator('地区生产总值（%）');
    expect(result.confident).toBe(false);
    expect(result.best).toBeNull();
    expect(result.candidates.map((c) => c.indicator.id)).toContain('gdp');
  });

  it('refuses an exact name with a contradicting unit, and offers it for review', () => {
    const result = linkIndicator('森林覆盖率', { unit: '亿元' });
    expect(result.confident).toBe(false);
    expect(result.candidates[0]?.indicator.id).toBe('forest-coverage');
  });
});

describe('linkIndicator near-misses', () => {
  it('does not cross-link new urban jobs and the unemployment rate', () => {
    expect(linkIndicator('城镇新增就业人数').best?.indicator.id).toBe('new-urban-jobs');
    expect(linkIndicator('城镇调查失业率').best?.indicator.id).toBe('surveyed-unemployment-rate');
    const odd = linkIndicator('城镇就业困难人员再就业人数');
    expect(odd.confident).toBe(false);
  });

  it('sends an ambiguous name to review with both candidates', () => {
    const result = linkIndicator('城镇失业率');
    expect(result.confident).toBe(false);
    const ids = result.candidates.map((c) => c.indicator.id);
    expect(ids).toContain('surveyed-unemployment-rate');
    expect(ids).toContain('registered-unemployment-rate');
  });

  it('does not link a flow to a stock or a sub-area to the whole', () => {
    expect(linkIndicator('新增高新技术企业').confident).toBe(false);
    expect(linkIndicator('科创小镇高新技术企业').confident).toBe(false);
    expect(linkIndicator('高新区单位工业增加值能耗年均降幅').confident).toBe(false);
  });

  it('keeps look-alike indicators apart', () => {
    expect(linkIndicator('每万人口发明专利拥有量').best?.indicator.id).toBe('invention-patents-per-10k');
    expect(linkIndicator('每万人口高价值发明专利拥有量').best?.indicator.id).toBe(
      'high-value-patents-per-10k',
    );
    expect(linkIndicator('户籍人口城镇化率').best?.indicator.id).toBe('registered-urbanization-rate');
    expect(linkIndicator('小学儿童入学率').confident).toBe(false);
  });

  it('returns nothing confident for an unknown indicator', () => {
    const result = linkIndicator('绿色建筑占新建建筑比重');
    expect(result.confident).toBe(false);
    expect(result.best).toBeNull();
  });
});
