// The store's face: open a database (SQLite or PostgreSQL), ingest documents, read and write monitoring data.
export type { ApprovalState, Database, EntryKind, QueuedFileState, QueuedFileTable } from './schema.js';
export { openStore, storeOptionsFromEnv, type Store, type StoreOptions, type Engine } from './connect.js';
export { isPostgres, migrateToLatest, MIGRATIONS } from './migrations.js';
export { now, toCount } from './json.js';
export { analysisPool, type AnalysisPool } from './workers.js';
export { refreshStatistics } from './maintenance.js';
export { analyzeBytes, sha256Of, type DocumentRecord } from './analysis.js';
export {
  ingest,
  ingestPaths,
  ingestVersion,
  type VersionReport,
  storeRecord,
  collectFiles,
  DOCUMENT_EXTENSIONS,
  type IngestEvent,
  type IngestOptions,
  type IngestReport,
  type IngestSource,
  BULK_DOCUMENTS,
  failureOf,
  regionOf,
  storeDocument,
} from './ingest.js';
export { deriveRegions, deriveOwed, type DeriveReport, type DeriveScope } from './derive.js';
export { owedRegions } from './owed.js';
export { planEvaluation, planTables, currentIndicatorRows, type PlanTable } from './evaluation.js';
export {
  addAssignedTarget,
  listAssignedTargets,
  currentAssignedTargets,
  delegatedCell,
  type AssignedTarget,
  type AssignedTargetEntry,
} from './repositories/assigned.js';
export {
  delegatedTargets,
  delegatedSheet,
  importDelegatedSheet,
  checkDelegatedRows,
  DELEGATED_COLUMNS,
  type DelegatedRow,
  type DelegatedImport,
} from './delegated-sheet.js';
export {
  linkName,
  linkExtraction,
  type Candidate,
  type LinkDecision,
  type DocumentLinks,
} from './linking.js';
export {
  importObservations,
  exportObservations,
  observationExport,
  checkObservationSheet,
  EXPORT_COLUMNS,
  MAX_ROW_ERRORS,
  observationTemplate,
  observationRows,
  recordObservation,
  validateObservationRows,
  parseDecimal,
  OBSERVATION_COLUMNS,
  type ImportResult,
  type RowError,
} from './observations-io.js';
export {
  toCsv,
  toXlsx,
  toTabular,
  tabularStream,
  inertCell,
  parseCsv,
  parseXlsx,
  readSheetRows,
  SHEET_LIMITS,
  type SheetLimits,
  type SheetRow,
  type TabularFormat,
} from './tabular.js';
export { countRows, pageOf, windowed, type Paged, type Window } from './paging.js';
export { listRegions, pageRegions, findRegion, ensureRegion } from './repositories/regions.js';
export {
  listDocuments,
  pageDocuments,
  pageOutline,
  getDocument,
  getDocumentContent,
  getOutline,
  documentIdBySha,
  listVersions,
  type DocumentListed,
  type DocumentState,
  type Reading,
  type DocumentSummary,
  type DocumentFilter,
  type Heading,
} from './repositories/documents.js';
export {
  searchDocuments,
  insertSearchUnits,
  type SearchAnswer,
  type SearchFacets,
  type SearchFilter,
  type SearchHit,
  type FacetValue,
} from './repositories/search.js';
export { removeDocument, restoreDocument, pairRevisedRows, type Carried } from './repositories/versions.js';
export { isCurrentDocument } from './current.js';
export { loadExtraction, loadExtractions, type StoredExtraction } from './repositories/extraction.js';
export {
  listIndicatorRows,
  rowCellsRead,
  listTargets,
  listAchievements,
  listProjects,
  pageIndicatorRows,
  pageTargets,
  pageAchievements,
  pageProjects,
  type IndicatorRow,
  type Target,
  type Achievement,
  type Project,
  type FactFilter,
  type ProjectFilter,
} from './repositories/facts.js';
export {
  listObservations,
  pageObservations,
  type Observation,
  type ObservationFilter,
} from './repositories/observations.js';
export {
  COUNTED_STATES,
  PENDING_STATES,
  approveEntries,
  approvalHistory,
  checkEntry,
  enterApproval,
  latestPublication,
  listApprovals,
  listPublications,
  lockingPublication,
  pageApprovals,
  publishable,
  publishPlanYear,
  returnEntries,
  statusesAsOf,
  type Approval,
  type ApprovalFilter,
  type EntryPlace,
  type Publication,
  type Revision,
} from './repositories/approvals.js';
export {
  listReviewItems,
  pageReviewItems,
  resolveReviewItem,
  type ReviewItem,
  type ReviewFilter,
  type Resolution,
} from './repositories/review.js';
export {
  listStatuses,
  pageStatuses,
  getStatus,
  overrideStatus,
  listFindings,
  pageFindings,
  type Status,
  type StatusFilter,
  type Finding,
  type FindingFilter,
  type Citation,
} from './repositories/statuses.js';
export {
  listCatalog,
  pageCatalog,
  syncCatalog,
  type CatalogIndicator,
  type CatalogFilter,
} from './repositories/catalog.js';
export {
  appendAudit,
  listAudit,
  pageAudit,
  verifyAudit,
  type AuditBreak,
  type AuditEntry,
  type AuditVerification,
  type AuditFilter,
} from './repositories/audit.js';
export {
  addAttachment,
  assessRegion,
  attachmentLimit,
  cadenceOf,
  cadencesOf,
  closeStep,
  createTask,
  ensureUnit,
  getAttachment,
  getTask,
  listAttachments,
  listReports,
  listUnits,
  pageProjectLedger,
  pageTasks,
  proposeDecomposition,
  seedProjectLedger,
  updateProjectLedger,
  type ProjectChange,
  type ProjectLedgerEntry,
  reportProgress,
  attachmentName,
  setCadence,
  updateTask,
  type LedgerClock,
  type NewReport,
  type NewTask,
  type Task,
  type TaskChange,
  type TaskFilter,
  type TaskReport,
  type Unit,
} from './repositories/ledger.js';
export {
  exportTaskSheet,
  importTaskSheet,
  parseDeadline,
  TASK_SHEET_COLUMNS,
  type TaskImportResult,
} from './task-sheet.js';
export { importUnitSheet, UNIT_SHEET_COLUMNS, unitKind, type UnitImportResult } from './unit-sheet.js';
export {
  countUsers,
  createApiToken,
  createSession,
  createUser,
  deleteSession,
  getUser,
  indicatorUnitIds,
  listApiTokens,
  listUsers,
  regionChain,
  revokeApiToken,
  sessionAccount,
  setPassword,
  tokenAccount,
  unitNames,
  userForLogin,
  SESSION_HOURS,
  type ApiTokenRecord,
  type NewUser,
  type UserRecord,
} from './repositories/accounts.js';
export {
  placeOfDocument,
  placeOfFigure,
  placeOfProject,
  placeOfReviewItem,
  placeOfStatus,
  placeOfTask,
  placeOfUnit,
  type SubjectPlace,
} from './repositories/subjects.js';
