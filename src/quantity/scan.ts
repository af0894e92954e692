// Scans running text for every quantity, year, plan period and ordinal, with exact values and offsets, and leaves
// the numbers of codes and names alone (“13710”, 9+X, 1#机组, 5G, PM2.5, 地铁1号线, 1818工程).

import {
  CLOSING_QUOTES,
  MINUS_SIGNS,
  MINUS_SIGN_CODES,
  OPENING_QUOTE_CODES,
  RANGE_SEPARATOR_CODES,
  codeAt,
  codeSet,
  codeValues,
  isDigitCode,
  isIdeographCode,
  isLetterCode,
  isSpaceCode,
  skipSpaces,
  skipSpacesBack,
} from './chars.js';
import {
  comparatorWordStartsAt,
  comparatorWordsAfter,
  comparatorWordsBefore,
  resolveComparator,
} from './comparators.js';
import { compareDecimal, divideDecimal, negateDecimal, shiftDecimal, type Decimal } from './decimal.js';
import {
  CHINESE_BIG_UNITS,
  CHINESE_DIGITS,
  CHINESE_DIGIT_VALUES,
  CHINESE_SMALL_UNITS,
  readArabic,
  readNumeral,
  type Magnitude,
  type Numeral,
} from './numerals.js';
import { fiveYearPlanPeriod, isPlausibleYear } from './periods.js';
import type { QuantityMatch } from './types.js';
import { MAGNITUDE_PREFIXES, matchUnit, unitMayStartAt, type UnitMatch } from './units.js';

/** Fixed expressions whose numeral is not a quantity (千家万户 is not 1000 家). */
export const NUMERAL_IDIOMS: readonly string[] = [
  '千家万户',
  '百家争鸣',
  '一条龙',
  '一张蓝图',
  '一张网',
  '一张图',
  '一件事',
  '百年大计',
  '三位一体',
  '四位一体',
  '五位一体',
  '一部分',
  '两头',
  '一头',
  '一年四季',
  '一揽子',
  '一套班子',
  '一个样',
  '一份子',
  '一条心',
  '两张皮',
  '一座城',
  '最后一公里',
];

/** Words right before a number that make it a label, not a quantity (专栏 3-1, 表1, 省道 539). */
export const CODE_PREFIXES: readonly string[] = [
  '专栏',
  '附表',
  '附件',
  '附图',
  '表',
  '图',
  '编号',
  '省道',
  '国道',
  '县道',
  '乡道',
  '代码',
  '文号',
  'No.',
  'NO.',
];

/** CODE_PREFIXES by the char code of their last character. */
const CODE_PREFIXES_BY_LAST = new Map<number, string[]>();
for (const w of CODE_PREFIXES) {
  const last = w.charCodeAt(w.length - 1);
  CODE_PREFIXES_BY_LAST.set(last, [...(CODE_PREFIXES_BY_LAST.get(last) ?? []), w]);
}

/** Characters that glue a number into a code when they touch it (1#机组, 9+X, 2×5, 0379-). */
const CODE_GLUE = new Set(['#', '＃', '+', '＋', '×', '*', '＊', '=', '&', '_', '@', '№', '\\']);
const CODE_GLUE_CODES = codeSet(CODE_GLUE);

/** Characters after a bare number that do not make it a code (和, 、, comparators and ranges are checked apart). */
const CONJUNCTIONS = new Set(['和', '与', '及', '或', '至', '到', '比', '等', '分']);
const CONJUNCTION_CODES = codeSet(CONJUNCTIONS);

/** 到2025年, 截至2020年: the year is a deadline. */
const DEADLINE_WORDS = ['截止到', '截至', '截止', '到了', '到', '至'];

/** Roman numerals written before 类 (Ⅲ类水体). */
const ROMAN_NUMERALS: Readonly<Record<string, number>> = {
  Ⅰ: 1,
  Ⅱ: 2,
  Ⅲ: 3,
  Ⅳ: 4,
  Ⅴ: 5,
  Ⅵ: 6,
  Ⅶ: 7,
  Ⅷ: 8,
  Ⅸ: 9,
  Ⅹ: 10,
  Ⅺ: 11,
  Ⅻ: 12,
};
const ROMAN_VALUES = codeValues(ROMAN_NUMERALS);

