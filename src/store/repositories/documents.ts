// Documents and everything extracted from them: written in one transaction per document, read as plain objects.
import type { ExpressionBuilder, Insertable, Kysely, Transaction } from 'kysely';
import type { Diagnostic } from '../../diagnostics.js';
import type { Extraction } from '../../extract/model.js';
import { listedOutline } from '../../pipeline.js';
import type {
  IndicatorRow as TableRow,
  IndicatorTable as TableFact,
  ValueRole,
} from '../../structure/tables/index.js';
import type { Evidence } from '../../text/span.js';
import type { DocumentRecord } from '../analysis.js';
import { readCell, type PlacedCell } from '../../monitor/index.js';
import { fromJson, now, toJson } from '../json.js';
import { linkExtraction, linksFit, worthReview, type LinkDecision } from '../linking.js';
import type { Database, SubjectKind } from '../schema.js';
import { countRows, pageOf, windowed, type Paged, type Window } from '../paging.js';
import { appendAudit } from './audit.js';
import { ensureRegion } from './regions.js';
import { oweDerivation } from '../owed.js';
import { searchUnitsOfText } from '../../search/index.js';
import { insertSearchUnits } from './search.js';

type Db = Kysely<Database>;

/** Rows per INSERT: at most 15 columns × 500 rows, well under SQLite's and pg's bound-parameter limits. */
const CHUNK = 500;

type WithId = 'headings' | 'indicator_tables' | 'indicator_rows' | 'targets' | 'achievements' | 'projects';

/** Insert many rows in a few statements and return their ids in the order of `rows`. */
async function insertChunked<T extends WithId>(
  db: Db,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted: { id: number }[] = await db
      .insertInto(table as WithId)
      .values(rows.slice(i, i + CHUNK) as never)
      .returning('id')
      .execute();
    // Ids are assigned in VALUES order inside the transaction; RETURNING order itself is not guaranteed.
    ids.push(...inserted.map((r) => r.id).sort((a, b) => a - b));
  }
  return ids;
}

/** Insert many rows without reading anything back. */
async function insertAll<T extends 'links' | 'review_items'>(
  db: Db,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto(table as 'links')
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
}

export function periodYears(period: string | null): { start: number | null; end: number | null } {
  const range = /(\d{4})\D+(\d{4})/.exec(period ?? '');
  if (range) return { start: Number(range[1]), end: Number(range[2]) };
  const single = /(\d{4})/.exec(period ?? '');
  return single ? { start: Number(single[1]), end: Number(single[1]) } : { start: null, end: null };
}

export const ROW_CELLS = ['base_raw', 'target_raw', 'growth_raw', 'actual_raw', 'actual_growth_raw'] as const;

/** The cells of a row as written, by exchange name; a completion table's actual cells only when it has them. */
function rowCells(table: TableFact, row: TableRow): Record<string, string | null> {
  const hasActual =
    table.columns.some((c) => c.role === 'actual' || c.role === 'actual_growth') ||
    table.rows.some((r) => r.cells.actual !== undefined || r.cells.actual_growth !== undefined);
  const raw: Record<string, string | null> = {
    base_raw: row.cells.base?.raw ?? null,
    target_raw: row.cells.target?.raw ?? null,
    growth_raw: row.cells.growth?.raw ?? null,
  };
  if (hasActual) {
    raw.actual_raw = row.cells.actual?.raw ?? null;
    raw.actual_growth_raw = row.cells.actual_growth?.raw ?? null;
  }
  return raw;
}

/** The table role each stored cell holds. */
const ROLE_OF_CELL: Record<(typeof ROW_CELLS)[number], ValueRole> = {
  base_raw: 'base',
  target_raw: 'target',
  growth_raw: 'growth',
  actual_raw: 'actual',
  actual_growth_raw: 'actual_growth',
};

/** Each cell read once (`readCell`), with the engine's evidence of where it is written (what the linter cites). */
function typedCells(row: TableRow, raw: Record<string, string | null>): Record<string, PlacedCell> {
  const typed: Record<string, PlacedCell> = {};
  for (const [cell, text] of Object.entries(raw)) {
    const evidence = row.cells[ROLE_OF_CELL[cell as (typeof ROW_CELLS)[number]]]?.evidence;
    // A cell whose evidence is its row's name (not found in a reviewed file's text) has no place of its own.
    const own = evidence && !(evidence.start === row.evidence.start && evidence.end === row.evidence.end);
    typed[cell] = own ? { ...readCell(text), evidence } : readCell(text);
  }
  return typed;
}

