import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findQuantities, parseQuantity } from './scan.js';
import type { QuantityMatch } from './types.js';

/** The quantities of a phrase, reduced to what the tables below compare. */
function quantities(text: string): Partial<QuantityMatch>[] {
  return findQuantities(text).map((q) => ({
    kind: q.kind,
    value: q.value,
    valueMax: q.valueMax,
    unit: q.unit?.symbol as never,
  }));
}

describe('findQuantities: values, units and ranges', () => {
  it.each([
    // [text, value, valueMax, unit symbol]
    ['地区生产总值达到 800亿元', '800', undefined, '亿元'],
    ['完成 440.2 亿元', '440.2', undefined, '亿元'],
    ['增长1.57%', '1.57', undefined, '%'],
    ['新增1,100万元', '1100', undefined, '万元'],
    ['十亿3000万元', '10.3', undefined, '亿元'],
    ['1亿2000万元', '1.2', undefined, '亿元'],
    ['两千亿级现代服务产业集群', '2000', undefined, '亿'],
    ['新建两个运动场', '2', undefined, '个'],
    ['跨大明渠三座桥梁', '3', undefined, '座'],
    ['十项重点民生实事', '10', undefined, '项'],
    ['二十五个村', '25', undefined, '个'],
    ['一百零八项', '108', undefined, '项'],
    ['比重达到四分之一', '0.25', undefined, undefined],
    ['占全市的三分之二', '0.6667', undefined, undefined],
    ['市的 2/3', '0.6667', undefined, undefined],
    ['百分之五十', '50', undefined, '%'],
    ['千分之三', '3', undefined, '‰'],
    ['解决困难千余件', '1000', undefined, '件'],
    ['1.5万人', '1.5', undefined, '万人'],
    ['8.17万计生家庭', '8.17', undefined, '万'],
    ['培育6—8个', '6', '8', '个'],
    ['增长6%-7%', '6', '7', '%'],
    ['6~8家', '6', '8', '家'],
    ['6至8家', '6', '8', '家'],
    ['两三个', '2', '3', '个'],
    ['三至五年', '3', '5', '年'],
    ['十七八个', '17', '18', '个'],
    ['80亿—100亿元', '80', '100', '亿元'],
    ['0.25—3mm', '0.25', '3', '毫米'],
    ['遴选首批1-3个', '1', '3', '个'],
    ['新增应急网点 6—8 个', '6', '8', '个'],
    ['提高2个百分点', '2', undefined, '个百分点'],
    ['增长５％', '5', undefined, '%'],
    ['增速 -2.9%', '-2.9', undefined, '%'],
    ['下降 －2.9', '-2.9', undefined, undefined],
    ['测定率达到 54 %以上', '54', undefined, '%'],
    ['养老床位1400，', '1400', undefined, undefined],
    ['每千名老人40张', '40', undefined, '张'],
    ['路网密度达到6.8千米/平方千米', '6.8', undefined, '公里/平方公里'],
    ['用水量 18.5 立方米/万元', '18.5', undefined, '立方米/万元'],
    ['全员劳动生产率 15.9万元/人', '15.9', undefined, '万元/人'],
    ['PM10年平均值 70ug/m3', '70', undefined, '微克/立方米'],
    ['浓度 35μg/m³', '35', undefined, '微克/立方米'],
    ['面积 30㎡', '30', undefined, '平方米'],
    ['50MW 分散式风电', '50', undefined, '兆瓦'],
    ['防洪标准 50 年一遇', '50', undefined, '年一遇'],
    ['220 千伏变电站', '220', undefined, '千伏'],
    ['耕地 24893 公顷', '24893', undefined, '公顷'],
    ['新增 500 亩', '500', undefined, '亩'],
    ['粮食 2.5亿斤', '2.5', undefined, '亿斤'],
    ['能耗 120万吨标准煤', '120', undefined, '万吨标准煤'],
    ['装机 5万千瓦', '5', undefined, '万千瓦'],
    ['游客 2000万人次', '2000', undefined, '万人次'],
    ['利用外资 2.98亿美元', '2.98', undefined, '亿美元'],
    ['补贴 3千元', '3', undefined, '千元'],
    ['比市定标准降低十岁', '10', undefined, '岁'],
    ['连续三年', '3', undefined, '年'],
    ['3 个工作日', '3', undefined, '个工作日'],
    ['15分钟生态休闲圈', '15', undefined, '分钟'],
    ['达到Ⅲ类水体', '3', undefined, '类'],
    ['增长超过 50倍', '50', undefined, '倍'],
  ])('%s → %s', (text, value, valueMax, unit) => {
    const [first] = findQuantities(text).filter((q) => q.kind === 'quantity');
    expect(first).toBeDefined();
    expect(first!.value).toBe(value);
    expect(first!.valueMax).toBe(valueMax);
    expect(first!.unit?.symbol).toBe(unit);
  });
});

