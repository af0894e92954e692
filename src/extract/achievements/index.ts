// Reported values (achievements): past quantities with their year or period and metric (level, growth, share, count).
import type { Layout } from '../../layout/index.js';
import { fiveYearPlanStart, negateWritten, planName, planOrdinalOfYear } from '../../quantity/index.js';
import type { Achievement, AchievementMetric, DocType, DocumentMetadata } from '../model.js';
import type { Span } from '../sentences.js';
import { describeStatements, reviewYear, type Statement } from '../statements/index.js';
import { metricOf } from './metric.js';
import { reviewScope, type ReviewScope } from './scope.js';

export { metricOf } from './metric.js';
export { reviewScope, type ReviewScope } from './scope.js';

export interface ReviewContext {
  docType: DocType;
  /** The year a bulletin reports on (its own) or a work report looks back on (the year before); null for a plan. */
  reportedYear: number | null;
  /** The last year of the reviewed period: the year before a plan's period or a report's year. */
  reviewYear: number | null;
  /** The name of the reviewed period: 十三五 for a 十四五 plan, `2017-2021` for a government term. */
  reviewPeriod: string | null;
  /** Paragraph openers that put a paragraph in the reviewed period (“十三五”期间, 五年来). */
  periodOpener: RegExp | null;
}

/** A stated year; global, so it is read with `exec` from `lastIndex` (no per-call copy as `matchAll` makes). */
const YEAR = /((?:19|20)\d{2})\s*年/g;
/** Words that mark a figure as a sum or an average over the reviewed period. */
const CUMULATIVE = /累计|年均|期间|五年来|共计|先后|总计/;
/** The opening value of `由X增长至Y`. */
const FROM_VALUE = /由\s*$/;
/** The opening value of `由“十三五”初的X增长至Y`: the start of the reviewed period. */
const FROM_PERIOD_START = /由\s*[“"]?(十[一二三四五六七八九]五)[”"]?\s*初期?的?\s*$/;

/** Verbs of things done over a period (建成9个, 新增绿化面积110万平方米): a flow, summed over the period. */
const FLOW_VERBS =
  /新增|新建|改建|扩建|改造|建成|完成|实施|引进|培育|培训|安置|发放|拆除|认定|转移|打造|投入|帮扶|援建|办成|整治|取缔|获批|落户|累计|共/;
/** Words right before a value that make it a stock at the period's end (达到31家, 增至6家). */
const STOCK_BEFORE = /(?:达到|达|拥有|有|总数|总量|增至|增加到|提高到|提升至|突破|超过|保持)\s*$/;

/** True when a value of a period review is a flow over the period rather than a level at its end. */
function isFlow(before: string, metric: AchievementMetric): boolean {
  if (metric === 'growth') return true;
  if (metric === 'share' || STOCK_BEFORE.test(before)) return false;
  return metric === 'count' || FLOW_VERBS.test(before);
}

/** The last year stated in `[span.start, before)` that is not a comparison base (较2015年, 是2015年的). */
function statedYear(layout: Layout, span: Span, before: number): number | null {
  let year: number | null = null;
  const text = layout.text.slice(span.start, before);
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(text); m !== null; m = YEAR.exec(text)) {
    const lead = layout.text.slice(Math.max(0, span.start + m.index - 3), span.start + m.index);
    if (/[较比是为与同]\s*$/.test(lead) || /^\s*(?:的|相比|基础)/.test(text.slice(m.index + m[0].length)))
      continue;
    year = Number(m[1]);
  }
  return year;
}

/** The year a statement's own words give it: its clause, its sentence, or an earlier sentence of its paragraph. */
function ownYear(layout: Layout, statement: Statement): number | null {
  const { mention, clause, sentence, sentences, sentenceIndex } = statement;
  const said = statedYear(layout, clause, mention.start) ?? statedYear(layout, sentence, mention.start);
  if (said !== null) return said;
  // A year carries over the `；`-separated parts of one sentence (2020年，A达到…；B完成…), not past a `。`.
  for (let i = sentenceIndex - 1; i >= 0; i--) {
    const earlier = sentences[i]!;
    if (!/[；;]\s*$/.test(layout.text.slice(earlier.start, earlier.end))) break;
    const year = statedYear(layout, earlier, earlier.end);
    if (year !== null) return year;
  }
  return null;
}

