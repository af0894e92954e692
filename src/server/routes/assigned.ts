// Delegated targets (按市下达目标): list a plan's rows that wait for an assigned value, and enter one with the
// document that assigned it; the row is judged again at once.
import { Type } from 'typebox';
import { requirePlace } from '../auth.js';
import { LantuError } from '../../diagnostics.js';
import {
  addAssignedTarget,
  delegatedSheet,
  delegatedTargets,
  deriveRegions,
  importDelegatedSheet,
  listStatuses,
  placeOfDocument,
  placeOfFigure,
  type Database,
} from '../../store/index.js';
import {
  AssignedTargetAnswer,
  AssignedTargetEntry,
  DelegatedTargets,
  IdParams,
  ImportResult,
} from '../contract/index.js';
import { sendDownload } from '../lists.js';
import { actorOf, type Api, type RouteDeps, uploadedFile } from './deps.js';
import type { Kysely } from 'kysely';

/** Judge a plan's region again after its delegated targets changed (the plan's own rows only, no lint). */
async function judgeAgain(db: Kysely<Database>, planId: number, by: string): Promise<void> {
  const plan = await db
    .selectFrom('documents')
    .select(['id', 'region_id'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (plan?.region_id !== null && plan?.region_id !== undefined)
    await deriveRegions(db, [plan.region_id], by, { documents: [plan.id], lint: false });
}

async function planExists(db: Kysely<Database>, id: number): Promise<void> {
  const plan = await db.selectFrom('documents').select('id').where('id', '=', id).executeTakeFirst();
  if (!plan) throw new LantuError({ code: 'plan/not-found', message: `plan ${id} does not exist` });
}

export function registerAssignedTargetRoutes(app: Api, { db }: RouteDeps): void {
  app.get(
    '/api/plans/:id/delegated',
    {
      config: { access: 'read' },
      schema: {
        tags: ['monitoring'],
        summary:
          "a plan's delegated targets (按市下达目标) with the values entered for them, newest last; .xlsx/.csv: the sheet to " +
          'fill in and import (行号, 指标, 单位, 规划表述, 下达目标值, 下达文件, 备注), the values in force filled',
        params: IdParams,
        querystring: Type.Object(
          { format: Type.Optional(Type.Enum(['json', 'csv', 'xlsx'])) },
          { additionalProperties: false },
        ),
        response: { 200: DelegatedTargets },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const format = request.query.format;
      if (format === 'csv' || format === 'xlsx') {
        await planExists(db, id);
        return sendDownload(reply, `delegated-targets-${id}`, format, await delegatedSheet(db, id, format));
      }
      return { items: await delegatedTargets(db, id) };
    },
  );

  app.post(
    '/api/plans/:id/delegated/import',
    {
      // As POST /api/rows/:id/assigned-target: the planning office records what a higher level assigned.
      config: { access: 'manage' },
      schema: {
        tags: ['monitoring'],
        summary:
          'import a filled delegated-targets sheet (multipart "file"); any row error stores nothing unless valid_rows_only=true',
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: Type.Object(
          { valid_rows_only: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: ImportResult, 201: ImportResult, 207: ImportResult, 422: ImportResult },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await planExists(db, id);
      await requirePlace(db, request, await placeOfDocument(db, id), `规划 ${id} / plan ${id}`);
      const { filename, bytes } = await uploadedFile(request);
      const by = actorOf(request);
      const result = await importDelegatedSheet(db, id, bytes, {
        by,
        validRowsOnly: request.query.valid_rows_only ?? false,
      });
      if (result.changed.length > 0) await judgeAgain(db, id, by);
      // 201 stored, 200 nothing new (a retry), 207 some rows, 422 none: as the observations import answers.
      const status =
        result.errors.length > 0 ? (result.imported > 0 ? 207 : 422) : result.imported > 0 ? 201 : 200;
      const { changed: _changed, ...answer } = result;
      return reply.code(status).send({ filename, import_id: null, ...answer });
    },
  );

  app.post(
    '/api/rows/:id/assigned-target',
    {
      config: { access: 'manage' },
      schema: {
        tags: ['monitoring'],
        summary: 'enter the value a higher level assigned to a delegated target, with the assigning document',
        params: IdParams,
        body: AssignedTargetEntry,
        response: { 200: AssignedTargetAnswer },
      },
    },
    async (request) => {
      const { id } = request.params;
      const body = request.body;
      await requirePlace(
        db,
        request,
        await placeOfFigure(db, 'row', id),
        `指标行 ${id} / indicator row ${id}`,
      );
      const assigned = await addAssignedTarget(db, { row_id: id, ...body, by: actorOf(request) });
      const plan = await db
        .selectFrom('indicator_rows as r')
        .innerJoin('documents as d', 'd.id', 'r.document_id')
        .select(['d.id', 'd.region_id'])
        .where('r.id', '=', id)
        .executeTakeFirst();
      if (!plan)
        throw new LantuError({ code: 'row/not-found', message: `indicator row ${id} does not exist` });
      if (plan.region_id !== null) {
        await deriveRegions(db, [plan.region_id], actorOf(request), { documents: [plan.id], lint: false });
      }
      return { assigned, statuses: await listStatuses(db, { row_id: id, latest: true }) };
    },
  );
}