/** The evidence columns of a fact: the engine's own line, quote and source offsets. */
function evidenceColumns(e: Evidence) {
  return { line: e.line, quote: e.quote, start: e.start, end: e.end };
}

interface Subject {
  kind: SubjectKind;
  id: number;
  name: string;
  unit: string | null;
  link: LinkDecision;
}

/** Links for the confident subjects, review items (with candidates) for real candidates: two batched inserts. */
async function recordLinks(trx: Db, documentId: number, subjects: Subject[]): Promise<void> {
  const at = now();
  const links: Insertable<Database['links']>[] = [];
  const review: Insertable<Database['review_items']>[] = [];
  for (const { kind, id, name, unit, link } of subjects) {
    if (link.indicator_id) {
      links.push({
        subject_kind: kind,
        subject_id: id,
        document_id: documentId,
        indicator_id: link.indicator_id,
        confidence: link.confidence,
        method: 'auto',
        created_at: at,
        created_by: 'lantu',
      });
    } else if (worthReview(kind, link)) {
      review.push({
        subject_kind: kind,
        subject_id: id,
        document_id: documentId,
        name,
        unit,
        reason: link.reason ?? 'low-confidence',
        candidates: toJson(link.candidates),
        state: 'open',
        resolved_indicator_id: null,
        resolved_by: null,
        resolved_at: null,
        note: null,
        created_at: at,
      });
    }
  }
  await insertAll(trx, 'links', links);
  await insertAll(trx, 'review_items', review);
}

/** What ingest needs to know about a document it just stored. */
export interface StoredDocument {
  id: number;
  regionId: number | null;
  docType: string;
}

/**
 * Store one analysed document, its extraction and the links of its rows, targets and reported values, inside
 * the caller's transaction: one batched INSERT per table; its region is owed a derivation from then on.
 * Returns the new document's id and region, or null when the same bytes were stored meanwhile (another process).
 */
/** A revised version (规划调整): the first version's id, this version's number and why it was revised. */
export interface Revision {
  of: number;
  version: number;
  reason: string | null;
}

