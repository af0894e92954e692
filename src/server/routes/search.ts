// GET /api/search: full-text search in the database over every stored document, hits in context with facets.
import { Type } from 'typebox';
import { searchDocuments } from '../../store/index.js';
import { SearchAnswer } from '../contract/index.js';
import { sendList } from '../lists.js';
import type { Api, RouteDeps } from './deps.js';

const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 200,
      description: '检索词，空格分隔多个词 / words, space-separated',
    }),
    document_id: Type.Optional(Type.Integer({ description: 'only this document' })),
    region: Type.Optional(
      Type.String({ maxLength: 100, description: '地区 / only documents of this region' }),
    ),
    doc_type: Type.Optional(
      Type.String({ maxLength: 40, description: '文件类型 / plan, work_report, bulletin' }),
    ),
    year: Type.Optional(Type.Integer({ description: "年份 / the document's first year" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    format: Type.Optional(Type.Enum(['json', 'csv', 'xlsx'])),
  },
  { additionalProperties: false },
);

export function registerSearchRoutes(app: Api, deps: RouteDeps): void {
  app.get(
    '/api/search',
    {
      config: { access: 'read' },
      schema: {
        tags: ['documents'],
        summary:
          'full-text search (every word must occur, as written or by a catalog name of it; wrapped lines joined), ranked hits with line and context, facets by region, document type and year',
        querystring: SearchQuery,
        response: { 200: SearchAnswer },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const filter = {
        ...(q.document_id !== undefined ? { documentId: q.document_id } : {}),
        ...(q.region ? { region: q.region } : {}),
        ...(q.doc_type ? { docType: q.doc_type } : {}),
        ...(q.year !== undefined ? { year: q.year } : {}),
      };
      if (q.format === 'csv' || q.format === 'xlsx') {
        const all = await searchDocuments(deps.db, q.q, filter);
        const rows = all.hits.map(({ highlights: _h, ...hit }) => hit);
        return sendList(reply, 'search', rows, q);
      }
      const limit = q.limit ?? 20;
      const offset = q.offset ?? 0;
      const answer = await searchDocuments(deps.db, q.q, filter, { limit, offset });
      return {
        query: answer.query,
        terms: answer.terms,
        expansions: answer.expansions,
        total: answer.total,
        documents: answer.documents,
        limit,
        offset,
        items: answer.hits,
        facets: answer.facets,
      };
    },
  );
}