/** The middle digit of a plan name 十X五 (十四五). */
const PLAN_DIGIT_CODES = codeSet('一二三四五六七八九');
const PLAN_ORDINAL_LONG = /第\s*(?:十[一二三四五六七八九]|[一二三四五六七八九十])个五年(?:规划|计划)/y;
const DOUBLING = /翻(?:了)?([一两二三四五1-5])?番/y;

/** Characters after a Chinese numeral that may make it a quantity besides a unit (余 多 分之 至 级 五 of 十四五). */
const CHINESE_FOLLOWERS = new Set([
  '余',
  '多',
  '分',
  '至',
  '到',
  '—',
  '-',
  '~',
  '～',
  '级',
  '五',
  '年',
  '”',
  '个',
]);
const CHINESE_FOLLOWER_CODES = codeSet(CHINESE_FOLLOWERS);

/** Per UTF-16 code: 1 where a number, year, ordinal or multiplier may start (digits checked apart). */
const NUMERAL_START = new Uint8Array(65536);
for (const ch of [
  ...Object.keys(CHINESE_DIGITS),
  ...Object.keys(CHINESE_SMALL_UNITS),
  ...Object.keys(ROMAN_NUMERALS),
  '第',
  '翻',
  '倍',
]) {
  NUMERAL_START[ch.charCodeAt(0)] = 1;
}
for (let c = 48; c <= 57; c++) NUMERAL_START[c] = 1;
for (let c = 0xff10; c <= 0xff19; c++) NUMERAL_START[c] = 1;
for (const ch of MINUS_SIGNS) NUMERAL_START[ch.charCodeAt(0)] = 2;
const CHINESE_NUMERAL_CHARS = new Set([
  ...Object.keys(CHINESE_DIGITS),
  ...Object.keys(CHINESE_SMALL_UNITS),
  ...Object.keys(CHINESE_BIG_UNITS),
]);
const CHINESE_NUMERAL_CODES = codeSet(CHINESE_NUMERAL_CHARS);

/** The char codes the scanner compares against (the rest go through the tables above). */
const code = (ch: string): number => ch.charCodeAt(0);
const DI = code('第');
const FAN = code('翻');
const BEI = code('倍');
const ZENG = code('增');
const SHUANG = code('双');
const SHI = code('十');
const WU = code('五');
const YI = code('一');
const DIAN = code('点');
const NIAN = code('年');
const MEI = code('每');
const HAO = code('号');
const YUE = code('月');
const RI = code('日');
const JI = code('级');
const YU = code('余');
const DUO = code('多');
const WAN = code('万');
const YI_MAGNITUDE = code('亿');
const SLASH = code('/');
const DOT = code('.');
const FULL_DOT = code('．');
const HYPHEN = code('-');
const FULL_HYPHEN = code('－');
const MATH_MINUS = code('−');
const PERCENT = code('%');
const EQUALS = code('=');
const GREATER = code('>');
const LESS = code('<');
const ENUMERATION_COMMA = code('、');
const OPEN_PAREN = code('(');
const CLOSE_PAREN = code(')');
const FULL_OPEN_PAREN = code('（');
const FULL_CLOSE_PAREN = code('）');
/** Marks after which a clause starts (a list marker may follow). */
const CLAUSE_MARKS = codeSet(['\n', '\r', '：', ':', '；', '。']);

export interface ScanOptions {
  /** Accept a bare hyphen range (6-8) without a unit: true in table cells, false in running text (专栏3-1). */
  bareHyphenRange?: boolean;
}

interface Attempt {
  match?: QuantityMatch;
  /** Where scanning resumes. */
  next: number;
}

/** Every quantity, year, period and ordinal in `text`, in order, with offsets into `text`. */
export function findQuantities(text: string, options: ScanOptions = {}): QuantityMatch[] {
  return scan(text, 0, text.length, options, false);
}

/**
 * The quantity at `from` (after optional spaces and comparator words such as 达到 / 控制在 / ≥), or null when the
 * text there does not begin with one.
 */
