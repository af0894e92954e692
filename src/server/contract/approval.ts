// Approval (填报 → 审核 → 发布): the queue of people's entries, approving or returning them, publishing a plan-year,
// the history of a value, and the public view of a plan (its latest publication only).
import { Type, type Static } from 'typebox';
import { ApprovalState, Nullable } from './common.js';
import { AuditEntry } from './reference.js';
import { Status } from './monitoring.js';

export const EntryKind = Type.Enum(['observation', 'override', 'correction']);

/** One person's entry on its way to publication. */
export const Approval = Type.Object({
  id: Type.Integer(),
  kind: EntryKind,
  /** The observation, override, or correction id. */
  subject_id: Type.Integer(),
  region_id: Nullable(Type.Integer()),
  region: Nullable(Type.String()),
  document_id: Nullable(Type.Integer()),
  year: Nullable(Type.Integer()),
  state: ApprovalState,
  /** The approval this entry revises (a change to a published year), and why. */
  revises: Nullable(Type.Integer()),
  revision_reason: Nullable(Type.String()),
  entered_by: Type.String(),
  entered_at: Type.String(),
  reviewed_by: Nullable(Type.String()),
  reviewed_at: Nullable(Type.String()),
  return_reason: Nullable(Type.String()),
  published_by: Nullable(Type.String()),
  published_at: Nullable(Type.String()),
  publication_id: Nullable(Type.Integer()),
  /** What was entered, in one line. */
  summary: Type.String(),
});
export type Approval = Static<typeof Approval>;

export const ApprovalQuery = Type.Object(
  {
    plan_id: Type.Optional(Type.Integer({ minimum: 1, description: 'plan document id' })),
    region_id: Type.Optional(Type.Integer({ minimum: 1 })),
    year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2100 })),
    state: Type.Optional(ApprovalState),
    kind: Type.Optional(EntryKind),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type ApprovalQuery = Static<typeof ApprovalQuery>;

/** POST /api/approvals/approve */
export const ApproveRequest = Type.Object(
  { ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);
export type ApproveRequest = Static<typeof ApproveRequest>;

/** POST /api/approvals/return */
export const ReturnRequest = Type.Object(
  {
    ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 1000 }),
    reason: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
export type ReturnRequest = Static<typeof ReturnRequest>;

export const Approvals = Type.Object({ items: Type.Array(Approval) });
export type Approvals = Static<typeof Approvals>;

/** POST /api/plans/:id/publish and GET /api/plans/:id/publish?year= (what would be published). */
export const PublishRequest = Type.Object(
  { year: Type.Integer({ minimum: 1949, maximum: 2100 }) },
  { additionalProperties: false },
);
export type PublishRequest = Static<typeof PublishRequest>;

/** What publishing a plan-year would publish, and what stays behind (waiting or returned). */
export const PublishPreview = Type.Object({
  plan_id: Type.Integer(),
  year: Type.Integer(),
  entries: Type.Array(Approval),
  pending: Type.Integer(),
  statuses: Type.Integer(),
  published: Nullable(Type.String()),
});
export type PublishPreview = Static<typeof PublishPreview>;

export const Publication = Type.Object({
  id: Type.Integer(),
  document_id: Type.Integer(),
  region_id: Nullable(Type.Integer()),
  year: Type.Integer(),
  published_by: Type.String(),
  published_at: Type.String(),
  entries: Type.Array(Type.Integer()),
  /** The plan's statuses for the year as they were when it was published. */
  statuses: Type.Array(Status),
});
export type Publication = Static<typeof Publication>;

export const PublicationSummary = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  published_by: Type.String(),
  published_at: Type.String(),
  entries: Type.Integer(),
});
export type PublicationSummary = Static<typeof PublicationSummary>;

/** GET /api/approvals/:id/history */
export const ApprovalHistory = Type.Object({
  entries: Type.Array(Approval),
  audit: Type.Array(AuditEntry),
});
export type ApprovalHistory = Static<typeof ApprovalHistory>;

/** GET /api/public/plans/:id: the plan as published (nothing published: publication null, no statuses). */
export const PublicPlan = Type.Object({
  plan: Type.Object({
    id: Type.Integer(),
    title: Nullable(Type.String()),
    region_id: Nullable(Type.Integer()),
    region: Nullable(Type.String()),
    period_start: Nullable(Type.Integer()),
    period_end: Nullable(Type.Integer()),
  }),
  publication: Nullable(PublicationSummary),
  publications: Type.Array(PublicationSummary),
  statuses: Type.Array(Status),
});
export type PublicPlan = Static<typeof PublicPlan>;
