// What a statement says beside its value: the indicator phrase, the comparator, the target year, aspiration.
import type { Layout } from '../../layout/index.js';
import { fiveYearPlanPeriod } from '../../quantity/index.js';
import type { Evidence } from '../../text/span.js';
import { quoteAround, type Span } from '../sentences.js';
import {
  ACTION_VERB,
  ASPIRATIONAL,
  ASPIRATIONAL_SENTENCE,
  BASE_YEAR_AFTER,
  BASE_YEAR_BEFORE,
  EVERY_YEAR,
  GOAL_SECTION,
  LEADING_COMPARATORS,
  LIST_LOWER_BOUND,
  PLAN_PERIOD,
  TRAILING_COMPARATORS,
} from './cues.js';
import type { Mention, Statement, StatementTense } from './statements.js';

/** Verbs and connectives that stand between an indicator and its value. */
const RELATION_TAIL =
  /(?:力争|争取|确保|预计|年均|分别|累计|共|新增|总数|总量|规模|稳定|保持在?|稳定在|控制在|达到|达|突破|超过|超|不低于|不少于|至少|实现|完成|增加到|增加至|增至|提高到|提升到|提升至|提高至|提高|提升|增长|下降|降低|减少|降至|缩小至|为|是|有|约|近|在|到)+\s*$/;
/** Openers that precede an indicator phrase. */
const LEADING_NOISE =
  /^(?:[—-]+|到\s*\d{4}\s*年(?:底|末)?|\d{4}\s*年(?:底|末|前)?|(?:“?十[一二三四五六七八九]五”?)(?:期间|末|期末|时期)?|力争|争取|确保|其中|同时|并|全年|年内|今后五年|未来五年|全区|全市|全县|以上|，|,|、|\s)+/;

export function indicatorPhrase(
  layout: Layout,
  clause: Span,
  mention: Mention,
  previous: string | null,
): string {
  let text = layout.text.slice(clause.start, mention.start).replace(/\s+/g, '');
  text = text.replace(/[，,；;：:。]$/, '');
  for (let i = 0; i < 3; i++) {
    const stripped = text.replace(RELATION_TAIL, '').replace(LEADING_NOISE, '');
    // A round that strips nothing leaves nothing for the next one either.
    if (stripped === text) break;
    text = stripped;
  }
  if (text.length < 2) return previous ?? layout.text.slice(clause.start, mention.end).replace(/\s+/g, '');
  return text.length > 40 ? text.slice(-40) : text;
}

export interface Relation {
  comparator: string;
  aspirational: boolean;
}

/** The comparator of a statement: a trailing bound word wins, then the relation word right before the value. */
export function relationOf(layout: Layout, statement: Statement): Relation {
  const { mention, clause, sentence } = statement;
  const after = layout.text.slice(mention.end, Math.min(clause.end, mention.end + 6));
  const before = layout.text.slice(clause.start, mention.start);
  const sentenceText = layout.text.slice(sentence.start, sentence.end);
  const aspirational = ASPIRATIONAL.test(before) || ASPIRATIONAL_SENTENCE.test(sentenceText);
  for (const { pattern, comparator } of TRAILING_COMPARATORS)
    if (pattern.test(after)) return { comparator, aspirational };
  if (/^\s*余/.test(after) || /余\s*$/.test(layout.text.slice(mention.start, mention.end)))
    return { comparator: '以上', aspirational };
  // 实现倍增, 比2020年翻一番: the multiplying is the relation (CONVENTIONS-2026: 其他(翻一番)).
  if (mention.multiplier !== undefined) return { comparator: `其他(${mention.multiplier})`, aspirational };
  // 保持每年千亿级: the relation word stands before the every-year word.
  const near = before.replace(/每年\s*$/, '').slice(-8);
  for (const { pattern, comparator } of LEADING_COMPARATORS)
    if (pattern.test(near)) return { comparator, aspirational };
  if (LIST_LOWER_BOUND.test(before.slice(-80))) return { comparator: '不低于', aspirational };
  // Reaching a size class is its own relation (打造千亿级产业集群 → 其他(千亿级)).
  if (mention.scaleClass !== undefined) return { comparator: `其他(${mention.scaleClass})`, aspirational };
  if (aspirational && /(?:力争|争取)\s*$/.test(near)) return { comparator: '力争', aspirational };
  const verb = isCount(mention.unit) ? actionVerb(before) : null;
  return { comparator: verb === null ? '达到' : `其他(${verb})`, aspirational };
}

