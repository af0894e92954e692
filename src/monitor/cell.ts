// Minimal reading of raw table cells and amounts for the monitor.
// TEMPORARY ADAPTER: to be replaced by src/quantity's parseCell once it exists (the lead wires it).
import { convertUnit } from '../catalog/units.js';

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

const EMPTY = /^(?:|—+|-+|–|―|\/|无|null)$/;
const DELEGATED = /下达|分解|按.*(?:目标|要求)|控制在.*目标/;

/** Reads a raw table cell (`>10`, `[2.9]`, `70以上`, `按市下达目标`, `五年下降18%`, `—`). */
export function readCell(raw: string | null | undefined): MonitorCell {
  const text = (raw ?? '').normalize('NFKC').replace(/\s+/g, '');
  if (EMPTY.test(text)) return { type: 'empty', raw: raw ?? '' };
  if (DELEGATED.test(text)) return { type: 'delegated', raw: text };

  let s = text.replace(/[〔【]/g, '[').replace(/[〕】]/g, ']');
  let cumulative = false;
  let reduction = false;
  const bracket = /^\[(.*)\]$/.exec(s);
  if (bracket) {
    cumulative = true;
    s = bracket[1]!;
  }
  const fall = /^(?:五年|累计)?(?:下降|降低)(.+)$/.exec(s);
  if (fall) {
    cumulative = true;
    reduction = true;
    s = fall[1]!;
  }

  let bound: CellBound = null;
  let strict = false;
  const lead = /^(>=|<=|≥|≤|>|<|不低于|不高于|不超过|超过|高于|低于|控制在|达到|保持|约)/.exec(s);
  if (lead) {
    const word = lead[1]!;
    s = s.slice(word.length);
    if (['>=', '≥', '不低于', '>', '超过', '高于'].includes(word)) bound = 'floor';
    if (['<=', '≤', '不高于', '不超过', '<', '低于', '控制在'].includes(word)) bound = 'ceiling';
    if (word === '约') bound = 'about';
    strict = ['>', '<', '超过', '高于', '低于'].includes(word);
  }
  const tail = /(以上|以内|以下|左右)$/.exec(s);
  if (tail) {
    s = s.slice(0, -tail[1]!.length);
    bound = tail[1] === '以上' ? 'floor' : tail[1] === '左右' ? 'about' : 'ceiling';
  }
  const m = /^([+-]?\d+(?:\.\d+)?)(%|万亿元|亿元|万元|亿|万|元|个百分点)?$/.exec(s);
  if (!m) return { type: 'text', raw: text };
  let unit = m[2] ?? null;
  if (unit === '亿' || unit === '万') unit = `${unit}元`;
  return { type: 'number', raw: text, value: Number(m[1]), bound, strict, cumulative, reduction, unit };
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
  const text = (raw ?? '').normalize('NFKC').replace(/\s+/g, '');
  const m = /([+-]?\d+(?:\.\d+)?)(万亿元|亿元|万元|元)/.exec(text);
  if (!m) return null;
  const unit = m[2] === '万亿元' ? null : m[2]!;
  const value = unit ? convertUnit(Number(m[1]), unit, '亿元') : Number(m[1]) * 1e4;
  if (value === null) return null;
  const scaleDigits = unit === '万元' ? 4 : unit === '元' ? 8 : 0;
  return { value, decimals: decimalsOf(m[1]!) + scaleDigits };
}