export function parseQuantity(text: string, from = 0, options: ScanOptions = {}): QuantityMatch | null {
  const [first] = scan(text, from, text.length, options, true);
  if (!first) return null;
  const leading = first.comparator?.words.filter((w) => w.position === 'before') ?? [];
  let cursor = skipSpaces(text, from, Number.POSITIVE_INFINITY);
  for (const word of leading) {
    if (word.start < cursor) continue;
    if (word.start !== cursor) return null;
    cursor = skipSpaces(text, word.end, Number.POSITIVE_INFINITY);
  }
  return cursor === first.start ? first : null;
}

function scan(
  text: string,
  from: number,
  to: number,
  options: ScanOptions,
  firstOnly: boolean,
): QuantityMatch[] {
  const out: QuantityMatch[] = [];
  let i = from;
  while (i < to) {
    const start = NUMERAL_START[text.charCodeAt(i)];
    if (start === 0 || (start === 2 && !isDigitCode(text.charCodeAt(i + 1)))) {
      i++;
      continue;
    }
    const attempt = attemptAt(text, i, options);
    if (attempt.match) {
      out.push(attempt.match);
      if (firstOnly) return out;
    }
    i = Math.max(i + 1, attempt.next);
  }
  return out;
}

function attemptAt(text: string, i: number, options: ScanOptions): Attempt {
  const ch = text.charCodeAt(i);
  if (ch === DI) return ordinalAt(text, i);
  if (ch === FAN) return doublingAt(text, i);
  if (ch === BEI)
    return codeAt(text, i + 1) === ZENG
      ? multiplier(text, codeAt(text, i - 1) === SHUANG ? i - 1 : i, i + 2, '2')
      : { next: i + 1 };
  const roman = ROMAN_VALUES[ch]!;
  if (roman >= 0) return romanAt(text, i, roman);
  const prev = codeAt(text, i - 1);
  // In the middle of a digit run or a Chinese numeral run: the run was already tried from its start.
  if (isDigitCode(prev) || (CHINESE_NUMERAL_CODES[prev] === 1 && !isDigitCode(ch))) {
    return { next: i + 1 };
  }
  if (
    ch === SHI &&
    PLAN_DIGIT_CODES[codeAt(text, i + 1)] === 1 &&
    codeAt(text, i + 2) === WU &&
    CHINESE_NUMERAL_CODES[codeAt(text, i + 3)] === 0
  )
    return planPeriod(text, i, i + 3);
  const period = yearOrPeriodAt(text, i);
  if (period) return period;
  // A number opening a quotation is a name or slogan (“13710”, “9+2”, “七个百分之百”, “10万大学生留洛计划”).
  if (OPENING_QUOTE_CODES[prev] === 1) {
    const window = text.slice(i, i + 41);
    const close = window.indexOf(CLOSING_QUOTES[text[i - 1]!]!);
    const nl = window.indexOf('\n');
    if (close !== -1 && (nl === -1 || close < nl)) return { next: i + close + 1 };
  }
  if (CHINESE_NUMERAL_CODES[ch] === 1) {
    // Most Chinese numerals are inside words (统一, 一体化, 进一步): reject them before reading the numeral.
    let runEnd = i + 1;
    for (let c = codeAt(text, runEnd); CHINESE_NUMERAL_CODES[c] === 1 || c === DIAN; c = codeAt(text, runEnd))
      runEnd++;
    const follower = codeAt(text, runEnd);
    const open =
      CHINESE_FOLLOWER_CODES[follower] === 1 ||
      unitMayStartAt(text, runEnd) ||
      isSpaceCode(follower) ||
      isDigitCode(follower);
    if (runEnd - i !== 4 && !open) {
      return { next: runEnd };
    }
  }
  return quantityAt(text, i, options);
}

// ---------------------------------------------------------------------------------------------------------------
// years, periods, ordinals, multipliers

