// Normalising indicator names (data-driven rewrites) so that the many ways plans write one indicator compare equal.

/** Rewrites applied in order to both catalog names and names read from documents. */
export const NAME_REWRITES: ReadonlyArray<readonly [RegExp, string]> = [
  // GDP is written 国内生产总值(GDP) / 地区生产总值 / 全区生产总值 / 生产总值.
  [/(?:国内|地区)生产总值\(GDP\)/g, 'GDP'],
  [/(?:全区|全市|全县|全省|全镇|全国|地区|国内)?生产总值/g, 'GDP'],
  [/万元GDP|单位GDP/g, '单位GDP'],
  [/规模以上/g, '规上'],
  [/研究与(?:试验|实验)发展|研究与开发|R&D/g, '研发'],
  [/能源消耗/g, '能耗'],
  // Growth is written 增长 / 增长率 / 增速 / 年均增长 / 年均增速.
  [/年均增长率|年均增速|年均增长|年均增幅|增长率|增速|增幅/g, '增长'],
  // A fall is written 降低 / 下降 / 降幅 / 减少.
  [/降低率|下降率|降低|下降|降幅|减少/g, '降低'],
  [/每千人口|每千人/g, '每千人'],
  [/每万人口|每万人/g, '每万人'],
  [/比例/g, '比率'],
  [/拥有/g, ''],
  [/\(助理\)/g, ''],
  // A footnote mark after the name (地区生产总值[2]).
  [/\[\d{1,2}\]$/g, ''],
];

/** Leading words that do not change which indicator is meant (tried one at a time, longest first). */
export const DROPPABLE_PREFIXES: readonly string[] = [
  '“十四五”期间',
  '“十四五”时期',
  '累计实现',
  '累计',
  '全年实现',
  '实现',
  '全区',
  '全市',
  '全县',
  '全省',
  '全镇',
  '本区',
  '本市',
  '年均',
  '区',
  '市',
  '县',
];

/**
 * Words that turn a stock into a flow or a sub-total (a sector, a kind of product): a name with one must not
 * fuzzily match a name without (建筑业全员劳动生产率 is not 全员劳动生产率).
 */
export const MEASURE_QUALIFIERS: readonly string[] = [
  '新增',
  '新建',
  '引进',
  '净增',
  '累计',
  '人均',
  '户籍',
  '常住',
  '农村',
  '农民',
  '城镇',
  '城乡',
  '规上',
  '农业',
  '建筑业',
  '加工',
];

export interface NormalizedName {
  /** The comparable key. */
  key: string;
  /** A unit cut from the end of the name (`城镇新增就业人数（万人）` → `万人`), if any. */
  unit: string | null;
}

/**
 * NFKC, no whitespace or quotes, a trailing parenthesised unit removed, then the rewrites.
 * `地区生产总值增长（%）` → `GDP增长` with unit `%`.
 */
export function normalizeIndicatorName(name: string): NormalizedName {
  let s = name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[“”"'‘’《》]/g, '')
    .toUpperCase();
  let unit: string | null = null;
  const trailing = /\(([^()]{1,12})\)$/.exec(s);
  // `(GDP)` or `(PM2.5)` at the end is an alias, not a unit; everything else there is a unit.
  if (trailing && trailing.index > 0 && !/^(?:GDP|PM2\.5|PM10)$/.test(trailing[1]!)) {
    unit = trailing[1]!;
    s = s.slice(0, trailing.index);
  }
  for (const [pattern, replacement] of NAME_REWRITES) s = s.replace(pattern, replacement);
  return { key: s, unit };
}

/** The key followed by the keys left after dropping one leading prefix, for exact look-up. */
export function keyVariants(key: string): string[] {
  const variants = [key];
  // A place name in front (西安市地区生产总值): two or more characters before 省/市/区/县, then the indicator.
  const place = /^[\u4e00-\u9fff]{2,6}?[省市区县](?=.{2})/.exec(key);
  if (place) variants.push(key.slice(place[0].length));
  for (const prefix of DROPPABLE_PREFIXES) {
    const p = normalizeIndicatorName(prefix).key;
    if (p && key.startsWith(p) && key.length - p.length >= 2) variants.push(key.slice(p.length));
  }
  return variants;
}

/** The shape of a name: a growth rate, a reduction, or a level/share. */
export type NameForm = 'growth' | 'reduction' | 'level';

export function nameForm(key: string): NameForm {
  if (/增长$/.test(key)) return 'growth';
  if (/降低$/.test(key)) return 'reduction';
  return 'level';
}
