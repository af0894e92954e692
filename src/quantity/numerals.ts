// Reads one numeral — arabic (1,100 / 1.57 / １．５), Chinese (一百零八 / 两千 / 二〇三五 / 十七八) or mixed
// (十亿3000万, 1.5万) — into an exact value expressed in its largest trailing magnitude (万/亿).

import { addDecimal, decimal, multiplyDecimal, shiftDecimal, type Decimal } from './decimal.js';
import { codeAt, codeValues, digitValue, isDigitCode } from './chars.js';

/** Chinese digit characters (incl. the financial forms) and their values. */
export const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};

/** Chinese multipliers inside a section (十 百 千). */
export const CHINESE_SMALL_UNITS: Readonly<Record<string, number>> = {
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
};

/** Chinese section magnitudes as powers of ten (万 = 10^4, 亿 = 10^8). */
export const CHINESE_BIG_UNITS: Readonly<Record<string, number>> = { 万: 4, 萬: 4, 亿: 8, 億: 8 };

/** Digit pairs read as a range rather than a two-digit number (两三个 = 2–3, 三五年 = 3–5). */
const RANGE_PAIRS = new Set(['1,2', '2,3', '3,4', '4,5', '5,6', '6,7', '7,8', '8,9', '3,5']);
/** RANGE_PAIRS keyed by first × 10 + second, so that a pair is tested without building a string. */
const RANGE_PAIR_KEYS = new Set(
  [...RANGE_PAIRS].map((pair) => {
    const [first, second] = pair.split(',').map(Number);
    return first! * 10 + second!;
  }),
);

function isRangePair(first: number, second: number): boolean {
  return first >= 0 && second >= 0 && RANGE_PAIR_KEYS.has(first * 10 + second);
}

/** The magnitude word a numeral's value is expressed in. */
export type Magnitude = '' | '万' | '亿' | '万亿';

const MAGNITUDE_BY_POWER: Readonly<Record<number, Magnitude>> = { 0: '', 4: '万', 8: '亿', 12: '万亿' };

export interface Numeral {
  start: number;
  end: number;
  /** The value in units of `magnitude` (十亿3000万 → 10.3 with magnitude 亿). */
  value: Decimal;
  /** Upper end when the numeral itself is a range (两三 → 3). */
  valueMax?: Decimal;
  magnitude: Magnitude;
  /** Contains at least one Chinese numeral character. */
  chinese: boolean;
  /** Only Chinese digits read digit by digit (二〇三五). */
  positional: boolean;
  /** The integer digits as written when the numeral is a plain arabic integer (for years and codes). */
  arabicInteger?: string;
  /** An arabic integer of two or more digits starting with 0 (0379): a code. */
  leadingZero: boolean;
  /** Several dots (1.2.3): a version or code. */
  dotted: boolean;
}

type Token =
  | { kind: 'num'; value: Decimal; chinese: boolean; zero: boolean; digit: number }
  | { kind: 'small'; mult: number }
  | { kind: 'big'; power: number };

interface Arabic {
  end: number;
  text: string;
  integer: string;
  dotted: boolean;
}

