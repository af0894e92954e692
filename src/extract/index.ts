// Extraction, the last reading stage: metadata, targets, reported values and projects of a laid-out document.
import type { Layout } from '../layout/index.js';
import type { Heading } from '../structure/outline/index.js';
import { extractAchievements, reviewContext } from './achievements/index.js';
import type { Achievement, DocumentMetadata, Target } from './model.js';
import type { Span } from './sentences.js';
import { findMentions, readStatements } from './statements/index.js';
import { extractTargets, yearContext } from './targets/index.js';

export { extractMetadata } from './metadata.js';
export { extractProjects, projectListingSpans } from './projects/index.js';
export { fromGoldFormat } from './exchange.js';
export type {
  DocType,
  DocumentMetadata,
  OutlineEntry,
  IndicatorRowOut,
  ColumnMap,
  IndicatorTableOut,
  TargetOut,
  AchievementMetric,
  AchievementOut,
  ProjectOut,
  GoldExtraction,
  Target,
  Achievement,
  Project,
  Extraction,
} from './model.js';

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