export async function insertDocument(
  trx: Transaction<Database>,
  record: DocumentRecord,
  bytes: Uint8Array,
  actor: string,
  revision?: Revision,
): Promise<StoredDocument | null> {
  const x: Extraction = record.extraction;
  const meta = x.metadata;
  const links = linksFit(record.links, x) ? record.links : linkExtraction(x);
  const regionId = await ensureRegion(trx, meta);
  const years = periodYears(meta.period);
  const inserted = await trx
    .insertInto('documents')
    .values({
      sha256: record.sha256,
      filename: record.filename,
      format: record.format,
      encoding: record.encoding,
      byte_size: bytes.byteLength,
      content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      text: record.text,
      title: meta.title,
      doc_type: meta.doc_type,
      region_id: regionId,
      region: meta.region,
      parent_region: meta.parent_region,
      province: meta.province,
      period: meta.period,
      period_start: years.start,
      period_end: years.end,
      vision_year: meta.vision_year,
      diagnostics: toJson(record.diagnostics),
      ...readingOf(record.diagnostics),
      ingested_at: now(),
      ingested_by: actor,
      ...(revision
        ? { version_of: revision.of, version: revision.version, revision_reason: revision.reason }
        : {}),
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  const documentId = inserted.id;

  await insertChunked(
    trx,
    'headings',
    listedOutline(x.outline).map((h, position) => ({
      document_id: documentId,
      position,
      level: h.level,
      label: h.label,
      title: h.title,
      line: h.line,
    })),
  );

  const tableIds = await insertChunked(
    trx,
    'indicator_tables',
    x.tables.map((table, position) => ({
      document_id: documentId,
      position,
      caption: table.caption,
      line: table.line,
      columns: toJson(table.columns.map((c) => c.header)),
    })),
  );
  // Every row of every table in one go, in table order (so row ids follow the document's order).
  const rows = x.tables.flatMap((table, t) =>
    table.rows.map((row, rowPosition) => {
      const raw = rowCells(table, row);
      const typed = typedCells(row, raw);
      return {
        table_id: tableIds[t]!,
        document_id: documentId,
        position: rowPosition,
        category: row.category,
        seq: row.seq,
        name: row.name,
        unit: row.unit,
        attribute: row.cells.attribute?.raw ?? null,
        parent: row.parent,
        line: row.line,
        quote: row.evidence.quote,
        start: row.evidence.start,
        end: row.evidence.end,
        raw: toJson(raw),
        typed: toJson(typed),
      };
    }),
  );
  const rowIds = await insertChunked(trx, 'indicator_rows', rows);
  const subjects: Subject[] = [];
  let r = 0;
  x.tables.forEach((table, t) =>
    table.rows.forEach((row, i) =>
      subjects.push({
        kind: 'row',
        id: rowIds[r++]!,
        name: row.name,
        unit: row.unit,
        link: links.rows[t]![i]!,
      }),
    ),
  );

  const targetIds = await insertChunked(
    trx,
    'targets',
    x.targets.map((t, position) => ({
      document_id: documentId,
      position,
      indicator: t.indicator,
      comparator: t.comparator,
      value: t.value,
      value_max: t.value_max,
      unit: t.unit,
      year: t.year,
      aspirational: t.aspirational ? 1 : 0,
      ...evidenceColumns(t.evidence),
    })),
  );
  x.targets.forEach((t, i) =>
    subjects.push({
      kind: 'target',
      id: targetIds[i]!,
      name: t.indicator,
      unit: t.unit,
      link: links.targets[i]!,
    }),
  );

  const achievementIds = await insertChunked(
    trx,
    'achievements',
    x.achievements.map((a, position) => ({
      document_id: documentId,
      position,
      indicator: a.indicator,
      value: a.value,
      unit: a.unit,
      year: a.year,
      period: a.period,
      metric: a.metric,
      ...evidenceColumns(a.evidence),
    })),
  );
  x.achievements.forEach((a, i) =>
    subjects.push({
      kind: 'achievement',
      id: achievementIds[i]!,
      name: a.indicator,
      unit: a.unit,
      link: links.achievements[i]!,
    }),
  );

  await insertChunked(
    trx,
    'projects',
    x.projects.map((p, position) => ({
      document_id: documentId,
      position,
      name: p.name,
      investment: p.investment,
      box: p.box,
      line: p.evidence.line,
    })),
  );

  await recordLinks(trx, documentId, subjects);
  await insertSearchUnits(trx, documentId, record.search ?? searchUnitsOfText(record.text));
  // Written with the document, so a crash before its statuses are stored leaves the debt, not a silent gap.
  if (regionId !== null) await oweDerivation(trx, regionId, documentId);
  await appendAudit(trx, {
    actor,
    action: 'ingest',
    entity: 'document',
    entity_id: documentId,
    detail: { filename: record.filename, sha256: record.sha256, bytes: bytes.byteLength },
  });
  return { id: documentId, regionId, docType: meta.doc_type };
}

export type Reading = 'ok' | 'warnings' | 'errors';

/** The verdict on a document's reading from the diagnostics its reading stages left. */
export function readingOf(diagnostics: readonly Pick<Diagnostic, 'severity'>[]): {
  reading: Reading;
  diagnostic_count: number;
} {
  const errors = diagnostics.some((d) => d.severity === 'error');
  const reading: Reading = errors ? 'errors' : diagnostics.length > 0 ? 'warnings' : 'ok';
  return { reading, diagnostic_count: diagnostics.length };
}

export async function documentIdBySha(db: Db, sha256: string): Promise<number | undefined> {
  const row = await db.selectFrom('documents').select('id').where('sha256', '=', sha256).executeTakeFirst();
  return row?.id;
}

export interface DocumentSummary {
  id: number;
  sha256: string;
  filename: string;
  format: string;
  encoding: string | null;
  byte_size: number;
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
  ingested_at: string;
  ingested_by: string;
  /** The document across its versions: the first version's id (this row's own id for a first version). */
  document_id: number;
  version: number;
  revision_reason: string | null;
  superseded_at: string | null;
  removed_at: string | null;
  removed_by: string | null;
  /** ok: read without a message; warnings: read with messages; errors: a reading stage reported an error. */
  reading: Reading;
  diagnostic_count: number;
}

/** What a list shows of a document: its reading verdict and how many versions it has. */
export interface DocumentListed extends DocumentSummary {
  /** Versions stored of this document (this one included). */
  versions: number;
}

const SUMMARY_COLUMNS = [
  'id',
  'sha256',
  'filename',
  'format',
  'encoding',
  'byte_size',
  'title',
  'doc_type',
  'region_id',
  'region',
  'parent_region',
  'province',
  'period',
  'period_start',
  'period_end',
  'vision_year',
  'ingested_at',
  'ingested_by',
  'version',
  'revision_reason',
  'superseded_at',
  'removed_at',
  'removed_by',
  'reading',
  'diagnostic_count',
] as const;

/** The columns of a summary, with the document's id across versions. */
function summaryColumns(eb: ExpressionBuilder<Database, 'documents'>) {
  return [
    ...SUMMARY_COLUMNS,
    eb.fn.coalesce('version_of', 'id').$castTo<number>().as('document_id'),
  ] as const;
}

export type DocumentState = 'current' | 'removed';

export interface DocumentFilter {
  doc_type?: string;
  region_id?: number;
  region?: string;
  period?: string;
  /** current (default): documents in use, newest version; removed: the removed ones, to restore. */
  state?: DocumentState;
  reading?: Reading;
}

function documentsQuery(db: Db, filter: DocumentFilter) {
  let query = db.selectFrom('documents').where('superseded_at', 'is', null);
  query =
    filter.state === 'removed'
      ? query.where('removed_at', 'is not', null)
      : query.where('removed_at', 'is', null);
  if (filter.doc_type) query = query.where('doc_type', '=', filter.doc_type);
  if (filter.region_id !== undefined) query = query.where('region_id', '=', filter.region_id);
  if (filter.region) query = query.where('region', '=', filter.region);
  if (filter.period) query = query.where('period', '=', filter.period);
  if (filter.reading) query = query.where('reading', '=', filter.reading);
  return query;
}

/** Versions stored per document (first version's id → count). */
async function versionCounts(db: Db, documentIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (documentIds.length === 0) return out;
  const rows = await db
    .selectFrom('documents')
    .select((eb) => [
      eb.fn.coalesce('version_of', 'id').$castTo<number>().as('document_id'),
      eb.fn.countAll().as('n'),
    ])
    .where((eb) => eb.or([eb('id', 'in', [...documentIds]), eb('version_of', 'in', [...documentIds])]))
    .groupBy((eb) => eb.fn.coalesce('version_of', 'id'))
    .execute();
  for (const r of rows) out.set(Number(r.document_id), Number(r.n));
  return out;
}

export async function listDocuments(
  db: Db,
  filter: DocumentFilter = {},
  window?: Window,
): Promise<DocumentListed[]> {
  const query = documentsQuery(db, filter).select(summaryColumns).orderBy('id');
  const rows = await windowed(query, window).execute();
  const counts = await versionCounts(
    db,
    rows.map((r) => Number(r.document_id)),
  );
  return rows.map((row) => ({
    ...row,
    document_id: Number(row.document_id),
    versions: counts.get(Number(row.document_id)) ?? 1,
  }));
}

/** Every version of the document that `id` is a version of, first version first. */
export async function listVersions(db: Db, id: number): Promise<DocumentSummary[]> {
  const of = await db
    .selectFrom('documents')
    .select((eb) => eb.fn.coalesce('version_of', 'id').$castTo<number>().as('document_id'))
    .where('id', '=', id)
    .executeTakeFirst();
  if (!of) return [];
  const lineage = Number(of.document_id);
  const rows = await db
    .selectFrom('documents')
    .select(summaryColumns)
    .where((eb) => eb.or([eb('id', '=', lineage), eb('version_of', '=', lineage)]))
    .orderBy('version')
    .execute();
  return rows.map((row) => ({ ...row, document_id: Number(row.document_id) }));
}

export async function pageDocuments(
  db: Db,
  filter: DocumentFilter = {},
  window?: Window,
): Promise<Paged<DocumentListed>> {
  return pageOf(
    (w) => listDocuments(db, filter, w),
    () => countRows(documentsQuery(db, filter)),
    window,
  );
}

export async function getDocument(
  db: Db,
  id: number,
): Promise<(DocumentSummary & { diagnostics: Diagnostic[] }) | undefined> {
  const row = await db
    .selectFrom('documents')
    .select((eb) => [...summaryColumns(eb), 'diagnostics'])
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    row && {
      ...row,
      document_id: Number(row.document_id),
      diagnostics: fromJson<Diagnostic[]>(row.diagnostics),
    }
  );
}

export async function getDocumentContent(
  db: Db,
  id: number,
): Promise<{ filename: string; content: Buffer; text: string } | undefined> {
  return db
    .selectFrom('documents')
    .select(['filename', 'content', 'text'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface Heading {
  id: number;
  level: number;
  label: string | null;
  title: string;
  line: number;
}

export async function getOutline(db: Db, documentId: number, window?: Window): Promise<Heading[]> {
  const query = db
    .selectFrom('headings')
    .select(['id', 'level', 'label', 'title', 'line'])
    .where('document_id', '=', documentId)
    .orderBy('position');
  return windowed(query, window).execute();
}

export async function pageOutline(db: Db, documentId: number, window?: Window): Promise<Paged<Heading>> {
  return pageOf(
    (w) => getOutline(db, documentId, w),
    () => countRows(db.selectFrom('headings').where('document_id', '=', documentId)),
    window,
  );
}
