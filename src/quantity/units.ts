// Units as data: every unit the documents write after a number, with its dimension, the base unit it converts to
// and the conversion factor; magnitude-prefixed forms (万元, 亿美元, 万平方米) are generated from the table.

import { divideDecimal, multiplyDecimal, shiftDecimal, type Decimal } from './decimal.js';
import { foldCode, isLetterCode, skipSpaces } from './chars.js';

/** What a unit measures. Composite units join two with `/` (立方米/万元 is `volume/currency`). */
export type BaseDimension =
  | 'currency'
  | 'percent'
  | 'percentage_point'
  | 'count'
  | 'people'
  | 'person_time'
  | 'area'
  | 'length'
  | 'volume'
  | 'mass'
  | 'standard_coal'
  | 'power'
  | 'energy'
  | 'voltage'
  | 'duration'
  | 'age'
  | 'multiple'
  | 'return_period'
  | 'grade'
  | 'magnitude';

export type Dimension = BaseDimension | `${BaseDimension}/${BaseDimension}`;

/** A unit found in text, resolved against the table. Values convert to `base` as value × factor ÷ divisor. */
export interface Unit {
  /** Exactly as written in the source (`亿元`, `ug/m3`, `万 人`→ as it stands). */
  written: string;
  /** Canonical spelling (`亿元`, `微克/立方米`, `平方米` for ㎡ and m2). */
  symbol: string;
  dimension: Dimension;
  /** The unit values convert to; two units are comparable only when their bases are equal. */
  base: string;
  factor: Decimal;
  /** '1' except for units whose factor is not a terminating decimal (1 亩 = 10000/15 平方米). */
  divisor: Decimal;
  /** ISO 4217 code for money. */
  currency?: string;
  /** A counting measure word (家 个 所 座 …). */
  measureWord?: boolean;
}

interface UnitDef {
  symbol: string;
  dimension: BaseDimension;
  /** Base unit; defaults to the symbol itself. */
  base?: string;
  factor?: Decimal;
  divisor?: Decimal;
  aliases?: readonly string[];
  currency?: string;
  /** Takes the magnitude prefixes 千 万 亿 … (万元, 亿美元, 万平方米). */
  prefixable?: boolean;
  /** Too ambiguous after a Chinese numeral (千方百计, 七里河, 三次产业, 一起): accepted after digits only. */
  digitsOnly?: boolean;
  /** Only as the denominator of a composite unit (吨/日, 万吨/年). */
  denominatorOnly?: boolean;
  measureWord?: boolean;
}

/** Counting measure words: each is its own base (a count of 家 is not a count of 座). */
const MEASURE_WORDS: readonly (string | [string, Partial<UnitDef>])[] = [
  '个',
  '家',
  '所',
  '座',
  '项',
  '条',
  '处',
  '套',
  '张',
  '台',
  '辆',
  '户',
  '床',
  '张床位',
  '栋',
  '幢',
  '间',
  '件',
  '只',
  '支',
  '场',
  '列',
  '柜',
  '箱',
  '标箱',
  '株',
  '棵',
  '片',
  '块',
  '宗',
  '笔',
  '层',
  '艘',
  '架',
  '盏',
  '册',
  '位',
  '批次',
  '个批次',
  '户次',
  '家次',
  '剂次',
  '类',
  '篇',
  '枚',
  '亩次',
  '车次',
  '班次',
  '人份',
  ['次', { digitsOnly: true }],
  ['起', { digitsOnly: true }],
  ['口', { digitsOnly: true }],
  ['种', { digitsOnly: true }],
  ['道', { digitsOnly: true }],
  ['眼', { digitsOnly: true }],
  ['根', { digitsOnly: true }],
  ['门', { digitsOnly: true }],
  ['对', { digitsOnly: true }],
  ['首', { digitsOnly: true }],
  ['本', { digitsOnly: true }],
  ['轮', { digitsOnly: true }],
  ['部', { digitsOnly: true }],
  ['份', { digitsOnly: true }],
  ['头', { digitsOnly: true }],
  // 一批 is a vague "a number of" (建设一批重点项目), so only 3批 counts.
  ['批', { digitsOnly: true }],
];

