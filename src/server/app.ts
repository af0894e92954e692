// The HTTP API (Fastify): every resource as JSON with CSV/XLSX twins, OpenAPI at /docs, uploads that ingest.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import multipart, { type MultipartFile } from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Kysely } from 'kysely';
import { LantuError } from '../diagnostics.js';
import { LABEL_ORDER } from '../monitor/index.js';
import {
  deriveRegions,
  observationExport,
  findRegion,
  getDocument,
  getDocumentContent,
  getOutline,
  getStatus,
  importObservations,
  ingest,
  listCatalog,
  listIndicatorRows,
  listObservations,
  listStatuses,
  loadExtraction,
  observationTemplate,
  overrideStatus,
  pageAchievements,
  pageAudit,
  pageCatalog,
  pageDocuments,
  pageFindings,
  pageIndicatorRows,
  pageObservations,
  pageOutline,
  pageProjects,
  pageRegions,
  pageReviewItems,
  pageStatuses,
  pageTargets,
  parseDecimal,
  recordObservation,
  resolveReviewItem,
  type Database,
  type Status,
  type Window,
} from '../store/index.js';
import { boundRouteInputs, NO_NUL } from './inputs.js';
import {
  listRoute,
  rewriteFormatSuffix,
  sendDownload,
  sendPage,
  windowOf,
  type QueryProperties,
} from './lists.js';
import { registerWebRoutes } from './routes/index.js';
import { registerEvaluationRoutes } from './routes/evaluation.js';
import { registerAssignedTargetRoutes } from './routes/assigned.js';
import { registerReviewGroupRoutes } from './routes/review-groups.js';
import { regionOfQuery } from './routes/deps.js';
import { registerWebApp } from './web.js';

export interface ServerOptions {
  db: Kysely<Database>;
  /** Largest accepted upload in bytes (default 50 MB). */
  uploadLimit?: number;
  /** Largest total of the files of one upload request in bytes (default 100 MB). */
  uploadTotalLimit?: number;
  /** Worker threads for uploads (default 1: extraction in the request's process). */
  ingestThreads?: number;
  logger?: boolean;
  /** Folder of the built web app (default web/dist). */
  webRoot?: string;
}

export const DEFAULT_UPLOAD_LIMIT = 50 * 1024 * 1024;
export const DEFAULT_UPLOAD_TOTAL_LIMIT = 100 * 1024 * 1024;

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

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

const idParam = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

const int = (description: string) => ({ type: 'integer', description });
const str = (description: string) => ({ type: 'string', description });

/** Who is acting: the `x-lantu-user` header until authentication exists. */
function actorOf(request: FastifyRequest): string {
  const header = request.headers['x-lantu-user'];
  return (Array.isArray(header) ? header[0] : header)?.trim() || 'anonymous';
}

function httpError(statusCode: number, message: string, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), { statusCode, ...extra });
}

const NOT_FOUND_CODES = /not-found$/;

/** One validation problem in words a client can act on (the NUL rule named, not its regular expression). */
function validationMessage(v: {
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}): string {
  if (v.keyword === 'pattern' && v.params.pattern === NO_NUL)
    return '含有 NUL 字符 / contains a NUL character';
  return v.message ?? 'is invalid';
}

/** The code of an upload whose files together pass the per-request total. */
const UPLOAD_TOTAL_CODE = 'upload/total-too-large';

function uploadTooLarge(limit: number): string {
  return `上传文件超过 ${mb(limit)} MB 的上限 / upload larger than the limit of ${mb(limit)} MB`;
}

