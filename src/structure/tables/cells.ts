// What a piece of table text is: a sequence number, a value, an attribute, a category, a name with its unit.
import { parseUnit } from '../../quantity/index.js';
import { displayWidth, hasWhitespace } from '../../text/width.js';
import type { Piece } from './types.js';
import {
  ATTRIBUTE,
  CATEGORY_COUNT,
  CATEGORY_NUMBERING,
  CATEGORY_WORDS,
  CHANGE_WORD_END,
  EMPTY_MARKER,
  FOOTNOTE_MARKERS,
  NUMERIC_CELL,
  UNIT_CELL,
  VALUE_PHRASE,
} from './vocabulary.js';

/** Text without whitespace: the exchange format's raw cell. */
export function compact(text: string): string {
  // Most cells hold no whitespace: a scan by char code is cheaper than a replace that finds nothing.
  return hasWhitespace(text) ? text.replace(/\s+/g, '') : text;
}

/** FOOTNOTE_MARKERS without the global flag, to test for a marker without a replace (and without `lastIndex`). */
const HAS_FOOTNOTE = new RegExp(FOOTNOTE_MARKERS.source, FOOTNOTE_MARKERS.flags.replace('g', ''));

/** Text without footnote markers; most cells have none, and a test is cheaper than a replace. */
function withoutFootnotes(text: string): string {
  return HAS_FOOTNOTE.test(text) ? text.replace(FOOTNOTE_MARKERS, '') : text;
}

/** The raw text of a cell made of pieces (wrapped lines), whitespace removed. */
export function rawOf(pieces: readonly Piece[]): string {
  // Most cells are one piece: no list to build and join.
  if (pieces.length === 1) return compact(pieces[0]!.text);
  return compact(pieces.map((p) => p.text).join(''));
}

export function isSeq(text: string): boolean {
  return /^\d{1,3}[.、．]?$/.test(compact(text));
}

/** A sequence number as the exchange format writes it: digits only. */
export function seqText(text: string): string {
  return compact(text).replace(/[.、．]$/, '');
}

export function isAttribute(text: string): boolean {
  return ATTRIBUTE.test(compact(text));
}

export function isEmptyMarker(text: string): boolean {
  return EMPTY_MARKER.test(compact(text));
}

/** A value written with digits (`>10`, `[2.9]`, `70以上`, `-5.54`, `3.01亿`) or an empty marker. */
export function isNumericValue(text: string): boolean {
  const t = withoutFootnotes(compact(text));
  return t !== '' && (EMPTY_MARKER.test(t) || NUMERIC_CELL.test(t));
}

/** A value of any kind, including delegated and qualitative phrases (`按市下达目标`, `与经济增长基本同步`). */
export function isValueText(text: string): boolean {
  return isNumericValue(text) || VALUE_PHRASE.test(compact(text));
}

/** A cell value that cannot be continued by the next line: it ends in a digit, `%` or a closing bracket. */
export function isClosedValue(text: string): boolean {
  const t = compact(text);
  return EMPTY_MARKER.test(t) || /[\d%％‰\])）】〕]$|(?:以上|以下|以内|左右)$/.test(t);
}

/** A value phrase cut before its number (`五年下降` / `18%`): the next line's number completes it. */
export function awaitsNumber(text: string): boolean {
  const t = compact(text);
  return !/\d/.test(t) && CHANGE_WORD_END.test(t);
}

/** A unit column's cell: a unit the project's unit table knows (`万人次/万吨`), or a ratio of such units. */
export function isUnitCell(text: string): boolean {
  const t = compact(text);
  if (UNIT_CELL.test(t)) return true;
  if (t === '' || /\d/.test(t) || t.length > 12) return false;
  return parseUnit(t) !== null || (t.includes('/') && t.split('/').every((part) => parseUnit(part) !== null));
}

/** Open minus closed parentheses: > 0 while a name wraps inside its unit (`万元工业增加值用水量(立`). */
export function parenBalance(text: string): number {
  let balance = 0;
  for (const ch of text) {
    if (ch === '（' || ch === '(') balance += 1;
    else if (ch === '）' || ch === ')') balance -= 1;
  }
  return balance;
}

/** A name ending in a parenthesised unit: `地区生产总值（亿元）`. */
export function endsWithUnitGroup(text: string): boolean {
  return /[（(][^（）()]{1,24}[)）]$/.test(withoutFootnotes(compact(text)));
}

export function width(text: string): number {
  return displayWidth(compact(text));
}

/** A category label without its numbering (`一、经济发展` → `经济发展`), or null when the text is not one. */
export function categoryLabel(text: string): string | null {
  const full = compact(text);
  const count = CATEGORY_COUNT.exec(full);
  const t = count ? full.slice(0, count.index) : full;
  const numbered = CATEGORY_NUMBERING.exec(t);
  const label = numbered ? t.slice(numbered[0].length) : t;
  if (label === '' || label.length > 12 || /[（(）)\d%]/.test(label)) return null;
  if (numbered || count) return label;
  return CATEGORY_WORDS.includes(label) ? label : null;
}

/** A cell that is only a category's count (`(5项)`): the label above it, wrapped over lines, is a category. */
export function isCategoryCount(text: string): boolean {
  const t = compact(text);
  return CATEGORY_COUNT.test(t) && CATEGORY_COUNT.exec(t)!.index === 0;
}

/** A category written with its numbering (`一、经济发展`): a row of its own in any table shape. */
export function isNumberedCategory(text: string): boolean {
  const t = compact(text);
  return CATEGORY_NUMBERING.test(t) && !/^\d/.test(t) && categoryLabel(t) !== null;
}

export interface NameParts {
  name: string;
  unit: string | null;
}

/**
 * Splits the unit off an indicator name: only the last parenthesised group, and only the part before a comma
 * (`全员劳动生产率(万元/人,2020年价格)` → 万元/人). Footnote markers are dropped.
 */
export function splitNameUnit(nameRaw: string): NameParts {
  const text = withoutFootnotes(compact(nameRaw));
  const match = /[（(]([^（）()]{1,24})[)）]$/.exec(text);
  if (!match) return { name: text, unit: null };
  const unit = match[1]!.split(/[,，;；]/)[0]!.trim();
  const name = text.slice(0, match.index);
  if (name === '') return { name: text, unit: null };
  return { name, unit: unit === '' ? null : unit };
}
