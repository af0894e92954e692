// The review queue as a person works it: open items grouped by name and unit with their regions, resolved in bulk.
import { requirePlace } from '../auth.js';
import { deriveRegions, listReviewItems, placeOfReviewItem, resolveReviewItem } from '../../store/index.js';
import { BulkResolution, BulkResolved, ReviewGroup, ReviewGroups } from '../contract/index.js';
import { actorOf, type Api, type RouteDeps } from './deps.js';

/** Most items first, then by name: the groups that clear most of the queue come first. */
function groupItems(
  items: Awaited<ReturnType<typeof listReviewItems>>,
  regionOf: Map<number, string | null>,
): ReviewGroup[] {
  const groups = new Map<string, ReviewGroup>();
  for (const item of items) {
    const key = `${item.name}\u0000${item.unit ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { name: item.name, unit: item.unit, count: 0, ids: [], kinds: [], regions: [], candidates: [] };
      g.candidates = item.candidates.map((c) => ({
        indicator_id: c.indicator_id,
        name: c.name,
        score: c.score,
      }));
      groups.set(key, g);
    }
    g.count++;
    g.ids.push(item.id);
    if (!g.kinds.includes(item.subject_kind)) g.kinds.push(item.subject_kind);
    const region = regionOf.get(item.document_id);
    if (region && !g.regions.includes(region)) g.regions.push(region);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'));
}

export function registerReviewGroupRoutes(app: Api, { db }: RouteDeps): void {
  app.get(
    '/api/review/groups',
    {
      config: { access: 'read' },
      schema: {
        tags: ['review'],
        summary: 'open review items grouped by name and unit, with the regions they come from',
        response: { 200: ReviewGroups },
      },
    },
    async () => {
      const [items, documents] = await Promise.all([
        listReviewItems(db, { state: 'open' }),
        db.selectFrom('documents').select(['id', 'region']).execute(),
      ]);
      const groups = groupItems(items, new Map(documents.map((d) => [d.id, d.region])));
      return { items: items.length, groups };
    },
  );

  app.post(
    '/api/review/bulk',
    {
      config: { access: 'review' },
      schema: {
        tags: ['review'],
        summary: 'link many review items to one catalog indicator, or dismiss them all (indicator_id null)',
        body: BulkResolution,
        response: { 200: BulkResolved },
      },
    },
    async (request) => {
      const { body } = request;
      const by = actorOf(request);
      const resolved = [];
      // Every item is checked before any is resolved: a bulk resolve is all in scope or nothing.
      for (const id of body.ids)
        await requirePlace(db, request, await placeOfReviewItem(db, id), `审核项 ${id} / review item ${id}`);
      for (const id of body.ids) {
        resolved.push(
          await resolveReviewItem(db, id, { indicator_id: body.indicator_id, by, note: body.note ?? null }),
        );
      }
      // New links can make report values observations and plan rows judgeable: derive each region once.
      if (body.indicator_id) {
        const docs = [...new Set(resolved.map((r) => r.document_id))];
        const regions = await db
          .selectFrom('documents')
          .select('region_id')
          .where('id', 'in', docs)
          .execute();
        const ids = [...new Set(regions.map((r) => r.region_id).filter((r): r is number => r !== null))];
        if (ids.length > 0) await deriveRegions(db, ids, by, { lint: false });
      }
      return { resolved: resolved.length, items: resolved };
    },
  );
}
