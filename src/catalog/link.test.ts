import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GoldExtraction } from '../extract/model.js';
import { INDICATORS } from './indicators.js';
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
  // The 十五五 plans (2026–2030).
  全社会研究与试验发展经费支出占地区生产总值比重: 'rd-intensity',
  每万人口高价值发明专利拥有量: 'high-value-patents-per-10k',
  地区生产总值年均增速: 'gdp-growth',
  数字经济增加值年均增速: 'digital-economy-value-added-growth',
  轨道交通站点500米范围人口和岗位覆盖率: 'rail-transit-station-coverage',
  生产生活用水总量: 'water-consumption-total',
  城乡建设用地规模: 'construction-land',
  常住人口规模: 'resident-population',
  细颗粒物年均浓度: 'pm25-concentration',
  优良水体比例: 'surface-water-quality', // 优良 = Ⅰ–Ⅲ类: the same measure as the national one
  单位地区生产总值二氧化碳排放降幅: 'co2-intensity-reduction',
  非化石能源占能源消费总量比重: 'non-fossil-energy-share',
  北京口岸出入境人数占全国比重: 'port-border-crossings-share', // the region's name in front: linked by similarity
  实际利用外资规模: 'utilised-foreign-capital',
  服务贸易年均增速: 'services-trade-growth',
  外资研发中心数量: 'foreign-rd-centres',
  全市居民人均可支配收入年均增速: 'disposable-income-growth',
  养老机构护理型床位占比: 'nursing-care-bed-share',
  '3岁以下婴幼儿入托率提高': 'childcare-enrolment-rate', // a rise in points of the same rate (unit 百分点)
  生活垃圾回收利用率: 'household-waste-recycling-rate',
  人均接受文化场馆服务次数: 'culture-venue-visits-per-capita',
  单位地区生产总值生产安全事故死亡率: 'work-safety-deaths-per-gdp',
  十万常住人口火灾死亡率: 'fire-deaths-per-100k',
  食品安全抽检合格率: 'food-safety-pass-rate',
  药品抽检合格率: 'drug-pass-rate',
  研发经费支出占地区生产总值比重: 'rd-intensity',
  每万人口拥有高价值发明专利数: 'high-value-patents-per-10k',
  高新技术产业产值占规模以上工业产值比重: 'high-tech-output-share', // 产值, not 增加值
  制造业增加值占比: 'manufacturing-share',
  全体居民人均可支配收入: 'disposable-income',
  城乡基本养老保险参保缴费率: 'pension-contribution-rate', // 缴费率 is not the 参保率
  '每千人口拥有0－3岁婴幼儿托位数': 'childcare-places-per-1000',
  接受上门服务的居家老年人数占比: 'home-visited-elderly-share',
  单位地区生产总值能源消耗降低: 'energy-intensity-reduction',
  地表水国省考断面水质达到或优于Ⅲ类水体比例: 'surface-water-quality',
  空气质量达到优良天数比例: 'air-quality-good-days',
  林木覆盖率: 'tree-coverage', // counts trees outside forests: not 森林覆盖率
  耕地保有量: 'arable-land',
  法治建设满意度: 'rule-of-law-satisfaction',
  公众安全感: 'public-sense-of-security',
  '地区生产总值（GDP）年均增长率': 'gdp-growth',
  全社会研发经费支出占地区生产总值比重: 'rd-intensity',
  地表水优良水体比例: 'surface-water-quality',
  全社会研发经费投入年均增长: 'rd-expenditure-growth',
  规上数字经济核心产业企业营业收入占比: 'digital-core-enterprise-revenue-share',
  规上生产性服务业营业收入年均增速: 'producer-services-revenue-growth',
  '执业（助理）医师数': 'doctors-per-1000',
  '3岁以下婴幼儿入托率': 'childcare-enrolment-rate',
  地表水国考断面优良水体比例: 'surface-water-quality',
  '细颗粒物（PM2.5）年均浓度': 'pm25-concentration',
  新增就业参保大学生人数: 'new-insured-graduates',
  文化产业增加值占GDP比重: 'culture-industry-share',
  旅游业总收入: 'tourism-revenue',
  南京至都市圈内成员城市1小时通达率: 'metro-area-1h-accessibility', // the city's name in front: by similarity
  地区生产总值年均增长: 'gdp-growth',
  工业总产值: 'industrial-output-value',
  社会消费品零售总额年均增长: 'retail-sales-growth',
  海洋生产总值: 'marine-gdp',
  企业研发经费支出占全社会研发经费支出比重: 'enterprise-rd-share',
  商品进出口总值年均增长: 'foreign-trade-growth',
  服务外包合同执行额: 'service-outsourcing-value',
  累计城镇新增就业人数: 'new-urban-jobs',
  常住居民人均可支配收入年均增速: 'disposable-income-growth', // 常住居民 = all residents (not 户籍)
  城乡居民人均可支配收入比值: 'urban-rural-income-ratio',
  普通高中入学率: 'general-senior-high-enrolment',
  每千人口拥有注册护士数: 'nurses-per-1000',
  养老机构认知障碍照护床位数: 'dementia-care-beds',
  电力电源装机规模: 'power-installed-capacity',
};

