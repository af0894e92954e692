// Comparator words as data: what each bound or change word around a number means, normalised to the vocabulary of
// EXTRACTION.md (达到 超过 以上 不低于 以内 控制在 下降 左右 突破 保持 力争, else `其他(原词)`).

import { skipSpaces, skipSpacesBack } from './chars.js';

/** The normalised comparator vocabulary of the exchange format. */
export const COMPARATOR_VOCABULARY = [
  '达到',
  '超过',
  '以上',
  '不低于',
  '以内',
  '控制在',
  '下降',
  '左右',
  '突破',
  '保持',
  '力争',
] as const;

export type ComparatorVocabulary = (typeof COMPARATOR_VOCABULARY)[number];
/** A vocabulary word, or `其他(原词)` for a word outside it. */
export type ComparatorLabel = ComparatorVocabulary | `其他(${string})`;

/** lower: the value is a floor (以上, >); upper: a ceiling (以内, <); approx: about (左右, 约); exact: a level to reach. */
export type BoundDirection = 'lower' | 'upper' | 'approx' | 'exact';

export interface ComparatorWord {
  text: string;
  start: number;
  end: number;
  position: 'before' | 'after';
}

export interface Comparator {
  label: ComparatorLabel;
  direction: BoundDirection;
  /** 下降/降低 (down) or 增长/提高 (up): the value is a change, not a level. */
  change?: 'up' | 'down';
  /** 力争 / 争取 governs the value. */
  aspirational: boolean;
  /** The words found around the number, in text order. */
  words: ComparatorWord[];
}

interface ComparatorDef {
  /** Normalised label; null for words that only add a change direction or aspiration (增长, 力争 with a bound). */
  label: ComparatorLabel | null;
  direction: BoundDirection;
  change?: 'up' | 'down';
  aspirational?: boolean;
  /** Where the word stands relative to the number. */
  position: 'before' | 'after' | 'both';
}

const before = (
  label: ComparatorLabel | null,
  direction: BoundDirection,
  extra: Partial<ComparatorDef> = {},
): ComparatorDef => ({
  label,
  direction,
  position: 'before',
  ...extra,
});
const after = (
  label: ComparatorLabel | null,
  direction: BoundDirection,
  extra: Partial<ComparatorDef> = {},
): ComparatorDef => ({
  label,
  direction,
  position: 'after',
  ...extra,
});