describe('findQuantities: flags and comparators', () => {
  it.each([
    ['千余件', { approximate: true, lowerBound: true }],
    ['20多家', { approximate: true, lowerBound: true }],
    ['十余个', { approximate: true, lowerBound: true }],
    ['9000余家', { approximate: true, lowerBound: true }],
    ['1.3亿余元', { approximate: true, lowerBound: true }],
    ['2.8万余平方米', { approximate: true, lowerBound: true }],
    ['6 万余人次', { approximate: true, lowerBound: true }],
    ['100多万人', { approximate: true, lowerBound: true }],
    ['约8.8亿元', { approximate: true }],
    ['提高2个百分点', { percentPoints: true }],
    ['翻一番', { multiplier: '翻一番', value: '2' }],
    ['翻两番', { multiplier: '翻两番', value: '4' }],
    ['实现倍增', { multiplier: '倍增', value: '2' }],
    ['“双倍增”行动', { multiplier: '双倍增', value: '2' }],
    ['百亿级企业', { scaleClass: true, value: '100' }],
    ['四分之一', { share: { numerator: '1', denominator: '4' } }],
  ])('%s has %o', (text, expected) => {
    expect(findQuantities(text)[0]).toMatchObject(expected);
  });

  it('keeps 个百分点 and % apart', () => {
    const [pp, pct] = findQuantities('提高2个百分点，达到5%');
    expect(pp!.unit!.dimension).toBe('percentage_point');
    expect(pct!.unit!.dimension).toBe('percent');
    expect(pct!.percentPoints).toBeUndefined();
  });

  it.each([
    ['力争达到97%以上', '以上', true],
    ['城镇登记失业率控制在 4.5%以内', '以内', false],
    ['保障性租赁住房5000 套左右', '左右', false],
    ['全日制在校生不低于 4000 人', '不低于', false],
    ['相关从业人员超3万人', '超过', false],
    ['力争每年近1000名', '其他(近)', false],
    ['城镇调查失业率 ＜4', '以内', false],
    ['≥2.5', '不低于', false],
    ['70 以上', '以上', false],
    ['4.5 以内', '以内', false],
    ['力争地区生产总值突破700亿元', '突破', false],
  ])('%s: comparator %s', (text, label, aspirational) => {
    const [q] = findQuantities(text).filter((m) => m.kind === 'quantity');
    expect(q!.comparator!.label).toBe(label);
    expect(q!.comparator!.aspirational).toBe(aspirational);
  });

  it('gives offsets into the scanned string, and comparator words their own', () => {
    const text = '到2025年，地区生产总值达到 800亿元以上。';
    const [year, gdp] = findQuantities(text);
    expect(year).toMatchObject({ kind: 'year', value: '2025', by: true, start: 1, end: 6, text: '2025年' });
    expect(text.slice(gdp!.start, gdp!.end)).toBe('800亿元');
    expect(gdp!.comparator!.words.map((w) => text.slice(w.start, w.end))).toEqual(['达到', '以上']);
  });
});