/**
 * Plan rows a planning official would not want linked by the engine, with the reason: they go to the review
 * queue (no confident link), where a person links them or creates an indicator.
 */
const REVIEW_ROWS: Record<string, string> = {
  城市副中心和平原新城地区生产总值年均增速:
    'the GDP growth of named sub-areas of the city: linking it to GDP growth would mix it with the whole city',
  绿色经济重点产业收入年均增速:
    'a basket of industries the city defines itself; no other plan measures the same',
  '“15+8”产业增加值占地区生产总值比重': 'the city’s own industry system; not comparable across plans',
  彩化率: 'a local greening measure the plan does not define; not to be guessed',
  '机场旅客/货邮吞吐量': 'two indicators in one row (8358/244): each has its own catalog entry',
  '港口货物/集装箱吞吐量': 'two indicators in one row (6.99/2805): each has its own catalog entry',
  生产安全事故起数和死亡人数下降: 'two indicators in one row: each has its own catalog entry',
  起数下降: 'means 生产安全事故起数下降 only under its parent row; the bare name is too vague to link',
  死亡人数下降:
    'means 生产安全事故死亡人数下降 only under its parent row; the bare name is too vague to link',
  社会文明程度测评指数: 'a score with no unit: the unit table has no dimension for an index yet',
};