/** Every comparator word (and sign) the grammar recognises next to a number. */
export const COMPARATOR_WORDS: Readonly<Record<string, ComparatorDef>> = {
  // signs (ASCII, full-width, math)
  '>': before('超过', 'lower'),
  '＞': before('超过', 'lower'),
  '≥': before('不低于', 'lower'),
  '⩾': before('不低于', 'lower'),
  '>=': before('不低于', 'lower'),
  '＞＝': before('不低于', 'lower'),
  '<': before('以内', 'upper'),
  '＜': before('以内', 'upper'),
  '≤': before('以内', 'upper'),
  '⩽': before('以内', 'upper'),
  '<=': before('以内', 'upper'),
  '＜＝': before('以内', 'upper'),
  '≈': before('左右', 'approx'),
  // lower bounds
  超过: before('超过', 'lower'),
  超: before('超过', 'lower'),
  高于: before('超过', 'lower'),
  大于: before('超过', 'lower'),
  多于: before('超过', 'lower'),
  不低于: before('不低于', 'lower'),
  不少于: before('不低于', 'lower'),
  不小于: before('不低于', 'lower'),
  至少: before('不低于', 'lower'),
  突破: before('突破', 'lower'),
  以上: after('以上', 'lower'),
  及以上: after('以上', 'lower'),
  之上: after('以上', 'lower'),
  // upper bounds
  不超过: before('以内', 'upper'),
  不高于: before('以内', 'upper'),
  不大于: before('以内', 'upper'),
  低于: before('以内', 'upper'),
  小于: before('以内', 'upper'),
  控制在: before('控制在', 'upper'),
  控制到: before('控制在', 'upper'),
  以内: after('以内', 'upper'),
  之内: after('以内', 'upper'),
  以下: after('以内', 'upper'),
  及以下: after('以内', 'upper'),
  // approximations
  左右: after('左右', 'approx'),
  约: before('左右', 'approx'),
  约为: before('左右', 'approx'),
  大约: before('左右', 'approx'),
  近: before('其他(近)', 'approx'),
  接近: before('其他(接近)', 'approx'),
  将近: before('其他(将近)', 'approx'),
  // levels to reach
  达到: before('达到', 'exact'),
  达: before('达到', 'exact'),
  保持: before('保持', 'exact'),
  保持在: before('保持', 'exact'),
  稳定在: before('保持', 'exact'),
  维持在: before('保持', 'exact'),
  提高到: before('其他(提高到)', 'exact'),
  提高至: before('其他(提高至)', 'exact'),
  提升到: before('其他(提升到)', 'exact'),
  提升至: before('其他(提升至)', 'exact'),
  增加到: before('其他(增加到)', 'exact'),
  增加至: before('其他(增加至)', 'exact'),
  增长到: before('其他(增长到)', 'exact'),
  增长至: before('其他(增长至)', 'exact'),
  增至: before('其他(增至)', 'exact'),
  降至: before('其他(降至)', 'exact'),
  降到: before('其他(降到)', 'exact'),
  下降到: before('其他(下降到)', 'exact'),
  下降至: before('其他(下降至)', 'exact'),
  降低到: before('其他(降低到)', 'exact'),
  降低至: before('其他(降低至)', 'exact'),
  缩小到: before('其他(缩小到)', 'exact'),
  缩小至: before('其他(缩小至)', 'exact'),
  扩大到: before('其他(扩大到)', 'exact'),
  扩大至: before('其他(扩大至)', 'exact'),
  // changes: they say what the value measures, the bound comes from elsewhere (增长 7% → 达到)
  下降: before('下降', 'exact', { change: 'down' }),
  降低: before('下降', 'exact', { change: 'down' }),
  减少: before('下降', 'exact', { change: 'down' }),
  削减: before('下降', 'exact', { change: 'down' }),
  增长: before(null, 'exact', { change: 'up' }),
  提高: before(null, 'exact', { change: 'up' }),
  提升: before(null, 'exact', { change: 'up' }),
  增加: before(null, 'exact', { change: 'up' }),
  // aspiration
  力争: before('力争', 'exact', { aspirational: true }),
  争取: before('力争', 'exact', { aspirational: true }),
  力争达到: before('达到', 'exact', { aspirational: true }),
};

/** Words ending in a one-character comparator that are not comparators (附近 is not 近, 节约 is not 约). */
const NOT_COMPARATORS = new Set([
  '附近',
  '最近',
  '就近',
  '邻近',
  '靠近',
  '临近',
  '贴近',
  '亲近',
  '赶超',
  '到达',
  '送达',
  '下达',
  '抵达',
  '表达',
  '发达',
  '通达',
  '直达',
  '传达',
  '签约',
  '节约',
  '集约',
  '制约',
  '履约',
  '合约',
  '特约',
  '公约',
  '预约',
  '相约',
  '契约',
]);

/** Words of each position, longest first, indexed by the char code of the character next to the number. */
const BEFORE_BY_LAST = new Map<number, string[]>();
const AFTER_BY_FIRST = new Map<number, string[]>();
for (const [word, def] of Object.entries(COMPARATOR_WORDS)) {
  if (def.position !== 'after') push(BEFORE_BY_LAST, word.charCodeAt(word.length - 1), word);
  if (def.position !== 'before') push(AFTER_BY_FIRST, word.charCodeAt(0), word);
}
for (const list of [...BEFORE_BY_LAST.values(), ...AFTER_BY_FIRST.values()])
  list.sort((a, b) => b.length - a.length);