function yearOrPeriodAt(text: string, i: number): Attempt | null {
  if (isDigitCode(text.charCodeAt(i))) {
    // Only a run of exactly four digits can be a year.
    if (!isDigitCode(text.charCodeAt(i + 3)) || isDigitCode(text.charCodeAt(i + 4))) return null;
    const first = readArabic(text, i);
    if (
      !first ||
      first.integer.length !== 4 ||
      first.text.length !== 4 ||
      !isPlausibleYear(Number(first.integer))
    )
      return null;
    if (isLetterCode(text.charCodeAt(i - 1))) return null;
    let p = skipSpaces(text, first.end, 2);
    const hasNian = codeAt(text, p) === NIAN && !text.startsWith('年一遇', p);
    const afterFirst = hasNian ? p + 1 : first.end;
    // 2021—2025年, 2021年-2025年, 2021年至2025年
    const sepAt = skipSpaces(text, afterFirst, 1);
    if (RANGE_SEPARATOR_CODES[codeAt(text, sepAt)] === 1) {
      const secondAt = skipSpaces(text, sepAt + 1, 1);
      const second = isDigitCode(text.charCodeAt(secondAt)) ? readArabic(text, secondAt) : null;
      if (
        second &&
        second.integer.length === 4 &&
        second.text.length === 4 &&
        !isDigitCode(text.charCodeAt(second.end))
      ) {
        const a = Number(first.integer);
        const b = Number(second.integer);
        if (isPlausibleYear(b) && b > a && b - a <= 30) {
          let end = second.end;
          const q = skipSpaces(text, end, 2);
          if (codeAt(text, q) === NIAN) end = q + 1;
          return {
            match: build(text, i, end, { kind: 'period', value: String(a), valueMax: String(b) }),
            next: end,
          };
        }
      }
    }
    if (!hasNian) return null;
    p += 1;
    return yearMatch(text, i, p, first.integer);
  }
  // 二〇三五年: four Chinese digits read one by one.
  for (let k = 0; k < 4; k++) if (CHINESE_DIGIT_VALUES[codeAt(text, i + k)]! < 0) return null;
  if (CHINESE_NUMERAL_CODES[codeAt(text, i + 4)] === 1) return null;
  const n = readNumeral(text, i);
  if (!n || !n.positional || n.end - i !== 4 || !isPlausibleYear(Number(n.value))) return null;
  const p = codeAt(text, n.end) === NIAN ? n.end + 1 : n.end;
  return yearMatch(text, i, p, n.value);
}

function yearMatch(text: string, start: number, end: number, year: string): Attempt {
  const match = build(text, start, end, { kind: 'year', value: year });
  const before = skipSpacesBack(text, start);
  if (DEADLINE_WORDS.some((w) => text.startsWith(w, before - w.length))) match.by = true;
  return { match, next: end };
}

function planPeriod(text: string, start: number, end: number): Attempt {
  const period = fiveYearPlanPeriod(text.slice(start, end));
  if (!period) return { next: end };
  return {
    match: build(text, start, end, {
      kind: 'period',
      value: String(period.start),
      valueMax: String(period.end),
    }),
    next: end,
  };
}

function ordinalAt(text: string, i: number): Attempt {
  PLAN_ORDINAL_LONG.lastIndex = i;
  if (PLAN_ORDINAL_LONG.test(text)) return planPeriod(text, i, PLAN_ORDINAL_LONG.lastIndex);
  const at = skipSpaces(text, i + 1, 2);
  const n = readNumeral(text, at);
  if (!n || n.valueMax !== undefined || n.dotted) return { next: i + 1 };
  const unitAt = skipSpaces(text, n.end, 2);
  const unit =
    n.magnitude === '' ? matchUnit(text, unitAt, { afterChinese: n.chinese, composite: false }) : null;
  const usable = unit && unit.unit.dimension !== 'magnitude' ? unit : null;
  const end = usable ? usable.end : n.end;
  const match = build(text, i, end, { kind: 'ordinal', value: withMagnitude(n) });
  if (usable) match.unit = usable.unit;
  return { match, next: end };
}

function doublingAt(text: string, i: number): Attempt {
  if (text.startsWith('翻番', i)) return multiplier(text, i, i + 2, '2');
  DOUBLING.lastIndex = i;
  const m = DOUBLING.exec(text);
  if (!m) return { next: i + 1 };
  const times = m[1] ? Number(CHINESE_DIGITS[m[1]] ?? m[1]) : 1;
  return multiplier(text, i, DOUBLING.lastIndex, String(2 ** times));
}

const TIMES_UNIT = matchUnit('倍', 0)!.unit;

function multiplier(text: string, start: number, end: number, factor: string): Attempt {
  const match = build(text, start, end, { kind: 'quantity', value: factor });
  match.unit = { ...TIMES_UNIT, written: '倍' };
  match.multiplier = text.slice(start, end);
  attachComparator(text, match, start, end);
  return { match, next: end };
}

