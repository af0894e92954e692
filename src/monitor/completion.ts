// The role of an indicator table (this plan's targets or the previous plan's completion), and the previous
// plan's 总结评估: its target against what was achieved, 完成 / 未完成 per indicator.
import type { Direction } from '../catalog/index.js';
import { findQuantities, toNumber } from '../quantity/index.js';
import { readCell, type MonitorCell } from './cell.js';
import { resolveDirection } from './status.js';
import type { TableYears } from './target.js';

export type TableRole = 'current' | 'previous';

/**
 * A table whose targets end before the plan begins (十三五 targets in a 十四五 plan, 十四五 in a 十五五 plan) reports
 * the previous plan's completion: its role is the previous plan's 总结评估, never this plan's indicators.
 */
export function tableRole(years: TableYears, planStart: number | null): TableRole {
  if (planStart === null || years.targetYear === null) return 'current';
  return years.targetYear < planStart ? 'previous' : 'current';
}

export type CompletionResult = '完成' | '未完成' | '待核定';

export interface CompletionRowInput {
  rowId: number;
  name: string;
  unit: string | null;
  attribute: string | null;
  direction?: Direction | null;
  line: number;
  quote: string;
  base_raw: string | null;
  target_raw: string | null;
  growth_raw: string | null;
  actual_raw: string | null;
  actual_growth_raw: string | null;
}

export interface CompletionCheck {
  what: '期末目标' | '年均增速' | '累计目标';
  target: string;
  actual: string;
  met: boolean;
}

export interface CompletionItem {
  rowId: number;
  name: string;
  unit: string | null;
  attribute: string | null;
  base: string | null;
  target: string | null;
  growthTarget: string | null;
  actual: string | null;
  actualGrowth: string | null;
  result: CompletionResult;
  checks: CompletionCheck[];
  /** Why the result was left to a person (a qualitative target, no actual value). */
  reason: string | null;
  evidence: { line: number; quote: string };
}

export interface PreviousPlanReview {
  caption: string | null;
  line: number;
  baseYear: number | null;
  targetYear: number | null;
  items: CompletionItem[];
  /** 29 项指标中，18 项完成，3 项未完成，8 项待核定 */
  sentence: string;
}

/** The value of an actual cell: a plain number, else the first number in it (19428.78，年均增速4.8% → 19428.78). */
function actualOf(raw: string | null): MonitorCell | null {
  const cell = readCell(raw);
  if (cell.type === 'number') return cell;
  if (cell.type !== 'text') return null;
  const q = findQuantities(cell.raw).find((x) => x.kind === 'quantity');
  if (!q) return null;
  return {
    type: 'number',
    raw: cell.raw,
    value: toNumber(q.value),
    bound: null,
    strict: false,
    cumulative: /[[〔［]/.test(cell.raw),
    reduction: /下降|降低/.test(cell.raw),
    unit: null,
  };
}

/** Whether an actual meets a target cell; null when one of them is not a number. */
function meets(
  target: MonitorCell,
  actual: MonitorCell | null,
  direction: 'higher' | 'lower',
): boolean | null {
  if (target.type !== 'number' || !actual || actual.type !== 'number') return null;
  // A reduction target (五年下降18%) is met by a larger reduction, whatever the indicator's direction.
  const way = target.reduction ? 'higher' : direction;
  const a = actual.value;
  const t = target.value;
  // An actual written as a bound (＞90) lies beyond its number.
  const beyond = actual.bound === 'floor' ? 'higher' : actual.bound === 'ceiling' ? 'lower' : null;
  if (way === 'higher') return target.strict ? a > t || (a === t && beyond === 'higher') : a >= t;
  return target.strict ? a < t || (a === t && beyond === 'lower') : a <= t;
}

/** 完成 when the text says the target was completed (完成省下达指标), never for 未完成. */
function textSaysDone(raw: string | null): boolean {
  return /完成|达到|实现/.test(raw ?? '') && !/未完成|未达到|未实现/.test(raw ?? '');
}

/** 完成 / 未完成 / 待核定 for one row of a completion table, with each comparison made. */
export function completionOf(row: CompletionRowInput, targetYear: number): CompletionItem {
  const checks: CompletionCheck[] = [];
  const target = readCell(row.target_raw);
  const growth = readCell(row.growth_raw);
  const base = readCell(row.base_raw);
  const direction = resolveDirection({
    name: row.name,
    direction: row.direction ?? null,
    target: {
      kind: 'level',
      value: target.type === 'number' ? target.value : null,
      year: targetYear,
      raw: target.raw,
      comparator: null,
      ...(target.type === 'number' && target.bound === 'ceiling' ? { bound: 'ceiling' as const } : {}),
    },
    base: base.type === 'number' ? { year: targetYear - 5, value: base.value } : null,
  });
  const pairs: Array<[CompletionCheck['what'], MonitorCell, string | null]> = [
    [target.type === 'number' && target.cumulative ? '累计目标' : '期末目标', target, row.actual_raw],
    [
      growth.type === 'number' && growth.cumulative ? '累计目标' : '年均增速',
      growth,
      // A reduction over the period is reported in the actual cell when there is no actual growth column value.
      growth.type === 'number' && growth.reduction && !actualOf(row.actual_growth_raw)
        ? row.actual_raw
        : row.actual_growth_raw,
    ],
  ];
  let textDone = false;
  for (const [what, cell, actualRaw] of pairs) {
    if (cell.type === 'delegated' && textSaysDone(actualRaw)) textDone = true;
    const met = meets(cell, actualOf(actualRaw), what === '年均增速' ? 'higher' : direction);
    if (met !== null) checks.push({ what, target: cell.raw, actual: actualRaw ?? '', met });
  }
  const result: CompletionResult =
    checks.length > 0 ? (checks.every((c) => c.met) ? '完成' : '未完成') : textDone ? '完成' : '待核定';
  const reason =
    result !== '待核定'
      ? textDone && checks.length === 0
        ? '完成情况栏写明已完成'
        : null
      : !actualOf(row.actual_raw) && !actualOf(row.actual_growth_raw) && !textDone
        ? '缺少完成值'
        : '目标为定性或待下达，需人工核定';
  return {
    rowId: row.rowId,
    name: row.name,
    unit: row.unit,
    attribute: row.attribute || null,
    base: row.base_raw,
    target: row.target_raw,
    growthTarget: row.growth_raw,
    actual: row.actual_raw,
    actualGrowth: row.actual_growth_raw,
    result,
    checks,
    reason,
    evidence: { line: row.line, quote: row.quote },
  };
}

/** The previous plan's 总结评估 from its completion table. */
export function previousPlanReview(
  table: { caption: string | null; line: number },
  years: TableYears,
  rows: readonly CompletionRowInput[],
): PreviousPlanReview {
  const targetYear = years.targetYear ?? years.actualYear ?? 0;
  const items = rows.map((r) => completionOf(r, targetYear));
  const n = (r: CompletionResult) => items.filter((i) => i.result === r).length;
  const parts = (['完成', '未完成', '待核定'] as const).filter((r) => n(r) > 0).map((r) => `${n(r)} 项${r}`);
  return {
    caption: table.caption,
    line: table.line,
    baseYear: years.baseYear,
    targetYear: years.targetYear,
    items,
    sentence: items.length === 0 ? '暂无上一规划期指标' : `${items.length} 项指标中，${parts.join('，')}`,
  };
}
