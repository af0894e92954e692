// The one `Database` interface: every table of the store and the TypeScript type of each column, for both engines.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * JSON columns are TEXT on SQLite and JSONB on PostgreSQL. Writes take a JSON string; reads may come back as
 * the string (SQLite) or the parsed value (pg), so repositories always pass them through `fromJson`.
 */
export type JsonColumn = ColumnType<unknown, string, string>;

/** Exact decimal as text (`800`, `3.23`, `-9.2`): never a float, see ARCHITECTURE.md "Exact numbers". */
export type Decimal = string;

/** ISO-8601 timestamp text, the same on both engines. */
export type Timestamp = string;

/** 0/1 integers on both engines, so one code path reads them. */
export type Flag = number;

export type RegionLevel = 'country' | 'province' | 'prefecture' | 'county' | 'unknown';

export interface RegionTable {
  id: Generated<number>;
  name: string;
  level: RegionLevel;
  parent_id: number | null;
  /** 行政区划代码 where the gazetteer knows it. */
  code: string | null;
}

export interface DocumentTable {
  id: Generated<number>;
  sha256: string;
  filename: string;
  format: string;
  encoding: string | null;
  byte_size: number;
  /** The original bytes exactly as received. */
  content: Buffer;
  /** The decoded text every line/offset of evidence refers to. */
  text: string;
  title: string | null;
  doc_type: string;
  region_id: number | null;
  region: string | null;
  parent_region: string | null;
  province: string | null;
  period: string | null;
  period_start: number | null;
  period_end: number | null;
  vision_year: number | null;
  diagnostics: JsonColumn;
  ingested_at: Timestamp;
  ingested_by: string;
  /** The first version's id when this is a revised version (规划调整); null for a document's first version. */
  version_of: ColumnType<number | null, number | null | undefined, number | null>;
  /** 1 for the first version, then 2, 3, … for each revision stored over it. */
  version: ColumnType<number, number | undefined, number>;
  /** Why this version replaced the one before (a revision's reason). */
  revision_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** When a newer version replaced this one; null while it is the current version. */
  superseded_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  /** Removed (recoverable): the document leaves monitoring and lists until restored. */
  removed_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  removed_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** The reading's verdict from its diagnostics: ok, warnings or errors (kept for lists and their filter). */
  reading: ColumnType<'ok' | 'warnings' | 'errors', 'ok' | 'warnings' | 'errors' | undefined, never>;
  diagnostic_count: ColumnType<number, number | undefined, never>;
}

export interface HeadingTable {
  id: Generated<number>;
  document_id: number;
  position: number;
  level: number;
  label: string | null;
  title: string;
  line: number;
}

export interface IndicatorTableTable {
  id: Generated<number>;
  document_id: number;
  position: number;
  caption: string | null;
  line: number;
  columns: JsonColumn;
}

export interface IndicatorRowTable {
  id: Generated<number>;
  table_id: number;
  document_id: number;
  position: number;
  category: string | null;
  seq: string | null;
  name: string;
  unit: string | null;
  attribute: string | null;
  parent: string | null;
  line: number;
  quote: string;
  /** Source offsets of the name cell (the engine's own); null for rows stored before migration 0006. */
  start: number | null;
  end: number | null;
  /** The cells as written: base_raw, target_raw, growth_raw, actual_raw, actual_growth_raw. */
  raw: JsonColumn;
  /** The same cells parsed (the monitor's `readCell`: number with bound, cumulative, delegated or text). */
  typed: JsonColumn;
}

export interface TargetTable {
  id: Generated<number>;
  document_id: number;
  position: number;
  indicator: string;
  comparator: string | null;
  value: Decimal;
  value_max: Decimal | null;
  unit: string | null;
  year: number | null;
  aspirational: Flag;
  line: number;
  quote: string;
  start: number | null;
  end: number | null;
}

export interface AchievementTable {
  id: Generated<number>;
  document_id: number;
  position: number;
  indicator: string;
  value: Decimal;
  unit: string | null;
  year: number | null;
  period: string | null;
  metric: string;
  line: number;
  quote: string;
  start: number | null;
  end: number | null;
}

