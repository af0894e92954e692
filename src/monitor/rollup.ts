// Roll-ups: counts per label by category, department and plan, and the summary sentence of an evaluation.
import { effectiveLabel } from './override.js';
import type { IndicatorStatus, StatusLabel } from './types.js';

/** Labels in the order evaluations list them. */
export const LABEL_ORDER: readonly StatusLabel[] = [
  '提前实现',
  '快于预期',
  '基本符合预期',
  '滞后',
  '达标',
  '未达标',
  '数据缺失',
  '待人工评估',
];

export interface LabelCounts {
  total: number;
  counts: Record<StatusLabel, number>;
  /** 约束性 indicators among the lagging ones. */
  bindingLagging: number;
  /** 约束性 indicators among the missed bounds. */
  bindingMissed: number;
  /** Lagging ones by degree. */
  lagDegrees: { 轻度: number; 严重: number; 逆向: number };
}

export interface RollUpOptions {
  /** Count a person's override instead of the computed label (default true: evaluations report final judgements). */
  useOverrides?: boolean;
}

function emptyCounts(): LabelCounts {
  const counts = Object.fromEntries(LABEL_ORDER.map((l) => [l, 0])) as Record<StatusLabel, number>;
  return { total: 0, counts, bindingLagging: 0, bindingMissed: 0, lagDegrees: { 轻度: 0, 严重: 0, 逆向: 0 } };
}

function add(into: LabelCounts, status: IndicatorStatus, opts: RollUpOptions): void {
  const { label, lag } =
    opts.useOverrides === false ? { label: status.label, lag: status.lag } : effectiveLabel(status);
  into.total++;
  into.counts[label]++;
  if (label === '滞后') {
    if (status.binding) into.bindingLagging++;
    if (lag) into.lagDegrees[lag]++;
  }
  if (label === '未达标' && status.binding) into.bindingMissed++;
}

/** Counts per label over all statuses. */
export function countLabels(statuses: readonly IndicatorStatus[], opts: RollUpOptions = {}): LabelCounts {
  const counts = emptyCounts();
  for (const s of statuses) add(counts, s, opts);
  return counts;
}

/** Counts per label for each group; a status in several groups (two departments) counts in each. */
export function rollUpBy(
  statuses: readonly IndicatorStatus[],
  groupOf: (status: IndicatorStatus) => string | null | readonly string[],
  opts: RollUpOptions = {},
): Map<string, LabelCounts> {
  const groups = new Map<string, LabelCounts>();
  for (const status of statuses) {
    const g = groupOf(status);
    const keys = g === null ? ['未分类'] : typeof g === 'string' ? [g] : g.length > 0 ? g : ['未分类'];
    for (const key of keys) {
      let counts = groups.get(key);
      if (!counts) groups.set(key, (counts = emptyCounts()));
      add(counts, status, opts);
    }
  }
  return groups;
}

export const rollUpByCategory = (statuses: readonly IndicatorStatus[], opts?: RollUpOptions) =>
  rollUpBy(statuses, (s) => s.category, opts);
export const rollUpByPlan = (statuses: readonly IndicatorStatus[], opts?: RollUpOptions) =>
  rollUpBy(statuses, (s) => s.plan, opts);
export const rollUpByDepartment = (statuses: readonly IndicatorStatus[], opts?: RollUpOptions) =>
  rollUpBy(statuses, (s) => s.departments, opts);

/**
 * The sentence evaluations write: "20 项主要指标中，4 项提前实现，5 项快于预期，7 项基本符合预期，4 项滞后(其中约束性 3 项)".
 * Labels with no indicator are left out; the order is fixed.
 */
export function summarize(
  input: readonly IndicatorStatus[] | LabelCounts,
  noun = '主要指标',
  opts: RollUpOptions = {},
): string {
  const c = Array.isArray(input)
    ? countLabels(input as readonly IndicatorStatus[], opts)
    : (input as LabelCounts);
  if (c.total === 0) return `暂无${noun}的监测结果`;
  const parts: string[] = [];
  for (const label of LABEL_ORDER) {
    const n = c.counts[label];
    if (n === 0) continue;
    const binding = label === '滞后' ? c.bindingLagging : label === '未达标' ? c.bindingMissed : 0;
    parts.push(`${n} 项${label}${binding > 0 ? `(其中约束性 ${binding} 项)` : ''}`);
  }
  return `${c.total} 项${noun}中，${parts.join('，')}`;
}
