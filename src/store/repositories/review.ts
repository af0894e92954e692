// The review queue: what the linker could not link with confidence, with its candidates, until a person decides.
import type { Kysely } from 'kysely';
import { LantuError } from '../../diagnostics.js';
import { fromJson, now } from '../json.js';
import type { Candidate } from '../linking.js';
import { countRows, pageOf, windowed, type Paged, type Window } from '../paging.js';
import type { Database, SubjectKind } from '../schema.js';
import { appendAudit } from './audit.js';
import { oweDerivation } from '../owed.js';
import { isCurrentDocument } from '../current.js';

type Db = Kysely<Database>;

export interface ReviewItem {
  id: number;
  subject_kind: SubjectKind;
  subject_id: number;
  document_id: number;
  name: string;
  unit: string | null;
  reason: string;
  candidates: Candidate[];
  state: 'open' | 'linked' | 'dismissed';
  resolved_indicator_id: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  note: string | null;
  created_at: string;
}

export interface ReviewFilter {
  state?: 'open' | 'linked' | 'dismissed';
  subject_kind?: SubjectKind;
  document_id?: number;
  region_id?: number;
}

function reviewQuery(db: Db, filter: ReviewFilter) {
  let query = db.selectFrom('review_items as v');
  if (filter.state) query = query.where('v.state', '=', filter.state);
  if (filter.subject_kind) query = query.where('v.subject_kind', '=', filter.subject_kind);
  // One document's items whatever its state; otherwise only items of documents in use.
  query =
    filter.document_id !== undefined
      ? query.where('v.document_id', '=', filter.document_id)
      : query.where('v.document_id', 'in', (eb) =>
          eb.selectFrom('documents').select('id').where(isCurrentDocument('documents')),
        );
  if (filter.region_id !== undefined)
    query = query.where('v.document_id', 'in', (eb) =>
      eb.selectFrom('documents').select('id').where('region_id', '=', filter.region_id!),
    );
  return query;
}

export async function listReviewItems(
  db: Db,
  filter: ReviewFilter = {},
  window?: Window,
): Promise<ReviewItem[]> {
  const query = reviewQuery(db, filter).selectAll('v').orderBy('v.id');
  return (await windowed(query, window).execute()).map((r) => ({
    ...r,
    candidates: fromJson<Candidate[]>(r.candidates),
  }));
}

export async function pageReviewItems(
  db: Db,
  filter: ReviewFilter = {},
  window?: Window,
): Promise<Paged<ReviewItem>> {
  return pageOf(
    (w) => listReviewItems(db, filter, w),
    () => countRows(reviewQuery(db, filter)),
    window,
  );
}

export interface Resolution {
  /** Link to this catalog indicator, or null to dismiss (not an indicator, or not in the catalog). */
  indicator_id: string | null;
  by: string;
  note?: string | null;
}

/** Resolve a review item: link its subject (a person's link, kept across recomputation) or dismiss it. */
export async function resolveReviewItem(db: Db, id: number, resolution: Resolution): Promise<ReviewItem> {
  return db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom('review_items').selectAll().where('id', '=', id).executeTakeFirst();
    if (!item)
      throw new LantuError({ code: 'review/not-found', message: `review item ${id} does not exist` });
    if (item.state !== 'open') {
      throw new LantuError({
        code: 'review/closed',
        message: `review item ${id} was already resolved (${item.state})`,
        expected: 'an open review item',
      });
    }
    if (resolution.indicator_id !== null) {
      const known = await trx
        .selectFrom('catalog_indicators')
        .select('id')
        .where('id', '=', resolution.indicator_id)
        .executeTakeFirst();
      if (!known) {
        throw new LantuError({
          code: 'review/unknown-indicator',
          message: `catalog indicator "${resolution.indicator_id}" does not exist`,
          expected: 'an id from GET /api/catalog',
        });
      }
      await trx
        .insertInto('links')
        .values({
          subject_kind: item.subject_kind,
          subject_id: item.subject_id,
          document_id: item.document_id,
          indicator_id: resolution.indicator_id,
          confidence: 1,
          method: 'person',
          created_at: now(),
          created_by: resolution.by,
        })
        .execute();
      // A new link changes what the region's statuses are computed from: owed until they are.
      const doc = await trx
        .selectFrom('documents')
        .select('region_id')
        .where('id', '=', item.document_id)
        .executeTakeFirst();
      if (doc?.region_id) await oweDerivation(trx, doc.region_id, item.document_id);
    }
    const state = resolution.indicator_id === null ? 'dismissed' : 'linked';
    await trx
      .updateTable('review_items')
      .set({
        state,
        resolved_indicator_id: resolution.indicator_id,
        resolved_by: resolution.by,
        resolved_at: now(),
        note: resolution.note ?? null,
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, {
      actor: resolution.by,
      action: state === 'linked' ? 'review.link' : 'review.dismiss',
      entity: 'review_item',
      entity_id: id,
      detail: {
        subject_kind: item.subject_kind,
        subject_id: item.subject_id,
        indicator_id: resolution.indicator_id,
        note: resolution.note ?? null,
      },
    });
    const updated = await trx
      .selectFrom('review_items')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { ...updated, candidates: fromJson<Candidate[]>(updated.candidates) };
  });
}