/** A count of things (个, 项, 万人, 公里 …), not a share, rate or intensity: only a count is the result of an action. */
function isCount(unit: string | null): boolean {
  return unit !== null && !/[%‰％]|\/|倍|元/.test(unit);
}

/** The first action-verb phrase of a clause (重点实施…项目30个 → 实施), or null when the clause has none. */
function actionVerb(clause: string): string | null {
  const m = ACTION_VERB.exec(clause.replace(/\s+/g, ''));
  return m ? m[0] : null;
}

interface YearToken {
  year: number;
  at: number;
}

/** A stated year; global, so it is read with `exec` from `lastIndex` (no per-call copy as `matchAll` makes). */
const YEAR = /((?:19|20)\d{2})\s*年(底|末|前|以前|内)?/g;

function yearsIn(layout: Layout, span: Span, limit: number): YearToken[] {
  const text = layout.text.slice(span.start, Math.min(span.end, limit));
  const tokens: YearToken[] = [];
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(text); m !== null; m = YEAR.exec(text)) {
    const at = span.start + m.index;
    const lead = layout.text.slice(Math.max(span.start, at - 4), at);
    const tail = layout.text.slice(at + m[0].length, at + m[0].length + 6);
    if (BASE_YEAR_BEFORE.test(lead) || BASE_YEAR_AFTER.test(tail)) continue;
    tokens.push({ year: Number(m[1]), at });
  }
  return tokens;
}

export interface YearContext {
  /** First and last year of a plan, or the year of a report. */
  periodStart: number | null;
  periodEnd: number | null;
  /** The year a plan looks ahead to, e.g. 2035. */
  visionYear: number | null;
  docType: 'plan' | 'work_report' | 'bulletin';
}

/** The year a target is for: stated in its clause or sentence, else said earlier in the paragraph, else the period. */
export function targetYear(layout: Layout, statement: Statement, context: YearContext): number | null {
  const { mention, clause, sentence, sentences, sentenceIndex } = statement;
  const first = context.periodStart ?? 0;
  const last = Math.max(context.visionYear ?? 0, (context.periodEnd ?? 0) + 10);
  const clauseText = layout.text.slice(clause.start, mention.start);
  const sentenceText = layout.text.slice(sentence.start, sentence.end);
  const inClause = lastPlausible(yearsIn(layout, clause, mention.start), first, last);
  if (inClause !== null) return inClause;
  if (EVERY_YEAR.test(clauseText) && !/\d{4}\s*年/.test(sentenceText)) return null;
  const inSentence = lastPlausible(
    yearsIn(layout, { start: sentence.start, end: mention.start }, mention.start),
    first,
    last,
  );
  if (inSentence !== null) return inSentence;
  const planPeriod = statedPeriod(layout.text.slice(sentence.start, mention.start));
  if (planPeriod) return periodYear(planPeriod, context);
  if (EVERY_YEAR.test(sentenceText)) return null;
  // A year said earlier in the same paragraph still governs (到2025年，… 。…达到…).
  for (let i = sentenceIndex - 1; i >= 0; i--) {
    const said = yearsSaid(layout, sentences[i]!);
    const year = lastPlausible(said.years, first, last);
    if (year !== null) return year;
    if (said.period !== null) return periodYear(said.period, context);
  }
  // A section titled for the plan period (今后五年…主要目标) sets the year of what it lists.
  for (let i = statement.section.length - 1; i >= 0; i--) {
    const title = statement.section[i]!;
    const period = PLAN_PERIOD.exec(title);
    if (period) return periodYear(period[0], context);
    if (GOAL_SECTION.test(title) && context.docType === 'plan') return context.periodEnd;
    const year = /(20\d{2})\s*年/.exec(title);
    if (year && Number(year[1]) >= first && Number(year[1]) <= last) return Number(year[1]);
  }
  // A report's statements are for its own year; a plan's sentence with no time word of its own has no year
  // (到2030年 opening a chapter does not date every later sentence: EXTRACTION.md, CONVENTIONS-2026).
  return context.docType === 'work_report' ? context.periodStart : null;
}

