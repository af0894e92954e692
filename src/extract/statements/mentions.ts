// Quantities of the clean text for the statement extractors, read with the quantity grammar (src/quantity).
import {
  compareDecimal,
  findQuantities,
  multiplyDecimal,
  writtenDecimal,
  type Decimal,
  type DecimalText,
  type QuantityMatch,
} from '../../quantity/index.js';
import type { Mention } from './statements.js';

/** Marks before a number that make it an ordinal, a rate base or part of a name (第三, 每千名, “三个…”). */
const NOT_A_VALUE_BEFORE = /(?:第|每|“|‘|「|《)\s*$/;
/** Words before N年 that make it a span of time (过去5年, 今后5年), not a value; 连续5年 is a streak and stays. */
const DURATION_BEFORE = /(?:过去|今后|未来|最近|近)\s*$/;
/** Units that, after a Chinese numeral, make a set phrase rather than a count (五年, 五位一体, 三大). */
const PHRASE_UNITS = /^(?:年|位|大|轮|场|代|届|度)$/;
/** Units of a specification (a voltage class names a line or a substation), never a target. */
const SPECIFICATION_UNITS = /^(?:千伏|伏|kV|KV|兆伏安|千伏安)$/;
/** Units that are only a magnitude (百亿, 千亿): a scale class, not a value. */
const MAGNITUDE_ONLY = /^(?:十|百|千|万|亿|万亿)+$/;

/** A unit character and the character that makes a word of it (方面, 项目). */
const WORD_AFTER_UNIT: Readonly<Record<string, string>> = { 方: '面', 项: '目' };

/** Magnitude characters a unit may open with (亿元, 万人): only such a unit has a magnitude to strip. */
const MAGNITUDES = '十百千万亿';

/** Text without whitespace; most units and numerals have none, and a test is cheaper than a replace. */
function withoutWhitespace(text: string): string {
  return /\s/.test(text) ? text.replace(/\s+/g, '') : text;
}

/** True when the numeral reads as a count someone could monitor, not as part of a name or a set phrase. */
function isValue(
  text: string,
  start: number,
  written: string,
  numeralText: string,
  chinese: boolean,
  unit: string,
): boolean {
  if (NOT_A_VALUE_BEFORE.test(text.slice(Math.max(0, start - 2), start))) return false;
  if (MAGNITUDE_ONLY.test(unit) || SPECIFICATION_UNITS.test(unit)) return false;
  if (unit === '年' && DURATION_BEFORE.test(text.slice(Math.max(0, start - 2), start))) return false;
  // 零部件 and 零星 read as a zero; a real zero target is written 0 or 清零.
  if (/^零/.test(numeralText)) return false;
  if (insideQuotes(text, start)) return false;
  if (!chinese) return true;
  if (/^[一壹]$/.test(numeralText)) return false;
  if (/^[十百千万亿]+$/.test(numeralText) && !/^余/.test(text.slice(start + numeralText.length)))
    return false;
  return !PHRASE_UNITS.test(unit) && written.length > 0;
}

/** How far back an opening quote still makes a name of the number. */
const QUOTE_REACH = 30;
const NEWLINE = 10;

/** Inside “…” on the same line: a name or a slogan (“三个高地”). */
function insideQuotes(text: string, at: number): boolean {
  // Only the last 30 characters matter: look for the line start there, not all the way back.
  const floor = Math.max(0, at - QUOTE_REACH);
  let from = floor;
  for (let i = at; i >= floor; i--)
    if (text.charCodeAt(i) === NEWLINE) {
      from = i + 1;
      break;
    }
  const before = text.slice(from, at);
  const open = before.lastIndexOf('“');
  return open >= 0 && before.indexOf('”', open) < 0;
}

/** Relation words that may stand right before a number without a unit: a ratio, a coefficient or an index (缩小到2.15). */
const RELATION_BEFORE_BARE =
  /(?:达到|提高到|提高至|提升到|提升至|缩小到|缩小至|降至|降到|下降到|下降至|控制在|保持在)\s*$/;
/** What may follow such a number: the end of its clause, a bound word, or the ratio's `:1`. */
const END_AFTER_BARE = /^\s*(?:以上|以下|以内|左右|[:：]\s*1(?![\d.])|[，,；;。、）)]|$)/;

/** A number without a unit that a relation word sets (收入比缩小到1.9, 利用系数提高到0.67以上, 指数达到100). */
function bareValueOfRelation(text: string, q: QuantityMatch): boolean {
  if (q.valueMax !== undefined || !/^\d/.test(text.slice(q.start, q.end))) return false;
  return (
    RELATION_BEFORE_BARE.test(text.slice(Math.max(0, q.start - 5), q.start)) &&
    END_AFTER_BARE.test(text.slice(q.end, q.end + 4))
  );
}

