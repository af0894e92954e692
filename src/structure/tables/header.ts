// Reads a table header (one line, several lines, or a two-level header flattened into one) into column roles.
import type { ColumnRole, ValueRole } from './types.js';
import { HEADER_FILLER, HEADER_TOKENS, type HeaderTokenKind } from './vocabulary.js';

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

/** Header labels of a header's text, left to right; whitespace and pipes are ignored. */
export function scanHeader(text: string, maxUnknown = Infinity): HeaderScan {
  const compact = text.replace(/[\s|]+/g, '');
  const tokens: HeaderToken[] = [];
  let unknown = 0;
  let at = 0;
  outer: while (at < compact.length) {
    for (const { kind, pattern } of HEADER_TOKENS) {
      pattern.lastIndex = at;
      const match = pattern.exec(compact);
      if (match && match[0].length > 0) {
        const year = match.slice(1).find((g) => g !== undefined);
        tokens.push({ kind, text: match[0], year: year ? Number(year) : null });
        at += match[0].length;
        continue outer;
      }
    }
    HEADER_FILLER.lastIndex = at;
    const filler = HEADER_FILLER.exec(compact);
    if (filler && filler[0].length > 0) {
      at += filler[0].length;
      continue;
    }
    unknown += 1;
    if (unknown > maxUnknown) break;
    at += 1;
  }
  return { tokens, unknown };
}

/** Characters every strong header line contains one of: a cheap test before the full scan. */
const HEADER_HINT =
  /序\s*号|编号|指\s*标|名\s*称|项目|基\s*[数期准]|现状|目\s*标|预期|年\s*均|累计|增长率|增速|属\s*性|性质/;

/** Sentence punctuation: never in a header. */
const SENTENCE = /[，。；！？]/;

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
  if (text.length > 90 || SENTENCE.test(text) || (!fragment && !HEADER_HINT.test(text))) return false;
  const compact = text.replace(/[\s|]+/g, '');
  if (compact === '' || compact.length > 60) return false;
  const { tokens, unknown } = scanHeader(compact, 1);
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
