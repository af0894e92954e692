// How a target is printed in Chinese (comparator in Chinese order, a growth rate in %); no imports, so the web
// app uses the same wording as the server.

/** A figure as a report prints it: at most `digits` decimals, no trailing zeros (12.50 → 12.5). */
export function figureText(x: number, digits = 2): string {
  return String(Number(x.toFixed(digits)));
}

/** A ratio as a percentage with one decimal (1.0523 → 105.2%). */
export function percentText(ratio: number): string {
  return `${String(Number((ratio * 100).toFixed(1)))}%`;
}

const fmt = (x: number): string => figureText(x, 4);

/** Words that stand before the number when printed (超过65%), the others after it (65%以上). */
const LEADING_WORDS = new Set(['超过', '不低于', '不超过', '控制在', '下降', '突破', '达到', '低于', '高于']);

/**
 * The target as a planning office prints it, comparator in Chinese order: 65%以上, 超过65%, 4.5%以内,
 * 年均增长9.8%左右, 累计2.9万人, 累计下降13.5%; a growth rate never carries the level's unit.
 */
export function targetText(
  target: {
    value: number | null;
    raw: string;
    comparator?: string | null;
    bound?: 'ceiling' | 'floor';
    strict?: boolean;
  },
  kind: string,
  unit: string | null,
  reduction = false,
): string {
  if (target.value === null) return target.raw;
  const v = fmt(target.value);
  let word = target.comparator ?? null;
  if (kind === 'bound' || target.bound) {
    const side = target.bound ?? (word === '以内' || word === '下降' ? 'ceiling' : 'floor');
    word = side === 'ceiling' ? (target.strict ? '低于' : '以内') : target.strict ? '超过' : '以上';
  }
  const u = kind === 'growth' || reduction ? '%' : (unit ?? '');
  const withWord = (body: string): string =>
    !word || word === '达到'
      ? body
      : word === '下降'
        ? `下降${body}`
        : LEADING_WORDS.has(word)
          ? `${word}${body}`
          : `${body}${word}`;
  if (kind === 'growth') return `年均增长${withWord(`${v}%`)}`.replace('年均增长下降', '年均下降');
  if (kind === 'cumulative') {
    return reduction || word === '下降' ? `累计下降${v}%` : `累计${withWord(`${v}${u}`)}`;
  }
  return withWord(`${v}${u}`);
}

/** The target kinds in the words of an evaluation report. */
export const KIND_TEXT: Readonly<Record<string, string>> = {
  level: '期末目标',
  growth: '年均增速',
  cumulative: '累计目标',
  bound: '约束底线',
  qualitative: '定性目标',
};

/** How a status was computed, in the words of an evaluation report. */
export const METHOD_TEXT: Readonly<Record<string, string>> = {
  compound: '复合增长序时进度',
  linear: '线性序时进度',
  'growth-from-rates': '逐年增速几何平均',
  'growth-from-levels': '由水平值计算年均增速',
  'cumulative-sum': '逐年累计',
  'cumulative-reduction': '逐年降幅累计',
  bound: '逐年达标判断',
  'linked-growth': '与关联指标增速比较',
  manual: '人工评估',
};