function romanAt(text: string, i: number, value: number): Attempt {
  const unit = matchUnit(text, i + 1, { composite: false });
  if (!unit || unit.unit.symbol !== '类') return { next: i + 1 };
  const match = build(text, i, unit.end, { kind: 'quantity', value: String(value) });
  match.unit = unit.unit;
  attachComparator(text, match, i, unit.end);
  return { match, next: unit.end };
}

// ---------------------------------------------------------------------------------------------------------------
// quantities

interface Part {
  numeral: Numeral;
  value: Decimal;
  valueMax?: Decimal;
  magnitude: Magnitude;
  unit?: UnitMatch;
  lowerBound: boolean;
  end: number;
}

function quantityAt(text: string, i: number, options: ScanOptions): Attempt {
  const negative = MINUS_SIGN_CODES[text.charCodeAt(i)] === 1;
  const numberAt = negative ? i + 1 : i;
  if (negative) {
    const prev = text.charCodeAt(i - 1);
    if (isDigitCode(prev) || isLetterCode(prev)) return { next: i + 1 };
  }
  const numeral = readNumeral(text, numberAt);
  if (!numeral) return { next: numberAt + 1 };
  const skip: Attempt = { next: Math.max(numeral.end, numberAt + 1) };
  const prev = codeAt(text, i - 1);
  if (!numeral.chinese) {
    const signBefore = prev === EQUALS && (codeAt(text, i - 2) === GREATER || codeAt(text, i - 2) === LESS);
    const glued = CODE_GLUE_CODES[prev] === 1 && !signBefore;
    if (isLetterCode(prev) || glued || prev === PERCENT || prev === SLASH || prev === DOT)
      return skipCode(text, numeral.end);
    if (numeral.leadingZero || numeral.dotted) return skipCode(text, numeral.end);
    if (CODE_GLUE_CODES[codeAt(text, numeral.end)] === 1) return skipCode(text, numeral.end);
  }
  const before = skipSpacesBack(text, i);
  const lastBefore = codeAt(text, before - 1);
  if (CODE_PREFIXES_BY_LAST.get(lastBefore)?.some((w) => text.startsWith(w, before - w.length)))
    return skipCode(text, numeral.end);
  // 每千人, 每10万城镇人口: a denominator, not a quantity.
  if (lastBefore === MEI) return skip;
  if (numeral.chinese && inIdiom(text, numberAt)) return skip;
  // 零排放, 零部件: a lone zero is a word.
  if (numeral.chinese && numeral.value === '0' && numeral.end - numeral.start === 1) return skip;
  // 地铁 1 号线, 10 月, 23 日: a name or a date.
  const follower = codeAt(text, skipSpaces(text, numeral.end, 2));
  if (!numeral.chinese && follower === HAO) return skipCode(text, numeral.end);
  if (!numeral.chinese && (follower === YUE || follower === RI) && numeral.arabicInteger !== undefined)
    return skip;

  // X分之Y: 四分之一, 百分之五十, 千分之三
  if (text.startsWith('分之', numeral.end)) return fractionAt(text, i, numeral, negative);
  // 2/3 written with digits
  if (
    !numeral.chinese &&
    codeAt(text, numeral.end) === SLASH &&
    isDigitCode(text.charCodeAt(numeral.end + 1))
  ) {
    return digitFractionAt(text, i, numeral, negative);
  }

  const first = readPart(text, numeral);
  if (!first) return skip;
  let part: Part = first;
  let valueMax = first.valueMax;
  let unit = first.unit;
  let end = first.end;
  let lowerBound = first.lowerBound;

  // Range: 6—8个, 6%-7%, 80亿—100亿元, 6~8, 6至8, 三至五年 (no spaces around the separator).
  const sep = codeAt(text, end);
  if (RANGE_SEPARATOR_CODES[sep] === 1 && valueMax === undefined) {
    const secondNumeral = readNumeral(text, end + 1);
    if (secondNumeral && secondNumeral.valueMax === undefined) {
      const second = readPart(text, secondNumeral);
      const bareOk =
        sep !== HYPHEN && sep !== FULL_HYPHEN && sep !== MATH_MINUS ? true : options.bareHyphenRange === true;
      if (
        second &&
        CODE_GLUE_CODES[codeAt(text, second.end)] === 0 &&
        !isLetterCode(text.charCodeAt(second.end))
      ) {
        const joined = joinRange(part, second, bareOk);
        if (joined) {
          valueMax = joined.valueMax;
          unit = joined.unit;
          part = { ...part, value: joined.value, magnitude: joined.magnitude };
          end = second.end;
          lowerBound = lowerBound || second.lowerBound;
        }
      }
    }
  }

  // List markers: 1、 / 1. at the start of a line or clause, （1）.
  if (!unit && numeral.arabicInteger !== undefined && !negative) {
    const next = codeAt(text, end);
    const marker =
      next === ENUMERATION_COMMA ||
      ((next === DOT || next === FULL_DOT) && !isDigitCode(text.charCodeAt(end + 1)));
    if (marker && isClauseStart(text, i)) return skip;
    if (
      (prev === FULL_OPEN_PAREN || prev === OPEN_PAREN) &&
      (next === FULL_CLOSE_PAREN || next === CLOSE_PAREN)
    )
      return skip;
  }

  // A bare number glued to letters or to an ideograph is part of a name or code (5G, 1818工程, 110联动, 4月).
  if (!unit) {
    const next = codeAt(text, end);
    if (isLetterCode(next)) return skipCode(text, end);
    if (
      isIdeographCode(next) &&
      CONJUNCTION_CODES[next] === 0 &&
      !comparatorWordStartsAt(text, end) &&
      part.magnitude === ''
    ) {
      return skip;
    }
    // Chinese numerals count only with a unit: 一流, 三农, 十九大 are words.
    if (numeral.chinese) return skip;
  }
  if (unit) {
    if (numeral.chinese && unit.unit.dimension === 'magnitude' && codeAt(text, unit.end) !== JI) return skip;
    // 一户一档, 一村一品, 一年一度: a reduplicated pattern, not a count.
    if (
      numeral.chinese &&
      numeral.end - numeral.start === 1 &&
      text.charCodeAt(numeral.start) === YI &&
      codeAt(text, unit.end) === YI
    )
      return skip;
  }

  const match = build(text, i, end, {
    kind: 'quantity',
    value: negative ? negateDecimal(part.value) : part.value,
  });
  if (valueMax !== undefined) match.valueMax = negative ? negateDecimal(valueMax) : valueMax;
  if (unit) {
    match.unit = unit.unit;
    if (unit.unit.dimension === 'percentage_point') match.percentPoints = true;
  }
  if (lowerBound) {
    match.lowerBound = true;
    match.approximate = true;
  }
  if (unit && unit.unit.dimension === 'magnitude' && codeAt(text, unit.end) === JI) {
    match.scaleClass = true;
    match.end = unit.end + 1;
    match.text = text.slice(match.start, match.end);
  }
  const afterEnd = attachComparator(text, match, i, match.end);
  return { match, next: Math.max(match.end, afterEnd) };
}