describe('findQuantities: years and periods', () => {
  it.each([
    ['2025年', 'year', '2025', undefined],
    ['2020 年全市', 'year', '2020', undefined],
    ['二〇三五年远景目标', 'year', '2035', undefined],
    ['2021—2025年', 'period', '2021', '2025'],
    ['2021年-2025年', 'period', '2021', '2025'],
    ['（2020年—2022年）', 'period', '2020', '2022'],
    ['2016至2020年', 'period', '2016', '2020'],
    ['“十四五”期间', 'period', '2021', '2025'],
    ['“十三五”时期', 'period', '2016', '2020'],
    ['“十五五”规划', 'period', '2026', '2030'],
    ['第十四个五年规划', 'period', '2021', '2025'],
  ])('%s → %s %s', (text, kind, value, valueMax) => {
    expect(quantities(text)[0]).toMatchObject({ kind, value, valueMax });
  });

  it('does not read 十四五 as a range or 二〇三五 as a count', () => {
    expect(quantities('“十四五”时期')).toEqual([
      { kind: 'period', value: '2021', valueMax: '2025', unit: undefined },
    ]);
    expect(quantities('二〇三五年').map((q) => q.kind)).toEqual(['year']);
  });

  it('reads ranks as ordinals, not quantities', () => {
    expect(quantities('全市第3名')).toEqual([
      { kind: 'ordinal', value: '3', valueMax: undefined, unit: '名' },
    ]);
    expect(quantities('排名第 8 位')[0]).toMatchObject({ kind: 'ordinal', value: '8' });
    expect(quantities('位居全市第一')[0]).toMatchObject({ kind: 'ordinal', value: '1' });
  });
});

describe('findQuantities: numbers in codes and names are not quantities', () => {
  it.each([
    '“13710”工作制',
    '“9+X”产业体系',
    '9+2工作布局',
    '“3+1+1”领域',
    '1#机组',
    '5G基站',
    '全年 PM2.5',
    '地铁1号线',
    '地铁 1 号线',
    '2号街坊',
    '1818工程',
    '110联动',
    '世界500强',
    '教育信息化2.0示范区',
    'E953',
    '县道X052',
    '(1+N)*X',
    'IPv6',
    'B2B',
    '跨境电商О2О',
    '专栏 3-1',
    '专栏5-1 先进',
    '省道 539 改扩建',
    '“七个百分之百”',
    '“10万大学生留洛计划”',
    '“15分钟阅读圈”',
    '千方百计',
    '千家万户',
    '一户一档',
    '一张蓝图绘到底',
    '新一轮',
    '零部件',
    '三次产业',
    '一次性',
    '每千人口',
    '统一',
    '一体化',
    '万元GDP能耗',
    '2022年 4月 23日',
    '确保 10 月底',
    '0379-12345678',
    'http://x.cn/s?q=%E4%BE%9A',
    '1. 地区生产总值',
    '（1）',
  ])('%s', (text) => {
    expect(findQuantities(text).filter((q) => q.kind === 'quantity')).toEqual([]);
  });
});

describe('parseQuantity', () => {
  it('reads the quantity at an offset, through comparator words', () => {
    expect(parseQuantity('达到13.3万元')).toMatchObject({ value: '13.3', unit: { symbol: '万元' } });
    expect(parseQuantity('总额 800亿元', 3)).toMatchObject({ value: '800' });
    expect(parseQuantity('  -2.9')).toMatchObject({ value: '-2.9' });
  });

  it('returns null when the text there does not start with a quantity', () => {
    expect(parseQuantity('地区生产总值800亿元')).toBeNull();
    expect(parseQuantity('与经济增长基本同步')).toBeNull();
  });
});

describe('findQuantities on the corpus', () => {
  const dir = new URL('../../fixtures/corpus/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));

  it.each(files)('%s: every quantity is an exact substring with a canonical value', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const found = findQuantities(text);
    expect(found.length).toBeGreaterThan(50);
    for (const q of found) {
      expect(text.slice(q.start, q.end)).toBe(q.text);
      expect(q.value).toMatch(/^-?(0|[1-9]\d*)(\.\d*[1-9])?$/);
    }
  });

  it('finds the same quantities in a whole document as line by line (offsets shift by the line start)', () => {
    const text = readFileSync(new URL('luoyang-jianxi-plan-2021-2025.txt', dir), 'utf8');
    const whole = findQuantities(text).map((q) => `${q.start}:${q.value}`);
    const byLine: string[] = [];
    let offset = 0;
    for (const line of text.split('\n')) {
      for (const q of findQuantities(line)) byLine.push(`${offset + q.start}:${q.value}`);
      offset += line.length + 1;
    }
    expect(whole).toEqual(byLine);
  });
});
