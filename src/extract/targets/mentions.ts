// Quantities of the clean text for the statement extractors, read with the quantity grammar (src/quantity).
import { toNumber } from '../../quantity/decimal.js';
import { findQuantities } from '../../quantity/scan.js';
import type { Mention } from './statements.js';

/** Marks before a number that make it an ordinal, a rate base or part of a name (第三, 每千名, “三个…”). */
const NOT_A_VALUE_BEFORE = /(?:第|每|“|‘|「|《)\s*$/;
/** Units that, after a Chinese numeral, make a set phrase rather than a count (五年, 五位一体, 三大). */
const PHRASE_UNITS = /^(?:年|位|大|轮|场|代|届|度)$/;
/** Units of a specification (a voltage class names a line or a substation), never a target. */
const SPECIFICATION_UNITS = /^(?:千伏|伏|kV|KV|兆伏安|千伏安)$/;
/** Units that are only a magnitude (百亿, 千亿): a scale class, not a value. */
const MAGNITUDE_ONLY = /^(?:十|百|千|万|亿|万亿)+$/;

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
  // 零部件 and 零星 read as a zero; a real zero target is written 0 or 清零.
  if (/^零/.test(numeralText)) return false;
  if (insideQuotes(text, start)) return false;
  if (!chinese) return true;
  if (/^[一壹]$/.test(numeralText)) return false;
  if (/^[十百千万亿]+$/.test(numeralText) && !/^余/.test(text.slice(start + numeralText.length)))
    return false;
  return !PHRASE_UNITS.test(unit) && written.length > 0;
}

/** Inside “…” on the same line: a name or a slogan (“三个高地”). */
function insideQuotes(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const before = text.slice(Math.max(lineStart, at - 30), at);
  const open = before.lastIndexOf('“');
  return open >= 0 && before.indexOf('”', open) < 0;
}

/** Every measured quantity of `text` that can be a statement's value (years, codes, size classes and set phrases left out). */
export function findMentions(text: string): Mention[] {
  const mentions: Mention[] = [];
  for (const q of findQuantities(text)) {
    if (q.kind !== 'quantity' || q.scaleClass) continue;
    const written = q.unit ? q.unit.written.replace(/\s+/g, '') : null;
    if (!written && !q.share && !q.multiplier) continue;
    const numeralText = text.slice(q.start, q.end).replace(/\s+/g, '');
    const chinese = /^[一二两三四五六七八九十百千万亿〇零壹]/.test(numeralText);
    const unit = written ?? '';
    if (
      written &&
      !isValue(
        text,
        q.start,
        written,
        numeralText.replace(unit, ''),
        chinese,
        unit.replace(/^(?:十|百|千|万|亿)+(?=.)/, ''),
      )
    )
      continue;
    if (!written && NOT_A_VALUE_BEFORE.test(text.slice(Math.max(0, q.start - 2), q.start))) continue;
    mentions.push({
      start: q.start,
      end: q.end,
      value: toNumber(q.value),
      valueMax: q.valueMax !== undefined ? toNumber(q.valueMax) : null,
      unit: written,
    });
  }
  return mentions;
}
