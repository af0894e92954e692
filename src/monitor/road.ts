// The road ahead of one target: what is still needed each remaining year, and where the pace so far leads.
import { averageGrowth } from './path.js';
import type { StatusComponents } from './types.js';
import { figureText } from './wording.js';

/** Plans last five years; a target without a base year is taken to start five years before it. */
const DEFAULT_PERIOD_YEARS = 5;

export interface RoadAhead {
  /** Years left from the latest actual to the target year (0 when the period is over). */
  remainingYears: number;
  /**
   * level / growth: the average annual growth in % still needed each remaining year (negative: a fall);
   * cumulative reduction: the yearly reduction in % still needed. Null when it cannot be a rate (a level ≤ 0).
   */
  requiredRate: number | null;
  /** level with a non-positive value, cumulative sum: the yearly amount still needed (in the indicator's unit). */
  requiredPerYear: number | null;
  /** The pace so far: the average annual growth in % since the base (level, growth), the yearly amount or reduction. */
  pace: number | null;
  /** Where the pace so far leads in the target year: a level, a period-average rate, or a cumulative total. */
  projected: number | null;
  /** The target year. */
  projectedYear: number;
  /** Whether the projection meets the target; null when there is nothing to project. */
  reachable: boolean | null;
  /** 按现有增速，2025年预计达到…，需年均增长X%方可实现目标 */
  sentence: string;
}

/** 年均增长2.5% / 年均下降1.2%: a rate as a planning office writes it. */
function rateText(rate: number): string {
  return rate < 0 ? `年均下降${figureText(-rate)}%` : `年均增长${figureText(rate)}%`;
}

function meets(value: number, target: number, direction: 'higher' | 'lower'): boolean {
  return direction === 'lower' ? value <= target : value >= target;
}

/** The road ahead of a level target: base b (t0) → actual a (t) → target T (t1). */
function levelRoad(c: StatusComponents, unit: string): RoadAhead | null {
  const T = c.target.value;
  const latest = c.latest;
  if (T === null || !latest || !c.base) return null;
  const t1 = c.target.year;
  const n = t1 - latest.year;
  const a = latest.value;
  const b = c.base.value;
  const k = latest.year - c.base.year;
  if (n <= 0) return null;
  const requiredRate = averageGrowth(a, T, n);
  const pace = k > 0 ? averageGrowth(b, a, k) : null;
  const projected = pace !== null ? a * Math.pow(1 + pace / 100, n) : k > 0 ? a + ((a - b) / k) * n : null;
  const requiredPerYear = requiredRate === null ? (T - a) / n : null;
  const reachable = projected === null ? null : meets(projected, T, c.direction);
  const need = meets(a, T, c.direction)
    ? '目标已实现，保持现有水平即可'
    : requiredRate !== null
      ? `需${rateText(requiredRate)}方可实现目标`
      : `需年均${requiredPerYear! < 0 ? '减少' : '增加'}${figureText(Math.abs(requiredPerYear!))}${unit}方可实现目标`;
  const head =
    projected === null
      ? ''
      : `按${pace !== null ? '现有增速' : '现有年均增量'}，${t1}年预计达到${figureText(projected)}${unit}，`;
  return {
    remainingYears: n,
    requiredRate,
    requiredPerYear,
    pace,
    projected,
    projectedYear: t1,
    reachable,
    sentence: `${head}${need}`,
  };
}

/** The road ahead of an average-growth target g over t0..t1, with the realised average growth r over t0..t. */
function growthRoad(c: StatusComponents): RoadAhead | null {
  const g = c.target.value;
  const r = c.measured;
  const latest = c.latest;
  if (g === null || r === null || !latest) return null;
  const t1 = c.target.year;
  const t0 = c.base?.year ?? t1 - DEFAULT_PERIOD_YEARS;
  const n = t1 - latest.year;
  const k = latest.year - t0;
  if (n <= 0 || k <= 0) return null;
  // What the remaining years must grow so that the whole period averages g.
  const factor = Math.pow(1 + g / 100, t1 - t0) / Math.pow(1 + r / 100, k);
  const requiredRate = (Math.pow(factor, 1 / n) - 1) * 100;
  return {
    remainingYears: n,
    requiredRate,
    requiredPerYear: null,
    pace: r,
    projected: r,
    projectedYear: t1,
    reachable: r >= g,
    sentence: `按现有增速，${t0 + 1}—${t1}年预计${rateText(r)}，今后${n}年需${rateText(requiredRate)}方可实现目标`,
  };
}