const UNIT_TABLE: readonly UnitDef[] = [
  // money
  { symbol: '元', dimension: 'currency', currency: 'CNY', prefixable: true, aliases: ['人民币'] },
  { symbol: '美元', dimension: 'currency', currency: 'USD', prefixable: true },
  { symbol: '欧元', dimension: 'currency', currency: 'EUR', prefixable: true },
  { symbol: '港元', dimension: 'currency', currency: 'HKD', prefixable: true, aliases: ['港币'] },
  { symbol: '日元', dimension: 'currency', currency: 'JPY', prefixable: true },
  { symbol: '英镑', dimension: 'currency', currency: 'GBP', prefixable: true },
  // shares and their changes
  { symbol: '%', dimension: 'percent', aliases: ['％', '﹪'] },
  { symbol: '‰', dimension: 'percent', base: '%', factor: '0.1' },
  { symbol: '个百分点', dimension: 'percentage_point', aliases: ['百分点'] },
  // people
  { symbol: '人', dimension: 'people', prefixable: true, aliases: ['人口'] },
  { symbol: '名', dimension: 'people', base: '人', prefixable: true },
  { symbol: '人次', dimension: 'person_time', prefixable: true },
  // area
  { symbol: '平方米', dimension: 'area', prefixable: true, aliases: ['㎡', 'm2', 'm²', '平米'] },
  {
    symbol: '平方公里',
    dimension: 'area',
    base: '平方米',
    factor: '1000000',
    aliases: ['平方千米', 'km2', 'km²', '㎞²', '㎢'],
  },
  { symbol: '亩', dimension: 'area', base: '平方米', factor: '10000', divisor: '15', prefixable: true },
  {
    symbol: '公顷',
    dimension: 'area',
    base: '平方米',
    factor: '10000',
    prefixable: true,
    aliases: ['hm2', 'hm²', 'ha'],
  },
  // length
  { symbol: '米', dimension: 'length', prefixable: true, aliases: ['延米'] },
  {
    symbol: '公里',
    dimension: 'length',
    base: '米',
    factor: '1000',
    prefixable: true,
    aliases: ['千米', 'km', '㎞'],
  },
  { symbol: '厘米', dimension: 'length', base: '米', factor: '0.01', aliases: ['cm'] },
  { symbol: '毫米', dimension: 'length', base: '米', factor: '0.001', aliases: ['mm'] },
  { symbol: '纳米', dimension: 'length', base: '米', factor: '0.000000001', aliases: ['nm'] },
  { symbol: '里', dimension: 'length', base: '米', factor: '500', digitsOnly: true },
  // volume
  { symbol: '立方米', dimension: 'volume', prefixable: true, aliases: ['m3', 'm³', '立米'] },
  { symbol: '方', dimension: 'volume', base: '立方米', prefixable: true, digitsOnly: true },
  { symbol: '升', dimension: 'volume', base: '立方米', factor: '0.001', prefixable: true },
  // mass
  { symbol: '吨', dimension: 'mass', prefixable: true },
  {
    symbol: '公斤',
    dimension: 'mass',
    base: '吨',
    factor: '0.001',
    prefixable: true,
    aliases: ['千克', 'kg'],
  },
  { symbol: '斤', dimension: 'mass', base: '吨', factor: '0.0005', prefixable: true },
  { symbol: '克', dimension: 'mass', base: '吨', factor: '0.000001' },
  { symbol: '毫克', dimension: 'mass', base: '吨', factor: '0.000000001', aliases: ['mg'] },
  { symbol: '微克', dimension: 'mass', base: '吨', factor: '0.000000000001', aliases: ['ug'] },
  {
    symbol: '吨标准煤',
    dimension: 'standard_coal',
    prefixable: true,
    aliases: ['吨标煤', 'tce', '标准煤', '标煤'],
  },
  // power, energy, voltage
  { symbol: '千瓦', dimension: 'power', prefixable: true, aliases: ['kw'] },
  { symbol: '瓦', dimension: 'power', base: '千瓦', factor: '0.001', digitsOnly: true },
  { symbol: '兆瓦', dimension: 'power', base: '千瓦', factor: '1000', aliases: ['mw'] },
  { symbol: '吉瓦', dimension: 'power', base: '千瓦', factor: '1000000', aliases: ['gw'] },
  { symbol: '千瓦时', dimension: 'energy', prefixable: true, aliases: ['kwh'] },
  { symbol: '度', dimension: 'energy', base: '千瓦时', prefixable: true, digitsOnly: true },
  { symbol: '兆瓦时', dimension: 'energy', base: '千瓦时', factor: '1000', aliases: ['mwh'] },
  { symbol: '千伏', dimension: 'voltage', aliases: ['kv'] },
  { symbol: '千伏安', dimension: 'power', base: '千伏安', prefixable: true, aliases: ['kva'] },
  // time, age, multiples
  { symbol: '年', dimension: 'duration' },
  { symbol: '个月', dimension: 'duration', base: '年', factor: '1', divisor: '12' },
  { symbol: '月', dimension: 'duration', base: '年', factor: '1', divisor: '12', denominatorOnly: true },
  { symbol: '周', dimension: 'duration', base: '天', factor: '7', aliases: ['个星期'] },
  { symbol: '天', dimension: 'duration', aliases: ['日'] },
  { symbol: '个工作日', dimension: 'duration', base: '工作日', aliases: ['工作日'] },
  { symbol: '小时', dimension: 'duration', base: '天', factor: '1', divisor: '24', aliases: ['个小时'] },
  { symbol: '分钟', dimension: 'duration', base: '天', factor: '1', divisor: '1440' },
  { symbol: '秒', dimension: 'duration', base: '天', factor: '1', divisor: '86400' },
  { symbol: '岁', dimension: 'age', aliases: ['周岁'] },
  { symbol: '倍', dimension: 'multiple' },
  { symbol: '年一遇', dimension: 'return_period' },
];