export interface ProjectTable {
  id: Generated<number>;
  document_id: number;
  position: number;
  name: string;
  investment: string | null;
  box: string | null;
  line: number;
}

/** One reflowed line of a document (a paragraph, heading or table line), as search finds and shows it. */
export interface SearchUnitTable {
  id: Generated<number>;
  document_id: number;
  position: number;
  /** 1-based source line of its first character. */
  line: number;
  /** Source offset of its first character. */
  start: number;
  /** As written (snippets). */
  text: string;
  /** Folded for matching, offset for offset with `text` (FTS5 trigram on SQLite indexes this). */
  body: string;
  /** JSON [unit offset, source offset, source line] where the unit jumps in the source (joined lines). */
  anchors: JsonColumn;
  /** PostgreSQL only: the body's character bigrams with positions (a tsvector, GIN-indexed). */
  grams?: ColumnType<string, string | undefined, never>;
}

export interface CatalogIndicatorTable {
  /** The catalog's stable slug. */
  id: string;
  name: string;
  synonyms: JsonColumn;
  unit: string | null;
  dimension: string;
  direction: string;
  kind: string;
  category: string;
  national14: Flag;
  national_attribute: string | null;
  growth_of: string | null;
}

export type SubjectKind = 'row' | 'target' | 'achievement';

export interface LinkTable {
  id: Generated<number>;
  subject_kind: SubjectKind;
  subject_id: number;
  document_id: number;
  indicator_id: string;
  confidence: number;
  /** `auto` (the linker) or `person` (a resolved review item; never recomputed). */
  method: 'auto' | 'person';
  created_at: Timestamp;
  created_by: string;
}

export interface ReviewItemTable {
  id: Generated<number>;
  subject_kind: SubjectKind;
  subject_id: number;
  document_id: number;
  name: string;
  unit: string | null;
  reason: string;
  candidates: JsonColumn;
  state: 'open' | 'linked' | 'dismissed';
  resolved_indicator_id: string | null;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  note: string | null;
  created_at: Timestamp;
}

export type ObservationSourceKind = 'document' | 'import' | 'person';

