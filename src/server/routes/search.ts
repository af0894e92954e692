// GET /api/search: full-text search in the database over every stored document, hits in context with facets.
import type { FastifyInstance } from 'fastify';
import { searchDocuments } from '../../store/index.js';
import { sendList } from '../lists.js';
import type { RouteDeps } from './deps.js';

export function registerSearchRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['documents'],
        summary:
          'full-text search (every word must occur, as written or by a catalog name of it; wrapped lines joined), ranked hits with line and context, facets by region, document type and year',
        querystring: {
          type: 'object',
          required: ['q'],
          additionalProperties: false,
          properties: {
            q: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
              description: '检索词，空格分隔多个词 / words, space-separated',
            },
            document_id: { type: 'integer', description: 'only this document' },
            region: { type: 'string', maxLength: 100, description: '地区 / only documents of this region' },
            doc_type: {
              type: 'string',
              maxLength: 40,
              description: '文件类型 / plan, work_report, bulletin',
            },
            year: { type: 'integer', description: "年份 / the document's first year" },
            limit: { type: 'integer', minimum: 1, maximum: 1000 },
            offset: { type: 'integer', minimum: 0 },
            format: { type: 'string', enum: ['json', 'csv', 'xlsx'] },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query as {
        q: string;
        document_id?: number;
        region?: string;
        doc_type?: string;
        year?: number;
        limit?: number;
        offset?: number;
        format?: string;
      };
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
