// The catalog's view of units: whether two written units measure the same thing and how a value converts
// between them, read from the quantity grammar's unit table (the single source of units).
import { parseUnit, toNumber, type BaseDimension, type Dimension, type Unit } from '../quantity/index.js';

export interface UnitInfo {
  /** The quantity table's dimension (`currency`, `standard_coal/currency`, …). */
  dimension: Dimension;
  /** Values in units with the same base convert into each other by their scales (亿元 ↔ 万元). */
  base: string;
  /** How many base units one of this unit is (a float view of the table's exact factor ÷ divisor). */
  scale: number;
}

/**
 * Measures the linker treats as one when judging whether a row's unit contradicts an indicator's: a share
 * and its change in points, people and person-times among counted things, an age among durations, standard
 * coal among energy. Conversion stays strict: only units with the same base convert.
 */
const KINDRED: Partial<Record<BaseDimension, BaseDimension>> = {
  percentage_point: 'percent',
  people: 'count',
  person_time: 'count',
  age: 'duration',
  standard_coal: 'energy',
};

/** Unit text as written, normalised (NFKC, no spaces, ％ → %). */
export function normalizeUnit(unit: string): string {
  return unit.normalize('NFKC').replace(/\s+/g, '');
}

function infoOf(unit: Unit): UnitInfo {
  return {
    dimension: unit.dimension,
    base: unit.base,
    scale: toNumber(unit.factor) / toNumber(unit.divisor),
  };
}

/** What a unit is; a compound unit (吨标准煤/万元GDP) is known by its numerator when the whole is not. */
export function unitInfo(unit: string | null | undefined): UnitInfo | null {
  if (!unit) return null;
  const u = normalizeUnit(unit);
  const whole = parseUnit(u);
  // A bare magnitude (万) says how big, not what: it is no unit to compare.
  if (whole) return whole.dimension === 'magnitude' ? null : infoOf(whole);
  const slash = u.indexOf('/');
  if (slash > 0) {
    const numerator = parseUnit(u.slice(0, slash));
    // A ratio the table cannot read keeps the numerator's dimension but is its own base: it converts to nothing.
    if (numerator && numerator.dimension !== 'magnitude')
      return { dimension: numerator.dimension, base: u, scale: 1 };
  }
  return null;
}

/** The measures a dimension is made of, numerator first, with kindred measures folded together. */
function measuresOf(dimension: Dimension): BaseDimension[] {
  return dimension.split('/').map((d) => KINDRED[d as BaseDimension] ?? (d as BaseDimension));
}

/**
 * Denominators a row may keep in its name instead of its unit: per value (万元地区生产总值能耗), per head
 * (每千人口医师数; people fold into count), per year (年处理能力), per area (每平方公里).
 */
const NAMEABLE_DENOMINATORS: ReadonlySet<BaseDimension> = new Set(['currency', 'count', 'duration', 'area']);

/**
 * False only when both units are known and measure different things (亿元 vs %, 吨/万元 vs 微克/立方米).
 * A plain unit agrees with a ratio of the same numerator over a nameable denominator (吨标准煤 and 吨标准煤/万元).
 */
export function unitsCompatible(a: string | null | undefined, b: string | null | undefined): boolean {
  const ia = unitInfo(a);
  const ib = unitInfo(b);
  if (!ia || !ib) return true;
  const [numeratorA, denominatorA] = measuresOf(ia.dimension);
  const [numeratorB, denominatorB] = measuresOf(ib.dimension);
  if (numeratorA !== numeratorB) return false;
  if (denominatorA === denominatorB) return true;
  const denominator = denominatorA ?? denominatorB!;
  return (denominatorA === undefined || denominatorB === undefined) && NAMEABLE_DENOMINATORS.has(denominator);
}

/** `value` in unit `from` expressed in unit `to`, or null when they do not convert (亿元 → 亿美元). */
export function convertUnit(
  value: number,
  from: string | null | undefined,
  to: string | null | undefined,
): number | null {
  if ((from ?? '') === (to ?? '')) return value;
  const a = unitInfo(from);
  const b = unitInfo(to);
  if (!a || !b || a.base !== b.base) {
    return a && b && normalizeUnit(from ?? '') === normalizeUnit(to ?? '') ? value : null;
  }
  return (value * a.scale) / b.scale;
}
