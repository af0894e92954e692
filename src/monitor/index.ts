// The monitor's face: status against targets, warnings, overrides, roll-ups and the plan linter.
export * from './types.js';
export { computeStatus, resolveDirection } from './status.js';
export { labelForRatio, warningFor, labelText } from './labels.js';
export {
  expectedValue,
  elapsedShare,
  averageGrowth,
  meanGrowthOfRates,
  growthFactor,
  compoundReduction,
} from './path.js';
export { applyOverride, effectiveLabel } from './override.js';
export {
  LABEL_ORDER,
  countLabels,
  rollUpBy,
  rollUpByCategory,
  rollUpByPlan,
  rollUpByDepartment,
  summarize,
  type LabelCounts,
  type RollUpOptions,
} from './rollup.js';
export {
  targetsFromRow,
  targetsFromCells,
  tableYears,
  fiveYearPlanYears,
  type TableYears,
  type RowTargets,
  type RowCellsRead,
} from './target.js';
export {
  lintPlan,
  checkImpliedGrowth,
  checkTargetAgainstBase,
  checkTargetConflicts,
  checkProjects,
  checkBoxTotals,
  checkBaseValues,
  findingIndicator,
  type LintInput,
  type LintDocument,
  type LintTable,
  type LintRow,
  type LintCellName,
  type LintTarget,
  type LintAchievement,
  type LintProject,
  type PlacedCell,
  type LintOptions,
  type Finding,
  type FindingCode,
  type Place,
} from './lint.js';
export { readCell, reportedBound, type MonitorCell } from './cell.js';
export { requiredPath, roadAhead, type PathPoint, type RoadAhead } from './road.js';
export { verdictOf, VERDICT_RULE, type Verdict, type VerdictPart } from './verdict.js';
export {
  tableRole,
  completionOf,
  previousPlanReview,
  type TableRole,
  type CompletionItem,
  type CompletionResult,
  type CompletionRowInput,
  type PreviousPlanReview,
} from './completion.js';
export {
  evaluateIndicator,
  evaluationSentence,
  verdictCounts,
  rowVerdictCounts,
  type PlanEvaluation,
  type IndicatorEvaluation,
  type IndicatorInput,
  type JudgedTarget,
  type ComponentView,
  type TargetView,
} from './evaluation.js';
export { figureText, percentText, targetText, KIND_TEXT, METHOD_TEXT } from './wording.js';
export {
  textTargetSpec,
  annualTargetCheck,
  ABOUT_SHARE,
  type TextTarget,
  type AnnualTargetCheck,
  type AnnualResult,
} from './text-target.js';
