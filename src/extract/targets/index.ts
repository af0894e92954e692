// Targets: future quantitative statements of the running text with indicator, comparator, value, unit and year.
import type { Layout } from '../../layout/types.js';
import type { Heading } from '../../structure/outline/index.js';
import { planName, planOrdinalOfYear } from '../../quantity/index.js';
import { extractAchievements } from '../achievements/index.js';
import type { AchievementOut, DocumentMetadata, TargetOut } from '../model.js';
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
): TargetOut[] {
  return describeStatements(layout, statements, 'target').map(({ statement, indicator, line, quote }) => {
    const relation = relationOf(layout, statement);
    return {
      indicator,
      comparator: relation.comparator,
      value: statement.mention.value,
      value_max: statement.mention.valueMax,
      unit: statement.mention.unit,
      year: targetYear(layout, statement, context),
      aspirational: relation.aspirational,
      quote,
      line,
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
  targets: TargetOut[];
  achievements: AchievementOut[];
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
  const review = reviewYear(metadata);
  const reviewPeriod =
    metadata.doc_type === 'plan'
      ? planBefore(metadata.period)
      : review !== null
        ? `${review - 4}-${review}`
        : null;
  return {
    targets: extractTargets(layout, statements, context),
    achievements: extractAchievements(layout, statements, { reviewYear: review, reviewPeriod }),
  };
}

/** `2021-2025` → 十三五: the name of the plan before this one. */
function planBefore(period: string | null): string | null {
  const start = /^(\d{4})/.exec(period ?? '');
  const ordinal = start ? planOrdinalOfYear(Number(start[1])) : null;
  return ordinal === null ? null : planName(ordinal - 1);
}
