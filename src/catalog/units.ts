// Units of measure (data): each written unit's dimension, base unit and scale, to compare and convert values.
import type { Dimension } from './types.js';

export interface UnitInfo {
  dimension: Dimension;
  /** Values in units with the same base convert into each other by their scales (亿元 ↔ 万元). */
  base: string;
  /** How many base units one of this unit is. */
  scale: number;
}

const SCALED: ReadonlyArray<readonly [Dimension, string, ReadonlyArray<readonly [string, number]>]> = [
  [
    'currency',
    '元',
    [
      ['元', 1],
      ['万元', 1e4],
      ['亿元', 1e8],
    ],
  ],
  [
    'currency',
    '美元',
    [
      ['美元', 1],
      ['万美元', 1e4],
      ['亿美元', 1e8],
    ],
  ],
  [
    'count',
    '人',
    [
      ['人', 1],
      ['万人', 1e4],
      ['亿人', 1e8],
      ['名', 1],
    ],
  ],
  [
    'count',
    '人次',
    [
      ['人次', 1],
      ['万人次', 1e4],
      ['亿人次', 1e8],
    ],
  ],
  [
    'mass',
    '吨',
    [
      ['吨', 1],
      ['万吨', 1e4],
      ['亿吨', 1e8],
      ['斤', 5e-4],
      ['万斤', 5],
      ['亿斤', 5e4],
      ['公斤', 1e-3],
      ['千克', 1e-3],
    ],
  ],
  [
    'energy',
    '吨标准煤',
    [
      ['吨标准煤', 1],
      ['万吨标准煤', 1e4],
      ['亿吨标准煤', 1e8],
      ['吨标煤', 1],
      ['万吨标煤', 1e4],
    ],
  ],
  [
    'volume',
    '立方米',
    [
      ['立方米', 1],
      ['万立方米', 1e4],
      ['亿立方米', 1e8],
      ['m3', 1],
      ['m³', 1],
    ],
  ],
  [
    'area',
    '平方米',
    [
      ['平方米', 1],
      ['万平方米', 1e4],
      ['平方公里', 1e6],
      ['亩', 10000 / 15],
      ['万亩', 1e8 / 15],
      ['公顷', 1e4],
      ['㎡', 1],
    ],
  ],
  [
    'length',
    '米',
    [
      ['米', 1],
      ['公里', 1e3],
      ['千米', 1e3],
      ['延米', 1],
    ],
  ],
  [
    'years',
    '年',
    [
      ['年', 1],
      ['岁', 1],
    ],
  ],
  [
    'days',
    '天',
    [
      ['天', 1],
      ['日', 1],
    ],
  ],
  [
    'percent',
    '%',
    [
      ['%', 1],
      ['个百分点', 1],
      ['百分点', 1],
    ],
  ],
  ['percent', '‰', [['‰', 1]]],
  [
    'concentration',
    '微克/立方米',
    [
      ['微克/立方米', 1],
      ['μg/m3', 1],
      ['μg/m³', 1],
    ],
  ],
  ['ratio', '倍', [['倍', 1]]],
];

/** Counted things: each is its own base (3 家 and 3 个 do not convert), all of dimension `count`. */
const COUNT_WORDS = [
  '个',
  '件',
  '家',
  '所',
  '张',
  '项',
  '条',
  '栋',
  '座',
  '台',
  '套',
  '户',
  '次',
  '辆',
  '列',
  '处',
  '批',
];

const UNITS = new Map<string, UnitInfo>();
for (const [dimension, base, members] of SCALED) {
  for (const [unit, scale] of members) UNITS.set(unit, { dimension, base, scale });
}
for (const word of COUNT_WORDS) {
  UNITS.set(word, { dimension: 'count', base: word, scale: 1 });
  UNITS.set(`万${word}`, { dimension: 'count', base: word, scale: 1e4 });
}

/** Unit text as written, normalised (NFKC, no spaces, ％ → %). */
export function normalizeUnit(unit: string): string {
  return unit.normalize('NFKC').replace(/\s+/g, '');
}

/** What a unit is; a compound unit (万元/人) is known by its numerator when the whole is not listed. */
export function unitInfo(unit: string | null | undefined): UnitInfo | null {
  if (!unit) return null;
  const u = normalizeUnit(unit);
  const whole = UNITS.get(u);
  if (whole) return whole;
  const slash = u.indexOf('/');
  if (slash > 0) {
    const numerator = UNITS.get(u.slice(0, slash));
    // A ratio unit keeps the numerator's dimension but is its own base: 万元/人 does not convert to 元.
    if (numerator) return { dimension: numerator.dimension, base: u, scale: 1 };
  }
  return null;
}

/** False only when both units are known and measure different things (亿元 vs %). */
export function unitsCompatible(a: string | null | undefined, b: string | null | undefined): boolean {
  const ia = unitInfo(a);
  const ib = unitInfo(b);
  if (!ia || !ib) return true;
  return ia.dimension === ib.dimension;
}

/** `value` in unit `from` expressed in unit `to`, or null when they do not convert (亿元 → 亿美元). */
export function convertUnit(
  value: number,
  from: string | null | undefined,
  to: string | null | undefined,
): number | null {
  if ((from ?? '') === (to ?? '')) return value;
  const a = unitInfo(from);
  const b = unitInfo(to);
  if (!a || !b || a.base !== b.base) {
    return a && b && normalizeUnit(from ?? '') === normalizeUnit(to ?? '') ? value : null;
  }
  return (value * a.scale) / b.scale;
}
