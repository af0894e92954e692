// A plan's evaluation (src/monitor/evaluation.ts PlanEvaluation, field for field), its delegated targets, and the
// report it prints. Values here are the monitor's numbers; the exact text of each stays beside it in `raw`.
import { Type, type Static } from 'typebox';
import type { ReportKind } from '../../report/model.js';
import { Nullable } from './common.js';
import { Status } from './monitoring.js';

/** Where a monitored number came from: a document place, or who typed or imported it. */
const SourceRef = Type.Object({
  doc: Type.Optional(Type.String()),
  line: Type.Optional(Type.Integer()),
  quote: Type.Optional(Type.String()),
  by: Type.Optional(Type.String()),
  file: Type.Optional(Type.String()),
});

/** One value of a series as the monitor judges it (a bound when the report gave 超过65%). */
const MonitorValue = Type.Object({
  year: Type.Integer(),
  value: Type.Number(),
  bound: Type.Optional(Type.Enum(['floor', 'ceiling'])),
  strict: Type.Optional(Type.Boolean()),
  raw: Type.Optional(Type.String()),
  source: Type.Optional(SourceRef),
});

export const RoadAhead = Type.Object({
  remainingYears: Type.Integer(),
  requiredRate: Nullable(Type.Number()),
  requiredPerYear: Nullable(Type.Number()),
  pace: Nullable(Type.Number()),
  projected: Nullable(Type.Number()),
  projectedYear: Type.Integer(),
  reachable: Nullable(Type.Boolean()),
  sentence: Type.String(),
});

const TargetView = Type.Object({
  kind: Type.String(),
  kindText: Type.String(),
  year: Type.Integer(),
  value: Nullable(Type.Number()),
  raw: Type.String(),
  comparator: Nullable(Type.String()),
  text: Type.String(),
});

const ComponentView = Type.Object({
  statusId: Nullable(Type.Integer()),
  kind: Type.String(),
  kindText: Type.String(),
  year: Type.Integer(),
  label: Type.String(),
  lag: Nullable(Type.String()),
  text: Type.String(),
  warning: Nullable(Type.String()),
  method: Type.String(),
  expected: Nullable(Type.Number()),
  measured: Nullable(Type.Number()),
  ratio: Nullable(Type.Number()),
  explanation: Type.String(),
  roadAhead: Nullable(RoadAhead),
  review: Nullable(Type.String()),
  override: Nullable(
    Type.Object({ label: Type.String(), reason: Type.String(), by: Type.String(), at: Type.String() }),
  ),
});

export const Verdict = Type.Object({
  label: Type.String(),
  lag: Nullable(Type.String()),
  text: Type.String(),
  warning: Nullable(Type.String()),
  rule: Type.String(),
  decidedBy: Nullable(Type.String()),
});

/** 年度目标完成情况: a work report's target for a year against that year's value. */
const AnnualTargetCheck = Type.Object({
  year: Type.Integer(),
  quote: Type.String(),
  comparator: Nullable(Type.String()),
  value: Type.Number(),
  unit: Nullable(Type.String()),
  actual: Nullable(MonitorValue),
  result: Type.String(),
  rule: Type.String(),
  source: Nullable(SourceRef),
});

export const IndicatorEvaluation = Type.Object({
  rowId: Nullable(Type.Integer()),
  targetId: Nullable(Type.Integer()),
  indicatorId: Nullable(Type.String()),
  name: Type.String(),
  unit: Nullable(Type.String()),
  category: Nullable(Type.String()),
  attribute: Nullable(Type.String()),
  origin: Type.Enum(['table', 'text']),
  originText: Type.String(),
  base: Nullable(Type.Object({ year: Type.Integer(), value: Type.Number(), raw: Nullable(Type.String()) })),
  targets: Type.Array(TargetView),
  latest: Nullable(
    Type.Object({
      year: Type.Integer(),
      value: Type.Number(),
      raw: Nullable(Type.String()),
      source: Nullable(SourceRef),
    }),
  ),
  expected: Nullable(Type.Number()),
  progress: Nullable(Type.Number()),
  status: Type.String(),
  verdict: Verdict,
  components: Type.Array(ComponentView),
  roadAhead: Nullable(RoadAhead),
  review: Nullable(Type.String()),
  annualTargets: Type.Array(AnnualTargetCheck),
  evidence: Type.Object({
    document: Nullable(Type.String()),
    line: Nullable(Type.Integer()),
    quote: Nullable(Type.String()),
  }),
});
export type IndicatorEvaluation = Static<typeof IndicatorEvaluation>;

const CompletionItem = Type.Object({
  rowId: Type.Integer(),
  name: Type.String(),
  unit: Nullable(Type.String()),
  attribute: Nullable(Type.String()),
  base: Nullable(Type.String()),
  target: Nullable(Type.String()),
  growthTarget: Nullable(Type.String()),
  actual: Nullable(Type.String()),
  actualGrowth: Nullable(Type.String()),
  result: Type.String(),
  checks: Type.Array(
    Type.Object({ what: Type.String(), target: Type.String(), actual: Type.String(), met: Type.Boolean() }),
  ),
  reason: Nullable(Type.String()),
  evidence: Type.Object({ line: Type.Integer(), quote: Type.String() }),
});

