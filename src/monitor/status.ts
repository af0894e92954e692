// Computing one indicator's status against its target: expected path, progress ratio, label, warning, reasons.
import type { Direction } from '../catalog/index.js';
import { labelForRatio, labelText, warningFor } from './labels.js';
import { roadAhead } from './road.js';
import { figureText, percentText, targetText } from './wording.js';
import {
  averageGrowth,
  compoundReduction,
  elapsedShare,
  expectedValue,
  growthFactor,
  meanGrowthOfRates,
  tidy,
} from './path.js';
import {
  DEFAULT_THRESHOLDS,
  type IndicatorStatus,
  type LagDegree,
  type Observation,
  type StatusComponents,
  type StatusInput,
  type StatusLabel,
  type StatusMethod,
  type Thresholds,
} from './types.js';

/** Comparator words that say lower is better (以内, 下降, <) or higher is better (以上, >). */
const LOWER_WORDS = /以内|以下|下降|降低|降幅|控制在|不超过|不高于|低于|<|≤|＜/;
const HIGHER_WORDS = /以上|不低于|超过|突破|高于|>|≥|＞|达到/;

/** Plans last five years; when no base year is given, the period is taken to start five years before the target. */
const DEFAULT_PERIOD_YEARS = 5;

/** Which way is better: the catalog, else a bound's side, else the comparator, else the move from base to target. */
export function resolveDirection(input: StatusInput): 'higher' | 'lower' {
  const given: Direction | null | undefined = input.direction;
  if (given === 'higher' || given === 'lower') return given;
  const { target } = input;
  if (target.bound) return target.bound === 'ceiling' ? 'lower' : 'higher';
  const words = `${target.comparator ?? ''}${target.raw}`;
  if (LOWER_WORDS.test(words)) return 'lower';
  if (HIGHER_WORDS.test(words)) return 'higher';
  if (input.base && target.value !== null && target.value < input.base.value) return 'lower';
  return 'higher';
}

interface Outcome {
  method: StatusMethod;
  label: StatusLabel;
  lag: LagDegree | null;
  latest: Observation | null;
  expected: number | null;
  measured: number | null;
  ratio: number | null;
  elapsed: number | null;
  years?: StatusComponents['years'];
  notes: string[];
  /** The explanation without the label (the label is appended). */
  sentence: string;
}

function span(from: number, to: number): string {
  return from === to ? `${to}年` : `${from}—${to}年`;
}

