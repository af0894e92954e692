// The API contract, declared once: TypeBox schemas that Fastify validates and serializes with and OpenAPI
// describes, and their Static<> types, which the server's handlers and the web app (`import type`) both use.
export { Nullable, Open, Page, IdParams, Evidence, ApiErrorBody } from './common.js';
export { Region, CatalogIndicator, AuditEntry, Health } from './reference.js';
export {
  DocType,
  DocumentSummary,
  DocumentDetail,
  DocumentDiagnostic,
  Heading,
  IndicatorRow,
  PlanDetail,
  FigureKind,
  FigureFields,
  Correction,
  Figure,
  ReaderDocument,
  CorrectionRequest,
  IngestAnswer,
} from './documents.js';
export {
  SourceKind,
  ObservationSource,
  Observation,
  ShownObservation,
  ObservationEntry,
  StatusOverride,
  Status,
  OverrideRequest,
  Citation,
  Finding,
  PlanOverview,
  Overview,
  PlanRef,
  SeriesTarget,
  IndicatorSeries,
  ComparisonRow,
} from './monitoring.js';
export {
  Candidate,
  ReviewState,
  ReviewItem,
  Resolution,
  ReviewGroup,
  ReviewGroups,
  BulkResolution,
  BulkResolved,
} from './review.js';
export {
  RoadAhead,
  Verdict,
  IndicatorEvaluation,
  PreviousPlanReview,
  PlanEvaluation,
  EvaluationQuery,
  AssignedTarget,
  DelegatedTarget,
  DelegatedTargets,
  AssignedTargetEntry,
  AssignedTargetAnswer,
  ReportQuery,
  ReportFileParams,
  ReportFileQuery,
  type ReportFormat,
} from './evaluation.js';
export { SearchHit, SearchAnswer, type SearchFacetValue } from './search.js';
export { RowError, CheckResult, ImportResult } from './imports.js';
export {
  LedgerClock,
  NewUnit,
  NewTask,
  TaskChange,
  NewReport,
  CloseStep,
  ProjectChange,
  TaskSheetScope,
} from './ledger.js';
export {
  RoleName,
  SessionUser,
  SessionAnswer,
  LoginRequest,
  UserEntry,
  NewUserRequest,
  PasswordReset,
  LoginParams,
  ApiToken,
  NewTokenRequest,
  NewToken,
  UserList,
  TokenList,
} from './accounts.js';