/** Reads ASCII/full-width digits with thousands separators and a decimal point starting at `pos`. */
export function readArabic(text: string, pos: number): Arabic | null {
  let p = pos;
  while (isDigitCode(text.charCodeAt(p))) p++;
  if (p === pos) return null;
  let integer = asciiDigits(text, pos, p);
  // Thousands separators: groups of exactly three digits after a first group of one to three.
  if (p - pos <= 3) {
    while (p + 3 <= text.length && isThousandsSeparator(text.charCodeAt(p))) {
      const groupEnd = p + 4;
      if (
        !isDigitCode(text.charCodeAt(p + 1)) ||
        !isDigitCode(text.charCodeAt(p + 2)) ||
        !isDigitCode(text.charCodeAt(p + 3)) ||
        isDigitCode(text.charCodeAt(groupEnd))
      )
        break;
      integer += asciiDigits(text, p + 1, groupEnd);
      p = groupEnd;
    }
  }
  let fraction = '';
  let dotted = false;
  if (isDecimalPoint(text.charCodeAt(p)) && isDigitCode(text.charCodeAt(p + 1))) {
    const fractionStart = ++p;
    while (isDigitCode(text.charCodeAt(p))) p++;
    fraction = asciiDigits(text, fractionStart, p);
    // A second dot followed by a digit makes a version number or code (1.2.3).
    while (isDecimalPoint(text.charCodeAt(p)) && isDigitCode(text.charCodeAt(p + 1))) {
      dotted = true;
      p++;
      while (isDigitCode(text.charCodeAt(p))) p++;
    }
  }
  return { end: p, text: fraction ? `${integer}.${fraction}` : integer, integer, dotted };
}

/** The digits of text[from, to) in ASCII (full-width digits converted); a plain slice when they already are. */
function asciiDigits(text: string, from: number, to: number): string {
  for (let p = from; p < to; p++) {
    if (text.charCodeAt(p) > 57) {
      let out = '';
      for (let q = from; q < to; q++) out += digitValue(text.charCodeAt(q));
      return out;
    }
  }
  return text.slice(from, to);
}

function isThousandsSeparator(code: number): boolean {
  return code === 44 || code === 0xff0c; // , ，
}

function isDecimalPoint(code: number): boolean {
  return code === 46 || code === 0xff0e; // . ．
}

/** Canonical Decimal of plain ASCII digits with an optional fraction ("0380.40" → "380.4"), without arithmetic. */
function canonicalDigits(text: string): Decimal {
  const dot = text.indexOf('.');
  let integer = dot === -1 ? text : text.slice(0, dot);
  let fraction = dot === -1 ? '' : text.slice(dot + 1);
  let i = 0;
  while (i < integer.length - 1 && integer.charCodeAt(i) === 48) i++;
  integer = integer.slice(i);
  let j = fraction.length;
  while (j > 0 && fraction.charCodeAt(j - 1) === 48) j--;
  fraction = fraction.slice(0, j);
  return fraction ? `${integer}.${fraction}` : integer;
}