export interface ObservationTable {
  id: Generated<number>;
  region_id: number;
  indicator_id: string;
  year: number;
  value: Decimal;
  unit: string | null;
  /** The plan row this value observes, when one exists for the region. */
  row_id: number | null;
  source_kind: ObservationSourceKind;
  document_id: number | null;
  achievement_id: number | null;
  line: number | null;
  quote: string | null;
  start: number | null;
  end: number | null;
  import_id: number | null;
  import_row: number | null;
  note: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface ImportTable {
  id: Generated<number>;
  filename: string;
  sha256: string;
  rows: number;
  imported: number;
  rejected: number;
  imported_by: string;
  imported_at: Timestamp;
}

export interface StatusTable {
  id: Generated<number>;
  row_id: number;
  document_id: number;
  region_id: number | null;
  indicator_id: string | null;
  /** The year judged (the latest year with data, or the plan's first year when there is none). */
  year: number;
  /** level | growth | cumulative | bound | qualitative: a row with a target and a growth cell has two statuses. */
  target_kind: string;
  label: string;
  /** 轻度 / 严重 / 逆向 for a 滞后 label. */
  lag: string | null;
  warning: string | null;
  method: string;
  ratio: Decimal | null;
  components: JsonColumn;
  explanation: string;
  computed_at: Timestamp;
  /** 1 on the newest year of its (row, target kind): what lists show by default. */
  latest: ColumnType<Flag, Flag | undefined, Flag>;
}

/** A delegated target's assigned value (按市下达目标 → 5.5以内), as entered with the document that assigned it. */
export interface AssignedTargetTable {
  id: Generated<number>;
  row_id: number;
  /** The delegated cell it fills: target_raw or growth_raw. */
  cell: 'target_raw' | 'growth_raw';
  /** The value as written, read like a table cell (`5.5以内`, `〔13.5〕`, `80`): exact text, never a float. */
  raw: string;
  /** The assigning document (文件名或文号). */
  source_document: string;
  note: string | null;
  entered_by: string;
  entered_at: Timestamp;
}

export interface OverrideTable {
  id: Generated<number>;
  row_id: number;
  year: number;
  target_kind: string;
  label: string;
  reason: string;
  overridden_by: string;
  overridden_at: Timestamp;
}

export interface FindingTable {
  id: Generated<number>;
  document_id: number;
  check: string;
  severity: string;
  message: string;
  /** Both places the finding cites: [{ document_id, line, quote }, …]. */
  citations: JsonColumn;
  details: JsonColumn;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: JsonColumn;
  /** The hash of the entry before (GENESIS_HASH for the first); null only if written around the chain. */
  prev_hash: string | null;
  /** SHA-256 over this entry's fields and prev_hash (repositories/audit.entryHash). */
  hash: string | null;
}

/** The one row naming the newest entry of the audit chain: appends lock it, verify compares it with the log. */
export interface AuditChainTable {
  id: number;
  last_id: number;
  last_hash: string;
}

export interface UnitTable {
  id: Generated<number>;
  region_id: number | null;
  name: string;
  short_name: string | null;
  kind: string;
  contact: string | null;
  /** The unit it belongs to (a 科 under its 局), as the 责任单位名单 gives it. */
  parent_id: number | null;
  created_at: Timestamp;
  created_by: string;
}

/** Evidence of a task's progress as a file: its bytes kept in the store, never a path from the upload. */
export interface TaskAttachmentTable {
  id: Generated<number>;
  task_id: number;
  /** The progress report it was sent with, when it was. */
  report_id: number | null;
  /** The name it was uploaded with, cleaned: shown and offered on download, never used as a path. */
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_at: Timestamp;
  uploaded_by: string;
}

/** How often a region's units report progress (月报/季报/半年报/年报). */
export interface ReportingCadenceTable {
  id: Generated<number>;
  region_id: number;
  cadence: string;
  updated_at: Timestamp;
  updated_by: string;
}

export interface TaskTable {
  id: Generated<number>;
  region_id: number | null;
  /** The plan the task decomposes. */
  document_id: number | null;
  /** `row`, `target`, `project`, `section` (from the plan) or `manual`. */
  source_kind: string;
  source_id: number | null;
  line: number | null;
  quote: string | null;
  title: string;
  goal: string | null;
  lead_unit_id: number | null;
  supporting_unit_ids: JsonColumn;
  responsible: string | null;
  due_date: string;
  /** [{ year, goal }, …]: the annual milestones. */
  milestones: JsonColumn;
  state: string;
  /** The field word that suggested the lead unit in a draft, null once a person assigned it. */
  lead_reason: string | null;
  note: string | null;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  closed_by: string | null;
}

export interface TaskReportTable {
  id: Generated<number>;
  task_id: number;
  /** `2026-Q1` or `2026-03`. */
  period: string;
  progress: string;
  percent: Decimal | null;
  problems: string | null;
  next_steps: string | null;
  attachments: JsonColumn;
  reported_at: Timestamp;
  reported_by: string;
}

export interface ProjectLedgerTable {
  id: Generated<number>;
  region_id: number | null;
  project_id: number | null;
  name: string;
  content: string | null;
  total_investment: Decimal | null;
  annual_plan_investment: Decimal | null;
  completed_investment: Decimal | null;
  start_date: string | null;
  finish_date: string | null;
  /** 前期 / 在建 / 竣工 */
  stage: string;
  lead_unit_id: number | null;
  leader: string | null;
  updated_at: Timestamp;
  updated_by: string;
}

/** Derivation still owed: written with a document, cleared with its region's results (crash-safe derive). */
export interface PendingDerivationTable {
  id: Generated<number>;
  region_id: number;
  /** The document whose results are owed; null owes every plan of the region. */
  document_id: number | null;
  queued_at: Timestamp;
}

/** A file enqueued for ingest on PostgreSQL (pg-boss holds its job): its bytes until stored, and its outcome. */
export interface QueuedFileTable {
  id: Generated<number>;
  sha256: string;
  /** As the user named it when enqueuing (path or upload name). */
  filename: string;
  byte_size: number;
  /** The file's bytes; null once its document is stored (the document keeps them). */
  content: Buffer | null;
  state: QueuedFileState;
  attempts: ColumnType<number, number | undefined, number>;
  /** The last error, naming the file and what was expected; kept when the state is failed. */
  error: string | null;
  code: string | null;
  document_id: number | null;
  worker_id: string | null;
  enqueued_by: string;
  enqueued_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

/** queued → active → done | failed; a job that will be tried again goes back to queued with its last error. */
export type QueuedFileState = 'queued' | 'active' | 'done' | 'failed';

/** A `lantu worker` process, as its heartbeat last reported it. */
export interface QueueWorkerTable {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  started_at: Timestamp;
  seen_at: Timestamp;
  stopped_at: Timestamp | null;
  jobs_done: ColumnType<number, number | undefined, number>;
  jobs_failed: ColumnType<number, number | undefined, number>;
}

/** 填报 entered → 审核 approved or 退回 returned → 发布 published. */
export type ApprovalState = 'entered' | 'approved' | 'returned' | 'published';

/** What a person entered: an observation (typed or imported), a status override, a correction of a figure. */
export type EntryKind = 'observation' | 'override' | 'correction';

/** One person's entry on its way to publication: who entered, approved or returned, and published it, and when. */
export interface ApprovalTable {
  id: Generated<number>;
  kind: EntryKind;
  /** The observation, override, or correction (its audit-log entry) this approval is about. */
  subject_id: number;
  region_id: number | null;
  /** The plan (overrides) or the document (corrections) it concerns; null for observations. */
  document_id: number | null;
  /** The year whose value it is; null for a correction of a figure with no year. */
  year: number | null;
  state: ApprovalState;
  /** The approval of the entry this one revises (a change to a published, locked year). */
  revises: number | null;
  revision_reason: string | null;
  entered_by: string;
  entered_at: Timestamp;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  return_reason: string | null;
  published_by: string | null;
  published_at: Timestamp | null;
  publication_id: number | null;
}

/** A published plan-year: the entries it published and the statuses as they were judged when it was published. */
export interface PublicationTable {
  id: Generated<number>;
  document_id: number;
  region_id: number | null;
  year: number;
  published_by: string;
  published_at: Timestamp;
  /** The approval ids it published. */
  entries: JsonColumn;
  /** The plan's statuses for the year (the API's Status objects), as published. */
  statuses: JsonColumn;
}

/** An account (accounts/scope.ts): role, 责任单位 and regions (JSON array of names); the password as its scrypt hash. */
export interface UserTable {
  id: Generated<number>;
  login: string;
  display_name: string;
  role: string;
  unit: string | null;
  regions: JsonColumn;
  password_hash: string;
  disabled: Flag;
  created_at: Timestamp;
  created_by: string;
  password_changed_at: Timestamp;
}

/** A signed-in browser: the SHA-256 of the cookie's session id, never the id itself. */
export interface SessionTable {
  id: Generated<number>;
  user_id: number;
  digest: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

/** A named API token for scripts (`Authorization: Bearer lantu_…`), stored as its SHA-256; revoked, never deleted. */
export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  digest: string;
  created_at: Timestamp;
  created_by: string;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface Database {
  regions: RegionTable;
  documents: DocumentTable;
  headings: HeadingTable;
  indicator_tables: IndicatorTableTable;
  indicator_rows: IndicatorRowTable;
  targets: TargetTable;
  achievements: AchievementTable;
  projects: ProjectTable;
  catalog_indicators: CatalogIndicatorTable;
  links: LinkTable;
  review_items: ReviewItemTable;
  observations: ObservationTable;
  imports: ImportTable;
  statuses: StatusTable;
  overrides: OverrideTable;
  assigned_targets: AssignedTargetTable;
  findings: FindingTable;
  audit_log: AuditLogTable;
  audit_chain: AuditChainTable;
  units: UnitTable;
  tasks: TaskTable;
  task_reports: TaskReportTable;
  task_attachments: TaskAttachmentTable;
  reporting_cadences: ReportingCadenceTable;
  project_ledger: ProjectLedgerTable;
  pending_derivations: PendingDerivationTable;
  search_units: SearchUnitTable;
  queued_files: QueuedFileTable;
  queue_workers: QueueWorkerTable;
  approvals: ApprovalTable;
  publications: PublicationTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
}

export type Region = Selectable<RegionTable>;
export type NewDocument = Insertable<DocumentTable>;
export type NewObservation = Insertable<ObservationTable>;
