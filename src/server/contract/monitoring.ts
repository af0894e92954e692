// Observations, statuses and warnings, findings, the overview, an indicator's series and the comparison.
import { Type, type Static } from 'typebox';
import type { Task } from '../../ledger/index.js';
import { ApprovalRef, Evidence, Nullable } from './common.js';
import { IndicatorRow } from './documents.js';

export const SourceKind = Type.Enum(['document', 'import', 'person']);

/** Where an observation came from: a document span, an import file's row, or a person's entry. */
export const ObservationSource = Type.Object({
  kind: SourceKind,
  document_id: Nullable(Type.Integer()),
  achievement_id: Nullable(Type.Integer()),
  line: Nullable(Type.Integer()),
  quote: Nullable(Type.String()),
  start: Nullable(Type.Integer()),
  end: Nullable(Type.Integer()),
  import_id: Nullable(Type.Integer()),
  import_file: Nullable(Type.String()),
  import_row: Nullable(Type.Integer()),
});

export const Observation = Type.Object({
  id: Type.Integer(),
  region_id: Type.Integer(),
  region: Type.String(),
  indicator_id: Type.String(),
  indicator: Type.String(),
  year: Type.Integer(),
  /** Exact decimal text, as read or typed. */
  value: Type.String(),
  unit: Nullable(Type.String()),
  row_id: Nullable(Type.Integer()),
  source: ObservationSource,
  note: Nullable(Type.String()),
  recorded_by: Type.String(),
  recorded_at: Type.String(),
  /** Another value for the same region, indicator, year and unit exists: both are kept and a person chooses. */
  conflict: Type.Optional(Type.Boolean()),
  conflicts_with: Type.Optional(Type.Array(Type.Integer())),
  /** A person's value on its way to publication; null for a document's figure (and values entered before 0012). */
  approval: Nullable(ApprovalRef),
});
export type Observation = Static<typeof Observation>;

/** POST /api/observations: one value a person entered. */
export const ObservationEntry = Type.Object(
  {
    region_id: Type.Optional(Type.Integer({ minimum: 1 })),
    region: Type.Optional(Type.String({ minLength: 1 })),
    indicator_id: Type.String({ minLength: 1 }),
    year: Type.Integer({ minimum: 1949, maximum: 2100 }),
    value: Type.Union([Type.String(), Type.Number()]),
    unit: Type.Optional(Nullable(Type.String())),
    note: Type.Optional(Nullable(Type.String())),
    /** The observation this value revises (required in a published, locked year). */
    revises: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Why the value is revised (required with `revises`). */
    reason: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);
export type ObservationEntry = Static<typeof ObservationEntry>;

export const StatusOverride = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  reason: Type.String(),
  overridden_by: Type.String(),
  overridden_at: Type.String(),
});

export const Status = Type.Object({
  id: Type.Integer(),
  row_id: Type.Integer(),
  document_id: Type.Integer(),
  region_id: Nullable(Type.Integer()),
  region: Nullable(Type.String()),
  indicator_id: Nullable(Type.String()),
  name: Type.String(),
  unit: Nullable(Type.String()),
  category: Nullable(Type.String()),
  attribute: Nullable(Type.String()),
  year: Type.Integer(),
  target_kind: Type.String(),
  label: Type.String(),
  lag: Nullable(Type.String()),
  warning: Nullable(Type.String()),
  method: Type.String(),
  ratio: Nullable(Type.String()),
  components: Type.Record(Type.String(), Type.Unknown()),
  explanation: Type.String(),
  /** The latest override, shown beside the computed label, never instead of it. */
  override: Nullable(StatusOverride),
  computed_at: Type.String(),
});
export type Status = Static<typeof Status>;

/** POST /api/statuses/:id/override (the labels are the monitor's, given by the server). */
export const OverrideRequest = (labels: readonly string[]) =>
  Type.Object(
    {
      label: Type.Enum([...labels]),
      reason: Type.String({ minLength: 1 }),
      /** The override this one revises (required in a published, locked year); `reason` says why. */
      revises: Type.Optional(Type.Integer({ minimum: 1 })),
    },
    { additionalProperties: false },
  );
export type OverrideRequest = Static<ReturnType<typeof OverrideRequest>>;

/** One of the places a finding cites; `note` says what the place stands for (a box, a sum of lines). */
export const Citation = Type.Object({
  document_id: Nullable(Type.Integer()),
  doc: Type.Optional(Nullable(Type.String())),
  line: Nullable(Type.Integer()),
  quote: Nullable(Type.String()),
  note: Type.Optional(Nullable(Type.String())),
});

export const Finding = Type.Object({
  id: Type.Integer(),
  document_id: Type.Integer(),
  check: Type.String(),
  severity: Type.String(),
  message: Type.String(),
  citations: Type.Array(Citation),
  details: Type.Record(Type.String(), Type.Unknown()),
  created_at: Type.String(),
});
export type Finding = Static<typeof Finding>;