/** `CHINESE_DIGITS`, `CHINESE_SMALL_UNITS` and `CHINESE_BIG_UNITS` by char code (−1 elsewhere). */
export const CHINESE_DIGIT_VALUES = codeValues(CHINESE_DIGITS);
const SMALL_UNIT_VALUES = codeValues(CHINESE_SMALL_UNITS);
const BIG_UNIT_POWERS = codeValues(CHINESE_BIG_UNITS);
/** 点, the decimal point of Chinese numerals (三点五). */
const DECIMAL_DIAN = '点'.charCodeAt(0);
/** The digit strings, so that a Chinese digit becomes a token without number-to-string conversion. */
const DIGIT_TEXT = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Reads the numeral starting at `pos`, or null when there is none or it is malformed (百千万, 万 alone). */
export function readNumeral(text: string, pos: number): Numeral | null {
  if (isDigitCode(codeAt(text, pos))) {
    const fast = readArabicNumeral(text, pos);
    if (fast) return fast;
  }
  const tokens: Token[] = [];
  let p = pos;
  let arabic: Arabic | null = null;
  let chinese = false;
  while (p < text.length) {
    const code = text.charCodeAt(p);
    const last = tokens[tokens.length - 1];
    if (isDigitCode(code)) {
      if (last && last.kind !== 'big') break;
      const a = readArabic(text, p);
      if (!a) break;
      // After a magnitude, arabic digits continue the numeral only as a smaller section (1亿2000万).
      if (last?.kind === 'big') {
        const nextBig = BIG_UNIT_POWERS[codeAt(text, a.end)]!;
        if (nextBig < 0 || nextBig >= last.power || a.text.includes('.')) break;
      }
      if (tokens.length === 0) arabic = a;
      tokens.push({ kind: 'num', value: canonicalDigits(a.text), chinese: false, zero: false, digit: -1 });
      p = a.end;
      continue;
    }
    const power = BIG_UNIT_POWERS[code]!;
    // After arabic digits only magnitudes continue the numeral (5万千瓦 is 5 万千瓦, 3千米 is 3 千米).
    if (arabic !== null && power < 0) break;
    const digit = CHINESE_DIGIT_VALUES[code]!;
    if (digit >= 0) {
      if (last?.kind === 'num' && !last.chinese) break;
      tokens.push({ kind: 'num', value: DIGIT_TEXT[digit]!, chinese: true, zero: digit === 0, digit });
      chinese = true;
      p++;
      continue;
    }
    const mult = SMALL_UNIT_VALUES[code]!;
    if (mult >= 0) {
      // 3千米 / 5千瓦: after arabic digits 千 belongs to the unit, not to the numeral.
      if (last?.kind === 'num' && !last.chinese) break;
      tokens.push({ kind: 'small', mult });
      chinese = true;
      p++;
      continue;
    }
    if (power >= 0) {
      tokens.push({ kind: 'big', power });
      p++;
      continue;
    }
    // 三点五 = 3.5: 点 is a decimal point only between Chinese digits.
    if (
      code === DECIMAL_DIAN &&
      last?.kind === 'num' &&
      last.chinese &&
      CHINESE_DIGIT_VALUES[codeAt(text, p + 1)]! >= 0
    ) {
      let fraction = '';
      let q = p + 1;
      while (CHINESE_DIGIT_VALUES[codeAt(text, q)]! >= 0)
        fraction += CHINESE_DIGIT_VALUES[text.charCodeAt(q++)]!;
      tokens[tokens.length - 1] = { ...last, value: addDecimal(last.value, `0.${fraction}`), digit: -1 };
      p = q;
      continue;
    }
    break;
  }
  if (tokens.length === 0) return null;
  // A trailing magnitude is kept only when it follows something (万元GDP: a lone 万 is not a number).
  const evaluated = evaluateWithRange(tokens);
  if (!evaluated) return null;
  const lastToken = tokens[tokens.length - 1]!;
  const keepMagnitude = lastToken.kind === 'big';
  const magnitude = keepMagnitude ? (MAGNITUDE_BY_POWER[evaluated.maxBig] ?? '') : '';
  const power = keepMagnitude ? evaluated.maxBig : 0;
  const plainArabic = arabic !== null && tokens.length === 1;
  return {
    start: pos,
    end: p,
    value: shiftDecimal(evaluated.value, -power),
    valueMax: evaluated.valueMax === undefined ? undefined : shiftDecimal(evaluated.valueMax, -power),
    magnitude,
    chinese,
    positional: evaluated.positional,
    arabicInteger: plainArabic && !arabic!.text.includes('.') ? arabic!.integer : undefined,
    leadingZero: arabic !== null && isLeadingZero(arabic),
    dotted: arabic?.dotted ?? false,
  };
}

/**
 * The common numerals without tokens: arabic digits alone (380.4) or with one magnitude (1.5万, 100亿) that
 * nothing continues; null when the general reader must decide (1亿2000万, 5万亿).
 */
function readArabicNumeral(text: string, pos: number): Numeral | null {
  const a = readArabic(text, pos)!;
  const power = BIG_UNIT_POWERS[codeAt(text, a.end)]!;
  let end = a.end;
  let magnitude: Magnitude = '';
  if (power >= 0) {
    const after = codeAt(text, a.end + 1);
    if (BIG_UNIT_POWERS[after]! >= 0 || isDigitCode(after)) return null;
    end = a.end + 1;
    magnitude = MAGNITUDE_BY_POWER[power]!;
  }
  const fractional = a.text.length !== a.integer.length;
  return {
    start: pos,
    end,
    // The value in units of its magnitude is the digits as written (1.5万 → 1.5).
    value: canonicalDigits(a.text),
    valueMax: undefined,
    magnitude,
    chinese: false,
    positional: false,
    arabicInteger: power < 0 && !fractional ? a.integer : undefined,
    leadingZero: isLeadingZero(a),
    dotted: a.dotted,
  };
}

