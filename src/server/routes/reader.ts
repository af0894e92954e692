// The plan reader's API: a document's text, outline and highlighted figures; figures as a downloadable list.
import { LantuError } from '../../diagnostics.js';
import { getDocument, getDocumentContent, getOutline } from '../../store/index.js';
import { IdParams, ReaderDocument } from '../contract/index.js';
import { listRoute } from '../lists.js';
import type { Api, RouteDeps } from './deps.js';
import { documentFigures } from './figures.js';

export function registerReaderRoutes(app: Api, deps: RouteDeps): void {
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
      config: { access: 'read' },
      schema: {
        tags: ['documents'],
        summary: 'a document for reading: its text, outline, and every extracted figure with its span',
        params: IdParams,
        response: { 200: ReaderDocument },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { doc, text } = await load(id);
      const [outline, figures] = await Promise.all([getOutline(db, id), documentFigures(db, id, text)]);
      return { document: doc, text, outline, figures };
    },
  );

  listRoute<{ kind?: string }>(app, {
    path: '/api/documents/:id/figures',
    access: 'read',
    name: 'figures',
    tag: 'documents',
    summary: 'every figure of a document (targets, reported values, table rows) with link and corrections',
    filters: { kind: { type: 'string', enum: ['target', 'achievement', 'row'] } },
    load: async (q, request) => {
      const { id } = request.params as IdParams;
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
