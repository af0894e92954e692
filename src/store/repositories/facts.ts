// Reading extracted facts: indicator rows, targets, reported values (achievements) and projects, with their links.
import type { Kysely } from 'kysely';
import { isCurrentDocument } from '../current.js';
import { fromJson } from '../json.js';
import { countRows, pageOf, windowed, type Paged, type Window } from '../paging.js';
import type { Database } from '../schema.js';
import type { MonitorCell, RowCellsRead } from '../../monitor/index.js';

type Db = Kysely<Database>;

export interface FactFilter {
  document_id?: number;
  region_id?: number;
  indicator_id?: string;
  doc_type?: string;
  /** Only facts not linked to any catalog indicator. */
  unlinked?: boolean;
  /** Reported values only: the year reported. */
  year?: number;
}

export interface IndicatorRow {
  id: number;
  document_id: number;
  table_id: number;
  caption: string | null;
  category: string | null;
  seq: string | null;
  name: string;
  unit: string | null;
  attribute: string | null;
  parent: string | null;
  line: number;
  quote: string;
  /** Source offsets of the name cell; null for rows stored before migration 0006. */
  start: number | null;
  end: number | null;
  raw: Record<string, string | null>;
  typed: Record<string, MonitorCell>;
  indicator_id: string | null;
  link_confidence: number | null;
  link_method: string | null;
  region_id: number | null;
  region: string | null;
  period: string | null;
}

/** A stored row's typed cells as the monitor reads them (typed once at ingest; an absent cell is empty). */
export function rowCellsRead(row: Pick<IndicatorRow, 'typed'>): RowCellsRead {
  const cell = (name: string): MonitorCell => row.typed[name] ?? { type: 'empty', raw: '' };
  return { base: cell('base_raw'), target: cell('target_raw'), growth: cell('growth_raw') };
}

function rowsQuery(db: Db, filter: FactFilter) {
  let query = db
    .selectFrom('indicator_rows as r')
    .innerJoin('indicator_tables as t', 't.id', 'r.table_id')
    .innerJoin('documents as d', 'd.id', 'r.document_id')
    .leftJoin('links as l', (j) => j.onRef('l.subject_id', '=', 'r.id').on('l.subject_kind', '=', 'row'));
  // One document's facts whatever its state; otherwise only what current, unremoved documents say.
  query =
    filter.document_id !== undefined
      ? query.where('r.document_id', '=', filter.document_id)
      : query.where(isCurrentDocument('d'));
  if (filter.region_id !== undefined) query = query.where('d.region_id', '=', filter.region_id);
  if (filter.indicator_id) query = query.where('l.indicator_id', '=', filter.indicator_id);
  if (filter.doc_type) query = query.where('d.doc_type', '=', filter.doc_type);
  if (filter.unlinked) query = query.where('l.id', 'is', null);
  return query;
}

export async function listIndicatorRows(
  db: Db,
  filter: FactFilter = {},
  window?: Window,
): Promise<IndicatorRow[]> {
  const query = rowsQuery(db, filter)
    .select([
      'r.id',
      'r.document_id',
      'r.table_id',
      't.caption',
      'r.category',
      'r.seq',
      'r.name',
      'r.unit',
      'r.attribute',
      'r.parent',
      'r.line',
      'r.quote',
      'r.start',
      'r.end',
      'r.raw',
      'r.typed',
      'l.indicator_id',
      'l.confidence as link_confidence',
      'l.method as link_method',
      'd.region_id',
      'd.region',
      'd.period',
    ])
    // Tables get their ids in document order, so (document, table id, position) is the document's order.
    .orderBy('r.document_id')
    .orderBy('r.table_id')
    .orderBy('r.position');
  return (await windowed(query, window).execute()).map((r) => ({
    ...r,
    raw: fromJson(r.raw),
    typed: fromJson(r.typed),
  }));
}

export async function pageIndicatorRows(
  db: Db,
  filter: FactFilter = {},
  window?: Window,
): Promise<Paged<IndicatorRow>> {
  return pageOf(
    (w) => listIndicatorRows(db, filter, w),
    () => countRows(rowsQuery(db, filter)),
    window,
  );
}

export interface Target {
  id: number;
  document_id: number;
  indicator: string;
  comparator: string | null;
  value: string;
  value_max: string | null;
  unit: string | null;
  year: number | null;
  aspirational: boolean;
  line: number;
  quote: string;
  start: number | null;
  end: number | null;
  indicator_id: string | null;
  link_confidence: number | null;
}

function targetsQuery(db: Db, filter: FactFilter) {
  let query = db
    .selectFrom('targets as x')
    .innerJoin('documents as d', 'd.id', 'x.document_id')
    .leftJoin('links as l', (j) => j.onRef('l.subject_id', '=', 'x.id').on('l.subject_kind', '=', 'target'));
  // One document's facts whatever its state; otherwise only what current, unremoved documents say.
  query =
    filter.document_id !== undefined
      ? query.where('x.document_id', '=', filter.document_id)
      : query.where(isCurrentDocument('d'));
  if (filter.region_id !== undefined) query = query.where('d.region_id', '=', filter.region_id);
  if (filter.indicator_id) query = query.where('l.indicator_id', '=', filter.indicator_id);
  if (filter.doc_type) query = query.where('d.doc_type', '=', filter.doc_type);
  if (filter.unlinked) query = query.where('l.id', 'is', null);
  return query;
}

