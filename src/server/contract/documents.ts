// Documents, their outline and the figures the reader highlights, with corrections an editor made.
import { Type, type Static } from 'typebox';
import { ApprovalRef, Nullable, Open } from './common.js';

export const DocType = Type.Enum(['plan', 'work_report', 'bulletin']);

export const DocumentSummary = Type.Object({
  id: Type.Integer(),
  sha256: Type.String(),
  filename: Type.String(),
  format: Type.String(),
  encoding: Nullable(Type.String()),
  byte_size: Type.Integer(),
  title: Nullable(Type.String()),
  doc_type: Type.String(),
  region_id: Nullable(Type.Integer()),
  region: Nullable(Type.String()),
  parent_region: Nullable(Type.String()),
  province: Nullable(Type.String()),
  period: Nullable(Type.String()),
  period_start: Nullable(Type.Integer()),
  period_end: Nullable(Type.Integer()),
  vision_year: Nullable(Type.Integer()),
  ingested_at: Type.String(),
  ingested_by: Type.String(),
  /** The document across its versions: its first version's id (a version's own row is `id`). */
  document_id: Type.Integer(),
  /** 1, 2, …: a revised version (规划调整) is stored as the next version of the same document. */
  version: Type.Integer(),
  revision_reason: Nullable(Type.String()),
  /** When a newer version replaced this one (null: the current version). */
  superseded_at: Nullable(Type.String()),
  /** Removed (recoverable) by whom and when; null while in use. */
  removed_at: Nullable(Type.String()),
  removed_by: Nullable(Type.String()),
  /** The reading's verdict: ok (no message), warnings (read, with messages), errors (a stage reported an error). */
  reading: Type.Enum(['ok', 'warnings', 'errors']),
  diagnostic_count: Type.Integer(),
});
export type DocumentSummary = Static<typeof DocumentSummary>;

/** A row of the document list: the current version, with how many versions the document has. */
export const DocumentListed = Type.Object({
  ...DocumentSummary.properties,
  versions: Type.Integer(),
});
export type DocumentListed = Static<typeof DocumentListed>;

/** POST /api/documents/:id/versions: the answer (the version replaced, the new one, what moved over). */
export const VersionAnswer = Type.Object({
  document_id: Type.Integer(),
  from: Type.Object({ id: Type.Integer(), version: Type.Integer() }),
  to: Type.Object({ id: Type.Integer(), version: Type.Integer() }),
  /** People's entries moved from the rows of the version before to the matching rows of the new one. */
  carried: Type.Object({
    rows: Type.Integer(),
    overrides: Type.Integer(),
    assigned_targets: Type.Integer(),
    observations: Type.Integer(),
    person_links: Type.Integer(),
    tasks: Type.Integer(),
  }),
  derived: Type.Unknown(),
});
export type VersionAnswer = Static<typeof VersionAnswer>;

/** DELETE /api/documents/:id and POST …/restore: `?reason=` says why (kept in the audit log). */
export const RemovalRequest = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type RemovalRequest = Static<typeof RemovalRequest>;

/** What a removal or a restore did. */
export const RemovalAnswer = Type.Object({
  document_id: Type.Integer(),
  state: Type.Enum(['current', 'removed']),
  derived: Type.Unknown(),
});
export type RemovalAnswer = Static<typeof RemovalAnswer>;

/** A message a reading stage (reader, layout, outline, tables) left on the document (src/diagnostics.ts). */
export const DocumentDiagnostic = Type.Object({
  severity: Type.Enum(['error', 'warning', 'info']),
  code: Type.String(),
  message: Type.String(),
  line: Type.Optional(Type.Integer()),
  expected: Type.Optional(Type.String()),
});
export type DocumentDiagnostic = Static<typeof DocumentDiagnostic>;

/** One document with the problems found while reading it (each names its line and what was expected). */
export const DocumentDetail = Type.Object({
  ...DocumentSummary.properties,
  diagnostics: Type.Array(DocumentDiagnostic),
});
export type DocumentDetail = Static<typeof DocumentDetail>;

export const Heading = Type.Object({
  id: Type.Integer(),
  level: Type.Integer(),
  label: Nullable(Type.String()),
  title: Type.String(),
  line: Type.Integer(),
});
export type Heading = Static<typeof Heading>;