/** The road ahead of a cumulative target C with the amount (or compounded reduction) achieved so far. */
function cumulativeRoad(c: StatusComponents, unit: string): RoadAhead | null {
  const C = c.target.value;
  const achieved = c.measured;
  const latest = c.latest;
  if (C === null || achieved === null || !latest) return null;
  const t1 = c.target.year;
  const t0 = c.base?.year ?? t1 - DEFAULT_PERIOD_YEARS;
  const n = t1 - latest.year;
  const k = latest.year - t0;
  if (n <= 0 || k <= 0) return null;
  if (c.method === 'cumulative-reduction') {
    // (1 − C) = (1 − achieved)(1 − d)^n, all in %; the pace is the yearly reduction so far.
    const left = (1 - C / 100) / (1 - achieved / 100);
    const requiredRate = left > 0 ? (1 - Math.pow(left, 1 / n)) * 100 : null;
    const pace = (1 - Math.pow(1 - achieved / 100, 1 / k)) * 100;
    const projected = (1 - Math.pow(1 - pace / 100, k + n)) * 100;
    return {
      remainingYears: n,
      requiredRate,
      requiredPerYear: null,
      pace,
      projected,
      projectedYear: t1,
      reachable: projected >= C,
      sentence:
        `按现有降幅，${t1}年预计累计下降${figureText(projected)}%，` +
        (requiredRate === null
          ? '累计目标已无法实现'
          : requiredRate <= 0
            ? '已完成累计目标'
            : `需年均下降${figureText(requiredRate)}%方可实现目标`),
    };
  }
  const pace = achieved / k;
  const projected = achieved + pace * n;
  const requiredPerYear = (C - achieved) / n;
  return {
    remainingYears: n,
    requiredRate: null,
    requiredPerYear,
    pace,
    projected,
    projectedYear: t1,
    reachable: C >= 0 ? projected >= C : projected <= C,
    sentence:
      `按现有进度，${t1}年预计累计${figureText(projected)}${unit}，` +
      (requiredPerYear * Math.sign(C) <= 0
        ? '已完成累计目标'
        : `今后${n}年需年均增加${figureText(requiredPerYear)}${unit}方可实现目标`),
  };
}

/**
 * The road ahead of a judged target, from its status components alone: level, growth and cumulative targets
 * that have an actual before the target year. A bound is held each year and a qualitative target has no path.
 */
export function roadAhead(components: StatusComponents, unit?: string | null): RoadAhead | null {
  const u = unit ?? '';
  switch (components.kind) {
    case 'level':
      return components.method === 'bound' ? null : levelRoad(components, u);
    case 'growth':
      return growthRoad(components);
    case 'cumulative':
      return cumulativeRoad(components, u);
    default:
      return null;
  }
}

/** One point of a path on a chart: a year and a value in the indicator's unit. */
export interface PathPoint {
  year: number;
  value: number;
}

/**
 * The path still needed from the latest actual to a level target, year by year: the constant yearly growth that
 * roadAhead asks for (geometric), or the constant yearly amount when the values cannot carry a rate (one ≤ 0).
 * Starts at the latest actual; empty when the target is met, its year is not after the latest, or a value is missing.
 */
export function requiredPath(
  latest: PathPoint | null,
  target: { year: number; value: number | null } | null,
  /** Which way is better: a target already met needs no path (never one back down to it). */
  direction: 'higher' | 'lower' = 'higher',
): PathPoint[] {
  if (!latest || !target || target.value === null) return [];
  if (meets(latest.value, target.value, direction)) return [];
  const n = target.year - latest.year;
  if (!(n > 0) || !Number.isFinite(latest.value) || !Number.isFinite(target.value)) return [];
  const T = target.value;
  const rate = averageGrowth(latest.value, T, n);
  const points: PathPoint[] = [];
  for (let k = 0; k <= n; k++)
    points.push({
      year: latest.year + k,
      value:
        k === n
          ? T
          : rate !== null
            ? latest.value * Math.pow(1 + rate / 100, k)
            : latest.value + ((T - latest.value) * k) / n,
    });
  return points;
}