/** Build the API on a store (SQLite or PostgreSQL); the caller listens and closes. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const uploadLimit = options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;
  const uploadTotalLimit = options.uploadTotalLimit ?? DEFAULT_UPLOAD_TOTAL_LIMIT;
  const app = Fastify({
    logger: options.logger ?? false,
    rewriteUrl: (req) => rewriteFormatSuffix(req.url ?? '/'),
    ajv: {
      customOptions: {
        coerceTypes: 'array',
        removeAdditional: false,
        allErrors: true,
        allowUnionTypes: true,
      },
    },
  });

  boundRouteInputs(app);

  app.setErrorHandler((error: FastifyError & { expected?: string; errors?: unknown }, request, reply) => {
    if (error instanceof LantuError) {
      const status = NOT_FOUND_CODES.test(error.code) ? 404 : 400;
      return reply.code(status).send({
        statusCode: status,
        error: status === 404 ? 'Not Found' : 'Bad Request',
        code: error.code,
        message: error.message,
        ...(error.expected ? { expected: error.expected } : {}),
      });
    }
    if (error.validation) {
      const details = error.validation.map((v) => ({
        where: `${error.validationContext ?? 'request'}${v.instancePath}`,
        message: validationMessage(v),
        params: v.params,
      }));
      return reply.code(400).send({
        statusCode: 400,
        error: 'Bad Request',
        code: 'request/invalid',
        message: `请求参数无效 / invalid request: ${details.map((d) => `${d.where} ${d.message}`).join('; ')}`,
        details,
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      // A real fault: logged with the request id the client got, so the two can be matched.
      if (options.logger) request.log.error({ err: error, reqId: request.id }, 'request failed');
      else
        process.stderr.write(
          `${JSON.stringify({ level: 'error', reqId: request.id, method: request.method, url: request.url, code: error.code, message: error.message, stack: error.stack })}\n`,
        );
    }
    return reply.code(status).send({
      statusCode: status,
      error: status === 413 ? 'Payload Too Large' : status >= 500 ? 'Internal Server Error' : 'Bad Request',
      code: status >= 500 ? 'server/error' : (error.code ?? 'request/error'),
      message:
        status === 413 && error.code !== UPLOAD_TOTAL_CODE
          ? uploadTooLarge(uploadLimit)
          : status >= 500
            ? `服务器内部错误（请求 ${request.id}）/ internal error (request ${request.id})`
            : error.message,
      ...(status >= 500 ? { request_id: request.id } : {}),
      ...(error.expected ? { expected: error.expected } : {}),
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ statusCode: 404, error: 'Not Found', message: `no route ${request.method} ${request.url}` }),
  );

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Lantu 蓝图 API',
        description:
          '规划纲要监测 API：文档、指标、目标、观测值、进度状态、预警、规划一致性检查与人工审核。每个列表都可用 ?format=csv|xlsx 下载。',
        version: '0.1.0',
      },
      tags: [
        { name: 'documents', description: '文档与抽取结果 / documents and what was extracted' },
        {
          name: 'monitoring',
          description: '观测值、状态、预警、检查 / observations, statuses, warnings, findings',
        },
        { name: 'review', description: '审核队列 / review queue' },
        { name: 'reference', description: '地区与指标目录 / regions and the indicator catalog' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(multipart, { limits: { fileSize: uploadLimit, files: 20, fields: 20 } });

  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  app.get(
    '/api/health',
    { schema: { tags: ['reference'], summary: 'liveness and database check' } },
    async () => {
      const docs = await db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      return { ok: true, documents: Number(docs?.n ?? 0) };
    },
  );

  // ── reference ────────────────────────────────────────────────────────────
  listRoute<{ name?: string; level?: string; parent_id?: number }>(app, {
    path: '/api/regions',
    name: 'regions',
    tag: 'reference',
    summary: 'regions (name, level, parent, 行政区划代码)',
    filters: {
      name: str('exact name'),
      level: str('province | prefecture | county'),
      parent_id: int('parent region id'),
    },
    page: (q, w) => pageRegions(db, q, w),
  });
  listRoute<{ category?: string; kind?: string; q?: string }>(app, {
    path: '/api/catalog',
    name: 'catalog',
    tag: 'reference',
    summary: 'catalog indicators with synonyms, unit, direction and kind',
    filters: {
      category: str('经济发展 | 创新驱动 | 民生福祉 | 绿色生态 | 安全保障'),
      kind: str('level | growth | share | …'),
      q: str('name or synonym contains'),
    },
    page: (q, w) => pageCatalog(db, q, w),
  });
  listRoute<{ entity?: string; entity_id?: string }>(app, {
    path: '/api/audit',
    name: 'audit',
    tag: 'reference',
    summary: 'the append-only audit log, newest first',
    filters: {
      entity: str('document | status | review_item | import | observation | region'),
      entity_id: str('entity id'),
    },
    page: (q, w) => pageAudit(db, q, w),
  });

  // ── documents ────────────────────────────────────────────────────────────
  const documentFilters: QueryProperties = {
    doc_type: { type: 'string', enum: ['plan', 'work_report', 'bulletin'] },
    region_id: int('region id'),
    region: str('region name'),
    period: str('2021-2025, 2022, …'),
  };
  listRoute<{ doc_type?: string; region_id?: number; region?: string; period?: string }>(app, {
    path: '/api/documents',
    name: 'documents',
    tag: 'documents',
    summary: 'stored documents (metadata; the bytes are at /api/documents/{id}/content)',
    filters: documentFilters,
    page: (q, w) => pageDocuments(db, q, w),
  });
  listRoute<{ region_id?: number; region?: string; period?: string }>(app, {
    path: '/api/plans',
    name: 'plans',
    tag: 'documents',
    summary: 'plans (规划纲要); /api/plans/{id} gives one with its outline and indicator tables',
    filters: { region_id: int('region id'), region: str('region name'), period: str('2021-2025, …') },
    page: (q, w) => pageDocuments(db, { ...q, doc_type: 'plan' }, w),
  });

  app.post(
    '/api/documents',
    {
      schema: {
        tags: ['documents'],
        summary: `upload one or more documents (multipart, field "file"; at most ${Math.round(uploadLimit / 1024 / 1024)} MB each) = ingest`,
        consumes: ['multipart/form-data'],
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
          if (total > uploadTotalLimit) {
            throw httpError(
              413,
              `上传文件合计超过 ${mb(uploadTotalLimit)} MB 的上限 / the files of one upload together pass the limit of ${mb(uploadTotalLimit)} MB`,
              { code: UPLOAD_TOTAL_CODE, expected: 'fewer or smaller files per upload' },
            );
          }
        });
        if (bytes.length === 0)
          throw httpError(400, `uploaded file "${part.filename}" is empty`, { code: 'upload/empty' });
        sources.push({ file: part.filename || 'upload', bytes: new Uint8Array(bytes) });
      }
      if (sources.length === 0)
        throw httpError(400, 'no file in the upload (expected a "file" field)', { code: 'upload/no-file' });
      const report = await ingest({ db }, sources, {
        actor: actorOf(request),
        threads: options.ingestThreads ?? 1,
      });
      const status = report.failed.length === sources.length ? 400 : report.stored.length > 0 ? 201 : 200;
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
    { schema: { tags: ['documents'], summary: 'one document with its diagnostics', params: idParam } },
    async (request) => {
      const { id } = request.params as { id: number };
      const doc = await getDocument(db, id);
      if (!doc)
        throw new LantuError({ code: 'document/not-found', message: `document ${id} does not exist` });
      return doc;
    },
  );
  app.get(
    '/api/documents/:id/content',
    { schema: { tags: ['documents'], summary: 'the original bytes as uploaded', params: idParam } },
    async (request, reply) => {
      const { id } = request.params as { id: number };
      const doc = await getDocumentContent(db, id);
      if (!doc)
        throw new LantuError({ code: 'document/not-found', message: `document ${id} does not exist` });
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
        .send(doc.content);
    },
  );
  app.get(
    '/api/documents/:id/extraction',
    {
      schema: { tags: ['documents'], summary: 'the document in the exchange (gold) format', params: idParam },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const x = await loadExtraction(db, id);
      if (!x) throw new LantuError({ code: 'document/not-found', message: `document ${id} does not exist` });
      const { text: _text, ...extraction } = x;
      return extraction;
    },
  );
  listRoute<{ id: number }>(app, {
    path: '/api/documents/:id/outline',
    name: 'outline',
    tag: 'documents',
    summary: 'headings of a document (level, label, title, line)',
    page: async (_q, w, request) => {
      const id = Number((request.params as { id: string }).id);
      const known =
        Number.isInteger(id) &&
        (await db.selectFrom('documents').select('id').where('id', '=', id).executeTakeFirst());
      if (!known) {
        throw new LantuError({
          code: 'document/not-found',
          message: `document ${(request.params as { id: string }).id} does not exist`,
        });
      }
      return pageOutline(db, id, w);
    },
  });
  app.get(
    '/api/plans/:id',
    {
      schema: {
        tags: ['documents'],
        summary: 'a plan with its outline, indicator rows and status summary',
        params: idParam,
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
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

  // ── facts ────────────────────────────────────────────────────────────────
  const factFilters: QueryProperties = {
    document_id: int('document id'),
    region_id: int('region id'),
    indicator_id: str('catalog indicator id'),
    doc_type: { type: 'string', enum: ['plan', 'work_report', 'bulletin'] },
    unlinked: { type: 'boolean', description: 'only items not linked to the catalog' },
  };
  type FactQuery = {
    document_id?: number;
    region_id?: number;
    indicator_id?: string;
    doc_type?: string;
    unlinked?: boolean;
  };
  listRoute<FactQuery>(app, {
    path: '/api/rows',
    name: 'rows',
    tag: 'documents',
    summary: 'indicator-table rows with raw and typed cells and their catalog link',
    filters: factFilters,
    page: (q, w) => pageIndicatorRows(db, q, w),
  });
  listRoute<FactQuery>(app, {
    path: '/api/indicators',
    name: 'indicators',
    tag: 'monitoring',
    summary: "plan indicators: each plan's table rows with their link and latest status",
    filters: factFilters,
    page: async (q, w) => {
      const { items: rows, total } = await pageIndicatorRows(db, { ...q, doc_type: 'plan' }, w);
      const statuses = await latestStatusesOfRows(
        db,
        rows.map((r) => r.id),
      );
      const latest = new Map<number, typeof statuses>();
      for (const s of statuses) latest.set(s.row_id, [...(latest.get(s.row_id) ?? []), s]);
      const items = rows.map((r) => ({
        ...r,
        statuses: (latest.get(r.id) ?? []).map((s) => ({
          id: s.id,
          year: s.year,
          kind: s.target_kind,
          label: s.label,
          lag: s.lag,
          warning: s.warning,
          override: s.override?.label ?? null,
        })),
      }));
      return { items, total };
    },
  });
  listRoute<FactQuery>(app, {
    path: '/api/targets',
    name: 'targets',
    tag: 'documents',
    summary: 'targets stated in documents, with evidence and catalog link',
    filters: factFilters,
    page: (q, w) => pageTargets(db, q, w),
  });
  listRoute<FactQuery & { year?: number }>(app, {
    path: '/api/achievements',
    name: 'achievements',
    tag: 'documents',
    summary: 'values reported in documents (achievements), with evidence and catalog link',
    filters: { ...factFilters, year: int('year reported') },
    page: (q, w) => pageAchievements(db, q, w),
  });
  listRoute<FactQuery & { box?: string }>(app, {
    path: '/api/projects',
    name: 'projects',
    tag: 'documents',
    summary: 'projects listed in 专栏 boxes',
    filters: { document_id: int('document id'), region_id: int('region id'), box: str('box caption') },
    page: (q, w) => pageProjects(db, q, w),
  });

  // ── observations ─────────────────────────────────────────────────────────
  const observationFilters: QueryProperties = {
    region_id: int('region id'),
    region: str('region name'),
    indicator_id: str('catalog indicator id'),
    year: int('year'),
    source_kind: { type: 'string', enum: ['document', 'import', 'person'] },
    document_id: int('source document id'),
  };
  type ObservationQuery = {
    region_id?: number;
    region?: string;
    indicator_id?: string;
    year?: number;
    source_kind?: 'document' | 'import' | 'person';
    document_id?: number;
    format?: string;
  };
  async function regionIdOf(q: { region_id?: number; region?: string }): Promise<number | undefined> {
    if (q.region_id !== undefined || !q.region) return q.region_id;
    const region = await regionOfQuery(db, q.region);
    if (!region)
      throw new LantuError({ code: 'region/not-found', message: `region "${q.region}" does not exist` });
    return region.id;
  }
  app.get(
    '/api/observations',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'observations (region, indicator, year, value, unit) with their source; CSV/XLSX in the import template layout',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...observationFilters,
            limit: { type: 'integer', minimum: 1 },
            offset: { type: 'integer', minimum: 0 },
            format: { type: 'string', enum: ['json', 'csv', 'xlsx'] },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query as ObservationQuery & { limit?: number; offset?: number };
      const { region: _region, format, limit, offset, ...rest } = q;
      const filter = { ...rest, region_id: await regionIdOf(q) };
      if (format === 'csv' || format === 'xlsx') {
        return sendDownload(reply, 'observations', format, observationExport(db, format, filter));
      }
      return sendPage(
        reply,
        'observations',
        await pageObservations(db, filter, windowOf({ limit, offset })),
        {
          limit,
          offset,
        },
      );
    },
  );
  app.post(
    '/api/observations',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'record one value a person entered (kept with who and when)',
        body: {
          type: 'object',
          required: ['indicator_id', 'year', 'value'],
          additionalProperties: false,
          properties: {
            region_id: { type: 'integer', minimum: 1 },
            region: { type: 'string', minLength: 1 },
            indicator_id: { type: 'string', minLength: 1 },
            year: { type: 'integer', minimum: 1949, maximum: 2100 },
            value: { type: ['string', 'number'] },
            unit: { type: ['string', 'null'] },
            note: { type: ['string', 'null'] },
          },
        },
      },
    },
    async (request, reply) => {
      const body = request.body as {
        region_id?: number;
        region?: string;
        indicator_id: string;
        year: number;
        value: string | number;
        unit?: string | null;
        note?: string | null;
      };
      const regionId = await regionIdOf(body);
      if (regionId === undefined)
        throw new LantuError({
          code: 'observation/no-region',
          message: 'region_id or region is required',
          expected: 'a region id or name',
        });
      if (!(await findRegion(db, regionId)))
        throw new LantuError({ code: 'region/not-found', message: `region ${regionId} does not exist` });
      const value = parseDecimal(String(body.value));
      if (value === null)
        throw new LantuError({
          code: 'observation/bad-value',
          message: `"${body.value}" is not a number`,
          expected: 'a plain decimal number, e.g. 451.9',
        });
      const known = (await listCatalog(db)).some((c) => c.id === body.indicator_id);
      if (!known)
        throw new LantuError({
          code: 'observation/unknown-indicator',
          message: `catalog indicator "${body.indicator_id}" does not exist`,
          expected: 'an id from GET /api/catalog',
        });
      const id = await recordObservation(db, {
        region_id: regionId,
        indicator_id: body.indicator_id,
        year: body.year,
        value,
        unit: body.unit ?? null,
        note: body.note ?? null,
        by: actorOf(request),
      });
      const [created] = (
        await listObservations(db, { region_id: regionId, indicator_id: body.indicator_id, year: body.year })
      ).filter((o) => o.id === id);
      return reply.code(201).send(created);
    },
  );
  app.get(
    '/api/observations/template',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'the import template (XLSX with the catalog, or CSV)',
        querystring: { type: 'object', properties: { format: { type: 'string', enum: ['csv', 'xlsx'] } } },
      },
    },
    async (request, reply) => {
      const format = (request.query as { format?: 'csv' | 'xlsx' }).format ?? 'xlsx';
      const body = await observationTemplate(db, format);
      const type =
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return reply
        .header('content-type', type)
        .header('content-disposition', `attachment; filename="observations-template.${format}"`)
        .send(body);
    },
  );
  app.post(
    '/api/observations/import',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'import observations from a filled template (multipart "file"); any error stores nothing unless valid_rows_only=true',
        consumes: ['multipart/form-data'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { valid_rows_only: { type: 'boolean' } },
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw httpError(400, 'expected a multipart/form-data upload with a "file" field', {
          code: 'upload/not-multipart',
        });
      const part = await request.file();
      if (!part)
        throw httpError(400, 'no file in the upload (expected a "file" field)', { code: 'upload/no-file' });
      const bytes = await part.toBuffer();
      const q = request.query as { valid_rows_only?: boolean };
      const result = await importObservations(db, new Uint8Array(bytes), part.filename, {
        by: actorOf(request),
        validRowsOnly: q.valid_rows_only ?? false,
      });
      // 201 stored, 200 nothing new (every row already stored: a retry), 207 some rows, 422 none.
      const status =
        result.errors.length > 0 ? (result.imported > 0 ? 207 : 422) : result.imported > 0 ? 201 : 200;
      return reply.code(status).send(result);
    },
  );

  // ── statuses, warnings, findings ─────────────────────────────────────────
  type StatusQuery = {
    region_id?: number;
    region?: string;
    document_id?: number;
    indicator_id?: string;
    label?: string;
    warning?: string;
    year?: number;
    latest?: boolean;
  };
  const statusFilters: QueryProperties = {
    region_id: int('region id'),
    region: str('region name'),
    document_id: int('plan document id'),
    indicator_id: str('catalog indicator id'),
    label: { type: 'string', enum: LABEL_ORDER as readonly string[] },
    warning: { type: 'string', enum: ['green', 'yellow', 'red'] },
    year: int('year judged'),
    latest: { type: 'boolean', description: 'only the latest year of each indicator target (default true)' },
  };
  // The latest year of each target unless a year is asked for or latest=false; then the filters.
  const pageStatusList = async (q: StatusQuery, window: Window | undefined, warningsOnly: boolean) => {
    const { region: _r, latest, ...rest } = q;
    return pageStatuses(
      db,
      {
        ...rest,
        region_id: await regionIdOf(q),
        warnings_only: warningsOnly,
        latest: latest !== false && q.year === undefined,
      },
      window,
    );
  };
  listRoute<StatusQuery>(app, {
    path: '/api/statuses',
    name: 'statuses',
    tag: 'monitoring',
    summary: 'status of each plan indicator against its target, with components and any override',
    filters: statusFilters,
    page: (q, w) => pageStatusList(q, w, false),
  });
  listRoute<StatusQuery>(app, {
    path: '/api/warnings',
    name: 'warnings',
    tag: 'monitoring',
    summary: 'yellow and red warnings (lagging, moving away, binding indicators, missed bounds)',
    filters: statusFilters,
    page: (q, w) => pageStatusList(q, w, true),
  });
  app.get(
    '/api/statuses/:id',
    { schema: { tags: ['monitoring'], summary: 'one status with its components', params: idParam } },
    async (request) => {
      const { id } = request.params as { id: number };
      const found = await getStatus(db, id);
      if (!found) throw new LantuError({ code: 'status/not-found', message: `status ${id} does not exist` });
      return found;
    },
  );
  app.post(
    '/api/statuses/:id/override',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'override a computed label with a reason (shown beside it; kept in the audit log)',
        params: idParam,
        body: {
          type: 'object',
          required: ['label', 'reason'],
          additionalProperties: false,
          properties: {
            label: { type: 'string', enum: LABEL_ORDER as readonly string[] },
            reason: { type: 'string', minLength: 1 },
          },
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const body = request.body as { label: string; reason: string };
      return overrideStatus(db, id, { ...body, by: actorOf(request) });
    },
  );
  listRoute<{ document_id?: number; region_id?: number; check?: string; severity?: string }>(app, {
    path: '/api/findings',
    name: 'findings',
    tag: 'monitoring',
    summary: 'plan-linter findings, each citing both places (document, line, quote)',
    filters: {
      document_id: int('plan document id'),
      region_id: int('region id'),
      check: str('finding code, e.g. plan/implied-growth-mismatch'),
      severity: { type: 'string', enum: ['error', 'warning', 'info'] },
    },
    page: (q, w) => pageFindings(db, q, w),
  });

  // ── review queue ─────────────────────────────────────────────────────────
  listRoute<{
    state?: 'open' | 'linked' | 'dismissed';
    subject_kind?: 'row' | 'target' | 'achievement';
    document_id?: number;
    region_id?: number;
  }>(app, {
    path: '/api/review',
    name: 'review',
    tag: 'review',
    summary: 'items the linker could not link with confidence, with candidates',
    filters: {
      state: { type: 'string', enum: ['open', 'linked', 'dismissed'] },
      subject_kind: { type: 'string', enum: ['row', 'target', 'achievement'] },
      document_id: int('document id'),
      region_id: int('region id'),
    },
    page: (q, w) => pageReviewItems(db, q, w),
  });
  app.post(
    '/api/review/:id/resolve',
    {
      schema: {
        tags: ['review'],
        summary: 'link the item to a catalog indicator, or dismiss it (indicator_id null)',
        params: idParam,
        body: {
          type: 'object',
          required: ['indicator_id'],
          additionalProperties: false,
          properties: {
            indicator_id: { type: ['string', 'null'], minLength: 1 },
            note: { type: ['string', 'null'] },
          },
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const body = request.body as { indicator_id: string | null; note?: string | null };
      const item = await resolveReviewItem(db, id, {
        indicator_id: body.indicator_id,
        by: actorOf(request),
        note: body.note ?? null,
      });
      // A new link can make a report value an observation and a plan row judgeable.
      const doc = await db
        .selectFrom('documents')
        .select('region_id')
        .where('id', '=', item.document_id)
        .executeTakeFirst();
      if (body.indicator_id && doc?.region_id) {
        await deriveRegions(db, [doc.region_id], actorOf(request), { lint: false });
      }
      return item;
    },
  );

  // The web app: its own API routes, then the built pages at / (web/dist).
  registerWebRoutes(app, { db });
  registerEvaluationRoutes(app, { db });
  registerAssignedTargetRoutes(app, { db });
  registerReviewGroupRoutes(app, { db });
  await registerWebApp(app, options.webRoot ? { root: options.webRoot } : {});
  return app;
}

/** The latest status of each target of the given rows (one query per 500 rows). */
async function latestStatusesOfRows(db: Kysely<Database>, rowIds: number[]): Promise<Status[]> {
  const out: Status[] = [];
  for (let i = 0; i < rowIds.length; i += 500) {
    const chunk = rowIds.slice(i, i + 500);
    if (chunk.length > 0) out.push(...(await listStatuses(db, { latest: true, row_ids: chunk })));
  }
  return out;
}
