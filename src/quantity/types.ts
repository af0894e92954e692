// The typed values the quantity grammar hands to extractors: quantities in running text and table cells.

import type { Comparator } from './comparators.js';
import type { Decimal } from './decimal.js';
import type { Unit } from './units.js';

/** quantity: a measured value; year: 2025年 / 二〇三五年; period: 2021—2025年 / “十四五”; ordinal: 第3名 / 第一. */
export type QuantityKind = 'quantity' | 'year' | 'period' | 'ordinal';

export interface Quantity {
  kind: QuantityKind;
  /** Exact value as written, in `unit` (800亿元 → "800"); for a period its first year. */
  value: Decimal;
  /** Upper end of a range (6—8个 → "8", 两三个 → "3"); for a period its last year. */
  valueMax?: Decimal;
  unit?: Unit;
  /** Bound and change words immediately around the number. */
  comparator?: Comparator;
  /** 约, 左右, 近, 余, 多: the value is not exact. */
  approximate?: boolean;
  /** 余 / 多 (千余, 20多家): the true value lies above `value`. */
  lowerBound?: boolean;
  /** 个百分点: a change in percentage points, not a percentage. */
  percentPoints?: boolean;
  /** 翻一番 / 翻两番 / 倍增 as written: `value` is the factor, the unit 倍. */
  multiplier?: string;
  /** 四分之一, 三分之二, 2/3: the value is numerator ÷ denominator (rounded to 4 places when it does not terminate). */
  share?: { numerator: Decimal; denominator: Decimal };
  /** 百亿级 / 千亿级: a size class, not a measured value. */
  scaleClass?: boolean;
  /** A year after 到 / 至 / 截至: a deadline (到2025年). */
  by?: boolean;
}

export interface QuantityMatch extends Quantity {
  /** Offsets [start, end) of the number and its unit in the scanned string (comparator words carry their own). */
  start: number;
  end: number;
  /** text.slice(start, end) */
  text: string;
}

/** What a table cell holds. */
/** `multiple`: the values of two indicators printed in one cell (`8358/244` for 旅客/货邮吞吐量). */
export type CellKind =
  | 'level'
  | 'growth'
  | 'cumulative'
  | 'bound'
  | 'qualitative'
  | 'delegated'
  | 'multiple'
  | 'empty'
  | 'unknown';

/** The column a cell sits in, which decides whether a bare number is a level or a growth rate. */
export type CellColumn = 'base' | 'target' | 'growth' | 'actual' | 'actual_growth';

export interface CellContext {
  column?: CellColumn;
  /** The row's unit as written in its name (`%`, `亿元`, `立方米/万元`). */
  unit?: string;
}

export interface TypedCell {
  kind: CellKind;
  /** The cell as given. */
  raw: string;
  value?: Decimal;
  valueMax?: Decimal;
  comparator?: Comparator;
  unit?: Unit;
  approximate?: boolean;
  /** The words of a qualitative or delegated cell (与经济增长基本同步, 按市下达目标). */
  text?: string;
}