/** The previous plan's 总结评估, read from a completion table of this plan. */
export const PreviousPlanReview = Type.Object({
  caption: Nullable(Type.String()),
  line: Type.Integer(),
  baseYear: Nullable(Type.Integer()),
  targetYear: Nullable(Type.Integer()),
  items: Type.Array(CompletionItem),
  sentence: Type.String(),
});

/** GET /api/plans/:id/evaluation. */
export const PlanEvaluation = Type.Object({
  plan: Type.Object({
    id: Type.Integer(),
    title: Nullable(Type.String()),
    region: Nullable(Type.String()),
    periodStart: Nullable(Type.Integer()),
    periodEnd: Nullable(Type.Integer()),
  }),
  year: Nullable(Type.Integer()),
  asOf: Nullable(Type.Integer()),
  rule: Type.String(),
  sentence: Type.String(),
  indicators: Type.Array(IndicatorEvaluation),
  previous: Nullable(PreviousPlanReview),
});
export type PlanEvaluation = Static<typeof PlanEvaluation>;

/** `?year=N`: judge as of that year (default: the latest year with data). */
export const EvaluationQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
});
export type EvaluationQuery = Static<typeof EvaluationQuery>;

/** A value entered for a delegated target (按市下达目标), with the document that assigned it. */
export const AssignedTarget = Type.Object({
  id: Type.Integer(),
  row_id: Type.Integer(),
  cell: Type.Enum(['target_raw', 'growth_raw']),
  /** Exact text, read like a table cell (`5.5以内`, `〔13.5〕`). */
  raw: Type.String(),
  source_document: Type.String(),
  note: Nullable(Type.String()),
  entered_by: Type.String(),
  entered_at: Type.String(),
});
export type AssignedTarget = Static<typeof AssignedTarget>;

/** One plan row whose target waits for a higher level's value, with every value entered for it. */
export const DelegatedTarget = Type.Object({
  row_id: Type.Integer(),
  name: Type.String(),
  unit: Nullable(Type.String()),
  attribute: Nullable(Type.String()),
  indicator_id: Nullable(Type.String()),
  cell: Nullable(Type.Enum(['target_raw', 'growth_raw'])),
  delegated: Nullable(Type.String()),
  line: Type.Integer(),
  quote: Type.String(),
  /** The value in force (the newest entered), or null while none is. */
  assigned: Nullable(AssignedTarget),
  history: Type.Array(AssignedTarget),
});
export type DelegatedTarget = Static<typeof DelegatedTarget>;

/** GET /api/plans/:id/delegated. */
export const DelegatedTargets = Type.Object({ items: Type.Array(DelegatedTarget) });
export type DelegatedTargets = Static<typeof DelegatedTargets>;

/** POST /api/rows/:id/assigned-target. */
export const AssignedTargetEntry = Type.Object(
  {
    raw: Type.String({ minLength: 1, maxLength: 100 }),
    source_document: Type.String({ minLength: 1, maxLength: 500 }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type AssignedTargetEntry = Static<typeof AssignedTargetEntry>;

/** The report formats a person downloads: Word, or HTML to preview. */
const REPORT_FORMATS = ['docx', 'html'] as const;
const ReportFormat = (options: { default?: string } = {}) =>
  Type.Enum([...REPORT_FORMATS], { description: 'docx (Word) or html (preview)', ...options });
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const ReportYear = Type.Integer({ minimum: 1949, maximum: 2100, description: 'the year reported on' });

/** The report kinds are the report module's (`REPORT_KINDS`), given by the route. */
const ReportKindSchema = (kinds: readonly ReportKind[]) =>
  Type.Enum([...kinds], {
    description: 'annual 年度监测 | midterm 中期评估 | final 总结评估 (default: as the year implies)',
  });

/** GET /api/plans/:id/report?year&kind&format. */
export const ReportQuery = (kinds: readonly ReportKind[]) =>
  Type.Object({
    year: ReportYear,
    kind: Type.Optional(ReportKindSchema(kinds)),
    format: Type.Optional(ReportFormat({ default: 'docx' })),
  });
export type ReportQuery = Static<ReturnType<typeof ReportQuery>>;

/** GET /api/plans/:id/reports/:kind.:format?year. */
export const ReportFileParams = (kinds: readonly ReportKind[]) =>
  Type.Object({ id: Type.Integer({ minimum: 1 }), kind: ReportKindSchema(kinds), format: ReportFormat() });
export type ReportFileParams = Static<ReturnType<typeof ReportFileParams>>;
export const ReportFileQuery = Type.Object({ year: ReportYear });
export type ReportFileQuery = Static<typeof ReportFileQuery>;

/** The value entered and the row's statuses judged again with it. */
export const AssignedTargetAnswer = Type.Object({ assigned: AssignedTarget, statuses: Type.Array(Status) });
export type AssignedTargetAnswer = Static<typeof AssignedTargetAnswer>;