function push(map: Map<number, string[]>, key: number, word: string): void {
  const list = map.get(key);
  if (list) list.push(word);
  else map.set(key, [word]);
}

/** Comparator words ending right before `pos` (spaces allowed between them), nearest last; at most `max` words. */
export function comparatorWordsBefore(text: string, pos: number, max = 3): ComparatorWord[] {
  const found: ComparatorWord[] = [];
  let end = skipSpacesBack(text, pos);
  while (found.length < max && end > 0) {
    const candidates = BEFORE_BY_LAST.get(text.charCodeAt(end - 1));
    if (!candidates) break;
    const word = candidates.find((w) => text.startsWith(w, end - w.length));
    if (!word) break;
    if (word.length === 1 && NOT_COMPARATORS.has(text.slice(end - 2, end))) break;
    found.unshift({ text: word, start: end - word.length, end, position: 'before' });
    end = skipSpacesBack(text, end - word.length);
  }
  return found;
}

/** Comparator words starting right after `pos` (以上, 以内, 左右, 及以下…), at most `max` words. */
export function comparatorWordsAfter(text: string, pos: number, max = 2): ComparatorWord[] {
  const found: ComparatorWord[] = [];
  let start = skipSpaces(text, pos);
  while (found.length < max && start < text.length) {
    const candidates = AFTER_BY_FIRST.get(text.charCodeAt(start));
    if (!candidates) break;
    const word = candidates.find((w) => text.startsWith(w, start));
    if (!word) break;
    found.push({ text: word, start, end: start + word.length, position: 'after' });
    start = skipSpaces(text, start + word.length);
  }
  return found;
}

/** True when a comparator word that follows numbers (以上, 左右 …) starts exactly at `pos`. */
export function comparatorWordStartsAt(text: string, pos: number): boolean {
  const candidates = AFTER_BY_FIRST.get(text.charCodeAt(pos));
  return candidates !== undefined && candidates.some((w) => text.startsWith(w, pos));
}

/**
 * Resolves the words around one number into one comparator: a trailing bound word wins (达到97%以上 → 以上), else the
 * word nearest before the number; 力争/争取 alone gives 力争 and always marks the value aspirational.
 */
export function resolveComparator(words: readonly ComparatorWord[]): Comparator | undefined {
  if (words.length === 0) return undefined;
  const defs = words.map((w) => ({ word: w, def: COMPARATOR_WORDS[w.text]! }));
  const trailing = defs.filter((d) => d.word.position === 'after' && d.def.label !== null);
  const leading = defs.filter(
    (d) =>
      d.word.position === 'before' && d.def.label !== null && !(d.def.aspirational && d.def.label === '力争'),
  );
  const winner =
    trailing[trailing.length - 1] ?? leading[leading.length - 1] ?? defs.find((d) => d.def.label === '力争');
  const aspirational = defs.some((d) => d.def.aspirational === true);
  const change = defs.find((d) => d.def.change)?.def.change;
  const approximate = defs.some((d) => d.def.direction === 'approx');
  const comparator: Comparator = {
    label: winner?.def.label ?? (change === 'down' ? '下降' : '达到'),
    direction: winner?.def.direction ?? 'exact',
    aspirational,
    words: [...words],
  };
  if (comparator.direction === 'exact' && approximate) comparator.direction = 'approx';
  if (change) comparator.change = change;
  return comparator;
}

/** Normalises one comparator word or sign to the vocabulary (`不少于` → `不低于`, `以下` → `以内`), or `其他(word)`. */
export function normalizeComparatorWord(word: string): ComparatorLabel {
  const def = COMPARATOR_WORDS[word];
  if (def?.label) return def.label;
  if (def?.change === 'up') return `其他(${word})`;
  return (COMPARATOR_VOCABULARY as readonly string[]).includes(word)
    ? (word as ComparatorVocabulary)
    : `其他(${word})`;
}
