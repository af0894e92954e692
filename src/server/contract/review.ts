// The review queue: what the linker could not link with confidence, with its candidates.
import { Type, type Static } from 'typebox';
import { Nullable } from './common.js';
import { FigureKind } from './documents.js';

export const Candidate = Type.Object({
  indicator_id: Type.String(),
  name: Type.String(),
  score: Type.Number(),
  via: Type.String(),
  matched: Type.String(),
});

export const ReviewState = Type.Enum(['open', 'linked', 'dismissed']);

export const ReviewItem = Type.Object({
  id: Type.Integer(),
  subject_kind: FigureKind,
  subject_id: Type.Integer(),
  document_id: Type.Integer(),
  name: Type.String(),
  unit: Nullable(Type.String()),
  reason: Type.String(),
  candidates: Type.Array(Candidate),
  state: ReviewState,
  resolved_indicator_id: Nullable(Type.String()),
  resolved_by: Nullable(Type.String()),
  resolved_at: Nullable(Type.String()),
  note: Nullable(Type.String()),
  created_at: Type.String(),
});
export type ReviewItem = Static<typeof ReviewItem>;

/** POST /api/review/:id/resolve: link to a catalog indicator, or dismiss (indicator_id null). */
export const Resolution = Type.Object(
  {
    indicator_id: Nullable(Type.String({ minLength: 1 })),
    note: Type.Optional(Nullable(Type.String())),
  },
  { additionalProperties: false },
);
export type Resolution = Static<typeof Resolution>;

/** Open review items of one name and unit, with the regions they come from (GET /api/review/groups). */
export const ReviewGroup = Type.Object({
  name: Type.String(),
  unit: Nullable(Type.String()),
  count: Type.Integer(),
  ids: Type.Array(Type.Integer()),
  kinds: Type.Array(Type.String()),
  regions: Type.Array(Type.String()),
  candidates: Type.Array(
    Type.Object({ indicator_id: Type.String(), name: Type.String(), score: Type.Number() }),
  ),
});
export type ReviewGroup = Static<typeof ReviewGroup>;

export const ReviewGroups = Type.Object({
  /** Open items in all. */
  items: Type.Integer(),
  groups: Type.Array(ReviewGroup),
});
export type ReviewGroups = Static<typeof ReviewGroups>;

/** POST /api/review/bulk: link many items to one catalog indicator, or dismiss them all (indicator_id null). */
export const BulkResolution = Type.Object(
  {
    ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 1000 }),
    indicator_id: Nullable(Type.String({ minLength: 1 })),
    note: Type.Optional(Nullable(Type.String())),
  },
  { additionalProperties: false },
);
export type BulkResolution = Static<typeof BulkResolution>;

export const BulkResolved = Type.Object({ resolved: Type.Integer(), items: Type.Array(ReviewItem) });
export type BulkResolved = Static<typeof BulkResolved>;