/** Reads `numeral` plus 余/多, a magnitude written after 余/多 (100多万), and the unit; null when it is malformed. */
function readPart(text: string, numeral: Numeral): Part | null {
  const p = numeral.end;
  let magnitude: Magnitude = numeral.magnitude;
  let lowerBound = false;
  let unit: UnitMatch | null = null;
  const afterChinese = numeral.chinese;
  // 20多家, 千余件, 9000余家, 100多万人, 600 余批次
  const approxAt = magnitude ? p : skipSpaces(text, p, 2);
  const approxCode = codeAt(text, approxAt);
  if ((approxCode === YU || approxCode === DUO) && numeral.valueMax === undefined) {
    const big = magnitudeAt(text, approxAt + 1);
    const after = matchUnit(text, approxAt + 1 + big.length, { afterChinese, prefix: magnitude + big });
    if (after && (after.unit.dimension !== 'magnitude' || big)) {
      lowerBound = true;
      unit = after;
      if (big) magnitude = (magnitude + big) as Magnitude;
    }
  }
  if (!unit) {
    const unitAt = magnitude ? p : skipSpaces(text, p, 2);
    unit = matchUnit(text, unitAt, { afterChinese, prefix: magnitude });
    // 1.3亿余元, 2.8万余平方米: 余/多 between the magnitude and the unit.
    const tailCode = unit ? codeAt(text, unit.end) : 0;
    if (unit && unit.unit.dimension === 'magnitude' && (tailCode === YU || tailCode === DUO)) {
      const tail = matchUnit(text, unit.end + 1, { afterChinese, prefix: unit.unit.symbol });
      if (tail && tail.unit.dimension !== 'magnitude') {
        unit = {
          ...tail,
          start: unit.start,
          unit: { ...tail.unit, written: text.slice(unit.start, tail.end) },
        };
        lowerBound = true;
      } else if (!tail || tail.unit.dimension === 'magnitude') {
        unit = { ...unit, end: unit.end + 1 };
        lowerBound = true;
      }
    }
  }
  // A magnitude read inside the numeral belongs to the unit's spelling (十亿 + 元 → 亿元).
  if (unit && magnitude && !unit.unit.written.startsWith(magnitude)) {
    unit = { ...unit, unit: { ...unit.unit, written: magnitude + unit.unit.written } };
  }
  const end = unit ? unit.end : p;
  const value = numeral.value;
  const result: Part = { numeral, value, magnitude, lowerBound, end };
  if (numeral.valueMax !== undefined) result.valueMax = numeral.valueMax;
  if (unit) result.unit = unit;
  return result;
}