/** Magnitude words that prefix units (万元) or stand alone after a number (8.17万), as powers of ten. */
export const MAGNITUDE_PREFIXES: Readonly<Record<string, number>> = {
  百: 2,
  千: 3,
  万: 4,
  十万: 5,
  百万: 6,
  千万: 7,
  亿: 8,
  十亿: 9,
  百亿: 10,
  千亿: 11,
  万亿: 12,
};

/** 日 alone after a number is a date (23日), so it counts as days only in a denominator (吨/日). */
const DENOMINATOR_ONLY_ALIASES = new Set(['日']);

interface Entry {
  def: UnitDef;
  symbol: string;
  factor: Decimal;
  digitsOnly: boolean;
  denominatorOnly: boolean;
}

/** Unit spellings as a trie over folded char codes, so that matching allocates nothing until a unit is found. */
interface TrieNode {
  children: Map<number, TrieNode>;
  entry?: Entry;
}

function newNode(): TrieNode {
  return { children: new Map() };
}

const ROOT = newNode();

function insert(spelling: string, entry: Entry, override: boolean): void {
  let node = ROOT;
  for (let k = 0; k < spelling.length; k++) {
    const key = foldCode(spelling.charCodeAt(k));
    let next = node.children.get(key);
    if (!next) {
      next = newNode();
      node.children.set(key, next);
    }
    node = next;
  }
  if (override || !node.entry) node.entry = entry;
}

function buildTable(): void {
  const defs: UnitDef[] = [...UNIT_TABLE];
  for (const item of MEASURE_WORDS) {
    const [symbol, extra] = typeof item === 'string' ? [item, {}] : item;
    defs.push({ symbol, dimension: 'count', prefixable: true, measureWord: true, ...extra });
  }
  // Generated forms first, so that a written entry (千米, 千瓦) overrides a generated one.
  for (const def of defs) {
    if (!def.prefixable) continue;
    for (const [prefix, power] of Object.entries(MAGNITUDE_PREFIXES)) {
      const entry: Entry = {
        def,
        symbol: prefix + def.symbol,
        factor: shiftDecimal(def.factor ?? '1', power),
        digitsOnly: false,
        denominatorOnly: false,
      };
      insert(prefix + def.symbol, entry, false);
      for (const alias of def.aliases ?? [])
        if (!/^[a-z]/i.test(alias)) insert(prefix + alias, { ...entry }, false);
    }
  }
  for (const def of defs) {
    const entry: Entry = {
      def,
      symbol: def.symbol,
      factor: def.factor ?? '1',
      digitsOnly: def.digitsOnly ?? false,
      denominatorOnly: def.denominatorOnly ?? false,
    };
    insert(def.symbol, entry, true);
    for (const alias of def.aliases ?? [])
      insert(
        alias,
        { ...entry, denominatorOnly: entry.denominatorOnly || DENOMINATOR_ONLY_ALIASES.has(alias) },
        true,
      );
  }
  // A bare magnitude after a number (8.17万计生家庭, 500亿).
  for (const [prefix, power] of Object.entries(MAGNITUDE_PREFIXES)) {
    if (power < 4) continue;
    const def: UnitDef = { symbol: prefix, dimension: 'magnitude', base: '' };
    insert(
      prefix,
      { def, symbol: prefix, factor: shiftDecimal('1', power), digitsOnly: false, denominatorOnly: false },
      false,
    );
  }
}

buildTable();

/** True when some unit spelling starts with the character at `pos` (a cheap test before `matchUnit`). */
export function unitMayStartAt(text: string, pos: number): boolean {
  return pos >= 0 && pos < text.length && ROOT.children.has(foldCode(text.charCodeAt(pos)));
}

export interface UnitMatch {
  unit: Unit;
  start: number;
  end: number;
}

export interface UnitMatchOptions {
  /** Text already read that belongs to the unit (the 亿 of 十亿 before 元). */
  prefix?: string;
  /** The number was written in Chinese numerals: skip units marked digitsOnly. */
  afterChinese?: boolean;
  /** Looking for the denominator of a composite unit. */
  denominator?: boolean;
  /** Allow a composite unit (元/人, 立方米/万元). */
  composite?: boolean;
}