/** A plan-period word that dates the sentence; `在“十四五”基础上翻一番` names the base, not the deadline. */
function statedPeriod(text: string): string | null {
  const m = PLAN_PERIOD.exec(text);
  if (!m) return null;
  return PERIOD_AS_BASE.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8)) ? null : m[0];
}

const PERIOD_AS_BASE = /^[”"’]?\s*(?:的\s*)?(?:基础上|基础之上|的基础|水平上)/;

/** The year of the last token within [first, last], or null. */
function lastPlausible(tokens: readonly YearToken[], first: number, last: number): number | null {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const year = tokens[i]!.year;
    if (year >= first && year <= last) return year;
  }
  return null;
}

/** The years and the plan-period word a whole sentence states (context-free, so kept per sentence). */
interface SaidInSentence {
  layout: Layout;
  years: YearToken[];
  period: string | null;
}

/** Statements of one paragraph look back over the same earlier sentences: each is read once. */
const saidCache = new WeakMap<Span, SaidInSentence>();

function yearsSaid(layout: Layout, sentence: Span): SaidInSentence {
  const cached = saidCache.get(sentence);
  if (cached && cached.layout === layout) return cached;
  const period = PLAN_PERIOD.exec(layout.text.slice(sentence.start, sentence.end));
  const said = { layout, years: yearsIn(layout, sentence, sentence.end), period: period ? period[0] : null };
  saidCache.set(sentence, said);
  return said;
}

/** End years of plan names already read (十四五 → 2025); the names are few, so the table stays small. */
const planEnds = new Map<string, number | null>();

function planEnd(name: string): number | null {
  let end = planEnds.get(name);
  if (end === undefined) {
    if (planEnds.size >= 256) planEnds.clear();
    end = fiveYearPlanPeriod(name)?.end ?? null;
    planEnds.set(name, end);
  }
  return end;
}

function periodYear(word: string, context: YearContext): number | null {
  if (/今后五年|未来五年/.test(word) && context.docType === 'work_report' && context.periodStart !== null)
    return context.periodStart + 4;
  const plan = /[一二三四五六七八九十]+五/.exec(word);
  const end = plan ? planEnd(plan[0]) : null;
  if (end !== null) return end;
  return context.periodEnd;
}

/** Quote: from the indicator (or clause start) to the end of the value and its bound word, on the value's line. */
export function quoteSpan(layout: Layout, clause: Span, mention: Mention): Span {
  let end = mention.end;
  const after = layout.text.slice(end, Math.min(clause.end, end + 4));
  const bound = /^\s*(?:以上|以内|以下|左右|之上|余)/.exec(after);
  if (bound) end += bound[0].length;
  let start = clause.start;
  while (start < mention.start && /[\s，,；;：:、—-]/.test(layout.text[start]!)) start++;
  return { start, end };
}

/** A statement with the indicator it is about and its evidence in the original file. */
export interface DescribedStatement {
  statement: Statement;
  indicator: string;
  evidence: Evidence;
}

/**
 * The statements of one tense, each with its indicator (a clause without its own noun phrase inherits the one
 * before it in the same sentence: 分别达到 98%和 93%) and the line and quote of its number.
 */
export function describeStatements(
  layout: Layout,
  statements: readonly Statement[],
  tense: StatementTense,
): DescribedStatement[] {
  const described: DescribedStatement[] = [];
  let previous: { clause: number; indicator: string } | null = null;
  for (const statement of statements) {
    if (statement.tense !== tense) continue;
    const { mention, clause, sentence } = statement;
    const inherited = previous && previous.clause >= sentence.start ? previous.indicator : null;
    const indicator = indicatorPhrase(layout, clause, mention, inherited);
    previous = { clause: clause.start, indicator };
    const span = quoteSpan(layout, clause, mention);
    described.push({
      statement,
      indicator,
      evidence: quoteAround(layout, span.start, span.end, mention.start),
    });
  }
  return described;
}