interface YearAndPeriod {
  year: number | null;
  period: string | null;
}

/** Year and period of a reported value, by the kind of document (see CONVENTIONS-2026 and EXTRACTION.md). */
function whenReported(
  layout: Layout,
  statement: Statement,
  metric: AchievementMetric,
  scope: ReviewScope,
  context: ReviewContext,
): YearAndPeriod {
  const { mention, clause } = statement;
  const before = layout.text.slice(clause.start, mention.start);
  const fromStart = FROM_PERIOD_START.exec(before);
  if (fromStart) return { year: null, period: `${fromStart[1]}初` };
  if (FROM_VALUE.test(before.slice(-4)))
    return { year: statedYear(layout, clause, mention.start), period: null };
  const own = ownYear(layout, statement);
  // A bulletin reports its own year; it has no reviewed period.
  if (context.docType === 'bulletin') return { year: own ?? context.reportedYear, period: null };
  const report = context.docType === 'work_report';
  // A work report's one-year review sums over that year, not over the term.
  const cumulative = CUMULATIVE.test(before) && scope !== 'year';
  // A review of the whole period reports flows over it (things done, growth); a stock is its last year's level.
  const overPeriod = cumulative || (scope === 'period' && isFlow(before, metric));
  if (overPeriod)
    return { year: report ? (own ?? context.reviewYear) : context.reviewYear, period: context.reviewPeriod };
  if (own !== null) return { year: own, period: null };
  // A plan's review states its years, or opens its paragraph with the reviewed period (“十三五”期间，…).
  return { year: report || scope === 'period' ? context.reviewYear : null, period: null };
}

export function extractAchievements(
  layout: Layout,
  statements: readonly Statement[],
  context: ReviewContext,
): Achievement[] {
  const scopeOf = reviewScope(layout, context.docType, context.periodOpener);
  return describeStatements(layout, statements, 'achievement').map(({ statement, indicator, evidence }) => {
    const { mention, clause } = statement;
    const before = layout.text.slice(clause.start, mention.start);
    const metric = metricOf(mention.unit, before);
    const when = whenReported(layout, statement, metric, scopeOf(statement), context);
    const decline = /下降|降低|减少/.test(before.slice(-6)) && metric === 'growth';
    return {
      indicator,
      value: decline && !mention.value.startsWith('-') ? negateWritten(mention.value) : mention.value,
      unit: mention.unit,
      year: when.year,
      period: when.period,
      metric,
      evidence,
    };
  });
}

/** What a document looks back on: the years and the name of the period it reviews, and the year it reports. */
export function reviewContext(metadata: DocumentMetadata): ReviewContext {
  const start = /^(\d{4})/.exec(metadata.period ?? '');
  const first = start ? Number(start[1]) : null;
  const review = reviewYear(metadata);
  const docType = metadata.doc_type;
  if (docType === 'bulletin')
    return { docType, reportedYear: first, reviewYear: first, reviewPeriod: null, periodOpener: null };
  // The plan before this one is the past: a 十五五 document reads “十四五”时期 as its review.
  const reviewed = review === null ? null : planOrdinalOfYear(review);
  const reviewedName = reviewed === null ? null : planName(reviewed);
  const periodOpener = reviewedName === null ? null : new RegExp(`${reviewedName}[”"’]?(?:期间|时期|以来)`);
  if (docType === 'plan')
    return { docType, reportedYear: null, reviewYear: review, reviewPeriod: reviewedName, periodOpener };
  // A report in the year after a plan ends reviews that plan; otherwise the five years of the government's term.
  const planEnds = reviewed !== null && fiveYearPlanStart(reviewed)! + 4 === review;
  const reviewPeriod = review === null ? null : planEnds ? reviewedName : `${review - 4}-${review}`;
  return { docType, reportedYear: review, reviewYear: review, reviewPeriod, periodOpener };
}