export async function listTargets(db: Db, filter: FactFilter = {}, window?: Window): Promise<Target[]> {
  const query = targetsQuery(db, filter)
    .select([
      'x.id',
      'x.document_id',
      'x.indicator',
      'x.comparator',
      'x.value',
      'x.value_max',
      'x.unit',
      'x.year',
      'x.aspirational',
      'x.line',
      'x.quote',
      'x.start',
      'x.end',
      'l.indicator_id',
      'l.confidence as link_confidence',
    ])
    .orderBy('x.document_id')
    .orderBy('x.position');
  return (await windowed(query, window).execute()).map((r) => ({ ...r, aspirational: r.aspirational === 1 }));
}

export async function pageTargets(db: Db, filter: FactFilter = {}, window?: Window): Promise<Paged<Target>> {
  return pageOf(
    (w) => listTargets(db, filter, w),
    () => countRows(targetsQuery(db, filter)),
    window,
  );
}

export interface Achievement {
  id: number;
  document_id: number;
  region_id: number | null;
  doc_type: string;
  indicator: string;
  value: string;
  unit: string | null;
  year: number | null;
  period: string | null;
  metric: string;
  line: number;
  quote: string;
  start: number | null;
  end: number | null;
  indicator_id: string | null;
  link_confidence: number | null;
}

function achievementsQuery(db: Db, filter: FactFilter) {
  let query = db
    .selectFrom('achievements as x')
    .innerJoin('documents as d', 'd.id', 'x.document_id')
    .leftJoin('links as l', (j) =>
      j.onRef('l.subject_id', '=', 'x.id').on('l.subject_kind', '=', 'achievement'),
    );
  // One document's facts whatever its state; otherwise only what current, unremoved documents say.
  query =
    filter.document_id !== undefined
      ? query.where('x.document_id', '=', filter.document_id)
      : query.where(isCurrentDocument('d'));
  if (filter.region_id !== undefined) query = query.where('d.region_id', '=', filter.region_id);
  if (filter.indicator_id) query = query.where('l.indicator_id', '=', filter.indicator_id);
  if (filter.doc_type) query = query.where('d.doc_type', '=', filter.doc_type);
  if (filter.unlinked) query = query.where('l.id', 'is', null);
  if (filter.year !== undefined) query = query.where('x.year', '=', filter.year);
  return query;
}

export async function listAchievements(
  db: Db,
  filter: FactFilter = {},
  window?: Window,
): Promise<Achievement[]> {
  const query = achievementsQuery(db, filter)
    .select([
      'x.id',
      'x.document_id',
      'd.region_id',
      'd.doc_type',
      'x.indicator',
      'x.value',
      'x.unit',
      'x.year',
      'x.period',
      'x.metric',
      'x.line',
      'x.quote',
      'x.start',
      'x.end',
      'l.indicator_id',
      'l.confidence as link_confidence',
    ])
    .orderBy('x.document_id')
    .orderBy('x.position');
  return windowed(query, window).execute();
}

export async function pageAchievements(
  db: Db,
  filter: FactFilter = {},
  window?: Window,
): Promise<Paged<Achievement>> {
  return pageOf(
    (w) => listAchievements(db, filter, w),
    () => countRows(achievementsQuery(db, filter)),
    window,
  );
}

export interface Project {
  id: number;
  document_id: number;
  name: string;
  investment: string | null;
  box: string | null;
  line: number;
}

export type ProjectFilter = Pick<FactFilter, 'document_id' | 'region_id'> & { box?: string };

function projectsQuery(db: Db, filter: ProjectFilter) {
  let query = db.selectFrom('projects as p').innerJoin('documents as d', 'd.id', 'p.document_id');
  // One document's facts whatever its state; otherwise only what current, unremoved documents say.
  query =
    filter.document_id !== undefined
      ? query.where('p.document_id', '=', filter.document_id)
      : query.where(isCurrentDocument('d'));
  if (filter.region_id !== undefined) query = query.where('d.region_id', '=', filter.region_id);
  if (filter.box) query = query.where('p.box', '=', filter.box);
  return query;
}

export async function listProjects(db: Db, filter: ProjectFilter = {}, window?: Window): Promise<Project[]> {
  const query = projectsQuery(db, filter)
    .select(['p.id', 'p.document_id', 'p.name', 'p.investment', 'p.box', 'p.line'])
    .orderBy('p.document_id')
    .orderBy('p.position');
  return windowed(query, window).execute();
}

export async function pageProjects(
  db: Db,
  filter: ProjectFilter = {},
  window?: Window,
): Promise<Paged<Project>> {
  return pageOf(
    (w) => listProjects(db, filter, w),
    () => countRows(projectsQuery(db, filter)),
    window,
  );
}