/** A row of a plan's indicator table (its typed cells are still settling: further fields pass through). */
export const IndicatorRow = Open({
  id: Type.Integer(),
  document_id: Type.Integer(),
  table_id: Type.Integer(),
  caption: Nullable(Type.String()),
  category: Nullable(Type.String()),
  seq: Nullable(Type.String()),
  name: Type.String(),
  unit: Nullable(Type.String()),
  attribute: Nullable(Type.String()),
  parent: Nullable(Type.String()),
  line: Type.Integer(),
  quote: Type.String(),
  raw: Type.Record(Type.String(), Nullable(Type.String())),
  indicator_id: Nullable(Type.String()),
  link_confidence: Nullable(Type.Number()),
  region_id: Nullable(Type.Integer()),
  region: Nullable(Type.String()),
  period: Nullable(Type.String()),
});
export type IndicatorRow = Static<typeof IndicatorRow>;

/** GET /api/plans/:id — a plan with its outline, indicator rows and the count of each latest status label. */
export const PlanDetail = Type.Object({
  ...DocumentDetail.properties,
  outline: Type.Array(Heading),
  indicators: Type.Array(IndicatorRow),
  status_counts: Type.Record(Type.String(), Type.Integer()),
});
export type PlanDetail = Static<typeof PlanDetail>;

export const FigureKind = Type.Enum(['target', 'achievement', 'row']);
export type FigureKind = Static<typeof FigureKind>;

/** What Lantu made of a figure: the fields an editor may correct. */
export const FigureFields = Type.Object({
  indicator: Type.String(),
  indicator_id: Nullable(Type.String()),
  value: Nullable(Type.String()),
  value_max: Nullable(Type.String()),
  unit: Nullable(Type.String()),
  year: Nullable(Type.Integer()),
  comparator: Nullable(Type.String()),
});
export type FigureFields = Static<typeof FigureFields>;

export const Correction = Type.Object({
  id: Type.Integer(),
  subject_kind: FigureKind,
  subject_id: Type.Integer(),
  document_id: Type.Integer(),
  /** The figure as extracted (and linked) before this correction. */
  original: FigureFields,
  /** Only the fields the editor changed. */
  corrected: Type.Partial(FigureFields),
  reason: Type.String(),
  by: Type.String(),
  at: Type.String(),
  /** Its place on the way to publication (null for a correction made before approval existed). */
  approval: Nullable(ApprovalRef),
});
export type Correction = Static<typeof Correction>;

export const Figure = Type.Object({
  ...FigureFields.properties,
  kind: FigureKind,
  id: Type.Integer(),
  document_id: Type.Integer(),
  line: Type.Integer(),
  /** Offsets into the document text (null when the quote could not be placed). */
  start: Nullable(Type.Integer()),
  end: Nullable(Type.Integer()),
  quote: Type.String(),
  indicator_name: Nullable(Type.String()),
  link_confidence: Nullable(Type.Number()),
  /** achievement: level | growth | share | count; row: its attribute. */
  metric: Nullable(Type.String()),
  aspirational: Type.Boolean(),
  /** A table row's cells as written (base_raw, target_raw, growth_raw…). */
  cells: Nullable(Type.Record(Type.String(), Nullable(Type.String()))),
  /** The figure as extracted, when an editor has corrected it. */
  original: Nullable(FigureFields),
  correction: Nullable(Correction),
});
export type Figure = Static<typeof Figure>;

/** GET /api/documents/:id/reader */
export const ReaderDocument = Type.Object({
  document: DocumentDetail,
  text: Type.String(),
  outline: Type.Array(Heading),
  figures: Type.Array(Figure),
});
export type ReaderDocument = Static<typeof ReaderDocument>;

/** POST /api/corrections */
export const CorrectionRequest = Type.Object(
  {
    subject_kind: FigureKind,
    subject_id: Type.Integer({ minimum: 1 }),
    changes: Type.Partial(FigureFields, { additionalProperties: false }),
    reason: Type.String({ minLength: 1 }),
    /** The correction this one revises (required when the figure's year is published and locked). */
    revises: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type CorrectionRequest = Static<typeof CorrectionRequest>;

/** What one upload did: documents stored, already stored, refused, and the regions derived again. */
const StoredFile = Type.Object({ file: Type.String(), documentId: Type.Integer() });
export const IngestAnswer = Type.Object({
  stored: Type.Array(StoredFile),
  duplicates: Type.Array(StoredFile),
  /** Files not stored, each with what was wrong and, for a reading limit or a reader error, its code (`limit/time`). */
  failed: Type.Array(
    Type.Object({ file: Type.String(), error: Type.String(), code: Type.Optional(Type.String()) }),
  ),
  /** What the derivation after the upload did (regions, observations, statuses). */
  derived: Type.Unknown(),
});
export type IngestAnswer = Static<typeof IngestAnswer>;
