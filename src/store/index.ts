// The store's face: open a database (SQLite or PostgreSQL), ingest documents, read and write monitoring data.
export type { Database } from './schema.js';
export { openStore, storeOptionsFromEnv, type Store, type StoreOptions, type Engine } from './connect.js';
export { migrateToLatest, MIGRATIONS } from './migrations.js';
export { analyzeBytes, sha256Of, type DocumentRecord } from './analysis.js';
export {
  ingest,
  ingestPaths,
  storeRecord,
  collectFiles,
  DOCUMENT_EXTENSIONS,
  type IngestEvent,
  type IngestOptions,
  type IngestReport,
  type IngestSource,
} from './ingest.js';
export { deriveRegions, type DeriveReport } from './derive.js';
export { linkName, type Candidate, type LinkDecision } from './linking.js';
export {
  importObservations,
  exportObservations,
  observationTemplate,
  observationRows,
  recordObservation,
  validateObservationRows,
  parseDecimal,
  OBSERVATION_COLUMNS,
  type ImportResult,
  type RowError,
} from './observations-io.js';
export { toCsv, toXlsx, toTabular, parseCsv, parseXlsx, type TabularFormat } from './tabular.js';
export { listRegions, findRegion, ensureRegion } from './repositories/regions.js';
export {
  listDocuments,
  getDocument,
  getDocumentContent,
  getOutline,
  documentIdBySha,
  type DocumentSummary,
} from './repositories/documents.js';
export { loadExtraction } from './repositories/extraction.js';
export {
  listIndicatorRows,
  listTargets,
  listAchievements,
  listProjects,
  type IndicatorRow,
  type Target,
  type Achievement,
  type Project,
  type FactFilter,
} from './repositories/facts.js';
export { listObservations, type Observation, type ObservationFilter } from './repositories/observations.js';
export {
  listReviewItems,
  resolveReviewItem,
  type ReviewItem,
  type Resolution,
} from './repositories/review.js';
export {
  listStatuses,
  overrideStatus,
  listFindings,
  type Status,
  type StatusFilter,
  type Finding,
  type Citation,
} from './repositories/statuses.js';
export { listCatalog, syncCatalog, type CatalogIndicator } from './repositories/catalog.js';
export { appendAudit, listAudit, type AuditEntry } from './repositories/audit.js';
