// Reads a table header (one line, several lines, or a two-level header flattened into one) into column roles.
import { hasWhitespace } from '../../text/width.js';
import type { ColumnRole, ValueRole } from './types.js';
import {
  CELL_BORDER,
  CELL_BORDER_MARK,
  HEADER_FILLER,
  HEADER_HINT,
  HEADER_TOKENS,
  SENTENCE_MARKS,
  type HeaderTokenKind,
} from './vocabulary.js';

export interface HeaderToken {
  kind: HeaderTokenKind;
  text: string;
  year: number | null;
}

export interface HeaderScan {
  tokens: HeaderToken[];
  /** Characters that are neither a header label nor filler. */
  unknown: number;
}

/** One alternative of the header scan: a label kind (or filler) and where its capture groups sit in a match. */
interface ScanAlternative {
  kind: HeaderTokenKind | null;
  /** Index of the group that wraps the alternative; its own groups follow it. */
  group: number;
  captures: number;
}

/**
 * The header labels, then the filler, as one sticky alternation in the same order: the first alternative that
 * matches at a position wins, exactly as trying the patterns one by one, but with one regex run per position.
 */
function headerScanner(): { pattern: RegExp; alternatives: ScanAlternative[] } | null {
  const parts = [...HEADER_TOKENS, { kind: null, pattern: HEADER_FILLER }];
  const alternatives: ScanAlternative[] = [];
  let group = 1;
  for (const { kind, pattern } of parts) {
    // Renumbered groups would break a backreference or a named group, and a flag would not carry over:
    // such a pattern is tried on its own, one by one.
    if (/\\[1-9k]|\(\?</.test(pattern.source) || /[^gy]/.test(pattern.flags)) return null;
    const captures = new RegExp(`${pattern.source}|`).exec('')!.length - 1;
    alternatives.push({ kind, group, captures });
    group += 1 + captures;
  }
  const source = parts.map(({ pattern }) => `(${pattern.source})`).join('|');
  return { pattern: new RegExp(source, 'y'), alternatives };
}

const HEADER_SCAN = headerScanner();

/**
 * Text without whitespace and pipes, as headers are read; most lines have neither, and are left as they are. A run
 * of spaces between cells (`指标    属性`) stays a border, so labels of two cells never read as one (`指标属性`).
 */
function withoutSpacesAndPipes(text: string): string {
  if (!hasWhitespace(text) && !text.includes('|')) return text;
  const spaced = text.includes('  ') || text.includes('\u3000');
  return (spaced ? text.replace(CELL_BORDER, CELL_BORDER_MARK) : text).replace(/[\s|]+/g, '');
}

/** Header labels of a header's text, left to right; whitespace and pipes are ignored. */
export function scanHeader(text: string, maxUnknown = Infinity): HeaderScan {
  return scanCompact(withoutSpacesAndPipes(text), maxUnknown);
}

/** `scanHeader` of a text already without whitespace and pipes. */
function scanCompact(compact: string, maxUnknown: number): HeaderScan {
  const tokens: HeaderToken[] = [];
  let unknown = 0;
  let at = 0;
  while (at < compact.length) {
    const step = HEADER_SCAN
      ? scanCombined(HEADER_SCAN, compact, at, tokens)
      : scanOneByOne(compact, at, tokens);
    if (step > 0) {
      at += step;
      continue;
    }
    unknown += 1;
    if (unknown > maxUnknown) break;
    at += 1;
  }
  return { tokens, unknown };
}

/** The label or filler at `at` by one run of the combined pattern: the characters read (a label is added), or 0. */
function scanCombined(
  scanner: NonNullable<typeof HEADER_SCAN>,
  compact: string,
  at: number,
  tokens: HeaderToken[],
): number {
  scanner.pattern.lastIndex = at;
  const match = scanner.pattern.exec(compact);
  if (!match) return 0;
  // An alternative that matches nothing stops the alternation, where the labels would try the next one.
  if (match[0].length === 0) return scanOneByOne(compact, at, tokens);
  const alternative = scanner.alternatives.find((a) => match[a.group] !== undefined)!;
  if (alternative.kind !== null) {
    const groups = match.slice(alternative.group + 1, alternative.group + 1 + alternative.captures);
    const year = groups.find((g) => g !== undefined);
    tokens.push({ kind: alternative.kind, text: match[0], year: year ? Number(year) : null });
  }
  return match[0].length;
}

/** The labels, then the filler, tried one by one at `at`: the characters read (a label is added to `tokens`), or 0. */
function scanOneByOne(compact: string, at: number, tokens: HeaderToken[]): number {
  for (const { kind, pattern } of HEADER_TOKENS) {
    pattern.lastIndex = at;
    const match = pattern.exec(compact);
    if (match && match[0].length > 0) {
      const year = match.slice(1).find((g) => g !== undefined);
      tokens.push({ kind, text: match[0], year: year ? Number(year) : null });
      return match[0].length;
    }
  }
  HEADER_FILLER.lastIndex = at;
  const filler = HEADER_FILLER.exec(compact);
  return filler ? filler[0].length : 0;
}

/** First characters of the HEADER_HINT words, read off the pattern; null when its shape does not allow that. */
function hintStarts(): string | null {
  const source = HEADER_HINT.source;
  // Only a plain list of words splits at `|`: no groups, no `|` inside a class or escaped.
  if (/[()]|\\\||\[[^\]]*\|/.test(source) || HEADER_HINT.flags !== '') return null;
  const words = source.split('|');
  // Each word must open with a plain character that is required (`序?号` could start with 号).
  if (words.some((w) => !/^[^\\[\].^$?*+{}|][^?*{]/.test(w))) return null;
  return words.map((w) => w[0]!).join('');
}

const SENTENCE_MARK = 1;
const HINT_START = 2;
/** Every line is tested, so by one pass over char codes: a sentence mark rules it out, a hint needs its first character. */
const LINE_CLASS = new Uint8Array(0x10000);
for (const mark of SENTENCE_MARKS) LINE_CLASS[mark.charCodeAt(0)]! |= SENTENCE_MARK;
const HINT_STARTS = hintStarts();
for (const start of HINT_STARTS ?? '') LINE_CLASS[start.charCodeAt(0)]! |= HINT_START;

/** False when the line holds sentence punctuation, or (unless `fragment`) no character a header hint starts with. */
function mayBeHeader(text: string, fragment: boolean): boolean {
  let hint = fragment || HINT_STARTS === null;
  for (let i = 0; i < text.length; i++) {
    const kind = LINE_CLASS[text.charCodeAt(i)]!;
    if (kind === 0) continue;
    if (kind & SENTENCE_MARK) return false;
    hint = true;
  }
  return hint;
}

/** Labels strong enough to start a header block. */
const STRONG: ReadonlySet<HeaderTokenKind> = new Set([
  'seq',
  'name',
  'base',
  'target',
  'growth',
  'attribute',
]);

/** A line that is made of header labels (or of filler, when `fragment` allows a split label like `号` or `（%）`). */
export function isHeaderLine(text: string, fragment: boolean): boolean {
  if (text.length > 90 || !mayBeHeader(text, fragment) || (!fragment && !HEADER_HINT.test(text)))
    return false;
  const compact = withoutSpacesAndPipes(text);
  if (compact === '' || compact.length > 60) return false;
  const { tokens, unknown } = scanCompact(compact, 1);
  if (unknown > 1 || (unknown === 1 && compact.length < 6)) return false;
  if (fragment) return true;
  return tokens.some((t) => STRONG.has(t.kind));
}

/** Distinct labels that show a header block really is a table header. */
export function headerStrength(tokens: readonly HeaderToken[]): number {
  const kinds = new Set<HeaderTokenKind>(tokens.map((t) => (t.kind === 'year' ? 'base' : t.kind)));
  const telling: HeaderTokenKind[] = [
    'name',
    'base',
    'target',
    'growth',
    'attribute',
    'plan-group',
    'actual-group',
    'actual',
  ];
  return telling.filter((k) => kinds.has(k)).length;
}

const SINGLE: Partial<Record<HeaderTokenKind, ColumnRole['role']>> = {
  seq: 'seq',
  category: 'category',
  name: 'name',
  unit: 'unit',
  attribute: 'attribute',
};

const VALUE_KINDS: ReadonlySet<HeaderTokenKind> = new Set(['base', 'target', 'actual', 'growth', 'year']);
const isGroup = (t: HeaderToken): boolean => t.kind === 'plan-group' || t.kind === 'actual-group';

/**
 * Column roles from header labels, in the header's order. Sub-labels of a two-level header (`“十三五”规划目标` over
 * `2020年 | 年均增长`) take the place of their spanning label; when a flattened header prints every spanning label
 * before the sub-labels, the sub-labels are shared out over the spanning labels in order.
 */
export function columnRoles(tokens: readonly HeaderToken[]): ColumnRole[] {
  const groupAt = tokens.map((_, i) => tokens.slice(0, i + 1).filter(isGroup).length - 1);
  const groupCount = tokens.filter(isGroup).length;
  const lastGroup = tokens.findLastIndex(isGroup);
  const subs = tokens.filter((t, i) => VALUE_KINDS.has(t.kind) && t.kind !== 'base' && groupAt[i]! >= 0);
  const stacked = groupCount > 1 && tokens.every((t, i) => !subs.includes(t) || i > lastGroup);
  const share = Math.ceil(subs.length / Math.max(groupCount, 1));
  const subsOf = (group: number): HeaderToken[] =>
    stacked
      ? subs.slice(group * share, (group + 1) * share)
      : subs.filter((t) => groupAt[tokens.indexOf(t)] === group);

  const columns: ColumnRole[] = [];
  const seen = new Set<string>();
  const value = (role: ValueRole, token: HeaderToken, prefix: string | null): ColumnRole => ({
    role,
    header: prefix ? `${prefix}：${token.text}` : token.text,
    year: token.year,
  });
  tokens.forEach((token, index) => {
    const single = SINGLE[token.kind];
    if (single) {
      if (!seen.has(single)) columns.push({ role: single, header: token.text, year: null });
      seen.add(single);
    } else if (isGroup(token)) {
      const plan = token.kind === 'plan-group';
      const own = subsOf(groupAt[index]!);
      if (own.length === 0)
        columns.push({ role: plan ? 'target' : 'actual', header: token.text, year: null });
      for (const sub of own) {
        const role: ValueRole =
          sub.kind === 'growth' ? (plan ? 'growth' : 'actual_growth') : plan ? 'target' : 'actual';
        // `2025年目标` under `“十四五”规划` names itself; a bare `2020年` needs its spanning label.
        columns.push(value(role, sub, sub.kind === 'year' ? token.text : null));
      }
    } else if (VALUE_KINDS.has(token.kind) && !subs.includes(token)) {
      if (token.kind === 'year') {
        // A bare year outside any spanning label: the first is the base year, a later one the target year.
        columns.push(value(columns.some((c) => c.role === 'base') ? 'target' : 'base', token, null));
      } else columns.push(value(token.kind as ValueRole, token, null));
    }
  });
  return asBaseWhenEarlier(columns);
}

/** Column roles of a header given one text per column (a grid read by position): each cell names its own column. */
export function cellColumnRoles(cells: readonly string[]): ColumnRole[] {
  const columns = cells.map((cell): ColumnRole => {
    const role = columnRoles(scanHeader(cell).tokens)[0];
    return role ? { ...role, header: cell } : { role: 'other', header: cell, year: null };
  });
  // A bare year before another value column is the base year (`2025年` before `2030年目标`).
  const firstValue = columns.findIndex((c) => c.role === 'base' || c.role === 'target');
  const fixed = columns.map((c, i) =>
    c.role === 'target' && i === firstValue && /^\d{4}年?$/.test(c.header)
      ? { ...c, role: 'base' as const }
      : c,
  );
  return asBaseWhenEarlier(fixed);
}

/** A 十四五 table's `2020年实际值` / `2020年预计` is its base: an actual value dated before the target year. */
function asBaseWhenEarlier(columns: ColumnRole[]): ColumnRole[] {
  if (columns.some((c) => c.role === 'base')) return columns;
  const targetYears = columns.filter((c) => c.role === 'target' && c.year !== null).map((c) => c.year!);
  if (targetYears.length === 0) return columns;
  const first = Math.min(...targetYears);
  const actual = columns.find((c) => c.role === 'actual' && c.year !== null && c.year < first);
  return columns.map((c) => (c === actual ? { ...c, role: 'base' } : c));
}

/** The value roles of a table in row order; the usual base/target/growth when the header names none. */
export function valueRoles(columns: readonly ColumnRole[]): ValueRole[] {
  const roles = columns
    .map((c) => c.role)
    .filter(
      (r): r is ValueRole =>
        r === 'base' || r === 'target' || r === 'growth' || r === 'actual' || r === 'actual_growth',
    );
  return roles.length > 0 ? roles : ['base', 'target', 'growth'];
}
