// Reference data: liveness, regions, the indicator catalog and the append-only audit log with its chain check.
import { pageAudit, pageCatalog, pageRegions, verifyAudit, type AuditFilter } from '../../store/index.js';
import { AuditEntry, AuditVerification, CatalogIndicator, Health, Region } from '../contract/index.js';
import { int, listRoute, str } from '../lists.js';
import type { Api, RouteDeps } from './deps.js';

export function registerReferenceRoutes(app: Api, { db }: RouteDeps): void {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['reference'], summary: 'liveness and database check', response: { 200: Health } },
    },
    async () => {
      const docs = await db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      return { ok: true, documents: Number(docs?.n ?? 0) };
    },
  );

  listRoute<{ name?: string; level?: string; parent_id?: number }>(app, {
    path: '/api/regions',
    access: 'public',
    name: 'regions',
    tag: 'reference',
    summary: 'regions (name, level, parent, 行政区划代码)',
    filters: {
      name: str('exact name'),
      level: str('province | prefecture | county'),
      parent_id: int('parent region id'),
    },
    item: Region,
    page: (q, w) => pageRegions(db, q, w),
  });
  listRoute<{ category?: string; kind?: string; q?: string }>(app, {
    path: '/api/catalog',
    access: 'public',
    name: 'catalog',
    tag: 'reference',
    summary: 'catalog indicators with synonyms, unit, direction and kind',
    filters: {
      category: str('经济发展 | 创新驱动 | 民生福祉 | 绿色生态 | 安全保障'),
      kind: str('level | growth | share | …'),
      q: str('name or synonym contains'),
    },
    item: CatalogIndicator,
    page: (q, w) => pageCatalog(db, q, w),
  });
  listRoute<AuditFilter>(app, {
    path: '/api/audit',
    access: 'comment',
    name: 'audit',
    tag: 'reference',
    summary: 'the append-only audit log, newest first',
    filters: {
      entity: str('document | status | review_item | import | observation | region | task | unit | project'),
      entity_id: str('entity id'),
      actor: str('who acted (exact)'),
      action: str('what was done (exact), e.g. observation.create'),
      since: str('at or after this date (YYYY-MM-DD) or ISO time'),
      until: str('up to the end of this date (YYYY-MM-DD) or this ISO time'),
    },
    item: AuditEntry,
    page: (q, w) => pageAudit(db, q, w),
  });
  app.get(
    '/api/audit/verify',
    {
      config: { access: 'comment' },
      schema: {
        tags: ['reference'],
        summary:
          'walk the audit log’s hash chain: intact, or each rewritten or removed entry (lantu audit verify)',
        response: { 200: AuditVerification },
      },
    },
    async () => verifyAudit(db),
  );
}