function isLeadingZero(arabic: Arabic): boolean {
  return arabic.integer.length > 1 && arabic.integer.charCodeAt(0) === 48 && !arabic.text.includes('.');
}

interface Evaluated {
  value: Decimal;
  valueMax?: Decimal;
  maxBig: number;
  positional: boolean;
}

function evaluateWithRange(tokens: Token[]): Evaluated | null {
  if (tokens.length === 1) {
    const only = tokens[0]!;
    if (only.kind === 'num') return { value: only.value, maxBig: 0, positional: false };
    return only.kind === 'small' ? { value: String(only.mult), maxBig: 0, positional: false } : null;
  }
  const digits = tokens.filter((t) => t.kind === 'num');
  // Digit by digit (二〇三五, 一〇八): only Chinese digits, at least three, or with a zero among them.
  if (digits.length === tokens.length && digits.length >= 2 && digits.every((t) => t.chinese)) {
    if (digits.length === 2 && isRangePair(digits[0]!.digit, digits[1]!.digit))
      return { value: digits[0]!.value, valueMax: digits[1]!.value, maxBig: 0, positional: false };
    if (digits.length >= 3 || digits.some((t) => t.zero)) {
      if (digits.some((t) => t.digit < 0)) return null;
      return { value: decimal(digits.map((t) => t.digit).join('')), maxBig: 0, positional: true };
    }
    return null;
  }
  // 十七八 / 二三十 / 三四百: one adjacent pair of consecutive Chinese digits is a range.
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (a.kind === 'num' && b.kind === 'num' && a.chinese && b.chinese && isRangePair(a.digit, b.digit)) {
      const low = evaluate([...tokens.slice(0, i), a, ...tokens.slice(i + 2)]);
      const high = evaluate([...tokens.slice(0, i), b, ...tokens.slice(i + 2)]);
      if (!low || !high) return null;
      return { value: low.value, valueMax: high.value, maxBig: low.maxBig, positional: false };
    }
  }
  const single = evaluate(tokens);
  return single ? { value: single.value, maxBig: single.maxBig, positional: false } : null;
}

function evaluate(tokens: Token[]): { value: Decimal; maxBig: number } | null {
  const first = tokens[0]!;
  // Fast paths: 380.4 and 1.5万 need no arithmetic; integers of Chinese numerals fit in a float exactly.
  if (first.kind === 'num' && !first.chinese) {
    if (tokens.length === 1) return { value: first.value, maxBig: 0 };
    const second = tokens[1]!;
    if (tokens.length === 2 && second.kind === 'big')
      return { value: shiftDecimal(first.value, second.power), maxBig: second.power };
  } else if (tokens.every((t) => t.kind !== 'num' || (t.chinese && t.digit >= 0))) {
    const fast = evaluateSmall(tokens);
    if (fast !== undefined) return fast;
  }
  return evaluateExact(tokens);
}

