// The monitor's view of raw table cells and amounts, read through the quantity grammar (src/quantity).
import { findQuantities, parseCell, toBaseValue, toNumber } from '../quantity/index.js';

/** How a cell constrains the value: a floor (>, ≥, 以上, 不低于), a ceiling (<, ≤, 以内, 控制在), or about (左右). */
export type CellBound = 'floor' | 'ceiling' | 'about' | null;

export type MonitorCell =
  | { type: 'empty'; raw: string }
  | {
      type: 'number';
      raw: string;
      value: number;
      bound: CellBound;
      /** `<` / `>` rather than `≤` / `≥`. */
      strict: boolean;
      /** Written in [ ] or 〔 〕: a total over the plan period. */
      cumulative: boolean;
      /** `五年下降18%`: a cumulative fall. */
      reduction: boolean;
      /** A unit written inside the cell (`3.01亿`). */
      unit: string | null;
    }
  | { type: 'delegated'; raw: string }
  | { type: 'text'; raw: string };

/** Comparator words that exclude the bound itself (`>` rather than `≥`). */
const STRICT_WORDS = new Set(['>', '<', '＞', '＜', '超过', '超', '高于', '大于', '多于', '低于', '小于']);

/** Reads a raw table cell (`>10`, `[2.9]`, `70以上`, `按市下达目标`, `五年下降18%`, `—`) through the quantity grammar. */
export function readCell(raw: string | null | undefined): MonitorCell {
  const cell = parseCell(raw ?? '');
  if (cell.kind === 'empty') return { type: 'empty', raw: raw ?? '' };
  if (cell.kind === 'delegated') return { type: 'delegated', raw: cell.raw };
  if (cell.kind === 'qualitative' || cell.kind === 'unknown' || cell.value === undefined) {
    return { type: 'text', raw: cell.raw };
  }
  const direction = cell.comparator?.direction;
  const bound: CellBound =
    direction === 'lower'
      ? 'floor'
      : direction === 'upper'
        ? 'ceiling'
        : cell.approximate || direction === 'approx'
          ? 'about'
          : null;
  const cumulative = cell.kind === 'cumulative';
  // A bare magnitude in a money table (3.01亿) is an amount of 元.
  const symbol = cell.unit?.symbol ?? null;
  const unit = symbol && cell.unit?.dimension === 'magnitude' ? `${symbol}元` : symbol;
  return {
    type: 'number',
    raw: cell.raw,
    value: toNumber(cell.value),
    bound,
    strict: cell.comparator?.words.some((w) => STRICT_WORDS.has(w.text)) ?? false,
    cumulative,
    reduction: cumulative && cell.comparator?.change === 'down',
    unit,
  };
}

/** The number in a cell that is a plain value (no bracket), or null. */
export function cellNumber(raw: string | null | undefined): number | null {
  const cell = readCell(raw);
  return cell.type === 'number' && !cell.cumulative ? cell.value : null;
}

/** Digits after the decimal point as written (`188.6` → 1), to judge what counts as a rounding difference. */
export function decimalsOf(raw: string | number): number {
  const m = /\.(\d+)/.exec(String(raw));
  return m ? m[1]!.length : 0;
}

/** An amount of money such as `60亿元` or `5000万元`, in 亿元; null when not an amount of 元. */
export function moneyIn100M(raw: string | null | undefined): { value: number; decimals: number } | null {
  const amount = findQuantities(raw ?? '').find((q) => q.kind === 'quantity' && q.unit?.currency === 'CNY');
  if (!amount?.unit) return null;
  const yuan = toNumber(toBaseValue(amount.value, amount.unit));
  // Digits below 1 亿元 that the written figure carries: 5000万元 is exact to 0.0001 亿元.
  const scaleDigits = Math.max(0, 8 - Math.round(Math.log10(toNumber(amount.unit.factor))));
  return { value: yuan / 1e8, decimals: decimalsOf(amount.value) + scaleDigits };
}

/**
 * Whether a reported figure is a bound rather than a value: 超过65% says the true value lies above 65 (strictly),
 * 95%以上 at or above it, 不足3% below it. Read from the quote around the number; null for a plain value.
 */
export function reportedBound(
  quote: string | null | undefined,
  value: number,
): { bound: 'floor' | 'ceiling'; strict: boolean } | null {
  const q = findQuantities(quote ?? '').find((x) => x.kind === 'quantity' && toNumber(x.value) === value);
  if (!q) return null;
  const direction = q.comparator?.direction;
  const strict = q.comparator?.words.some((w) => STRICT_WORDS.has(w.text)) ?? false;
  if (direction === 'lower') return { bound: 'floor', strict };
  if (direction === 'upper') return { bound: 'ceiling', strict };
  // 120余万平方米, 20多家: more than the figure written.
  if (q.lowerBound) return { bound: 'floor', strict: true };
  return null;
}