function magnitudeAt(text: string, p: number): string {
  const ch = codeAt(text, p);
  if (ch === WAN) return codeAt(text, p + 1) === YI_MAGNITUDE ? '万亿' : '万';
  return ch === YI_MAGNITUDE ? '亿' : '';
}

/** Two parts joined by a range separator, when their units agree and the second is larger. */
function joinRange(
  a: Part,
  b: Part,
  bareOk: boolean,
): { value: Decimal; valueMax: Decimal; unit?: UnitMatch; magnitude: Magnitude } | null {
  let unit: UnitMatch | undefined;
  if (a.unit && b.unit) {
    const sa = a.unit.unit.symbol;
    const sb = b.unit.unit.symbol;
    if (sa === sb) unit = b.unit;
    else if (a.unit.unit.dimension === 'magnitude' && sb.startsWith(sa)) unit = b.unit;
    else return null;
  } else if (b.unit) {
    // 6-8万人: the first number is read in the second's magnitude.
    if (a.magnitude && !b.unit.unit.symbol.startsWith(a.magnitude)) return null;
    unit = b.unit;
  } else if (a.unit) return null;
  else if (!bareOk) return null;
  if (!unit && !bareOk) return null;
  if (compareDecimal(b.value, a.value) <= 0) return null;
  const result: { value: Decimal; valueMax: Decimal; unit?: UnitMatch; magnitude: Magnitude } = {
    value: a.value,
    valueMax: b.value,
    magnitude: b.magnitude,
  };
  if (unit) result.unit = unit;
  return result;
}

function fractionAt(text: string, i: number, denominatorNumeral: Numeral, negative: boolean): Attempt {
  const numeratorNumeral = readNumeral(text, denominatorNumeral.end + 2);
  if (!numeratorNumeral || numeratorNumeral.valueMax !== undefined)
    return { next: denominatorNumeral.end + 2 };
  const denominator = withMagnitude(denominatorNumeral);
  const numerator = withMagnitude(numeratorNumeral);
  const end = numeratorNumeral.end;
  if (denominator === '0') return { next: end };
  let match: QuantityMatch;
  if (denominator === '100' || denominator === '1000') {
    match = build(text, i, end, { kind: 'quantity', value: negative ? negateDecimal(numerator) : numerator });
    match.unit = matchUnit(denominator === '100' ? '%' : '‰', 0)!.unit;
    match.unit.written = text.slice(denominatorNumeral.start, denominatorNumeral.end + 2);
  } else {
    match = build(text, i, end, { kind: 'quantity', value: shareValue(numerator, denominator, negative) });
    match.share = { numerator, denominator };
  }
  const afterEnd = attachComparator(text, match, i, end);
  return { match, next: Math.max(end, afterEnd) };
}

