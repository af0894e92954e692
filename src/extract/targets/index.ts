// Targets: future quantitative statements of the running text with indicator, comparator, value, unit and year.
import type { Layout } from '../../layout/index.js';
import type { DocumentMetadata, Target } from '../model.js';
import {
  describeStatements,
  relationOf,
  targetYear,
  type Statement,
  type YearContext,
} from '../statements/index.js';

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
