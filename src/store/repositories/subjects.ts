// Where a subject of a write lies: its region and the units assigned to it, for the one scope check of the server.
import type { Kysely } from 'kysely';
import { fromJson } from '../json.js';
import type { Database } from '../schema.js';

type Db = Kysely<Database>;

/** What a scope check needs of a subject; undefined when the subject does not exist (the route answers 404). */
export interface SubjectPlace {
  region_id: number | null;
  unit_ids: Array<number | null>;
}

async function documentPlace(db: Db, documentId: number | undefined): Promise<SubjectPlace | undefined> {
  if (documentId === undefined) return undefined;
  const doc = await db
    .selectFrom('documents')
    .select('region_id')
    .where('id', '=', documentId)
    .executeTakeFirst();
  return doc ? { region_id: doc.region_id, unit_ids: [] } : undefined;
}

export async function placeOfDocument(db: Db, id: number) {
  return documentPlace(db, id);
}

export async function placeOfStatus(db: Db, id: number): Promise<SubjectPlace | undefined> {
  const row = await db.selectFrom('statuses').select('region_id').where('id', '=', id).executeTakeFirst();
  return row ? { region_id: row.region_id, unit_ids: [] } : undefined;
}

export async function placeOfReviewItem(db: Db, id: number) {
  const row = await db
    .selectFrom('review_items')
    .select('document_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return documentPlace(db, row?.document_id);
}

/** An extracted figure (a target, a reported value or an indicator table row) lies where its document does. */
export async function placeOfFigure(db: Db, kind: 'target' | 'achievement' | 'row', id: number) {
  const table = kind === 'row' ? 'indicator_rows' : kind === 'target' ? 'targets' : 'achievements';
  const row = await db.selectFrom(table).select('document_id').where('id', '=', id).executeTakeFirst();
  return documentPlace(db, row?.document_id);
}

export async function placeOfTask(db: Db, id: number): Promise<SubjectPlace | undefined> {
  const task = await db
    .selectFrom('tasks')
    .select(['region_id', 'lead_unit_id', 'supporting_unit_ids'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!task) return undefined;
  return {
    region_id: task.region_id,
    unit_ids: [task.lead_unit_id, ...fromJson<number[]>(task.supporting_unit_ids)],
  };
}

export async function placeOfProject(db: Db, id: number): Promise<SubjectPlace | undefined> {
  const project = await db
    .selectFrom('project_ledger')
    .select(['region_id', 'lead_unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return project ? { region_id: project.region_id, unit_ids: [project.lead_unit_id] } : undefined;
}

export async function placeOfUnit(db: Db, id: number): Promise<SubjectPlace | undefined> {
  const unit = await db.selectFrom('units').select('region_id').where('id', '=', id).executeTakeFirst();
  return unit ? { region_id: unit.region_id, unit_ids: [id] } : undefined;
}
