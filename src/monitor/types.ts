// The monitor's typed inputs and outputs: observations, targets, thresholds, statuses and their components.
import type { Category, CumulateMethod, Direction } from '../catalog/index.js';
import type { RoadAhead } from './road.js';

/** Where a number came from: a document place, or a person/import. */
export interface SourceRef {
  doc?: string;
  line?: number;
  quote?: string;
  /** For a value a person typed or imported: who, and from which file. */
  by?: string;
  file?: string;
}

/** One value of a series. Numbers are JS numbers here: this is where exact decimals are converted. */
export interface Observation {
  year: number;
  value: number;
  /** A reported bound rather than a value (超过65%: the true value lies above 65, strictly). */
  bound?: 'floor' | 'ceiling';
  strict?: boolean;
  /** The value as written (`451.9`, `3.01亿`). */
  raw?: string;
  source?: SourceRef;
}

/** How a target is judged (MONITORING.md, "Target kinds"). */
export type TargetKind = 'level' | 'growth' | 'cumulative' | 'bound' | 'qualitative';

/** Expected path between base and target. */
export type PathMethod = 'compound' | 'linear';

export interface TargetSpec {
  kind: TargetKind;
  /**
   * level: the target value in the target year; growth: the average annual rate in %; cumulative: the
   * total over the period; bound: the ceiling or floor; qualitative: null.
   */
  value: number | null;
  /** The target year (t1). */
  year: number;
  /** The raw cell or phrase (`>10`, `[2.9]`, `按市下达目标`). */
  raw: string;
  /** For a bound: a ceiling (<, 以内) or a floor (>, 以上). */
  bound?: 'ceiling' | 'floor';
  /** `<` / `>`: the bound itself is not allowed. */
  strict?: boolean;
  /** The comparator word as written, used for the direction when the catalog gives none (以内/下降 → lower). */
  comparator?: string | null;
  /** For cumulative targets: sum of amounts (new jobs) or compounded reductions (〔13.5〕% energy intensity). */
  cumulate?: CumulateMethod;
  source?: SourceRef;
}

export interface Thresholds {
  /** r ≥ ahead → 快于预期 (default 1.05). */
  ahead: number;
  /** onTrack ≤ r < ahead → 基本符合预期 (default 0.95). */
  onTrack: number;
  /** mild ≤ r < onTrack → 轻度滞后 (default 0.6). */
  mild: number;
  /** severe ≤ r < mild → 严重滞后; below it (default 0) → 逆向. */
  severe: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { ahead: 1.05, onTrack: 0.95, mild: 0.6, severe: 0 };

/** Qualitative targets linked to another series (居民收入增长与经济增长基本同步). */
export interface LinkedSeries {
  /** The reference indicator's name (地区生产总值). */
  name: string;
  /** Its yearly growth rates in %, or its levels. */
  rates?: Observation[];
  levels?: Observation[];
}

export interface StatusInput {
  /** Catalog id, when linked. */
  indicatorId?: string | null;
  name: string;
  unit?: string | null;
  category?: Category | null;
  /** The plan the target belongs to, for roll-ups. */
  plan?: string | null;
  /** Lead department(s), for roll-ups by department. */
  departments?: readonly string[];
  /** 约束性: any lag is a red warning. */
  binding?: boolean;
  /** From the catalog; when absent it comes from the comparator (以内/下降 → lower), else higher. */
  direction?: Direction | null;
  target: TargetSpec;
  /** The base value (year t0). Needed for level, and for growth and cumulative measured from levels. */
  base?: Observation | null;
  /** The indicator's levels by year (values of the indicator itself). */
  levels?: readonly Observation[];
  /** Yearly flows: annual growth rates in % (growth), yearly amounts or yearly reductions in % (cumulative). */
  annual?: readonly Observation[];
  /** For qualitative targets tied to another series. */
  linked?: LinkedSeries | null;
  /** Expected-path method (default compound when base and target are positive). */
  method?: PathMethod;
  thresholds?: Partial<Thresholds>;
  /** Values of the same measure in peer regions for the same year; below their average turns green to yellow. */
  peers?: ReadonlyArray<{ region: string; value: number }>;
  /** Judge as of this year (default: the latest year with data, not after the target year). */
  asOf?: number;
}

export type StatusLabel =
  '提前实现' | '快于预期' | '基本符合预期' | '滞后' | '达标' | '未达标' | '数据缺失' | '待人工评估';

/** Degree of a 滞后 label. */
export type LagDegree = '轻度' | '严重' | '逆向';

export type Warning = 'green' | 'yellow' | 'red';

/** How the status was computed. */
export type StatusMethod =
  | 'compound'
  | 'linear'
  | 'growth-from-rates'
  | 'growth-from-levels'
  | 'cumulative-sum'
  | 'cumulative-reduction'
  | 'bound'
  | 'linked-growth'
  | 'manual';

export interface StatusComponents {
  kind: TargetKind;
  method: StatusMethod;
  direction: 'higher' | 'lower';
  base: (Observation & { source?: SourceRef }) | null;
  target: {
    year: number;
    value: number | null;
    raw: string;
    comparator: string | null;
    /** A bound's side and strictness (`>65` is strict), kept so the target prints and judges as written. */
    bound?: 'ceiling' | 'floor';
    strict?: boolean;
    source?: SourceRef;
  };
  latest: Observation | null;
  /** Expected value at the latest year on the path (level), or the expected rate/amount (growth/cumulative). */
  expected: number | null;
  /** The number judged: the actual level, the realised average growth %, the cumulative amount achieved. */
  measured: number | null;
  /** Progress ratio r. */
  ratio: number | null;
  /** Share of the period elapsed at the latest year. */
  elapsed: number | null;
  thresholds: Thresholds;
  label: StatusLabel;
  lag: LagDegree | null;
  warning: Warning | null;
  /** Bound targets: each year met or not. */
  years?: ReadonlyArray<{ year: number; value: number; met: boolean }>;
  /** Peer comparison, when peers were given. */
  peers?: { average: number; count: number; below: boolean };
  /** Why a rule was or was not applied (e.g. compound path impossible with a zero base). */
  notes: string[];
  /** What is still needed each remaining year and where the pace so far leads (road.ts). */
  roadAhead?: RoadAhead | null;
  /** Why the value was not judged and waits for a person (a tenfold jump against the base, say). */
  review?: string | null;
}

export interface StatusOverride {
  label: StatusLabel;
  lag?: LagDegree | null;
  reason: string;
  by: string;
  /** ISO timestamp. */
  at: string;
}

export interface IndicatorStatus {
  indicatorId: string | null;
  name: string;
  unit: string | null;
  category: Category | null;
  plan: string | null;
  departments: readonly string[];
  binding: boolean;
  /** The computed label; an override never replaces it. */
  label: StatusLabel;
  lag: LagDegree | null;
  warning: Warning | null;
  components: StatusComponents;
  /** One Chinese sentence: 2023年实际值 X，按序时进度应达 Y，完成进度 Z%，基本符合预期. */
  explanation: string;
  /** The current override, shown beside the computed label. */
  override: StatusOverride | null;
  /** Every override ever applied, oldest first (audit). */
  overrides: readonly StatusOverride[];
}
