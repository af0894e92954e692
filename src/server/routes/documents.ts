// Documents: the stored list, uploads (= ingest), one document, its bytes, its extraction and outline, a plan.
import type { MultipartFile } from '@fastify/multipart';
import { Type } from 'typebox';
import { LantuError } from '../../diagnostics.js';
import { isLimitCode } from '../../readers/index.js';
import { LABEL_ORDER } from '../../monitor/index.js';
import {
  deriveOwed,
  getDocument,
  getDocumentContent,
  getOutline,
  ingest,
  ingestVersion,
  listVersions,
  removeDocument,
  restoreDocument,
  listIndicatorRows,
  loadExtraction,
  pageDocuments,
  pageOutline,
} from '../../store/index.js';
import {
  ApiErrorBody,
  DocumentDetail,
  DocumentListed,
  DocumentSummary,
  Heading,
  IdParams,
  IngestAnswer,
  PlanDetail,
  RemovalAnswer,
  RemovalRequest,
  VersionAnswer,
} from '../contract/index.js';
import { httpError, UPLOAD_TOTAL_CODE, uploadTotalTooLarge } from '../errors.js';
import { int, listRoute, str, type QueryProperties } from '../lists.js';
import { safeUploadName } from '../security.js';
import { actorOf, type Api, type RouteDeps } from './deps.js';
import type { FastifyRequest } from 'fastify';
import type { DocumentState, Reading } from '../../store/index.js';

/** The bytes of one uploaded file, read chunk by chunk; `count` sees every chunk (and may refuse it). */
async function readPart(part: MultipartFile, count: (bytes: number) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    count(chunk.length);
    chunks.push(chunk);
  }
  // Past the per-file limit the stream ends early and says so.
  if (part.file.truncated) throw httpError(413, 'file too large', { code: 'FST_REQ_FILE_TOO_LARGE' });
  return Buffer.concat(chunks);
}

const notFound = (id: number | string) =>
  new LantuError({ code: 'document/not-found', message: `document ${id} does not exist` });

export const DOCUMENT_FILTERS: QueryProperties = {
  doc_type: { type: 'string', enum: ['plan', 'work_report', 'bulletin'] },
  region_id: int('region id'),
  region: str('region name'),
  period: str('2021-2025, 2022, …'),
};

/** A list of documents also filters by state (in use or removed) and by the reading's verdict. */
const LIST_FILTERS: QueryProperties = {
  ...DOCUMENT_FILTERS,
  state: {
    type: 'string',
    enum: ['current', 'removed'],
    description: 'current (default: in use, newest version) or removed (to restore)',
  },
  reading: { type: 'string', enum: ['ok', 'warnings', 'errors'], description: "the reading's verdict" },
};

type DocumentQuery = {
  doc_type?: string;
  region_id?: number;
  region?: string;
  period?: string;
  state?: DocumentState;
  reading?: Reading;
};

/** One uploaded file and the form's text fields (a revision's `reason`), the file's bytes under the limits. */
async function readUpload(
  request: FastifyRequest,
  uploads: RouteDeps['uploads'],
): Promise<{ file: string; bytes: Uint8Array; fields: Record<string, string> }> {
  if (!request.isMultipart())
    throw httpError(400, 'expected a multipart/form-data upload with one "file" field', {
      code: 'upload/not-multipart',
    });
  const fields: Record<string, string> = {};
  let upload: { file: string; bytes: Uint8Array } | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      fields[part.fieldname] = String(part.value);
      continue;
    }
    if (upload)
      throw httpError(400, 'a revised version is one file; this upload has more', {
        code: 'upload/one-file',
        expected: 'one "file" field',
      });
    let total = 0;
    const bytes = await readPart(part, (n) => {
      total += n;
      if (total > uploads.total)
        throw httpError(413, uploadTotalTooLarge(uploads.total), { code: UPLOAD_TOTAL_CODE });
    });
    if (bytes.length === 0)
      throw httpError(400, `uploaded file "${part.filename}" is empty`, { code: 'upload/empty' });
    upload = { file: part.filename || 'upload', bytes: new Uint8Array(bytes) };
  }
  if (!upload)
    throw httpError(400, 'no file in the upload (expected a "file" field)', { code: 'upload/no-file' });
  return { ...upload, fields };
}

