// Targets written in running text (地区生产总值达到800亿元, 城镇调查失业率控制在5.5%以内): the target the monitor judges,
// and a work report's target for one year judged against that year's value (年度目标完成情况).
import type { IndicatorDef } from '../catalog/index.js';
import { boundMet } from './status.js';
import type { Observation, SourceRef, TargetSpec } from './types.js';

export interface TextTarget {
  comparator: string | null;
  value: number;
  year: number;
  quote: string;
  source?: SourceRef;
}

/** Share of a 左右 (about) target that counts as reached: 7%左右 is met from 6.65%. */
export const ABOUT_SHARE = 0.95;

/** Comparator words of the exchange vocabulary that make a target a floor or a ceiling. */
const FLOOR_WORDS = new Set(['超过', '以上', '不低于', '突破', '保持']);
const CEILING_WORDS = new Set(['以内', '控制在']);

/**
 * The target a sentence sets: a growth rate for a growth indicator, a ceiling (以内, 控制在), a floor already met by
 * the base (超过, 以上 from above), a cumulative reduction (下降 in %), else a level to reach.
 */
export function textTargetSpec(
  target: TextTarget,
  def: Pick<IndicatorDef, 'kind' | 'cumulate'> | null,
  base: Observation | null,
): TargetSpec {
  const common = {
    year: target.year,
    raw: target.quote,
    comparator: target.comparator,
    value: target.value,
    ...(target.source ? { source: target.source } : {}),
  };
  const word = target.comparator ?? '';
  if (def?.kind === 'growth') return { ...common, kind: 'growth' };
  if (CEILING_WORDS.has(word)) return { ...common, kind: 'bound', bound: 'ceiling', strict: false };
  if (word === '下降' && (def?.kind === 'reduction' || def?.cumulate === 'reduction')) {
    return { ...common, kind: 'cumulative', cumulate: 'reduction' };
  }
  if (FLOOR_WORDS.has(word) && (base === null || base.value >= target.value)) {
    return { ...common, kind: 'bound', bound: 'floor', strict: word === '超过' };
  }
  return { ...common, kind: 'level' };
}

export type AnnualResult = '完成' | '未完成' | '待核定' | '数据缺失';

export interface AnnualTargetCheck {
  year: number;
  /** The target as written in the work report. */
  quote: string;
  comparator: string | null;
  value: number;
  unit: string | null;
  actual: Observation | null;
  result: AnnualResult;
  /** The rule applied, in words (左右按不低于目标的95%计). */
  rule: string;
  source: SourceRef | null;
}

/**
 * A year's target (a work report's 主要预期目标) against that year's value: a ceiling is met at or below it, a floor
 * or a level at or above it (strictly for 超过), 左右 from 95% of it; lower-is-better indicators reverse a level.
 */
export function annualTargetCheck(
  target: TextTarget & { unit: string | null },
  actual: Observation | null,
  direction: 'higher' | 'lower',
): AnnualTargetCheck {
  const word = target.comparator ?? '';
  const side: 'floor' | 'ceiling' = CEILING_WORDS.has(word)
    ? 'ceiling'
    : FLOOR_WORDS.has(word)
      ? 'floor'
      : direction === 'lower'
        ? 'ceiling'
        : 'floor';
  const about = word === '左右';
  const threshold = about ? target.value * (side === 'floor' ? ABOUT_SHARE : 2 - ABOUT_SHARE) : target.value;
  const rule = about
    ? `“左右”按${side === 'floor' ? '不低于' : '不高于'}目标的${side === 'floor' ? ABOUT_SHARE * 100 : (2 - ABOUT_SHARE) * 100}%计`
    : side === 'ceiling'
      ? '不高于目标为完成'
      : word === '超过'
        ? '高于目标为完成'
        : '不低于目标为完成';
  const met = actual ? boundMet(actual, side, threshold, word === '超过') : null;
  return {
    year: target.year,
    quote: target.quote,
    comparator: target.comparator,
    value: target.value,
    unit: target.unit,
    actual,
    result: !actual ? '数据缺失' : met === null ? '待核定' : met ? '完成' : '未完成',
    rule,
    source: target.source ?? null,
  };
}
