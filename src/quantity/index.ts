// The quantity grammar: turns a table cell or a phrase of running text into typed, exact values with units,
// comparators, years and plan periods; every extractor reads numbers through this face.

export type { Decimal, DecimalText } from './decimal.js';
export type { Unit, Dimension, BaseDimension, UnitMatch } from './units.js';
export type {
  Comparator,
  ComparatorLabel,
  ComparatorWord,
  BoundDirection,
  ComparatorVocabulary,
} from './comparators.js';
export type {
  Quantity,
  QuantityMatch,
  QuantityKind,
  TypedCell,
  CellKind,
  CellColumn,
  CellContext,
} from './types.js';
export type { Period } from './periods.js';
export type { ScanOptions } from './scan.js';

/** Every quantity, year, plan period and ordinal in running text, with [start, end) offsets into it. */
export { findQuantities } from './scan.js';
/** The quantity at an offset (after optional comparator words), or null. */
export { parseQuantity } from './scan.js';
/** A table cell read into a kind (level, growth, cumulative, bound, qualitative, delegated, empty) and a value. */
export { parseCell } from './cell.js';
/** The years of a five-year plan (十四五 → 2021–2025), by arithmetic for any plan. */
export { fiveYearPlanPeriod } from './periods.js';
/** The value of a numeral written alone (二十五 → 25, 十亿 → 1000000000, 1.5万 → 15000), or null. */
export { parseNumeralText } from './numerals.js';
/** Plan arithmetic: the plan containing a year (2023 → 14), its short name (14 → 十四五) and first year. */
export { planOrdinalOfYear, planName, fiveYearPlanStart } from './periods.js';
/** True for a plausible calendar year (1900–2100). */
export { isPlausibleYear } from './periods.js';
/** A unit written on its own (a table row's `万元/人`) resolved against the unit table, or null. */
export { parseUnit } from './units.js';
/** A value converted into its unit's base unit (亿元 → 元), exactly. */
export { toBaseValue } from './units.js';
/** True when two units share a base unit and can be compared after conversion. */
export { sameBase } from './units.js';
/** One comparator word normalised to the EXTRACTION.md vocabulary (不少于 → 不低于), else `其他(word)`. */
export { normalizeComparatorWord } from './comparators.js';
/** The words around one number resolved to one comparator (a trailing bound word wins). */
export { resolveComparator } from './comparators.js';
/** The nearest float of an exact decimal: for scoring and computation only, never for storage. */
export { toNumber } from './decimal.js';
/** A written number (ASCII or full-width, with separators) as an exact Decimal. */
export { decimal } from './decimal.js';
/** Exact decimal arithmetic and comparison. */
export { addDecimal, subtractDecimal, multiplyDecimal, divideDecimal, compareDecimal } from './decimal.js';
/** Exact decimal text with its written scale (`0.10`), and its negation. */
export { writtenDecimal, negateWritten } from './decimal.js';