export function registerDocumentRoutes(app: Api, { db, uploads }: RouteDeps): void {
  listRoute<DocumentQuery>(app, {
    path: '/api/documents',
    access: 'read',
    name: 'documents',
    tag: 'documents',
    summary:
      'stored documents, the current version of each (metadata; the bytes are at /api/documents/{id}/content)',
    filters: LIST_FILTERS,
    item: DocumentListed,
    page: (q, w) => pageDocuments(db, q, w),
  });
  listRoute(app, {
    path: '/api/documents/:id/versions',
    access: 'read',
    name: 'versions',
    tag: 'documents',
    summary: 'every version of the document {id} is a version of (规划调整), first version first',
    item: DocumentSummary,
    page: async (_q, w, request) => {
      const { id } = request.params as IdParams;
      const versions = await listVersions(db, id);
      if (versions.length === 0) throw notFound(id);
      return { items: w ? versions.slice(w.offset, w.offset + w.limit) : versions, total: versions.length };
    },
  });

  app.post(
    '/api/documents/:id/versions',
    {
      config: { access: 'manage' },
      schema: {
        tags: ['documents'],
        summary:
          'store a revised version of a document (multipart: one "file", optional "reason"); the plan follows it',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: VersionAnswer, 400: ApiErrorBody, 422: ApiErrorBody },
      },
    },
    async (request, reply) => {
      const { file, bytes, fields } = await readUpload(request, uploads);
      try {
        const report = await ingestVersion(
          { db },
          request.params.id,
          { file, bytes },
          {
            actor: actorOf(request),
            reason: fields.reason ?? null,
            pool: uploads.pool(),
            limits: uploads.limits,
          },
        );
        return reply.code(201).send({
          document_id: report.documentId,
          from: report.from,
          to: report.to,
          carried: report.carried,
          derived: report.derived,
        });
      } catch (error) {
        // Over a reading limit: well-formed but too much to read, as for an upload.
        if (error instanceof LantuError && isLimitCode(error.code))
          return reply.code(422).send({
            statusCode: 422,
            error: 'Unprocessable Entity',
            code: error.code,
            message: error.message,
            ...(error.expected ? { expected: error.expected } : {}),
          });
        throw error;
      }
    },
  );

  app.delete(
    '/api/documents/:id',
    {
      config: { access: 'manage' },
      schema: {
        tags: ['documents'],
        summary: 'remove a document (every version; recoverable, audited): it leaves monitoring and lists',
        params: IdParams,
        querystring: RemovalRequest,
        response: { 200: RemovalAnswer },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const removed = await removeDocument(db, request.params.id, actor, request.query.reason ?? null);
      return {
        document_id: removed.document_id,
        state: 'removed' as const,
        derived: await deriveOwed(db, actor),
      };
    },
  );
  app.post(
    '/api/documents/:id/restore',
    {
      config: { access: 'manage' },
      schema: {
        tags: ['documents'],
        summary: 'bring a removed document back into monitoring and lists (audited)',
        params: IdParams,
        querystring: RemovalRequest,
        response: { 200: RemovalAnswer },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const restored = await restoreDocument(db, request.params.id, actor, request.query.reason ?? null);
      return {
        document_id: restored.document_id,
        state: 'current' as const,
        derived: await deriveOwed(db, actor),
      };
    },
  );
  listRoute<{ region_id?: number; region?: string; period?: string }>(app, {
    path: '/api/plans',
    access: 'read',
    name: 'plans',
    tag: 'documents',
    summary: 'plans (规划纲要); /api/plans/{id} gives one with its outline and indicator tables',
    filters: { region_id: int('region id'), region: str('region name'), period: str('2021-2025, …') },
    item: DocumentSummary,
    page: (q, w) => pageDocuments(db, { ...q, doc_type: 'plan' }, w),
  });

  app.post(
    '/api/documents',
    {
      config: { access: 'manage' },
      schema: {
        tags: ['documents'],
        summary: `upload one or more documents (multipart, field "file"; at most ${Math.round(uploads.file / 1024 / 1024)} MB each) = ingest`,
        consumes: ['multipart/form-data'],
        // 400 when every file failed: the same answer, or the error of a bad request.
        response: {
          200: IngestAnswer,
          201: IngestAnswer,
          400: Type.Union([IngestAnswer, ApiErrorBody]),
          422: Type.Union([IngestAnswer, ApiErrorBody]),
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw httpError(400, 'expected a multipart/form-data upload with one or more "file" fields', {
          code: 'upload/not-multipart',
        });
      }
      const sources = [];
      let total = 0;
      for await (const part of request.files()) {
        const bytes = await readPart(part, (n) => {
          // Counted as the bytes arrive: a request of many large files stops at the total, not after it.
          total += n;
          if (total > uploads.total) {
            throw httpError(413, uploadTotalTooLarge(uploads.total), {
              code: UPLOAD_TOTAL_CODE,
              expected: 'fewer or smaller files per upload',
            });
          }
        });
        // The client's name is shown and stored, never a path: its last segment, without control characters.
        const file = safeUploadName(part.filename);
        if (bytes.length === 0)
          throw httpError(400, `uploaded file "${file}" is empty`, { code: 'upload/empty' });
        sources.push({ file, bytes: new Uint8Array(bytes) });
      }
      if (sources.length === 0)
        throw httpError(400, 'no file in the upload (expected a "file" field)', { code: 'upload/no-file' });
      const report = await ingest({ db }, sources, {
        actor: actorOf(request),
        threads: uploads.threads,
        pool: uploads.pool(),
        limits: uploads.limits,
      });
      // Nothing stored: 422 when a file was over a reading limit (well-formed but too much to read), else 400.
      const allFailed = report.failed.length === sources.length;
      const overLimit = report.failed.some((f) => isLimitCode(f.code));
      const status = allFailed ? (overLimit ? 422 : 400) : report.stored.length > 0 ? 201 : 200;
      return reply.code(status).send({
        stored: report.stored,
        duplicates: report.duplicates,
        failed: report.failed,
        derived: report.derived,
      });
    },
  );

  app.get(
    '/api/documents/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['documents'],
        summary: 'one document with its diagnostics',
        params: IdParams,
        response: { 200: DocumentDetail },
      },
    },
    async (request) => {
      const doc = await getDocument(db, request.params.id);
      if (!doc) throw notFound(request.params.id);
      return doc;
    },
  );
  app.get(
    '/api/documents/:id/content',
    {
      config: { access: 'read' },
      schema: { tags: ['documents'], summary: 'the original bytes as uploaded', params: IdParams },
    },
    async (request, reply) => {
      const doc = await getDocumentContent(db, request.params.id);
      if (!doc) throw notFound(request.params.id);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
        .send(doc.content);
    },
  );
  app.get(
    '/api/documents/:id/extraction',
    {
      config: { access: 'read' },
      schema: {
        tags: ['documents'],
        summary: 'the document in the exchange (gold) format',
        params: IdParams,
      },
    },
    async (request) => {
      const x = await loadExtraction(db, request.params.id);
      if (!x) throw notFound(request.params.id);
      const { text: _text, ...extraction } = x;
      return extraction;
    },
  );
  listRoute(app, {
    path: '/api/documents/:id/outline',
    access: 'read',
    name: 'outline',
    tag: 'documents',
    summary: 'headings of a document (level, label, title, line)',
    item: Heading,
    page: async (_q, w, request) => {
      const { id } = request.params as IdParams;
      const known = await db.selectFrom('documents').select('id').where('id', '=', id).executeTakeFirst();
      if (!known) throw notFound(id);
      return pageOutline(db, id, w);
    },
  });
  app.get(
    '/api/plans/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['documents'],
        summary: 'a plan with its outline, indicator rows and status summary',
        params: IdParams,
        response: { 200: PlanDetail },
      },
    },
    async (request) => {
      const { id } = request.params;
      const doc = await getDocument(db, id);
      if (!doc || doc.doc_type !== 'plan')
        throw new LantuError({ code: 'plan/not-found', message: `plan ${id} does not exist` });
      const [outline, indicators, counts] = await Promise.all([
        getOutline(db, id),
        listIndicatorRows(db, { document_id: id }),
        db
          .selectFrom('statuses')
          .select(['label', (eb) => eb.fn.countAll().as('n')])
          .where('document_id', '=', id)
          .where('latest', '=', 1)
          .groupBy('label')
          .execute(),
      ]);
      // Labels in the order a dashboard shows them.
      const labels: Record<string, number> = {};
      for (const label of LABEL_ORDER) {
        const found = counts.find((c) => c.label === label);
        if (found) labels[label] = Number(found.n);
      }
      for (const c of counts) if (!(c.label in labels)) labels[c.label] = Number(c.n);
      return { ...doc, outline, indicators, status_counts: labels };
    },
  );
}
