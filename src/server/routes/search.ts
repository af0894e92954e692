// GET /api/search: Chinese full-text search over every stored document, hits in context with their line.
import { Type } from 'typebox';
import { SearchIndex } from '../../search/index.js';
import { SearchAnswer } from '../contract/index.js';
import { sendList } from '../lists.js';
import type { Api, RouteDeps } from './deps.js';

const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, description: '检索词，空格分隔多个词 / words, space-separated' }),
    document_id: Type.Optional(Type.Integer({ description: 'only this document' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    format: Type.Optional(Type.Enum(['json', 'csv', 'xlsx'])),
  },
  { additionalProperties: false },
);

/** The index follows the store: documents added since the last query are indexed before it runs. */
export function documentIndex(deps: RouteDeps): { index: () => Promise<SearchIndex> } {
  let index = new SearchIndex();
  let known = new Set<number>();
  return {
    async index() {
      const ids = (await deps.db.selectFrom('documents').select('id').execute()).map((r) => r.id);
      const present = new Set(ids);
      // A document was deleted: start again rather than keep its lines.
      if ([...known].some((id) => !present.has(id))) {
        index = new SearchIndex();
        known = new Set();
      }
      const fresh = ids.filter((id) => !known.has(id));
      for (let i = 0; i < fresh.length; i += 20) {
        const docs = await deps.db
          .selectFrom('documents')
          .select(['id', 'title', 'text', 'doc_type', 'region'])
          .where('id', 'in', fresh.slice(i, i + 20))
          .execute();
        for (const doc of docs) {
          index.add(doc);
          known.add(doc.id);
        }
      }
      return index;
    },
  };
}

export function registerSearchRoutes(app: Api, deps: RouteDeps): void {
  const documents = documentIndex(deps);
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['documents'],
        summary:
          'full-text search (Chinese words by the planning dictionary; every word must occur), hits with line and context',
        querystring: SearchQuery,
        response: { 200: SearchAnswer },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const index = await documents.index();
      const all = index.search(q.q, {
        limit: Number.MAX_SAFE_INTEGER,
        ...(q.document_id !== undefined ? { documentIds: [q.document_id] } : {}),
      });
      if (q.format === 'csv' || q.format === 'xlsx') {
        const rows = all.hits.map(({ highlights: _h, ...hit }) => hit);
        return sendList(reply, 'search', rows, q);
      }
      const limit = q.limit ?? 20;
      const offset = q.offset ?? 0;
      return {
        query: all.query,
        terms: all.terms,
        total: all.total,
        limit,
        offset,
        items: all.hits.slice(offset, offset + limit),
      };
    },
  );
}