/** Observations up to `asOf`, one per year (the last given wins), sorted by year. */
function series(obs: readonly Observation[] | undefined, asOf: number | undefined): Observation[] {
  const byYear = new Map<number, Observation>();
  for (const o of obs ?? []) {
    if (Number.isFinite(o.value) && (asOf === undefined || o.year <= asOf)) byYear.set(o.year, o);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** The unbroken run of yearly flows from t0+1 onward. */
function consecutiveFrom(flows: readonly Observation[], t0: number): Observation[] {
  const run: Observation[] = [];
  for (let year = t0 + 1; ; year++) {
    const o = flows.find((f) => f.year === year);
    if (!o) return run;
    run.push(o);
  }
}

function missing(method: StatusMethod, what: string, notes: string[] = []): Outcome {
  return {
    method,
    label: '数据缺失',
    lag: null,
    latest: null,
    expected: null,
    measured: null,
    ratio: null,
    elapsed: null,
    notes,
    sentence: `缺少${what}`,
  };
}

function ratioOutcome(ratio: number, thresholds: Thresholds): { label: StatusLabel; lag: LagDegree | null } {
  return labelForRatio(ratio, thresholds);
}

function levelStatus(
  input: StatusInput,
  direction: 'higher' | 'lower',
  thresholds: Thresholds,
  unit: string,
): Outcome {
  const { target, base } = input;
  const T = target.value;
  if (T === null) return missing('manual', '目标值');
  if (!base) return missing('compound', '基数');
  const t0 = base.year;
  const t1 = target.year;
  const later = series(input.levels, input.asOf).filter((o) => o.year > t0);
  const latest = later.at(-1);
  if (!latest) return missing('compound', `${t0}年以后的实际值`);
  const a = latest.value;
  const t = latest.year;
  const b = base.value;
  const notes: string[] = [];

  // A target on the wrong side of its base (>65 from 88.4) is a floor or ceiling to hold, not a path to walk.
  const wrongSide = direction === 'higher' ? T <= b : T >= b;
  if (wrongSide) {
    notes.push(T === b ? '目标与基数相同，按保持该水平判断' : '目标在基数的不利一侧，按底线（上限）判断');
    const met = boundMet(latest, direction === 'higher' ? 'floor' : 'ceiling', T, false);
    if (met === null) notes.push(`${t}年报告值为区间，无法判断是否达标`);
    return {
      method: 'bound',
      label: met === null ? '待人工评估' : met ? '达标' : '未达标',
      lag: null,
      latest,
      expected: T,
      measured: a,
      ratio: null,
      elapsed: elapsedShare(t0, t1, t),
      notes,
      sentence: `${t}年实际值 ${boundedText(latest, unit)}，目标${targetText({ ...target, bound: direction === 'higher' ? 'floor' : 'ceiling' }, 'bound', unit)}`,
    };
  }

  const path = expectedValue(b, T, t0, t1, t, input.method ?? 'compound');
  if ((input.method ?? 'compound') === 'compound' && path.method === 'linear') {
    notes.push('基数或目标不为正，按线性序时进度计算');
  }
  const E = path.value;
  const ratio = tidy((a - b) / (E - b));
  const met = direction === 'higher' ? a >= T : a <= T;
  const elapsed = elapsedShare(t0, t1, t);
  if (met && t < t1) {
    return {
      method: path.method,
      label: '提前实现',
      lag: null,
      latest,
      expected: E,
      measured: a,
      ratio,
      elapsed,
      notes,
      sentence: `${t}年实际值 ${figureText(a)}${unit}，已达到${t1}年目标 ${figureText(T)}${unit}`,
    };
  }
  const { label, lag } = ratioOutcome(ratio, thresholds);
  return {
    method: path.method,
    label,
    lag,
    latest,
    expected: E,
    measured: a,
    ratio,
    elapsed,
    notes,
    sentence: `${t}年实际值 ${figureText(a)}${unit}，按序时进度应达 ${figureText(E)}${unit}，完成进度 ${percentText(ratio)}`,
  };
}

/** Realised average growth since t0: from yearly rates when they cover every year, else from levels. */
function realisedGrowth(
  rates: readonly Observation[] | undefined,
  levels: readonly Observation[] | undefined,
  base: Observation | null | undefined,
  t0: number,
  asOf: number | undefined,
): { growth: number; factor: number; latest: Observation; method: StatusMethod; years: number } | null {
  const run = consecutiveFrom(series(rates, asOf), t0);
  if (run.length > 0) {
    const values = run.map((o) => o.value);
    const growth = meanGrowthOfRates(values);
    if (growth !== null) {
      return {
        growth,
        factor: growthFactor(values),
        latest: run.at(-1)!,
        method: 'growth-from-rates',
        years: run.length,
      };
    }
  }
  const lv = series(levels, asOf);
  const start = lv.find((o) => o.year === t0) ?? (base && base.year === t0 ? base : undefined);
  const latest = lv.filter((o) => o.year > t0).at(-1);
  if (!start || !latest) return null;
  const growth = averageGrowth(start.value, latest.value, latest.year - t0);
  if (growth === null) return null;
  return {
    growth,
    factor: latest.value / start.value,
    latest,
    method: 'growth-from-levels',
    years: latest.year - t0,
  };
}

function growthStatus(input: StatusInput, thresholds: Thresholds): Outcome {
  const { target } = input;
  const g = target.value;
  if (g === null) return missing('growth-from-rates', '目标增速');
  const notes: string[] = [];
  const t0 = input.base?.year ?? target.year - DEFAULT_PERIOD_YEARS;
  if (!input.base) notes.push(`未给出基期，按${t0}年为基期`);
  const t1 = target.year;
  const realised = realisedGrowth(input.annual, input.levels, input.base, t0, input.asOf);
  if (!realised) return missing('growth-from-rates', `${t0 + 1}年以来逐年增速或${t0}年及以后的水平值`, notes);
  const { growth, factor, latest, method, years } = realised;
  const t = latest.year;
  const elapsed = elapsedShare(t0, t1, t);
  const sentenceHead = `${span(t0 + 1, t)}年均增长 ${figureText(growth)}%，目标年均增长 ${figureText(g)}%`;
  const targetFactor = Math.pow(1 + g / 100, t1 - t0);
  if (g > 0 && t < t1 && factor >= targetFactor) {
    return {
      method,
      label: '提前实现',
      lag: null,
      latest,
      expected: g,
      measured: growth,
      ratio: tidy(growth / g),
      elapsed,
      notes,
      sentence: `${sentenceHead}，累计增幅已达到目标期末要求`,
    };
  }
  if (g === 0) {
    notes.push('目标增速为0，无法计算完成比值');
    return {
      method,
      label: '待人工评估',
      lag: null,
      latest,
      expected: g,
      measured: growth,
      ratio: null,
      elapsed,
      notes,
      sentence: sentenceHead,
    };
  }
  const ratio = tidy(growth / g);
  const { label, lag } = ratioOutcome(ratio, thresholds);
  notes.push(`按${years}年计算`);
  return {
    method,
    label,
    lag,
    latest,
    expected: g,
    measured: growth,
    ratio,
    elapsed,
    notes,
    sentence: `${sentenceHead}，完成进度 ${percentText(ratio)}`,
  };
}

function cumulativeStatus(input: StatusInput, thresholds: Thresholds, unit: string): Outcome {
  const { target } = input;
  const C = target.value;
  const cumulate = target.cumulate ?? 'sum';
  const method: StatusMethod = cumulate === 'reduction' ? 'cumulative-reduction' : 'cumulative-sum';
  if (C === null || C === 0) return missing(method, '累计目标值');
  const notes: string[] = [];
  const t0 = input.base?.year ?? target.year - DEFAULT_PERIOD_YEARS;
  if (!input.base) notes.push(`未给出基期，按${t0}年为基期`);
  const t1 = target.year;

  let achieved: number | null = null;
  let latest: Observation | null = null;
  const run = consecutiveFrom(series(input.annual, input.asOf), t0);
  if (run.length > 0) {
    const values = run.map((o) => o.value);
    achieved = cumulate === 'reduction' ? compoundReduction(values) : values.reduce((s, v) => s + v, 0);
    latest = run.at(-1)!;
  } else {
    const lv = series(input.levels, input.asOf);
    const start =
      lv.find((o) => o.year === t0) ?? (input.base && input.base.year === t0 ? input.base : undefined);
    const end = lv.filter((o) => o.year > t0).at(-1);
    if (start && end) {
      achieved = cumulate === 'reduction' ? (1 - end.value / start.value) * 100 : end.value - start.value;
      latest = end;
      notes.push('由基期和最新水平值计算累计量');
    }
  }
  if (achieved === null || latest === null || !Number.isFinite(achieved)) {
    return missing(method, `${t0 + 1}年以来的逐年数据`, notes);
  }
  const t = latest.year;
  const elapsed = elapsedShare(t0, t1, t);
  const expected = C * elapsed;
  const ratio = tidy(achieved / expected);
  const u = cumulate === 'reduction' ? '%' : unit;
  const head = `${span(t0 + 1, t)}累计 ${figureText(achieved)}${u}`;
  if ((C > 0 ? achieved >= C : achieved <= C) && t < t1) {
    return {
      method,
      label: '提前实现',
      lag: null,
      latest,
      expected,
      measured: achieved,
      ratio,
      elapsed,
      notes,
      sentence: `${head}，已达到${t1}年累计目标 ${figureText(C)}${u}`,
    };
  }
  const { label, lag } = ratioOutcome(ratio, thresholds);
  return {
    method,
    label,
    lag,
    latest,
    expected,
    measured: achieved,
    ratio,
    elapsed,
    notes,
    sentence: `${head}，按序时进度应累计 ${figureText(expected)}${u}，完成进度 ${percentText(ratio)}`,
  };
}

function boundStatus(input: StatusInput, direction: 'higher' | 'lower', unit: string): Outcome {
  const { target } = input;
  const V = target.value;
  if (V === null) return missing('bound', '控制值');
  const side = target.bound ?? (direction === 'lower' ? 'ceiling' : 'floor');
  const strict = target.strict ?? false;
  const after = input.base?.year;
  const values = series(input.levels, input.asOf).filter((o) => after === undefined || o.year > after);
  if (values.length === 0) return missing('bound', after === undefined ? '实际值' : `${after}年以后的实际值`);
  const judged = values.map((o) => ({ o, met: boundMet(o, side, V, strict) }));
  const years = judged
    .filter((j) => j.met !== null)
    .map(({ o, met }) => ({ year: o.year, value: o.value, met: met! }));
  const latest = values.at(-1)!;
  const met = judged.at(-1)!.met;
  const missed = years.filter((y) => !y.met).map((y) => y.year);
  const notes = missed.length > 0 && met ? [`${missed.join('、')}年未达标`] : [];
  // A reported bound (不低于65% against >65) that cannot decide is left to a person.
  if (met === null)
    notes.push(`${latest.year}年报告值“${latest.raw ?? figureText(latest.value)}”为区间，无法判断是否达标`);
  return {
    method: 'bound',
    label: met === null ? '待人工评估' : met ? '达标' : '未达标',
    lag: null,
    latest,
    expected: V,
    measured: latest.value,
    ratio: null,
    elapsed: input.base ? elapsedShare(input.base.year, target.year, latest.year) : null,
    years,
    notes,
    sentence: `${latest.year}年${met === null ? '报告值' : '实际值 '}${boundedText(latest, unit)}，目标${targetText({ ...target, bound: side, strict }, 'bound', unit)}`,
  };
}

/** A reported value as written when it is a bound (超过65%), else the number and unit. */
function boundedText(o: Observation, unit: string): string {
  if (!o.bound) return `${figureText(o.value)}${unit}`;
  const word = o.bound === 'floor' ? (o.strict ? '超过' : '不低于') : o.strict ? '低于' : '不超过';
  return `${word}${figureText(o.value)}${unit}`;
}

/**
 * Whether a value meets a floor or ceiling V. A reported bound (超过65%: the value lies in (65, ∞)) meets it when
 * every value it allows does, misses it when none does, and is undecided (null) otherwise.
 */
export function boundMet(
  o: Observation,
  side: 'ceiling' | 'floor',
  V: number,
  strict: boolean,
): boolean | null {
  const inside = (v: number): boolean =>
    side === 'ceiling' ? (strict ? v < V : v <= V) : strict ? v > V : v >= V;
  if (!o.bound) return inside(o.value);
  const a = o.value;
  // The values the report allows run from a (open when strict) away in the bound's direction.
  const towardTarget = (o.bound === 'floor') === (side === 'floor');
  if (towardTarget) {
    if (inside(a)) return true;
    // 超过65 against >65: every allowed value lies beyond 65.
    if (a === V && o.strict) return true;
    return null;
  }
  // The allowed values run away from the target side: 超过5 against ≤4.5 never meets it.
  if (!inside(a)) return false;
  if (a === V && o.strict) return false;
  return null;
}

function qualitativeStatus(input: StatusInput, thresholds: Thresholds): Outcome {
  const { target, linked } = input;
  const t0 = input.base?.year ?? target.year - DEFAULT_PERIOD_YEARS;
  if (linked) {
    const own = realisedGrowth(input.annual, input.levels, input.base, t0, input.asOf);
    const ref = realisedGrowth(linked.rates, linked.levels, null, t0, input.asOf);
    if (!own || !ref) return missing('linked-growth', `${t0 + 1}年以来本指标和${linked.name}的增速`);
    // Compare over the same years: the shorter of the two runs.
    const last = Math.min(own.latest.year, ref.latest.year);
    const ownSame = realisedGrowth(input.annual, input.levels, input.base, t0, last)!;
    const refSame = realisedGrowth(linked.rates, linked.levels, null, t0, last)!;
    const head = `${span(t0 + 1, last)}年均增长 ${figureText(ownSame.growth)}%，${linked.name}年均增长 ${figureText(refSame.growth)}%`;
    if (!(refSame.growth > 0)) {
      return {
        method: 'linked-growth',
        label: '待人工评估',
        lag: null,
        latest: ownSame.latest,
        expected: refSame.growth,
        measured: ownSame.growth,
        ratio: null,
        elapsed: elapsedShare(t0, target.year, last),
        notes: [`${linked.name}增速不为正，比值无意义`],
        sentence: head,
      };
    }
    const ratio = tidy(ownSame.growth / refSame.growth);
    const { label, lag } = ratioOutcome(ratio, thresholds);
    return {
      method: 'linked-growth',
      label,
      lag,
      latest: ownSame.latest,
      expected: refSame.growth,
      measured: ownSame.growth,
      ratio,
      elapsed: elapsedShare(t0, target.year, last),
      notes: [],
      sentence: `${head}，两者之比 ${figureText(ratio)}`,
    };
  }
  return {
    method: 'manual',
    label: '待人工评估',
    lag: null,
    latest: series(input.levels, input.asOf).at(-1) ?? null,
    expected: null,
    measured: null,
    ratio: null,
    elapsed: null,
    notes: [],
    sentence: `目标“${target.raw}”为定性或待下达目标`,
  };
}

/** A latest value this many times the base (or less than its inverse) is taken for a unit or scope error. */
const JUMP_FACTOR = 10;
/** Progress ratios outside this range (−124 times the path, say) are not a pace but a data problem. */
const SANE_RATIO: readonly [number, number] = [-2, 3];

/** Why an outcome is not believable enough to judge (待人工核实), or null. */
export function implausibility(
  outcome: Pick<Outcome, 'latest' | 'ratio' | 'method' | 'label'>,
  base: Observation | null,
  unit: string,
): string | null {
  const latest = outcome.latest;
  const levelMethod =
    outcome.method === 'compound' || outcome.method === 'linear' || outcome.method === 'bound';
  if (levelMethod && latest && base && base.value > 0 && latest.value > 0) {
    const factor = latest.value / base.value;
    if (factor >= JUMP_FACTOR || factor <= 1 / JUMP_FACTOR) {
      return `${latest.year}年值 ${figureText(latest.value)}${unit}为基数 ${figureText(base.value)}${unit}的${figureText(factor)}倍，疑为单位或口径不一致，待人工核实`;
    }
  }
  // Once the target is reached the ratio no longer measures a pace (a short path makes it large).
  if (
    levelMethod &&
    outcome.label !== '提前实现' &&
    outcome.ratio !== null &&
    (outcome.ratio < SANE_RATIO[0] || outcome.ratio > SANE_RATIO[1])
  ) {
    return `完成进度 ${percentText(outcome.ratio)}超出合理范围，疑为数据有误，待人工核实`;
  }
  return null;
}

/** The status of one indicator against its target, with every component needed to explain it. */
export function computeStatus(input: StatusInput): IndicatorStatus {
  const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS, ...input.thresholds };
  const direction = resolveDirection(input);
  const binding = input.binding ?? false;
  const unit = input.unit ?? '';
  const { target } = input;

  let outcome: Outcome;
  switch (target.kind) {
    case 'level':
      outcome = levelStatus(input, direction, thresholds, unit);
      break;
    case 'growth':
      outcome = growthStatus(input, thresholds);
      break;
    case 'cumulative':
      outcome = cumulativeStatus(input, thresholds, unit);
      break;
    case 'bound':
      outcome = boundStatus(input, direction, unit);
      break;
    default:
      outcome = qualitativeStatus(input, thresholds);
  }

  // A value no plan would move by (a tenfold jump, a progress far outside the path) is checked by a person first.
  const review = implausibility(outcome, input.base ?? null, unit);
  if (review) {
    outcome = {
      ...outcome,
      label: '待人工评估',
      lag: null,
      notes: [...outcome.notes, review],
      sentence: `${outcome.sentence}；${review}`,
    };
  }
  let warning = warningFor(outcome.label, outcome.lag, binding);
  let peers: StatusComponents['peers'];
  if (input.peers && input.peers.length > 0 && outcome.measured !== null) {
    const average = input.peers.reduce((s, p) => s + p.value, 0) / input.peers.length;
    const below = direction === 'higher' ? outcome.measured < average : outcome.measured > average;
    peers = { average, count: input.peers.length, below };
    if (below && warning === 'green') warning = 'yellow';
  }

  const components: StatusComponents = {
    kind: target.kind,
    method: outcome.method,
    direction,
    base: input.base ?? null,
    target: {
      year: target.year,
      value: target.value,
      raw: target.raw,
      comparator: target.comparator ?? null,
      ...(target.bound ? { bound: target.bound } : {}),
      ...(target.strict !== undefined ? { strict: target.strict } : {}),
      ...(target.source ? { source: target.source } : {}),
    },
    latest: outcome.latest,
    expected: outcome.expected,
    measured: outcome.measured,
    ratio: outcome.ratio,
    elapsed: outcome.elapsed,
    thresholds,
    label: outcome.label,
    lag: outcome.lag,
    warning,
    ...(outcome.years ? { years: outcome.years } : {}),
    ...(peers ? { peers } : {}),
    notes: outcome.notes,
    review,
  };

  components.roadAhead = review ? null : roadAhead(components, input.unit);
  let explanation = `${outcome.sentence}，${labelText(outcome.label, outcome.lag)}`;
  if (binding && outcome.label === '滞后') explanation += '（约束性指标，红色预警）';
  // The road ahead is worth a sentence only while the target is still to be reached.
  if (components.roadAhead && outcome.label !== '提前实现')
    explanation += `；${components.roadAhead.sentence}`;
  if (peers?.below && warning === 'yellow' && outcome.label !== '滞后') {
    explanation += `（低于同类地区平均 ${figureText(peers.average)}，黄色预警）`;
  }

  return {
    indicatorId: input.indicatorId ?? null,
    name: input.name,
    unit: input.unit ?? null,
    category: input.category ?? null,
    plan: input.plan ?? null,
    departments: input.departments ?? [],
    binding,
    label: outcome.label,
    lag: outcome.lag,
    warning,
    components,
    explanation,
    override: null,
    overrides: [],
  };
}
