// Quantitative statements of the running text, shared by targets and reported values: mentions (numbers with
// units), their sentences and tense, and what each says beside its value (indicator, comparator, year, evidence).
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

export { findMentions, mentionsAmong } from './mentions.js';