/** Units a size class is counted in: 百亿级/千亿级 are amounts of 亿元, 千万级 of 万. */
const SCALE_CLASS_UNITS: Readonly<Record<string, string>> = { 亿: '亿元', 万: '万' };

/**
 * A size class as a goal (打造千亿级产业集群 → 1000 亿元, 其他(千亿级)); not when it only qualifies what a count
 * right before it counts (5个百亿级产业集群, 20家以上十亿级企业): then the count is the goal.
 */
function scaleClassMention(text: string, q: QuantityMatch, endOfPrevious: number): Mention | null {
  const unit = SCALE_CLASS_UNITS[q.unit?.written.trim() ?? ''];
  if (unit === undefined || q.valueMax !== undefined) return null;
  if (endOfPrevious >= 0 && /^\s*(?:以上|左右|余)?\s*$/.test(text.slice(endOfPrevious, q.start))) return null;
  if (NOT_A_VALUE_BEFORE.test(text.slice(Math.max(0, q.start - 2), q.start)) || insideQuotes(text, q.start))
    return null;
  return {
    start: q.start,
    end: q.end,
    value: q.value,
    valueMax: null,
    unit,
    scaleClass: withoutWhitespace(text.slice(q.start, q.end)),
  };
}

/** Digits as printed at the start of a numeral (`0.10`, `１３９０２.６７`, `-9.2`). */
const PRINTED_DIGITS = /^[-−－]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?/;

/**
 * The value as exact text: the printed digits when they are the value itself (so `0.10` keeps its scale), else
 * the grammar's exact decimal (Chinese numerals, 十亿3000万); a 千 before 万/亿 multiplies it exactly.
 */
function exactValue(text: string, start: number, value: Decimal, thousands: number): DecimalText {
  if (thousands !== 1) return multiplyDecimal(value, String(thousands));
  const printed = PRINTED_DIGITS.exec(text.slice(start, start + 32));
  const written = printed ? writtenDecimal(printed[0]) : null;
  return written !== null && compareDecimal(written, value) === 0 ? written : value;
}

/** Every measured quantity of `text` that can be a statement's value (years, codes, size classes and set phrases left out). */
export function findMentions(text: string): Mention[] {
  return mentionsAmong(text, findQuantities(text));
}

/** The mentions among the quantities already found in `text` (for a caller that has scanned it). */
export function mentionsAmong(text: string, quantities: readonly QuantityMatch[]): Mention[] {
  const mentions: Mention[] = [];
  let previousEnd = -1;
  for (const q of quantities) {
    const endOfPrevious = previousEnd;
    previousEnd = q.end;
    if (q.kind !== 'quantity') continue;
    if (q.scaleClass) {
      const scale = scaleClassMention(text, q, endOfPrevious);
      if (scale) mentions.push(scale);
      continue;
    }
    const written = q.unit ? withoutWhitespace(q.unit.written) : null;
    if (!written && !q.share && !q.multiplier && !bareValueOfRelation(text, q)) continue;
    const numeralText = withoutWhitespace(text.slice(q.start, q.end));
    const chinese = /^[一二两三四五六七八九十百千万亿〇零壹]/.test(numeralText);
    const unit = written ?? '';
    // 6方面, 1935项目: the unit character begins a word, so the number names a thing or a set, never an amount.
    if (written && WORD_AFTER_UNIT[written] === text.charAt(q.end)) continue;
    if (
      written &&
      !isValue(
        text,
        q.start,
        written,
        numeralText.replace(unit, ''),
        chinese,
        MAGNITUDES.includes(unit[0]!) ? unit.replace(/^(?:十|百|千|万|亿)+(?=.)/, '') : unit,
      )
    )
      continue;
    if (!written && NOT_A_VALUE_BEFORE.test(text.slice(Math.max(0, q.start - 2), q.start))) continue;
    // 6千亿元 is written in 亿元 as 6000: a 千 before 万/亿 scales the value, never the unit.
    const thousands = written !== null && /^千[万亿]/.test(written) ? 1000 : 1;
    mentions.push({
      start: q.start,
      end: q.end,
      value: exactValue(text, q.start, q.value, thousands),
      valueMax: q.valueMax !== undefined ? multiplyDecimal(q.valueMax, String(thousands)) : null,
      unit: thousands === 1 ? written : written!.slice(1),
      ...(q.multiplier ? { multiplier: q.multiplier } : {}),
    });
  }
  return mentions;
}
