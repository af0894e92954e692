// Exact decimal numbers kept as canonical strings ("1.57" stays "1.57"), with the small exact arithmetic the
// quantity grammar needs (十亿3000万 → 10.3, 四分之一 → 0.25); floats appear only through `toNumber`.

import { LantuError } from '../diagnostics.js';

/** A canonical exact decimal: optional `-`, no leading zeros, no trailing fractional zeros (`-2.9`, `1100`, `0.25`). */
export type Decimal = string;

/** value = int / 10^scale */
interface Scaled {
  int: bigint;
  scale: number;
}

const CANONICAL = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;

/** True when `text` is already a canonical Decimal. */
export function isDecimal(text: string): text is Decimal {
  return CANONICAL.test(text) && text !== '-0';
}

/** Reads a written number (ASCII or full-width digits, `,`/`，` thousands separators, `.`/`．`) into a Decimal. */
export function decimal(written: string | number | bigint): Decimal {
  if (typeof written === 'bigint') return written.toString();
  if (typeof written === 'number') {
    if (!Number.isFinite(written)) throw badDecimal(String(written));
    return fromScaled(parseScaled(String(written)) ?? badScaled(String(written)));
  }
  const folded = foldNumberText(written);
  const scaled = parseScaled(folded);
  if (!scaled) throw badDecimal(written);
  return fromScaled(scaled);
}

function badScaled(text: string): never {
  throw badDecimal(text);
}

function badDecimal(text: string): LantuError {
  return new LantuError({
    code: 'quantity/bad-decimal',
    message: `not a decimal number: "${text}"`,
    expected: 'digits with an optional sign and decimal point',
  });
}

/** Full-width digits, signs and points to ASCII; thousands separators and spaces dropped. */
function foldNumberText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xfee0);
    else if (ch === '．') out += '.';
    else if (ch === '－' || ch === '−') out += '-';
    else if (ch === '＋') out += '+';
    else if (ch === ',' || ch === '，' || ch === ' ') continue;
    else out += ch;
  }
  return out;
}

function parseScaled(text: string): Scaled | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const fraction = m[3] ?? '';
  let int = BigInt((m[2] || '0') + fraction);
  let scale = fraction.length;
  const exponent = m[4] ? Number(m[4]) : 0;
  if (exponent > 0) {
    const shift = Math.min(exponent, scale);
    scale -= shift;
    int *= 10n ** BigInt(exponent - shift);
  } else scale -= exponent;
  if (m[1] === '-') int = -int;
  return { int, scale };
}

function toScaled(d: Decimal): Scaled {
  const scaled = parseScaled(d);
  if (!scaled) throw badDecimal(d);
  return scaled;
}

function fromScaled({ int, scale }: Scaled): Decimal {
  while (scale > 0 && int % 10n === 0n) {
    int /= 10n;
    scale -= 1;
  }
  if (scale < 0) {
    int *= 10n ** BigInt(-scale);
    scale = 0;
  }
  const negative = int < 0n;
  let digits = (negative ? -int : int).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return negative && int !== 0n ? `-${digits}` : digits;
}

function align(a: Scaled, b: Scaled): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.int * 10n ** BigInt(scale - a.scale), b.int * 10n ** BigInt(scale - b.scale), scale];
}

/** a + b, exactly. */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(toScaled(a), toScaled(b));
  return fromScaled({ int: x + y, scale });
}

/** a − b, exactly. */
export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(toScaled(a), toScaled(b));
  return fromScaled({ int: x - y, scale });
}

/** a × b, exactly. */
export function multiplyDecimal(a: Decimal, b: Decimal): Decimal {
  const x = toScaled(a);
  const y = toScaled(b);
  return fromScaled({ int: x.int * y.int, scale: x.scale + y.scale });
}

/** a × 10^power, exactly (power may be negative). */
export function shiftDecimal(a: Decimal, power: number): Decimal {
  if (power === 0) return a;
  const x = toScaled(a);
  return fromScaled({ int: x.int, scale: x.scale - power });
}

/** −a. */
export function negateDecimal(a: Decimal): Decimal {
  const x = toScaled(a);
  return fromScaled({ int: -x.int, scale: x.scale });
}

/** a ÷ b: exact when the quotient terminates within `maxScale` places, else rounded half-up to `maxScale` places. */
export function divideDecimal(a: Decimal, b: Decimal, maxScale = 10): { value: Decimal; exact: boolean } {
  const x = toScaled(a);
  const y = toScaled(b);
  if (y.int === 0n)
    throw new LantuError({ code: 'quantity/divide-by-zero', message: `cannot divide ${a} by zero` });
  // x.int/10^xs ÷ y.int/10^ys = (x.int × 10^(ys + maxScale + 1)) / (y.int × 10^xs) / 10^(maxScale + 1)
  const numerator = x.int * 10n ** BigInt(y.scale + maxScale + 1);
  const denominator = y.int * 10n ** BigInt(x.scale);
  const quotient = numerator / denominator;
  const exact = numerator % denominator === 0n && quotient % 10n === 0n;
  const rounded = (quotient + (quotient >= 0n ? 5n : -5n)) / 10n;
  return { value: fromScaled({ int: rounded, scale: maxScale }), exact };
}

/** −1, 0 or 1 as a is below, equal to or above b. */
export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const [x, y] = align(toScaled(a), toScaled(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Exact decimal text as written: `0.10` stays `0.10` (the scale a statistician printed is kept), full-width digits
 * and separators folded. Null unless `written` is plain digits with an optional sign and point.
 */
export type DecimalText = string;

export function writtenDecimal(written: string): DecimalText | null {
  const folded = foldNumberText(written).replace(/^\+/, '');
  if (!/^-?\d+(?:\.\d+)?$/.test(folded)) return null;
  const unsigned = folded.replace(/^-/, '').replace(/^0+(?=\d)/, '');
  const negative = folded.startsWith('-') && /[1-9]/.test(unsigned);
  return negative ? `-${unsigned}` : unsigned;
}

/** −a for exact decimal text, keeping its written scale (`0.10` → `-0.10`); zero stays zero. */
export function negateWritten(a: DecimalText): DecimalText {
  if (a.startsWith('-')) return a.slice(1);
  return /[1-9]/.test(a) ? `-${a}` : a;
}

/** The nearest float, for scoring and computation only; never store it. */
export function toNumber(a: Decimal): number {
  return Number(a);
}

/** Number of digits after the decimal point of a canonical Decimal. */
export function decimalScale(a: Decimal): number {
  const dot = a.indexOf('.');
  return dot === -1 ? 0 : a.length - dot - 1;
}