function digitFractionAt(text: string, i: number, numeral: Numeral, negative: boolean): Attempt {
  const second = readArabic(text, numeral.end + 1);
  const next = second ? second.end : numeral.end + 1;
  if (
    !second ||
    numeral.magnitude ||
    numeral.valueMax !== undefined ||
    second.text.includes('.') ||
    numeral.value.includes('.')
  ) {
    return skipCode(text, next);
  }
  const tail = text.charCodeAt(second.end);
  if (isDigitCode(tail) || isLetterCode(tail) || text[second.end] === '/' || text[second.end] === '.')
    return skipCode(text, next);
  if (compareDecimal(numeral.value, second.integer) >= 0 || second.integer === '0') return { next };
  const match = build(text, i, second.end, {
    kind: 'quantity',
    value: shareValue(numeral.value, second.integer, negative),
  });
  match.share = { numerator: numeral.value, denominator: String(Number(second.integer)) };
  const afterEnd = attachComparator(text, match, i, second.end);
  return { match, next: Math.max(second.end, afterEnd) };
}

function shareValue(numerator: Decimal, denominator: Decimal, negative: boolean): Decimal {
  const exact = divideDecimal(numerator, denominator, 10);
  const value = exact.exact ? exact.value : divideDecimal(numerator, denominator, 4).value;
  return negative ? negateDecimal(value) : value;
}

// ---------------------------------------------------------------------------------------------------------------
// helpers

/** Idioms indexed by each numeral character they contain, with its offsets inside the idiom. */
const IDIOMS_BY_CHAR = new Map<number, { idiom: string; offset: number }[]>();
for (const idiom of NUMERAL_IDIOMS) {
  [...idiom].forEach((ch, offset) => {
    if (!CHINESE_NUMERAL_CHARS.has(ch)) return;
    const list = IDIOMS_BY_CHAR.get(code(ch)) ?? [];
    list.push({ idiom, offset });
    IDIOMS_BY_CHAR.set(code(ch), list);
  });
}

/** True when a numeral idiom is written over the numeral starting at `pos` (千家万户, 最后一公里). */
function inIdiom(text: string, pos: number): boolean {
  const candidates = IDIOMS_BY_CHAR.get(text.charCodeAt(pos));
  return (
    candidates !== undefined && candidates.some(({ idiom, offset }) => text.startsWith(idiom, pos - offset))
  );
}

/** Only spaces since the start of the line or since a clause mark (：；。). */
function isClauseStart(text: string, pos: number): boolean {
  const p = skipSpacesBack(text, pos, 8);
  return p === 0 || CLAUSE_MARKS[text.charCodeAt(p - 1)] === 1;
}

function withMagnitude(n: Numeral): Decimal {
  const power = n.magnitude ? MAGNITUDE_PREFIXES[n.magnitude]! : 0;
  return shiftDecimal(n.value, power);
}

/** Skips the rest of a code (letters, digits, glue) so that its inner digits are not tried again. */
function skipCode(text: string, from: number): Attempt {
  let p = from;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (isDigitCode(c) || isLetterCode(c) || CODE_GLUE_CODES[c] === 1 || c === DOT || c === HYPHEN) p++;
    else break;
  }
  return { next: p };
}

function build(
  text: string,
  start: number,
  end: number,
  fields: Pick<QuantityMatch, 'kind' | 'value' | 'valueMax'>,
): QuantityMatch {
  const match: QuantityMatch = {
    kind: fields.kind,
    value: fields.value,
    start,
    end,
    text: text.slice(start, end),
  };
  if (fields.valueMax !== undefined) match.valueMax = fields.valueMax;
  return match;
}

/** Words that make a value approximate even under another comparator (约 达到, 近 …). */
const APPROXIMATE_WORDS = new Set(['约', '约为', '大约', '近', '接近', '将近', '左右', '上下', '≈']);

/** Finds the comparator words around [start, end), sets `match.comparator` and approximate; returns where the words end. */
function attachComparator(text: string, match: QuantityMatch, start: number, end: number): number {
  const beforeWords = comparatorWordsBefore(text, start);
  const afterWords = comparatorWordsAfter(text, end);
  if (beforeWords.length === 0 && afterWords.length === 0) return end;
  const words = beforeWords.concat(afterWords);
  const comparator = resolveComparator(words);
  if (!comparator) return end;
  match.comparator = comparator;
  if (comparator.direction === 'approx' || words.some((w) => APPROXIMATE_WORDS.has(w.text))) {
    match.approximate = true;
  }
  return afterWords.length ? afterWords[afterWords.length - 1]!.end : end;
}
