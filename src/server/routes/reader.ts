// The plan reader's API: a document's text, outline and highlighted figures; figures as a downloadable list.
import type { FastifyInstance } from 'fastify';
import { LantuError } from '../../diagnostics.js';
import { getDocument, getDocumentContent, getOutline } from '../../store/index.js';
import { listRoute } from '../lists.js';
import type { RouteDeps } from './deps.js';
import { documentFigures } from './figures.js';

const idParam = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

export function registerReaderRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;
  const load = async (id: number) => {
    const [doc, content] = await Promise.all([getDocument(db, id), getDocumentContent(db, id)]);
    if (!doc || !content)
      throw new LantuError({ code: 'document/not-found', message: `document ${id} does not exist` });
    return { doc, text: content.text };
  };

  app.get(
    '/api/documents/:id/reader',
    {
      schema: {
        tags: ['documents'],
        summary: 'a document for reading: its text, outline, and every extracted figure with its span',
        params: idParam,
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const { doc, text } = await load(id);
      const [outline, figures] = await Promise.all([getOutline(db, id), documentFigures(db, id, text)]);
      return { document: doc, text, outline, figures };
    },
  );

  listRoute<{ kind?: string }>(app, {
    path: '/api/documents/:id/figures',
    name: 'figures',
    tag: 'documents',
    summary: 'every figure of a document (targets, reported values, table rows) with link and corrections',
    filters: { kind: { type: 'string', enum: ['target', 'achievement', 'row'] } },
    load: async (q, request) => {
      const id = Number((request.params as { id: string }).id);
      if (!Number.isInteger(id) || id < 1)
        throw new LantuError({
          code: 'document/not-found',
          message: `document ${(request.params as { id: string }).id} does not exist`,
        });
      const { text } = await load(id);
      const figures = await documentFigures(db, id, text);
      return figures
        .filter((f) => !q.kind || f.kind === q.kind)
        .map(({ cells, original, correction, ...f }) => ({
          ...f,
          cells: cells ? JSON.stringify(cells) : null,
          original: original ? JSON.stringify(original) : null,
          corrected_by: correction?.by ?? null,
          corrected_at: correction?.at ?? null,
          correction_reason: correction?.reason ?? null,
        }));
    },
  });
}
