// The review queue: items the linker could not link with confidence, and a person's link or dismissal.
import { requirePlace } from '../auth.js';
import { deriveRegions, pageReviewItems, placeOfReviewItem, resolveReviewItem } from '../../store/index.js';
import { IdParams, Resolution, ReviewItem } from '../contract/index.js';
import { int, listRoute } from '../lists.js';
import { actorOf, type Api, type RouteDeps } from './deps.js';

export function registerReviewRoutes(app: Api, { db }: RouteDeps): void {
  listRoute<{
    state?: 'open' | 'linked' | 'dismissed';
    subject_kind?: 'row' | 'target' | 'achievement';
    document_id?: number;
    region_id?: number;
  }>(app, {
    path: '/api/review',
    access: 'read',
    name: 'review',
    tag: 'review',
    summary: 'items the linker could not link with confidence, with candidates',
    filters: {
      state: { type: 'string', enum: ['open', 'linked', 'dismissed'] },
      subject_kind: { type: 'string', enum: ['row', 'target', 'achievement'] },
      document_id: int('document id'),
      region_id: int('region id'),
    },
    item: ReviewItem,
    page: (q, w) => pageReviewItems(db, q, w),
  });
  app.post(
    '/api/review/:id/resolve',
    {
      config: { access: 'review' },
      schema: {
        tags: ['review'],
        summary: 'link the item to a catalog indicator, or dismiss it (indicator_id null)',
        params: IdParams,
        body: Resolution,
        response: { 200: ReviewItem },
      },
    },
    async (request) => {
      const by = actorOf(request);
      const { indicator_id, note } = request.body;
      await requirePlace(
        db,
        request,
        await placeOfReviewItem(db, request.params.id),
        `审核项 ${request.params.id} / review item ${request.params.id}`,
      );
      const item = await resolveReviewItem(db, request.params.id, { indicator_id, by, note: note ?? null });
      // A new link can make a report value an observation and a plan row judgeable.
      const doc = await db
        .selectFrom('documents')
        .select('region_id')
        .where('id', '=', item.document_id)
        .executeTakeFirst();
      if (indicator_id && doc?.region_id) await deriveRegions(db, [doc.region_id], by, { lint: false });
      return item;
    },
  );
}