/** Statistical-bulletin table rows that are catalog indicators; every other bulletin row (products, CPI parts) is not. */
const BULLETIN_ROW_IDS: Record<string, string> = {
  居民消费价格: 'consumer-price-growth',
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
const goldTables = goldFiles.flatMap((file) => {
  const gold = JSON.parse(
    readFileSync(new URL(`../../fixtures/gold/${file}`, import.meta.url), 'utf8'),
  ) as GoldExtraction;
  return gold.indicator_tables.map((table) => ({ file, table }));
});
// A plan's indicator table has base and target columns; a bulletin's table (CPI parts, products, freight) has none.
const isPlanTable = (t: GoldExtraction['indicator_tables'][number]) =>
  t.rows.some((r) => r.target_raw !== undefined);
const rowsOf = (plan: boolean) =>
  goldTables
    .filter(({ table }) => isPlanTable(table) === plan)
    .flatMap(({ file, table }) =>
      table.rows.map((r) => ({ file, name: r.name, unit: r.unit, line: r.line })),
    );
const goldRows = rowsOf(true);
const bulletinRows = rowsOf(false);

describe('linkIndicator on the corpus tables', () => {
  it('has rows to check', () => {
    expect(goldRows.length).toBeGreaterThan(200);
    expect(bulletinRows.length).toBeGreaterThan(30);
  });

  it.each(goldRows.map((r) => [`${r.file}:${r.line} ${r.name}`, r] as const))('%s', (_label, row) => {
    const expected = GOLD_ROW_IDS[row.name];
    const review = REVIEW_ROWS[row.name];
    expect(expected !== undefined || review !== undefined, `no expected id written for ${row.name}`).toBe(
      true,
    );
    expect(expected === undefined || review === undefined, `${row.name} is both linked and reviewed`).toBe(
      true,
    );
    const result = linkIndicator(row.name, { unit: row.unit });
    if (review !== undefined) {
      expect(result.confident, review).toBe(false);
      expect(result.best).toBeNull();
      return;
    }
    expect(result.confident).toBe(true);
    expect(result.best?.indicator.id).toBe(expected);
  });

  it.each(WEIBIN_ROWS)('卫滨 %s', (name, expected) => {
    const result = linkIndicator(name);
    expect(result.confident).toBe(true);
    expect(result.best?.indicator.id).toBe(expected);
  });

  // Bulletin rows are observations, not plan indicators: a product never links confidently to an indicator.
  it.each(bulletinRows.map((r) => [`${r.file}:${r.line} ${r.name}`, r] as const))(
    'bulletin %s',
    (_label, row) => {
      const result = linkIndicator(row.name, { unit: row.unit });
      const expected = BULLETIN_ROW_IDS[row.name];
      if (expected === undefined) {
        expect(result.confident).toBe(false);
        expect(result.best).toBeNull();
      } else {
        expect(result.confident).toBe(true);
        expect(result.best?.indicator.id).toBe(expected);
      }
    },
  );
});

/**
 * The main indicators of the national 十五五 outline, named as the 2026 work report and the outline write them
 * (the catalog test pins the 十四五 table; this one checks that the 十五五 names are all known).
 */
const NATIONAL_15_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['国内生产总值增长', 'gdp-growth'],
  ['全员劳动生产率增长', 'labour-productivity-growth'],
  ['居民消费率', 'household-consumption-rate'],
  ['常住人口城镇化率', 'urbanization-rate'],
  ['全社会研发经费投入年均增长', 'rd-expenditure-growth'],
  ['每万人口高价值发明专利拥有量', 'high-value-patents-per-10k'],
  ['数字经济核心产业增加值占国内生产总值比重', 'digital-economy-share'],
  ['城镇调查失业率', 'surveyed-unemployment-rate'],
  ['居民人均可支配收入增长', 'disposable-income-growth'],
  ['劳动年龄人口平均受教育年限', 'schooling-years'],
  ['每千人口执业（助理）医师数', 'doctors-per-1000'],
  ['人均预期寿命', 'life-expectancy'],
  ['基本养老保险参保率', 'pension-insurance-coverage'],
  ['养老机构护理型床位占比', 'nursing-care-bed-share'],
  ['每千人口拥有3岁以下婴幼儿托位数', 'childcare-places-per-1000'],
  ['单位国内生产总值能源消耗降低', 'energy-intensity-reduction'],
  ['单位国内生产总值二氧化碳排放降低', 'co2-intensity-reduction'],
  ['非化石能源占能源消费总量比重', 'non-fossil-energy-share'],
  ['地级及以上城市细颗粒物（PM2.5）浓度下降', 'pm25-concentration-reduction'],
  ['地级及以上城市细颗粒物（PM2.5）平均浓度', 'pm25-concentration'],
  ['地级及以上城市空气质量优良天数比率', 'air-quality-good-days'],
  ['地表水达到或好于Ⅲ类水体比例', 'surface-water-quality'],
  ['森林覆盖率', 'forest-coverage'],
  ['粮食综合生产能力', 'grain-production-capacity'],
  ['能源综合生产能力', 'energy-production-capacity'],
];