export const PlanOverview = Type.Object({
  id: Type.Integer(),
  title: Nullable(Type.String()),
  region_id: Nullable(Type.Integer()),
  region: Nullable(Type.String()),
  period_start: Nullable(Type.Integer()),
  period_end: Nullable(Type.Integer()),
  midterm_year: Nullable(Type.Integer()),
  indicators: Type.Integer(),
  counts: Type.Record(Type.String(), Type.Integer()),
  /** "20 项主要指标中，4 项提前实现，……" */
  sentence: Type.String(),
  red: Type.Integer(),
  yellow: Type.Integer(),
  /** The latest year with an actual value for the region. */
  latest_year: Nullable(Type.Integer()),
});
export type PlanOverview = Static<typeof PlanOverview>;

/** A ledger task as src/ledger/records.ts declares it (shared with the store; passed through whole). */
const LedgerTask = Type.Unsafe<Task>(Type.Object({}, { additionalProperties: true }));

/** GET /api/overview */
export const Overview = Type.Object({
  plans: Type.Array(PlanOverview),
  /** Latest yellow and red statuses, red first, each with its plan's title. */
  warnings: Type.Array(Type.Object({ ...Status.properties, plan: Nullable(Type.String()) })),
  /** Tasks of the 任务台账 that are 逾期未报 or 逾期未完成 (the first few, and how many in all). */
  overdue_tasks: Type.Object({ total: Type.Integer(), items: Type.Array(LedgerTask) }),
  documents: Type.Integer(),
  regions: Type.Integer(),
  latest_year: Nullable(Type.Integer()),
});
export type Overview = Static<typeof Overview>;

/** A plan as a series and a comparison name it. */
export const PlanRef = Type.Object({
  id: Type.Integer(),
  title: Nullable(Type.String()),
  filename: Type.String(),
  region_id: Nullable(Type.Integer()),
  region: Nullable(Type.String()),
  period_start: Nullable(Type.Integer()),
  period_end: Nullable(Type.Integer()),
});
export type PlanRef = Static<typeof PlanRef>;

export const SeriesTarget = Type.Object({
  kind: Type.String(),
  year: Type.Integer(),
  value: Nullable(Type.Number()),
  raw: Type.String(),
  comparator: Nullable(Type.String()),
  /** A bound target (65%以上 is a floor, 5.5%以内 a ceiling) and whether reaching the bound itself fails it (超过). */
  bound: Type.Optional(Type.Enum(['ceiling', 'floor'])),
  strict: Type.Optional(Type.Boolean()),
  unit: Nullable(Type.String()),
  from: Type.Enum(['table', 'text']),
  aspirational: Type.Boolean(),
  evidence: Evidence,
});
export type SeriesTarget = Static<typeof SeriesTarget>;

/** A value recorded in another unit (5000万元 on a 亿元 indicator) shown in the indicator's, what was recorded beside it. */
export const ShownObservation = Type.Object({
  ...Observation.properties,
  recorded_value: Type.Optional(Type.String()),
  recorded_unit: Type.Optional(Nullable(Type.String())),
});
export type ShownObservation = Static<typeof ShownObservation>;

/** GET /api/series: one indicator of one plan. */
export const IndicatorSeries = Type.Object({
  indicator: Type.Object({
    id: Type.String(),
    name: Type.String(),
    unit: Nullable(Type.String()),
    direction: Type.String(),
    kind: Type.String(),
    category: Type.String(),
  }),
  plan: Type.Object({ ...PlanRef.properties, midterm_year: Nullable(Type.Integer()) }),
  row: Nullable(IndicatorRow),
  base: Nullable(
    Type.Object({
      year: Type.Integer(),
      value: Type.Number(),
      raw: Type.String(),
      unit: Nullable(Type.String()),
      evidence: Evidence,
    }),
  ),
  targets: Type.Array(SeriesTarget),
  /** The target the chart and the comparison use: the table's level target, else the text's. */
  target: Nullable(SeriesTarget),
  /** The expected path (序时进度) from base to a level target, year by year. */
  expected: Type.Array(Type.Object({ year: Type.Integer(), value: Type.Number() })),
  /** Average annual growth the plan implies: from base to a level target, or a growth target itself (%). */
  implied_growth: Nullable(Type.Number()),
  actual: Type.Array(ShownObservation),
  latest: Nullable(ShownObservation),
  statuses: Type.Array(Status),
});
export type IndicatorSeries = Static<typeof IndicatorSeries>;

/** One row of GET /api/compare: what a plan set for an indicator and where the region stands. */
export const ComparisonRow = Type.Object({
  plan_id: Type.Integer(),
  plan: Nullable(Type.String()),
  region_id: Nullable(Type.Integer()),
  region: Nullable(Type.String()),
  indicator_id: Type.String(),
  indicator: Type.String(),
  /** The plan names the indicator (in its table or its text). */
  listed: Type.Boolean(),
  unit: Nullable(Type.String()),
  base_year: Nullable(Type.Integer()),
  base_value: Nullable(Type.Number()),
  target_year: Nullable(Type.Integer()),
  target_value: Nullable(Type.Number()),
  target_text: Nullable(Type.String()),
  target_kind: Nullable(Type.String()),
  implied_growth: Nullable(Type.Number()),
  latest_year: Nullable(Type.Integer()),
  latest_value: Nullable(Type.String()),
  latest_unit: Nullable(Type.String()),
  status: Nullable(Type.String()),
  warning: Nullable(Type.String()),
  status_id: Nullable(Type.Integer()),
  evidence_line: Nullable(Type.Integer()),
});
export type ComparisonRow = Static<typeof ComparisonRow>;