/** The trie node reached by each prefix already read (万, 亿, 十亿 …), null when no unit starts with it. */
const PREFIX_NODES = new Map<string, TrieNode | null>([['', ROOT]]);

function prefixNode(prefix: string): TrieNode | null {
  let node = PREFIX_NODES.get(prefix);
  if (node === undefined) {
    node = ROOT;
    for (let k = 0; k < prefix.length && node; k++)
      node = node.children.get(foldCode(prefix.charCodeAt(k))) ?? null;
    PREFIX_NODES.set(prefix, node);
  }
  return node;
}

/** The longest unit spelled at `pos` (after any `prefix` already read), or null. */
export function matchUnit(text: string, pos: number, options: UnitMatchOptions = {}): UnitMatch | null {
  const prefix = options.prefix ?? '';
  const start = prefixNode(prefix);
  if (!start) return null;
  let node: TrieNode | undefined = start;
  let bestEntry: Entry | undefined =
    prefix && acceptable(start.entry, text, pos, pos, options) ? start.entry : undefined;
  let bestEnd = pos;
  let p = pos;
  while (p < text.length) {
    node = node.children.get(foldCode(text.charCodeAt(p)));
    if (!node) break;
    p++;
    if (acceptable(node.entry, text, pos, p, options)) {
      bestEntry = node.entry;
      bestEnd = p;
    }
  }
  if (!bestEntry) return null;
  const unit = toUnit(bestEntry, prefix + text.slice(pos, bestEnd));
  let end = bestEnd;
  let result: Unit = unit;
  if (options.composite !== false && !options.denominator && unit.dimension !== 'magnitude') {
    const slash = text.charCodeAt(end);
    if (slash === 47 || slash === 0xff0f) {
      // `/` or `／`: a composite unit
      const denStart = skipSpaces(text, end + 1, 1);
      const den = matchUnit(text, denStart, DENOMINATOR);
      if (den && den.unit.dimension !== 'count' && den.unit.dimension !== 'magnitude') {
        result = compose(unit, den.unit, text.slice(pos, den.end), prefix);
        end = den.end;
      }
    }
  }
  return { unit: result, start: pos, end };
}

const DENOMINATOR: UnitMatchOptions = { denominator: true, composite: false };

function acceptable(
  entry: Entry | undefined,
  text: string,
  start: number,
  end: number,
  options: UnitMatchOptions,
): entry is Entry {
  if (!entry) return false;
  if (entry.digitsOnly && options.afterChinese) return false;
  if (entry.denominatorOnly && !options.denominator) return false;
  // A unit spelled in letters must not run into more letters (5GW is a unit, 5G is a code).
  if (end > start && isLetterCode(text.charCodeAt(end - 1)) && isLetterCode(text.charCodeAt(end)))
    return false;
  return true;
}

function toUnit(entry: Entry, written: string): Unit {
  const def = entry.def;
  const unit: Unit = {
    written,
    symbol: entry.symbol,
    dimension: def.dimension,
    base: def.base ?? def.symbol,
    factor: entry.factor,
    divisor: def.divisor ?? '1',
  };
  if (def.currency) unit.currency = def.currency;
  if (def.measureWord) unit.measureWord = true;
  return unit;
}

function compose(numerator: Unit, denominator: Unit, writtenTail: string, prefix: string): Unit {
  const unit: Unit = {
    written: prefix + writtenTail,
    symbol: `${numerator.symbol}/${denominator.symbol}`,
    dimension: [numerator.dimension, denominator.dimension].join('/') as Dimension,
    base: `${numerator.base}/${denominator.base}`,
    factor: multiplyDecimal(numerator.factor, denominator.divisor),
    divisor: multiplyDecimal(numerator.divisor, denominator.factor),
  };
  if (numerator.currency) unit.currency = numerator.currency;
  return unit;
}

/** Resolves a unit written on its own (a table row's `（万元/人）`), or null when it is not in the table. */
export function parseUnit(written: string): Unit | null {
  const trimmed = written
    .trim()
    .replace(/^[（(]|[）)]$/g, '')
    .trim();
  if (!trimmed) return null;
  const m = matchUnit(trimmed, 0, { denominator: false });
  if (m && m.end === trimmed.length) return { ...m.unit, written };
  return null;
}

/** The value converted to the unit's base unit (亿元 → 元), exact when the factor allows, else to 10 places. */
export function toBaseValue(value: Decimal, unit: Unit): Decimal {
  const scaled = multiplyDecimal(value, unit.factor);
  return unit.divisor === '1' ? scaled : divideDecimal(scaled, unit.divisor, 10).value;
}

/** True when values in the two units can be compared after conversion (same base unit). */
export function sameBase(a: Unit, b: Unit): boolean {
  return a.base === b.base && a.dimension === b.dimension;
}