describe('linkIndicator on the 十五五 national main indicators', () => {
  it.each(NATIONAL_15_NAMES)('%s → %s', (name, id) => {
    const result = linkIndicator(name);
    expect(result.confident).toBe(true);
    expect(result.best?.indicator.id).toBe(id);
  });

  it('links the outline’s units: 亿斤 grain, 亿吨标准煤 energy', () => {
    expect(linkIndicator('粮食综合生产能力', { unit: '万亿斤' }).best?.indicator.id).toBe(
      'grain-production-capacity',
    );
    expect(linkIndicator('能源综合生产能力', { unit: '亿吨标准煤' }).best?.indicator.id).toBe(
      'energy-production-capacity',
    );
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

  it('keeps a sub-economy’s GDP and share apart from the economy’s', () => {
    expect(linkIndicator('海洋生产总值增长').best?.indicator.id).toBe('marine-gdp-growth');
    expect(linkIndicator('民营经济增加值占地区生产总值比重').best?.indicator.id).toBe(
      'private-economy-share',
    );
    expect(linkIndicator('数字经济增加值占GDP比重').best?.indicator.id).toBe(
      'digital-economy-value-added-share',
    );
    // A replaced word names another subject: not one of the look-alikes.
    expect(linkIndicator('海洋经济增加值占地区生产总值比重').confident).toBe(false);
    expect(linkIndicator('体育产业增加值占地区生产总值比重').confident).toBe(false);
    // With one look-alike in the catalog, only the replaced word (民营 for 数字) keeps the link from being made.
    const catalog = INDICATORS.filter((i) => i.id === 'digital-economy-value-added-share');
    expect(linkIndicator('民营经济增加值占地区生产总值比重', { catalog }).confident).toBe(false);
    expect(linkIndicator('全市数字经济增加值占地区生产总值比重', { catalog }).confident).toBe(true);
    expect(linkIndicator('第一产业增加值占GDP比重').best?.indicator.id).toBe('primary-industry-share');
  });

  it('does not take a sector’s measure for the whole economy’s', () => {
    expect(linkIndicator('建筑业全员劳动生产率').confident).toBe(false);
    expect(linkIndicator('农业科技进步贡献率').confident).toBe(false);
    expect(linkIndicator('加工食品抽检合格率').confident).toBe(false);
  });

  it('treats a different number in the name as another measure', () => {
    expect(linkIndicator('轨道交通站点800米范围人口和岗位覆盖率').confident).toBe(false);
    expect(linkIndicator('PM10平均浓度').confident).toBe(false);
    expect(linkIndicator('每千人口拥有0-3岁婴幼儿托位数').best?.indicator.id).toBe(
      'childcare-places-per-1000',
    );
  });

  it('keeps the 十五五 look-alikes apart', () => {
    const pairs: ReadonlyArray<readonly [string, string]> = [
      ['林木覆盖率', 'tree-coverage'],
      ['森林覆盖率', 'forest-coverage'],
      ['高新技术产业产值占规上工业产值比重', 'high-tech-output-share'],
      ['高新技术产业增加值占规上工业增加值比重', 'high-tech-manufacturing-share'],
      ['城乡基本养老保险参保缴费率', 'pension-contribution-rate'],
      ['城乡居民基本养老保险参保率', 'pension-insurance-coverage'],
      ['城乡居民人均可支配收入比', 'urban-rural-income-ratio'],
      ['城乡居民人均可支配收入', 'disposable-income'],
      ['生活垃圾回收利用率', 'household-waste-recycling-rate'],
      ['生活垃圾无害化处理率', 'household-waste-treatment-rate'],
      ['出口总额', 'exports'],
      ['进出口总额', 'foreign-trade'],
      ['常住人口', 'resident-population'],
      ['总人口', 'total-population'],
      ['城市常住居民人均可支配收入年均增长', 'urban-disposable-income-growth'],
      ['常住居民人均可支配收入年均增长', 'disposable-income-growth'],
      ['3岁以下婴幼儿入托率', 'childcare-enrolment-rate'],
      ['每千人口拥有3岁以下婴幼儿托位数', 'childcare-places-per-1000'],
    ];
    for (const [name, id] of pairs) expect(linkIndicator(name).best?.indicator.id, name).toBe(id);
    expect(linkIndicator('铁路集装箱吞吐量').confident).toBe(false);
  });

  it.each([
    ['食品药品抽检合格率', ['drug-pass-rate', 'food-safety-pass-rate']],
    ['生产安全事故起数和死亡人数下降', ['work-safety-accidents-reduction', 'work-safety-deaths-reduction']],
  ])('sends %s (two indicators in one row) to review with both', (name, ids) => {
    const result = linkIndicator(name);
    expect(result.confident).toBe(false);
    const top = result.candidates.slice(0, 2).map((c) => c.indicator.id);
    expect(top.sort()).toEqual(ids);
  });

  it('returns nothing confident for an unknown indicator', () => {
    const result = linkIndicator('绿色建筑占新建建筑比重');
    expect(result.confident).toBe(false);
    expect(result.best).toBeNull();
  });
});