/** The same evaluation on JS integers (exact below 2^53); undefined when that is exceeded, null when malformed. */
function evaluateSmall(tokens: Token[]): { value: Decimal; maxBig: number } | null | undefined {
  let total = 0;
  let section = 0;
  let pending = -1;
  let pendingAfterZero = false;
  let lastSmall = Number.POSITIVE_INFINITY;
  let maxBig = 0;
  let hasValue = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    if (t.kind === 'num') {
      if (pending !== -1 && !(pending === 0 && prev?.kind === 'num' && prev.zero)) return null;
      pendingAfterZero = prev?.kind === 'num' && prev.zero;
      pending = t.digit;
      hasValue = true;
    } else if (t.kind === 'small') {
      if (t.mult >= lastSmall) return null;
      section += (pending === -1 ? 1 : pending) * t.mult;
      pending = -1;
      lastSmall = t.mult;
      hasValue = true;
    } else {
      const sectionValue = section + (pending === -1 ? 0 : pending);
      pending = -1;
      if (sectionValue === 0) {
        if (prev?.kind !== 'big' || !hasValue) return null;
        total *= 10 ** t.power;
        maxBig += t.power;
      } else if (t.power > maxBig) {
        total = (total + sectionValue) * 10 ** t.power;
        maxBig = t.power;
      } else total += sectionValue * 10 ** t.power;
      section = 0;
      lastSmall = Number.POSITIVE_INFINITY;
    }
  }
  if (!hasValue) return null;
  if (pending > 0 && !pendingAfterZero) {
    const prev = tokens[tokens.length - 2];
    if (prev?.kind === 'small' && prev.mult >= 100) pending *= prev.mult / 10;
    else if (prev?.kind === 'big') pending *= 10 ** (prev.power - 1);
  }
  const value = total + section + (pending === -1 ? 0 : pending);
  if (!Number.isSafeInteger(value)) return undefined;
  return { value: String(value), maxBig };
}

function evaluateExact(tokens: Token[]): { value: Decimal; maxBig: number } | null {
  let total: Decimal = '0';
  let section: Decimal = '0';
  let pending: Decimal | null = null;
  let pendingAfterZero = false;
  let lastSmall = Number.POSITIVE_INFINITY;
  let maxBig = 0;
  let hasValue = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    if (t.kind === 'num') {
      if (pending !== null) {
        // 一百零八: 零 only holds a place.
        if (!(pending === '0' && prev?.kind === 'num' && prev.zero)) return null;
      }
      pendingAfterZero = prev?.kind === 'num' && prev.zero;
      pending = t.value;
      hasValue = true;
      continue;
    }
    if (t.kind === 'small') {
      if (t.mult >= lastSmall) return null;
      section = addDecimal(section, multiplyDecimal(pending ?? '1', String(t.mult)));
      pending = null;
      lastSmall = t.mult;
      hasValue = true;
      continue;
    }
    const sectionValue = addDecimal(section, pending ?? '0');
    pending = null;
    if (sectionValue === '0') {
      // 万亿: a magnitude right after a magnitude multiplies it.
      if (prev?.kind !== 'big' || !hasValue) return null;
      total = shiftDecimal(total, t.power);
      maxBig += t.power;
    } else if (t.power > maxBig) {
      total = shiftDecimal(addDecimal(total, sectionValue), t.power);
      maxBig = t.power;
    } else {
      total = addDecimal(total, shiftDecimal(sectionValue, t.power));
    }
    section = '0';
    lastSmall = Number.POSITIVE_INFINITY;
  }
  if (!hasValue) return null;
  if (pending !== null && !pendingAfterZero) {
    // 一百五 = 150, 两万五 = 25000: a last digit right after a multiplier is one place lower.
    const prev = tokens[tokens.length - 2];
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'num' && last.chinese && last.digit > 0) {
      if (prev?.kind === 'small' && prev.mult >= 100)
        pending = multiplyDecimal(pending, String(prev.mult / 10));
      else if (prev?.kind === 'big') pending = shiftDecimal(pending, prev.power - 1);
    }
  }
  return { value: addDecimal(addDecimal(total, section), pending ?? '0'), maxBig };
}

/** Value of a Chinese or arabic numeral written alone (十四 → 14, 二十五 → 25), or null. */
export function parseNumeralText(text: string): Decimal | null {
  const n = readNumeral(text, 0);
  if (!n || n.end !== text.length || n.valueMax !== undefined) return null;
  return shiftDecimal(
    n.value,
    n.magnitude === '' ? 0 : n.magnitude === '万' ? 4 : n.magnitude === '亿' ? 8 : 12,
  );
}
