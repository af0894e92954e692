// The implementation ledger (实施台账): units, the decomposition of a plan into tasks, progress, overdue, 考核.
export {
  PLANNING_UNIT,
  RESPONSIBILITY_MAP,
  suggestLeadUnit,
  type LeadSuggestion,
  type UnitDef,
  type UnitKind,
} from './responsibility.js';
export {
  CADENCES,
  CADENCE_NAMES,
  DEFAULT_CADENCE,
  PERIOD_FORM,
  TASK_STATES,
  draftDecomposition,
  keyTaskSections,
  nextState,
  overdueOf,
  periodOf,
  previousPeriod,
  type Cadence,
  type DraftTask,
  type Overdue,
  type PlanForDecomposition,
  type TaskEvent,
  type TaskSource,
  type TaskSourceKind,
  type TaskState,
} from './tasks.js';
export {
  DEFAULT_SCHEME,
  ON_TRACK_LABELS,
  assessUnits,
  type AssessmentScheme,
  type UnitRecord,
  type UnitScore,
} from './assessment.js';
export type { Milestone, ProjectLedgerEntry, Task, TaskAttachment, TaskReport, Unit } from './records.js';
export { PROJECT_STAGES, completionRate, investmentIn100M, type ProjectStage } from './projects.js';
export { DATE_FORMS, parseDeadline } from './dates.js';
