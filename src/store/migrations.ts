// The store's migrations, in code (Kysely Migrator), written once for both SQLite and PostgreSQL.
import {
  Migrator,
  PostgresAdapter,
  sql,
  type ColumnDataType,
  type CreateTableBuilder,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import { readingOf } from './repositories/documents.js';
import { fromJson } from './json.js';
import { entryHash, GENESIS_HASH, type ChainedFields } from './repositories/audit.js';
import { indexStoredDocuments } from './repositories/search.js';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations run before types exist

export function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The column types that differ between engines. */
function types(db: AnyDb): { json: ColumnDataType; blob: ColumnDataType; real: ColumnDataType } {
  return isPostgres(db)
    ? { json: 'jsonb', blob: 'bytea', real: 'double precision' }
    : { json: 'text', blob: 'blob', real: 'real' };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- builder is typed per table name
function withId(db: AnyDb, table: CreateTableBuilder<any, any>): CreateTableBuilder<any, any> {
  return isPostgres(db)
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

function create(db: AnyDb, name: string) {
  return withId(db, db.schema.createTable(name));
}

const initial: Migration = {
  async up(db) {
    const t = types(db);
    await create(db, 'regions')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'integer', (c) => c.references('regions.id'))
      .addColumn('code', 'text')
      .execute();
    await db.schema.createIndex('regions_name').on('regions').column('name').execute();

    await create(db, 'documents')
      .addColumn('sha256', 'text', (c) => c.notNull().unique())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('encoding', 'text')
      .addColumn('byte_size', 'integer', (c) => c.notNull())
      .addColumn('content', t.blob, (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('title', 'text')
      .addColumn('doc_type', 'text', (c) => c.notNull())
      .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
      .addColumn('region', 'text')
      .addColumn('parent_region', 'text')
      .addColumn('province', 'text')
      .addColumn('period', 'text')
      .addColumn('period_start', 'integer')
      .addColumn('period_end', 'integer')
      .addColumn('vision_year', 'integer')
      .addColumn('diagnostics', t.json, (c) => c.notNull())
      .addColumn('ingested_at', 'text', (c) => c.notNull())
      .addColumn('ingested_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('documents_region').on('documents').column('region_id').execute();

    const docRef = 'documents.id';
    await create(db, 'headings')
      .addColumn('document_id', 'integer', (c) => c.notNull().references(docRef).onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('label', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .execute();

    await create(db, 'indicator_tables')
      .addColumn('document_id', 'integer', (c) => c.notNull().references(docRef).onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('caption', 'text')
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('columns', t.json, (c) => c.notNull())
      .execute();

    await create(db, 'indicator_rows')
      .addColumn('table_id', 'integer', (c) =>
        c.notNull().references('indicator_tables.id').onDelete('cascade'),
      )
      .addColumn('document_id', 'integer', (c) => c.notNull().references(docRef).onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('category', 'text')
      .addColumn('seq', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('unit', 'text')
      .addColumn('attribute', 'text')
      .addColumn('parent', 'text')
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('quote', 'text', (c) => c.notNull())
      .addColumn('raw', t.json, (c) => c.notNull())
      .addColumn('typed', t.json, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('indicator_rows_document')
      .on('indicator_rows')
      .column('document_id')
      .execute();

    await create(db, 'targets')
      .addColumn('document_id', 'integer', (c) => c.notNull().references(docRef).onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('indicator', 'text', (c) => c.notNull())
      .addColumn('comparator', 'text')
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('value_max', 'text')
      .addColumn('unit', 'text')
      .addColumn('year', 'integer')
      .addColumn('aspirational', 'integer', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('quote', 'text', (c) => c.notNull())
      .addColumn('start', 'integer')
      .addColumn('end', 'integer')
      .execute();
    await db.schema.createIndex('targets_document').on('targets').column('document_id').execute();

    await create(db, 'achievements')
      .addColumn('document_id', 'integer', (c) => c.notNull().references(docRef).onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('indicator', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('unit', 'text')
      .addColumn('year', 'integer')
      .addColumn('period', 'text')
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('quote', 'text', (c) => c.notNull())
      .addColumn('start', 'integer')
      .addColumn('end', 'integer')
      .execute();
    await db.schema.createIndex('achievements_document').on('achievements').column('document_id').execute();

    await create(db, 'projects')
      .addColumn('document_id', 'integer', (c) => c.notNull().references(docRef).onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('investment', 'text')
      .addColumn('box', 'text')
      .addColumn('line', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('catalog_indicators')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('synonyms', t.json, (c) => c.notNull())
      .addColumn('unit', 'text')
      .addColumn('dimension', 'text', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('national14', 'integer', (c) => c.notNull())
      .addColumn('national_attribute', 'text')
      .addColumn('growth_of', 'text')
      .execute();

    await create(db, 'links')
      .addColumn('subject_kind', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'integer', (c) => c.notNull())
      .addColumn('document_id', 'integer', (c) => c.notNull().references(docRef).onDelete('cascade'))
      .addColumn('indicator_id', 'text', (c) => c.notNull().references('catalog_indicators.id'))
      .addColumn('confidence', t.real, (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addUniqueConstraint('links_subject', ['subject_kind', 'subject_id'])
      .execute();
    await db.schema.createIndex('links_indicator').on('links').column('indicator_id').execute();

    await create(db, 'review_items')
      .addColumn('subject_kind', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'integer', (c) => c.notNull())
      .addColumn('document_id', 'integer', (c) => c.notNull().references(docRef).onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('unit', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('candidates', t.json, (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('resolved_indicator_id', 'text')
      .addColumn('resolved_by', 'text')
      .addColumn('resolved_at', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('review_items_subject', ['subject_kind', 'subject_id'])
      .execute();

    await create(db, 'imports')
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('rows', 'integer', (c) => c.notNull())
      .addColumn('imported', 'integer', (c) => c.notNull())
      .addColumn('rejected', 'integer', (c) => c.notNull())
      .addColumn('imported_by', 'text', (c) => c.notNull())
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .execute();

    await create(db, 'observations')
      .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
      .addColumn('indicator_id', 'text', (c) => c.notNull().references('catalog_indicators.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('unit', 'text')
      .addColumn('row_id', 'integer', (c) => c.references('indicator_rows.id').onDelete('set null'))
      .addColumn('source_kind', 'text', (c) => c.notNull())
      .addColumn('document_id', 'integer', (c) => c.references(docRef).onDelete('cascade'))
      .addColumn('achievement_id', 'integer', (c) => c.references('achievements.id').onDelete('cascade'))
      .addColumn('line', 'integer')
      .addColumn('quote', 'text')
      .addColumn('start', 'integer')
      .addColumn('end', 'integer')
      .addColumn('import_id', 'integer', (c) => c.references('imports.id'))
      .addColumn('import_row', 'integer')
      .addColumn('note', 'text')
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('observations_series')
      .on('observations')
      .columns(['region_id', 'indicator_id', 'year'])
      .execute();

    await create(db, 'statuses')
      .addColumn('row_id', 'integer', (c) => c.notNull().references('indicator_rows.id').onDelete('cascade'))
      .addColumn('document_id', 'integer', (c) => c.notNull().references(docRef).onDelete('cascade'))
      .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
      .addColumn('indicator_id', 'text')
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('target_kind', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('lag', 'text')
      .addColumn('warning', 'text')
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('ratio', 'text')
      .addColumn('components', t.json, (c) => c.notNull())
      .addColumn('computed_at', 'text', (c) => c.notNull())
      .addColumn('explanation', 'text', (c) => c.notNull())
      .addUniqueConstraint('statuses_row_year_kind', ['row_id', 'year', 'target_kind'])
      .execute();

    // Overrides point at a row and year, not a status id: statuses are recomputed, the person's judgement stays.
    await create(db, 'overrides')
      .addColumn('row_id', 'integer', (c) => c.notNull().references('indicator_rows.id').onDelete('cascade'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('target_kind', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('overridden_by', 'text', (c) => c.notNull())
      .addColumn('overridden_at', 'text', (c) => c.notNull())
      .execute();

    await create(db, 'findings')
      .addColumn('document_id', 'integer', (c) => c.notNull().references(docRef).onDelete('cascade'))
      .addColumn('check', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('citations', t.json, (c) => c.notNull())
      .addColumn('details', t.json, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await create(db, 'audit_log')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text')
      .addColumn('detail', t.json, (c) => c.notNull())
      .execute();

    // The audit log is append-only: the database itself refuses to change or delete an entry.
    if (isPostgres(db)) {
      await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql`.execute(db);
      await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    } else {
      await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
      await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    }
  },
};

/** Indexes on what lists filter and sort by, and the `latest` flag that makes "latest status per target" a lookup. */
const listIndexes: Migration = {
  async up(db) {
    // 1 on the newest year of each (row, target kind); derive keeps it, lists filter on it instead of grouping.
    await db.schema
      .alterTable('statuses')
      .addColumn('latest', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`UPDATE statuses SET latest = 1 WHERE NOT EXISTS (
      SELECT 1 FROM statuses newer WHERE newer.row_id = statuses.row_id
        AND newer.target_kind = statuses.target_kind AND newer.year > statuses.year)`.execute(db);
    const indexes: Array<[name: string, table: string, columns: string[]]> = [
      ['statuses_latest_order', 'statuses', ['latest', 'document_id', 'row_id', 'year']],
      ['statuses_document_order', 'statuses', ['document_id', 'row_id', 'year']],
      ['statuses_region', 'statuses', ['region_id', 'latest']],
      ['statuses_indicator', 'statuses', ['indicator_id', 'latest']],
      ['overrides_row', 'overrides', ['row_id', 'year', 'target_kind']],
      ['findings_document', 'findings', ['document_id']],
      ['documents_type', 'documents', ['doc_type', 'region_id']],
      ['headings_document', 'headings', ['document_id', 'position']],
      ['indicator_tables_document', 'indicator_tables', ['document_id', 'position']],
      ['indicator_rows_table', 'indicator_rows', ['table_id', 'position']],
      ['indicator_rows_order', 'indicator_rows', ['document_id', 'table_id', 'position']],
      ['targets_order', 'targets', ['document_id', 'position']],
      ['achievements_order', 'achievements', ['document_id', 'position']],
      ['projects_order', 'projects', ['document_id', 'position']],
      ['links_document', 'links', ['document_id']],
      ['review_items_state', 'review_items', ['state']],
      ['review_items_document', 'review_items', ['document_id']],
      ['observations_document', 'observations', ['document_id']],
      ['observations_achievement', 'observations', ['achievement_id']],
      ['observations_row', 'observations', ['row_id']],
      ['observations_order', 'observations', ['region_id', 'source_kind']],
      ['audit_log_entity', 'audit_log', ['entity', 'entity_id']],
    ];
    for (const [name, table, columns] of indexes)
      await db.schema.createIndex(name).on(table).columns(columns).execute();
    // The single-column indexes these replace (a composite index with the same first column serves both).
    for (const name of ['indicator_rows_document', 'targets_document', 'achievements_document'])
      await db.schema.dropIndex(name).execute();
  },
};

/** The implementation ledger: units (责任单位), tasks of a plan's decomposition, their progress reports, projects. */
const ledger: Migration = {
  async up(db) {
    const t = types(db);
    await create(db, 'units')
      .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('short_name', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('contact', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addUniqueConstraint('units_region_name', ['region_id', 'name'])
      .execute();
    await create(db, 'tasks')
      .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
      .addColumn('document_id', 'integer', (c) => c.references('documents.id'))
      .addColumn('source_kind', 'text', (c) => c.notNull())
      .addColumn('source_id', 'integer')
      .addColumn('line', 'integer')
      .addColumn('quote', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('goal', 'text')
      .addColumn('lead_unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('supporting_unit_ids', t.json, (c) => c.notNull())
      .addColumn('responsible', 'text')
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('milestones', t.json, (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('lead_reason', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'text')
      .execute();
    await create(db, 'task_reports')
      .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id'))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('progress', 'text', (c) => c.notNull())
      .addColumn('percent', 'text')
      .addColumn('problems', 'text')
      .addColumn('next_steps', 'text')
      .addColumn('attachments', t.json, (c) => c.notNull())
      .addColumn('reported_at', 'text', (c) => c.notNull())
      .addColumn('reported_by', 'text', (c) => c.notNull())
      .execute();
    await create(db, 'project_ledger')
      .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
      .addColumn('project_id', 'integer', (c) => c.references('projects.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('content', 'text')
      .addColumn('total_investment', 'text')
      .addColumn('annual_plan_investment', 'text')
      .addColumn('completed_investment', 'text')
      .addColumn('start_date', 'text')
      .addColumn('finish_date', 'text')
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('lead_unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('leader', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
    const indexes: Array<[name: string, table: string, columns: string[]]> = [
      ['tasks_region', 'tasks', ['region_id', 'state']],
      ['tasks_lead', 'tasks', ['lead_unit_id']],
      ['tasks_document', 'tasks', ['document_id']],
      ['task_reports_task', 'task_reports', ['task_id', 'period']],
      ['project_ledger_region', 'project_ledger', ['region_id']],
    ];
    for (const [name, table, columns] of indexes)
      await db.schema.createIndex(name).on(table).columns(columns).execute();
  },
};

/** Tables that point at a region, and the column that does: a duplicate region's rows move to the one kept. */
const REGION_REFERENCES: Array<[table: string, column: string]> = [
  ['documents', 'region_id'],
  ['observations', 'region_id'],
  ['statuses', 'region_id'],
  ['regions', 'parent_id'],
];

/**
 * Merge regions created twice (two ingests racing before regions had a unique key): the lowest id of each
 * (name, parent) stays and takes every reference. Repeated, since merging two parents makes their children twins.
 */
async function mergeDuplicateRegions(db: AnyDb): Promise<void> {
  for (;;) {
    const regions: Array<{ id: number; name: string; parent_id: number | null }> = await db
      .selectFrom('regions')
      .select(['id', 'name', 'parent_id'])
      .orderBy('id')
      .execute();
    const kept = new Map<string, number>();
    const merges: Array<[duplicate: number, keep: number]> = [];
    for (const r of regions) {
      const key = `${r.name}\u0000${r.parent_id ?? 0}`;
      const keep = kept.get(key);
      if (keep === undefined) kept.set(key, r.id);
      else merges.push([r.id, keep]);
    }
    if (merges.length === 0) return;
    for (const [duplicate, keep] of merges) {
      for (const [table, column] of REGION_REFERENCES)
        await db
          .updateTable(table)
          .set({ [column]: keep })
          .where(column, '=', duplicate)
          .execute();
      await db.deleteFrom('regions').where('id', '=', duplicate).execute();
    }
  }
}

/**
 * Crash-safe, concurrent derivation: the work still owed is a table written with the documents; regions,
 * document observations (one per reported value) get unique keys so writers can use ON CONFLICT.
 */
const crashSafeDerive: Migration = {
  async up(db) {
    // One row per document whose links, observations, statuses and findings are not stored yet; a row
    // without a document owes the whole region. Cleared in the transaction that stores the results.
    await create(db, 'pending_derivations')
      .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id').onDelete('cascade'))
      .addColumn('document_id', 'integer', (c) => c.references('documents.id').onDelete('cascade'))
      .addColumn('queued_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pending_derivations_region')
      .on('pending_derivations')
      .column('region_id')
      .execute();

    await mergeDuplicateRegions(db);
    // A top-level region has no parent: 0 stands for it, since NULLs never collide in a unique index.
    await sql`CREATE UNIQUE INDEX regions_name_parent ON regions (name, (coalesce(parent_id, 0)))`.execute(
      db,
    );
    await db.schema.dropIndex('regions_name').execute();

    // One document observation per reported value (derive rebuilt them by delete + insert before).
    await sql`DELETE FROM observations WHERE achievement_id IS NOT NULL AND id NOT IN (
      SELECT min(id) FROM observations WHERE achievement_id IS NOT NULL GROUP BY achievement_id)`.execute(db);
    await db.schema.dropIndex('observations_achievement').execute();
    await db.schema
      .createIndex('observations_achievement')
      .unique()
      .on('observations')
      .column('achievement_id')
      .execute();
  },
};

/** The PostgreSQL role the server works as: it owns nothing, so it can neither truncate nor disable triggers. */
export const APP_ROLE = 'lantu_app';

/**
 * An audit log nothing can rewrite. SQLite: `INSERT OR REPLACE` deletes the old entry without firing delete
 * triggers (unless recursive_triggers is on), so an insert onto an existing id is refused before it happens.
 * PostgreSQL: the role APP_ROLE (created when the migrating user may) gets rows, not tables: no TRUNCATE, no
 * UPDATE or DELETE on the audit log, no DDL; tables added later get the same grants by default.
 */
const auditLogGuard: Migration = {
  async up(db) {
    if (!isPostgres(db)) {
      await sql`CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
        WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: an entry with this id exists'); END`.execute(db);
      return;
    }
    // Roles belong to the cluster: another store (or a parallel migration) may be creating it right now.
    await sql`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${sql.lit(APP_ROLE)})
        AND (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
        CREATE ROLE ${sql.raw(APP_ROLE)} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`.execute(db);
    await sql`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${sql.lit(APP_ROLE)}) THEN
        RAISE NOTICE 'role ${sql.raw(APP_ROLE)} not created: % may not create roles', current_user;
        RETURN;
      END IF;
      EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${sql.raw(APP_ROLE)}', current_schema());
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO ${sql.raw(APP_ROLE)}', current_schema());
      EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO ${sql.raw(APP_ROLE)}', current_schema());
      EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${sql.raw(APP_ROLE)}', current_schema());
      EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO ${sql.raw(APP_ROLE)}', current_schema());
      REVOKE UPDATE, DELETE ON audit_log FROM ${sql.raw(APP_ROLE)};
      REVOKE INSERT, UPDATE, DELETE ON kysely_migration, kysely_migration_lock FROM ${sql.raw(APP_ROLE)};
    END $$`.execute(db);
  },
};

/**
 * Delegated targets (按市下达目标): the value the higher level assigned, entered by a person with the document
 * that assigned it; every entry is kept (the newest counts), so who changed a target and why stays visible.
 */
const assignedTargets: Migration = {
  async up(db) {
    await create(db, 'assigned_targets')
      .addColumn('row_id', 'integer', (c) => c.notNull().references('indicator_rows.id').onDelete('cascade'))
      .addColumn('cell', 'text', (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('source_document', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('entered_by', 'text', (c) => c.notNull())
      .addColumn('entered_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('assigned_targets_row').on('assigned_targets').column('row_id').execute();
  },
};

/** A table row keeps the engine's source offsets of its name cell, as targets and reported values do. */
const rowEvidence: Migration = {
  async up(db) {
    await db.schema.alterTable('indicator_rows').addColumn('start', 'integer').execute();
    await db.schema.alterTable('indicator_rows').addColumn('end', 'integer').execute();
  },
};

/**
 * Search in the database: each document's reflowed lines in `search_units`, indexed on SQLite by FTS5 with the
 * trigram tokenizer and a contentless FTS5 table of the lines' two-character words (emptied by a trigger, so a deleted
 * document takes its entries along), and on PostgreSQL by a GIN index on a bigram tsvector (no extension needed).
 * Documents stored before are indexed here.
 */
const search: Migration = {
  async up(db) {
    const t = types(db);
    await create(db, 'search_units')
      .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('start', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('anchors', t.json, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('search_units_document')
      .on('search_units')
      .columns(['document_id', 'position'])
      .execute();
    if (isPostgres(db)) {
      await sql`ALTER TABLE search_units ADD COLUMN grams tsvector NOT NULL`.execute(db);
      await sql`CREATE INDEX search_units_grams ON search_units USING gin (grams)`.execute(db);
    } else {
      await sql`CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_units', content_rowid='id',
        tokenize='trigram')`.execute(db);
      await sql`CREATE TRIGGER search_units_insert AFTER INSERT ON search_units BEGIN
        INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END`.execute(db);
      // Two-character words (研发, 养老), which trigrams cannot find: one token per pair, no copy of the text.
      await sql`CREATE VIRTUAL TABLE search_pairs USING fts5(pairs, content='', contentless_delete=1,
        tokenize='unicode61 remove_diacritics 0')`.execute(db);
      // Covering indexes for counting hits by document: neither table's row (text, bytes) is read.
      await sql`CREATE INDEX search_units_id ON search_units (id, document_id)`.execute(db);
      await sql`CREATE INDEX documents_search ON documents (id, region, doc_type, period_start, title)`.execute(
        db,
      );
      await sql`CREATE TRIGGER search_units_delete AFTER DELETE ON search_units BEGIN
        INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body);
        DELETE FROM search_pairs WHERE rowid = old.id; END`.execute(db);
    }
    await indexStoredDocuments(db);
  },
};

/**
 * The audit log as a hash chain: each entry keeps the hash of the one before and its own (repositories/audit.ts),
 * and one chain-head row names the newest entry, so appends serialise on it and a removed tail shows. Entries
 * written before are chained here in id order (the append-only triggers are lifted for that and only that).
 */
const auditChain: Migration = {
  async up(db) {
    await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
    await db.schema
      .createTable('audit_chain')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('last_id', 'integer', (c) => c.notNull())
      .addColumn('last_hash', 'text', (c) => c.notNull())
      .execute();
    const postgres = isPostgres(db);
    if (postgres) await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(db);
    else await sql`DROP TRIGGER audit_log_no_update`.execute(db);
    let previous = { id: 0, hash: GENESIS_HASH };
    for (;;) {
      const rows = (await db
        .selectFrom('audit_log')
        .selectAll()
        .where('id', '>', previous.id)
        .orderBy('id')
        .limit(1000)
        .execute()) as Array<Omit<ChainedFields, 'prev_hash'>>;
      for (const row of rows) {
        const id = Number(row.id);
        const hash = entryHash({ ...row, id, detail: fromJson(row.detail), prev_hash: previous.hash });
        await db
          .updateTable('audit_log')
          .set({ prev_hash: previous.hash, hash })
          .where('id', '=', id)
          .execute();
        previous = { id, hash };
      }
      if (rows.length < 1000) break;
    }
    await db
      .insertInto('audit_chain')
      .values({ id: 1, last_id: previous.id, last_hash: previous.hash })
      .execute();
    if (postgres) {
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(db);
      await sql`ALTER TABLE audit_log ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`.execute(
        db,
      );
      // The chain head is the one row of this table the app role changes; it may not delete it.
      await sql`DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${sql.lit(APP_ROLE)}) THEN
          GRANT SELECT, UPDATE ON audit_chain TO ${sql.raw(APP_ROLE)};
          REVOKE INSERT, DELETE ON audit_chain FROM ${sql.raw(APP_ROLE)};
        END IF;
      END $$`.execute(db);
      await sql`CREATE FUNCTION audit_chain_one_row() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'audit_chain keeps its one row'; END; $$ LANGUAGE plpgsql`.execute(db);
      await sql`CREATE TRIGGER audit_chain_keep BEFORE DELETE ON audit_chain
        FOR EACH ROW EXECUTE FUNCTION audit_chain_one_row()`.execute(db);
    } else {
      await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
      // SQLite cannot add NOT NULL to a column: an unchained entry is refused on the way in.
      await sql`CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
        WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL
        BEGIN SELECT RAISE(ABORT, 'audit_log entries carry prev_hash and hash'); END`.execute(db);
      await sql`CREATE TRIGGER audit_chain_keep BEFORE DELETE ON audit_chain
        BEGIN SELECT RAISE(ABORT, 'audit_chain keeps its one row'); END`.execute(db);
    }
  },
};

/**
 * Document versions (规划调整) and recoverable removal: a revised file is a new documents row that names the first
 * version (`version_of`) and its number; the version it replaced keeps its rows with `superseded_at`; a removed
 * document keeps everything with `removed_at/removed_by`. Monitoring and lists read current, unremoved rows only.
 */
const documentVersions: Migration = {
  async up(db) {
    await db.schema
      .alterTable('documents')
      .addColumn('version_of', 'integer', (c) => c.references('documents.id'))
      .execute();
    await db.schema
      .alterTable('documents')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    for (const column of ['revision_reason', 'superseded_at', 'removed_at', 'removed_by'])
      await db.schema.alterTable('documents').addColumn(column, 'text').execute();
    await db.schema
      .alterTable('documents')
      .addColumn('reading', 'text', (c) => c.notNull().defaultTo('ok'))
      .execute();
    await db.schema
      .alterTable('documents')
      .addColumn('diagnostic_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('documents_version_of').on('documents').column('version_of').execute();
    // Documents stored before: their verdict from the diagnostics they carry.
    const stored: Array<{ id: number; diagnostics: unknown }> = await db
      .selectFrom('documents')
      .select(['id', 'diagnostics'])
      .execute();
    for (const row of stored) {
      const list = (
        typeof row.diagnostics === 'string' ? JSON.parse(row.diagnostics) : row.diagnostics
      ) as Array<{ severity: string }> | null;
      const { reading, diagnostic_count } = readingOf((list ?? []) as Array<{ severity: 'error' }>);
      if (diagnostic_count === 0) continue;
      await db.updateTable('documents').set({ reading, diagnostic_count }).where('id', '=', row.id).execute();
    }
  },
};

/**
 * The ingest queue's own ledger (PostgreSQL's pg-boss holds the jobs): each enqueued file's bytes, so a worker on
 * another machine can read them, keyed by content hash (a file enqueued twice is one row), with what became of it;
 * and the worker processes, seen by their heartbeat. Created on both engines so one schema serves both.
 */
const jobQueue: Migration = {
  async up(db) {
    const t = types(db);
    await create(db, 'queued_files')
      .addColumn('sha256', 'text', (c) => c.notNull().unique())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('byte_size', 'integer', (c) => c.notNull())
      // Emptied once the document is stored: the documents table keeps the bytes from then on.
      .addColumn('content', t.blob)
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error', 'text')
      .addColumn('code', 'text')
      .addColumn('document_id', 'integer', (c) => c.references('documents.id').onDelete('set null'))
      .addColumn('worker_id', 'text')
      .addColumn('enqueued_by', 'text', (c) => c.notNull())
      .addColumn('enqueued_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema
      .createIndex('queued_files_state')
      .on('queued_files')
      .columns(['state', 'finished_at'])
      .execute();
    await db.schema
      .createTable('queue_workers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('pid', 'integer', (c) => c.notNull())
      .addColumn('concurrency', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .addColumn('stopped_at', 'text')
      .addColumn('jobs_done', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('jobs_failed', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};

/**
 * The ledger's missing parts: a unit's parent unit (the 责任单位名单 names it), evidence of progress kept as files
 * (bytes in the store, with name, type, size and sha256), and the reporting cadence each region keeps. And the
 * series index extended by the value, so an import finds a stored value by its natural key in one lookup.
 */
const ledgerFiles: Migration = {
  async up(db) {
    const t = types(db);
    await db.schema
      .createIndex('observations_natural_key')
      .on('observations')
      .columns(['region_id', 'indicator_id', 'year', 'value'])
      .execute();
    // Its prefix serves every query the series index served.
    await db.schema.dropIndex('observations_series').execute();
    await db.schema
      .alterTable('units')
      .addColumn('parent_id', 'integer', (c) => c.references('units.id'))
      .execute();
    await create(db, 'task_attachments')
      .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id'))
      .addColumn('report_id', 'integer', (c) => c.references('task_reports.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('content', t.blob, (c) => c.notNull())
      .addColumn('uploaded_at', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('task_attachments_task').on('task_attachments').column('task_id').execute();
    await create(db, 'reporting_cadences')
      .addColumn('region_id', 'integer', (c) => c.notNull().unique().references('regions.id'))
      .addColumn('cadence', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
  },
};

/**
 * Approval (填报 → 审核 → 发布): one `approvals` row per person's entry (an observation typed or imported, a status
 * override, a correction of a figure) with its state and who moved it when, and `publications`, one per published
 * plan-year, holding the entries it published and a snapshot of the plan's statuses as published.
 */
const approval: Migration = {
  async up(db) {
    const t = types(db);
    await create(db, 'approvals')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'integer', (c) => c.notNull())
      .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
      .addColumn('document_id', 'integer')
      .addColumn('year', 'integer')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('revises', 'integer', (c) => c.references('approvals.id'))
      .addColumn('revision_reason', 'text')
      .addColumn('entered_by', 'text', (c) => c.notNull())
      .addColumn('entered_at', 'text', (c) => c.notNull())
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_at', 'text')
      .addColumn('return_reason', 'text')
      .addColumn('published_by', 'text')
      .addColumn('published_at', 'text')
      .addColumn('publication_id', 'integer')
      .execute();
    await db.schema
      .createIndex('approvals_subject')
      .on('approvals')
      .columns(['kind', 'subject_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('approvals_state')
      .on('approvals')
      .columns(['state', 'region_id', 'year'])
      .execute();
    await create(db, 'publications')
      .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('published_by', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('entries', t.json, (c) => c.notNull())
      .addColumn('statuses', t.json, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('publications_plan_year')
      .on('publications')
      .columns(['document_id', 'year'])
      .execute();
    await db.schema
      .createIndex('publications_region_year')
      .on('publications')
      .columns(['region_id', 'year'])
      .execute();
  },
};

/** Accounts (users with their role, unit and regions), browser sessions and API tokens, secrets stored hashed. */
const accounts: Migration = {
  async up(db) {
    const t = types(db);
    await create(db, 'users')
      .addColumn('login', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('unit', 'text')
      .addColumn('regions', t.json, (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('password_changed_at', 'text', (c) => c.notNull())
      .execute();
    await create(db, 'sessions')
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('digest', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await create(db, 'api_tokens')
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('digest', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();
  },
};

/** Every migration, in order; names sort in the order they must run. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_list_indexes': listIndexes,
  '0003_crash_safe_derive': crashSafeDerive,
  '0005_ledger': ledger,
  '0006_row_evidence': rowEvidence,
  '0007_assigned_targets': assignedTargets,
  '0008_audit_log_guard': auditLogGuard,
  '0009_search': search,
  '0010_accounts': accounts,
  '0011_audit_chain': auditChain,
  '0012_approval': approval,
  '0013_document_versions': documentVersions,
  '0014_job_queue': jobQueue,
  '0015_ledger_files': ledgerFiles,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Bring the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: AnyDb, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
