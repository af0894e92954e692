// Observations: the list (CSV/XLSX in the import template's layout), a person's entry, the template, checking a
// filled template row by row (stores nothing, always 200, so the web shows errors before importing) and importing it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { gazetteerChain, requireScope, scopeRefusal } from '../auth.js';
import { LantuError } from '../../diagnostics.js';
import {
  findRegion,
  importObservations,
  indicatorUnitIds,
  listCatalog,
  listObservations,
  observationExport,
  observationTemplate,
  pageObservations,
  parseDecimal,
  recordObservation,
} from '../../store/index.js';
import { checkObservationSheet } from '../../store/observations-io.js';
import { CheckResult, ImportResult, Observation, ObservationEntry, Page } from '../contract/index.js';
import { int, sendDownload, sendPage, str, windowOf } from '../lists.js';
import { actorOf, regionIdOf, type Api, type RouteDeps, uploadedFile } from './deps.js';

const FORMAT = Type.Enum(['json', 'csv', 'xlsx']);

const ObservationQuery = Type.Object(
  {
    region_id: Type.Optional(Type.Integer(int('region id'))),
    region: Type.Optional(Type.String(str('region name'))),
    indicator_id: Type.Optional(Type.String(str('catalog indicator id'))),
    year: Type.Optional(Type.Integer(int('year'))),
    source_kind: Type.Optional(Type.Enum(['document', 'import', 'person'])),
    public: Type.Optional(
      Type.Enum(['1', 'true', '0', 'false'], {
        description: "1: only what is published (documents' figures and people's values once published)",
      }),
    ),
    document_id: Type.Optional(Type.Integer(int('source document id'))),
    limit: Type.Optional(Type.Integer({ minimum: 1 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    format: Type.Optional(FORMAT),
  },
  { additionalProperties: false },
);

export function registerObservationRoutes(app: Api, { db }: RouteDeps): void {
  /** A page or a CSV/XLSX download of observations; `publishedOnly` whatever the query says. */
  const observationList =
    (publishedOnly: boolean) =>
    async (
      request: FastifyRequest<{ Querystring: Static<typeof ObservationQuery> }>,
      reply: FastifyReply,
    ) => {
      const { region: _region, format, limit, offset, public: published, ...rest } = request.query;
      const filter = {
        ...rest,
        region_id: await regionIdOf(db, request.query),
        ...(publishedOnly || published === '1' || published === 'true'
          ? { approval: 'published' as const }
          : {}),
      };
      if (format === 'csv' || format === 'xlsx') {
        return sendDownload(reply, 'observations', format, observationExport(db, format, filter));
      }
      const page = await pageObservations(db, filter, windowOf({ limit, offset }));
      return sendPage(reply, 'observations', page, { limit, offset });
    };

  app.get(
    '/api/observations',
    {
      config: { access: 'read' },
      schema: {
        tags: ['monitoring'],
        summary:
          'observations (region, indicator, year, value, unit) with their source; CSV/XLSX in the import template layout',
        querystring: ObservationQuery,
        response: { 200: Page(Observation) },
      },
    },
    observationList(false),
  );

  // The public page's download: documents' figures and people's values once published, for anyone.
  app.get(
    '/api/public/observations',
    {
      config: { access: 'public' },
      schema: {
        tags: ['monitoring'],
        summary: 'published observations only (what the public page shows), same filters and formats',
        querystring: ObservationQuery,
        response: { 200: Page(Observation) },
      },
    },
    observationList(true),
  );

  app.post(
    '/api/observations',
    {
      config: { access: 'enter' },
      schema: {
        tags: ['monitoring'],
        summary:
          'enter one value (填报, waiting for review; in a published year only with revises and reason), kept with who and when',
        body: ObservationEntry,
        response: { 201: Observation },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const regionId = await regionIdOf(db, body);
      if (regionId === undefined)
        throw new LantuError({
          code: 'observation/no-region',
          message: 'region_id or region is required',
          expected: 'a region id or name',
        });
      if (!(await findRegion(db, regionId)))
        throw new LantuError({ code: 'region/not-found', message: `region ${regionId} does not exist` });
      await requireScope(db, request, {
        region_id: regionId,
        units: () => indicatorUnitIds(db, regionId, body.indicator_id),
        label: `指标 ${body.indicator_id} / indicator ${body.indicator_id}`,
      });
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
        ...(body.revises === undefined
          ? {}
          : { revises: { subject_id: body.revises, reason: body.reason ?? '' } }),
      });
      const stored = await listObservations(db, {
        region_id: regionId,
        indicator_id: body.indicator_id,
        year: body.year,
      });
      const created = stored.find((o) => o.id === id);
      if (!created) throw new Error(`observation ${id} was recorded but cannot be read back`);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/observations/template',
    {
      config: { access: 'read' },
      schema: {
        tags: ['monitoring'],
        summary: 'the import template (XLSX with the catalog, or CSV)',
        querystring: Type.Object({
          format: Type.Optional(Type.Enum(['csv', 'xlsx'])),
        }),
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'xlsx';
      return sendDownload(reply, 'observations-template', format, await observationTemplate(db, format));
    },
  );

  app.post(
    '/api/observations/check',
    {
      config: { access: 'enter' },
      schema: {
        tags: ['monitoring'],
        summary: 'check a filled template (multipart "file") row by row without storing anything',
        consumes: ['multipart/form-data'],
        response: { 200: CheckResult },
      },
    },
    async (request) => {
      const { filename, bytes } = await uploadedFile(request);
      const { valid, errors, rows } = await checkObservationSheet(db, bytes);
      return { filename, rows, valid, errors };
    },
  );

  app.post(
    '/api/observations/import',
    {
      config: { access: 'enter' },
      schema: {
        tags: ['monitoring'],
        summary:
          'import observations from a filled template (multipart "file"); any error stores nothing unless valid_rows_only=true',
        consumes: ['multipart/form-data'],
        querystring: Type.Object(
          { valid_rows_only: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: ImportResult, 201: ImportResult, 207: ImportResult, 422: ImportResult },
      },
    },
    async (request, reply) => {
      const { filename, bytes } = await uploadedFile(request);
      const account = request.account!;
      const result = await importObservations(db, bytes, filename, {
        by: actorOf(request),
        refuse: (row) =>
          scopeRefusal(db, account, {
            region_id: row.region_id,
            // A region the import would create is placed by the gazetteer.
            region_names: row.region_id === null ? gazetteerChain(row.region) : null,
            units: async () =>
              row.region_id === null ? [] : indicatorUnitIds(db, row.region_id, row.indicator_id),
            label: `${row.region} ${row.indicator_id}`,
          }),
        validRowsOnly: request.query.valid_rows_only ?? false,
      });
      // 201 stored, 200 nothing new (every row already stored: a retry), 207 some rows, 422 none.
      const status =
        result.errors.length > 0 ? (result.imported > 0 ? 207 : 422) : result.imported > 0 ? 201 : 200;
      return reply.code(status).send(result);
    },
  );
}
