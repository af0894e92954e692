// Reported values (achievements): past quantities with their year or period and metric (level, growth, share, count).
import type { Layout } from '../../layout/types.js';
import type { AchievementOut } from '../model.js';
import type { Span } from '../sentences.js';
import { describeStatements, type Statement } from '../targets/index.js';
import { metricOf } from './metric.js';

export { metricOf } from './metric.js';

export interface ReviewContext {
  /** The year a plan's review ends on (the year before its period) or a report's reviewed year. */
  reviewYear: number | null;
  /** The name of the reviewed period: 十三五 for a 十四五 plan, `2017-2021` for a government term. */
  reviewPeriod: string | null;
}

/** A stated year; global, so it is read with `exec` from `lastIndex` (no per-call copy as `matchAll` makes). */
const YEAR = /((?:19|20)\d{2})\s*年/g;
/** Words that mark a figure as a sum or an average over the reviewed period. */
const CUMULATIVE = /累计|年均|期间|五年来|共计|先后|总计/;
/** The opening value of `由X增长至Y`. */
const FROM_VALUE = /由\s*$/;

function statedYear(layout: Layout, span: Span, before: number): number | null {
  let year: number | null = null;
  const text = layout.text.slice(span.start, before);
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(text); m !== null; m = YEAR.exec(text)) {
    const lead = layout.text.slice(Math.max(0, span.start + m.index - 3), span.start + m.index);
    if (/[较比是为]\s*$/.test(lead)) continue;
    year = Number(m[1]);
  }
  return year;
}

export function extractAchievements(
  layout: Layout,
  statements: readonly Statement[],
  context: ReviewContext,
): AchievementOut[] {
  return describeStatements(layout, statements, 'achievement').map(
    ({ statement, indicator, line, quote }) => {
      const { mention, clause, sentence } = statement;
      const before = layout.text.slice(clause.start, mention.start);
      const sentenceBefore = layout.text.slice(sentence.start, mention.start);
      const metric = metricOf(mention.unit, before);
      const cumulative = CUMULATIVE.test(sentenceBefore) || metric === 'growth';
      const fromValue = FROM_VALUE.test(before.slice(-4));
      const year = fromValue
        ? null
        : (statedYear(layout, clause, mention.start) ??
          statedYear(layout, sentence, mention.start) ??
          context.reviewYear);
      const decline = /下降|降低|减少/.test(before.slice(-6)) && metric === 'growth';
      return {
        indicator,
        value: decline ? -Math.abs(mention.value) : mention.value,
        unit: mention.unit,
        year,
        period: cumulative && !fromValue ? context.reviewPeriod : null,
        metric,
        quote,
        line,
      };
    },
  );
}
