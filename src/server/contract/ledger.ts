// What the implementation ledger's routes take: units, tasks and their changes, progress reports, 销号, project
// updates, and the day the ledger is judged as of. (Its records are declared once in src/ledger/records.ts.)
import { Type, type Static } from 'typebox';
import { Nullable } from './common.js';
import { RowError } from './imports.js';

const Text = Type.Optional(Nullable(Type.String()));
const UnitId = Type.Optional(Nullable(Type.Integer()));

/** `today` and `cadence` may be given to see the ledger as of a day (for reviews and tests). */
export const LedgerClock = Type.Object({
  today: Type.Optional(
    Type.String({ description: 'judge overdue as of this day (YYYY-MM-DD; default today)' }),
  ),
  cadence: Type.Optional(
    Type.Enum(['month', 'quarter', 'half', 'year'], {
      description: "reporting cadence (default: the region's stored cadence, else quarter)",
    }),
  ),
});
export type LedgerClock = Static<typeof LedgerClock>;

export const NewUnit = Type.Object(
  {
    region_id: UnitId,
    name: Type.String({ minLength: 1 }),
    short_name: Type.Optional(Type.String()),
    kind: Type.Optional(Type.Enum(['局', '委', '办', '镇街', '其他'])),
    contact: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type NewUnit = Static<typeof NewUnit>;

const Milestones = Type.Array(Type.Object({ year: Type.Integer(), goal: Type.String() }));

/** The fields a person may set on a task; 完成时限 in any form of the ledger's date rule. */
const TASK_FIELDS = {
  goal: Text,
  lead_unit_id: UnitId,
  supporting_unit_ids: Type.Optional(Type.Array(Type.Integer())),
  responsible: Text,
  milestones: Type.Optional(Milestones),
  note: Text,
};

export const NewTask = Type.Object({
  region_id: UnitId,
  document_id: UnitId,
  title: Type.String({ minLength: 1 }),
  due_date: Type.String({ description: '2025-12-31, 2025年12月 or 2025年底' }),
  ...TASK_FIELDS,
});
export type NewTask = Static<typeof NewTask>;

export const TaskChange = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1 })),
    due_date: Type.Optional(Type.String()),
    ...TASK_FIELDS,
  },
  { additionalProperties: false },
);
export type TaskChange = Static<typeof TaskChange>;

export const NewReport = Type.Object(
  {
    period: Type.Optional(Type.String({ description: '2026-Q1 or 2026-03 (default: the current period)' })),
    progress: Type.String({ minLength: 1 }),
    percent: Text,
    problems: Text,
    next_steps: Text,
    attachments: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
export type NewReport = Static<typeof NewReport>;

/** 销号: the unit requests it, the planner confirms or rejects it. */
export const CloseStep = Type.Object({ action: Type.Enum(['request', 'confirm', 'reject']) });
export type CloseStep = Static<typeof CloseStep>;

export const ProjectChange = Type.Object(
  {
    content: Text,
    total_investment: Text,
    annual_plan_investment: Text,
    completed_investment: Text,
    start_date: Text,
    finish_date: Text,
    stage: Type.Optional(Type.String()),
    lead_unit_id: UnitId,
    leader: Text,
  },
  { additionalProperties: false },
);
export type ProjectChange = Static<typeof ProjectChange>;

/** How often a region's units report progress: 月报, 季报, 半年报, 年报. */
export const Cadence = Type.Enum(['month', 'quarter', 'half', 'year']);

export const CadenceSetting = Type.Object({ cadence: Cadence }, { additionalProperties: false });
export type CadenceSetting = Static<typeof CadenceSetting>;

export const RegionCadence = Type.Object({
  region_id: Type.Integer(),
  cadence: Cadence,
  /** False when no cadence is stored and the default applies. */
  stored: Type.Boolean(),
});
export type RegionCadence = Static<typeof RegionCadence>;

/** Where a unit list (责任单位名单) goes. */
export const UnitSheetScope = Type.Object(
  { region_id: Type.Optional(Type.Integer({ description: 'region id (absent: units of no region)' })) },
  { additionalProperties: false },
);

export const UnitImportResult = Type.Object({
  rows: Type.Integer(),
  errors: Type.Array(RowError),
  created: Type.Integer(),
  updated: Type.Integer(),
});
export type UnitImportResult = Static<typeof UnitImportResult>;

export const TaskAttachment = Type.Object({
  id: Type.Integer(),
  task_id: Type.Integer(),
  report_id: Nullable(Type.Integer()),
  name: Type.String(),
  media_type: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploaded_at: Type.String(),
  uploaded_by: Type.String(),
});

export const AttachmentUpload = Type.Object(
  { report_id: Type.Optional(Type.Integer({ description: 'the progress report the file belongs to' })) },
  { additionalProperties: false },
);

/** Where a 任务分解表 goes (import) or comes from (export). */
export const TaskSheetScope = Type.Object({
  region_id: Type.Optional(Type.Integer()),
  document_id: Type.Optional(Type.Integer()),
});
