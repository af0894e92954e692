// The project ledger's arithmetic: investments in 亿元 as exact decimals, and the share of it completed.
import {
  divideDecimal,
  findQuantities,
  multiplyDecimal,
  toBaseValue,
  type Decimal,
} from '../quantity/index.js';

/** Stages of a project in a 项目台账. */
export const PROJECT_STAGES = ['前期', '在建', '竣工'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

/** An amount as written (`60亿元`, `5000万元`, `3.6 亿元`) in 亿元, exact; null when it is not an amount of 元. */
export function investmentIn100M(written: string | null | undefined): Decimal | null {
  const amount = findQuantities(written ?? '').find(
    (q) => q.kind === 'quantity' && q.unit?.currency === 'CNY',
  );
  if (!amount?.unit) return null;
  return divideDecimal(toBaseValue(amount.value, amount.unit), '100000000', 8).value;
}

/** 完成率: completed over total in per cent, one decimal as ledgers print it; null without a total. */
export function completionRate(completed: Decimal | null, total: Decimal | null): Decimal | null {
  if (completed === null || total === null || Number(total) === 0) return null;
  return divideDecimal(multiplyDecimal(completed, '100'), total, 1).value;
}
