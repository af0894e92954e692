// Targets: future quantitative statements of the running text with indicator, comparator, value, unit and year.
import type { Layout } from '../../layout/types.js';
import type { Heading } from '../../structure/outline/index.js';
import { fiveYearPlanStart, planName, planOrdinalOfYear } from '../../quantity/index.js';
import { extractAchievements, type ReviewContext } from '../achievements/index.js';
import type { Achievement, DocumentMetadata, Target } from '../model.js';
import type { Span } from '../sentences.js';
import { findMentions } from './mentions.js';
import { readStatements, reviewYear } from './statements.js';
import { describeStatements, relationOf, targetYear, type YearContext } from './describe.js';
import type { Statement } from './statements.js';

export {
  readStatements,
  reviewYear,
  type Mention,
  type Statement,
  type StatementInput,
  type StatementTense,
} from './statements.js';
export { sectionIndex, type SectionInfo, type SectionTense } from './sections.js';
export {
  describeStatements,
  indicatorPhrase,
  quoteSpan,
  relationOf,
  targetYear,
  type DescribedStatement,
  type Relation,
  type YearContext,
} from './describe.js';

export function extractTargets(
  layout: Layout,
  statements: readonly Statement[],
  context: YearContext,
): Target[] {
  return describeStatements(layout, statements, 'target').map(({ statement, indicator, evidence }) => {
    const relation = relationOf(layout, statement);
    return {
      indicator,
      comparator: relation.comparator,
      value: statement.mention.value,
      value_max: statement.mention.valueMax,
      unit: statement.mention.unit,
      year: targetYear(layout, statement, context),
      aspirational: relation.aspirational,
      evidence,
    };
  });
}

/** The years a document's statements are read against, from its metadata. */
export function yearContext(metadata: DocumentMetadata): YearContext {
  const years = /^(\d{4})(?:-(\d{4}))?/.exec(metadata.period ?? '');
  const start = years ? Number(years[1]) : null;
  const end = years ? Number(years[2] ?? years[1]) : null;
  return { periodStart: start, periodEnd: end, visionYear: metadata.vision_year, docType: metadata.doc_type };
}

export interface StatementLists {
  targets: Target[];
  achievements: Achievement[];
}

/** Targets and reported values of one document. */
export function extractStatements(
  layout: Layout,
  metadata: DocumentMetadata,
  outline: readonly Heading[],
  excluded: readonly Span[] = [],
): StatementLists {
  const mentions = findMentions(layout.text);
  const statements = readStatements({ layout, metadata, outline, mentions, excluded });
  const context = yearContext(metadata);
  return {
    targets: extractTargets(layout, statements, context),
    achievements: extractAchievements(layout, statements, reviewContext(metadata)),
  };
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
