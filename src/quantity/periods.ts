// Years and plan periods: “十四五” → 2021–2025 by arithmetic over the five-year-plan sequence, for any plan.

import { parseNumeralText } from './numerals.js';

export interface Period {
  start: number;
  end: number;
}

/** Years a four-digit number may stand for when followed by 年 (wider than the documents need, narrow enough to exclude 5000年). */
export const YEAR_RANGE = { min: 1900, max: 2100 } as const;

/** True when `n` is a plausible calendar year. */
export function isPlausibleYear(n: number): boolean {
  return Number.isInteger(n) && n >= YEAR_RANGE.min && n <= YEAR_RANGE.max;
}

/**
 * Start year of the n-th five-year plan: the 1st ran 1953–1957 and the 2nd 1958–1962; after the 1963–1965
 * readjustment the 3rd began in 1966 and every later plan follows the one before (十四五 = 14th = 2021).
 */
export function fiveYearPlanStart(ordinal: number): number | null {
  if (!Number.isInteger(ordinal) || ordinal < 1) return null;
  if (ordinal === 1) return 1953;
  if (ordinal === 2) return 1958;
  return 1966 + 5 * (ordinal - 3);
}

const PLAN_LABEL = /^[“"‘「]?\s*(?:第\s*)?([一二三四五六七八九十]+|\d+)\s*(?:个五年(?:规划|计划)|五)[”"’」]?/;

/** The years of a five-year plan named `十四五`, `“十三五”`, `第十四个五年规划` or by its ordinal (14). */
export function fiveYearPlanPeriod(label: string | number): Period | null {
  let ordinal: number;
  if (typeof label === 'number') ordinal = label;
  else {
    const m = PLAN_LABEL.exec(label.trim());
    if (!m) return null;
    const numeral = parseNumeralText(m[1]!);
    if (numeral === null) return null;
    ordinal = Number(numeral);
  }
  const start = fiveYearPlanStart(ordinal);
  return start === null ? null : { start, end: start + 4 };
}

const CN_DIGIT = '〇一二三四五六七八九';

/** Ordinal of the five-year plan that contains `year` (2023 → 14), or null before the 3rd plan. */
export function planOrdinalOfYear(year: number): number | null {
  if (!Number.isInteger(year) || year < 1966) return null;
  return Math.floor((year - 1966) / 5) + 3;
}

/** The short name of the n-th five-year plan: 14 → 十四五, 20 → 二十五 (as the plans are called). */
export function planName(ordinal: number): string {
  const tens = Math.floor(ordinal / 10);
  const units = ordinal % 10;
  const tensWord = tens === 0 ? '' : tens === 1 ? '十' : `${CN_DIGIT[tens]}十`;
  return `${tensWord}${units === 0 ? '' : CN_DIGIT[units]}五`;
}
