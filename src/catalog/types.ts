// The shape of a canonical indicator in the catalog: its names, unit, direction and how its targets behave.
import type { Dimension } from '../quantity/index.js';

/** The five groups of the national 十四五 main-indicator table, used by every local plan. */
export type Category = '经济发展' | '创新驱动' | '民生福祉' | '绿色生态' | '安全保障';

export const CATEGORIES: readonly Category[] = ['经济发展', '创新驱动', '民生福祉', '绿色生态', '安全保障'];

/**
 * Which way is better. `neutral` is for quantities a plan steers toward a value rather than up or down
 * (total population): progress is then judged toward the target from the base.
 */
export type Direction = 'higher' | 'lower' | 'neutral';

/**
 * What the indicator measures:
 * level (an amount), growth (an annual growth rate), share (a proportion), rate (a per-capita or
 * per-unit ratio), reduction (a fall in an intensity, usually a five-year 〔cumulative〕 figure),
 * cumulative (a flow counted over the plan period, e.g. new urban jobs), bound (a quantity held under a
 * ceiling or above a floor, e.g. the unemployment rate).
 */
export type IndicatorKind = 'level' | 'growth' | 'share' | 'rate' | 'reduction' | 'cumulative' | 'bound';

/**
 * What an indicator's unit measures, in the quantity grammar's vocabulary (one unit table for the whole
 * project): 万吨 and 亿斤 are both `mass`, 吨标准煤/万元 is `standard_coal/currency`.
 */
export type { Dimension };

/** How yearly contributions add up to a cumulative target: plain sum, or compounded relative reductions. */
export type CumulateMethod = 'sum' | 'reduction';

export interface IndicatorDef {
  /** Stable slug; never reuse or rename one that is published. */
  id: string;
  /** Canonical Chinese name. */
  name: string;
  /** Other names used by plans and bulletins (normalised before matching). */
  synonyms: readonly string[];
  /** The usual unit, as written in plans. */
  unit: string | null;
  dimension: Dimension;
  direction: Direction;
  kind: IndicatorKind;
  category: Category;
  /** One of the 20 main indicators of the national 十四五 plan. */
  national14: boolean;
  /** Attribute of the indicator in the national table, when it is a national main indicator. */
  nationalAttribute?: '约束性' | '预期性';
  /** For a growth indicator, the id of the level it is the growth of. */
  growthOf?: string;
  /** How yearly values add up for a cumulative target (default `sum`). */
  cumulate?: CumulateMethod;
}
