// The arithmetic of progress: the expected path (序时进度), average growth, and cumulative totals.
import type { PathMethod } from './types.js';

/** Share of the period [t0, t1] elapsed at year t, clamped to [0, 1]. */
export function elapsedShare(t0: number, t1: number, t: number): number {
  if (t1 <= t0) return 1;
  return Math.min(1, Math.max(0, (t - t0) / (t1 - t0)));
}

/**
 * Expected value at year t on the path from base b (year t0) to target T (year t1):
 * compound b·(T/b)^((t−t0)/(t1−t0)) when both are positive, else linear. Returns the method really used.
 */
export function expectedValue(
  b: number,
  T: number,
  t0: number,
  t1: number,
  t: number,
  method: PathMethod = 'compound',
): { value: number; method: PathMethod } {
  const share = elapsedShare(t0, t1, t);
  if (method === 'compound' && b > 0 && T > 0)
    return { value: b * Math.pow(T / b, share), method: 'compound' };
  return { value: b + (T - b) * share, method: 'linear' };
}

/** Average annual growth in % from `from` to `to` over `years` years (CAGR of levels), or null. */
export function averageGrowth(from: number, to: number, years: number): number | null {
  if (!(from > 0) || !(to > 0) || !(years > 0)) return null;
  return (Math.pow(to / from, 1 / years) - 1) * 100;
}

/** Average of yearly growth rates in %, as the geometric mean of (1 + g): never the arithmetic mean. */
export function meanGrowthOfRates(rates: readonly number[]): number | null {
  if (rates.length === 0) return null;
  const factor = growthFactor(rates);
  if (!(factor > 0)) return null;
  return (Math.pow(factor, 1 / rates.length) - 1) * 100;
}

/** Π(1 + g/100): the total growth factor of yearly rates in %. */
export function growthFactor(rates: readonly number[]): number {
  return rates.reduce((f, g) => f * (1 + g / 100), 1);
}

/** A total reduction in % from yearly reductions in % (1 − Π(1 − d/100)), as 〔13.5〕 targets are defined. */
export function compoundReduction(reductions: readonly number[]): number {
  return (1 - reductions.reduce((f, d) => f * (1 - d / 100), 1)) * 100;
}

/** Removes floating-point noise before comparing a ratio with a threshold (0.95 stays 0.95). */
export function tidy(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
