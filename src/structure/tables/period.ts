// The plan period a table belongs to, from the plan its caption names or the year its target column states.
import { fiveYearPlanPeriod } from '../../quantity/index.js';
import type { ColumnRole } from './types.js';
import { PLAN_IN_CAPTION } from './vocabulary.js';

/** Years of a plan period as the exchange format writes them. */
const periodText = (start: number, end: number): string => `${start}-${end}`;

/**
 * `2021-2025` for a table whose caption or header names the 十四五 (a completion table inside a 十五五 plan
 * belongs to the plan it reports on), else the five years ending in the target column's year; null otherwise.
 */
export function tablePeriod(caption: string | null, columns: readonly ColumnRole[]): string | null {
  const text = `${caption ?? ''}${columns.map((c) => c.header).join('')}`;
  const named = PLAN_IN_CAPTION.exec(text);
  const plan = named ? fiveYearPlanPeriod(named[1] ?? named[2]!) : null;
  if (plan) return periodText(plan.start, plan.end);
  const target = columns.find((c) => c.role === 'target' && c.year !== null)?.year;
  return target ? periodText(target - 4, target) : null;
}
