// The implementation ledger over HTTP: units, a plan's decomposition, tasks with progress and 销号, the
// 任务分解表 in and out, and 考核 scores. Lists follow the list conventions (paging, filters, CSV/XLSX twins).
import { Type } from 'typebox';
import {
  addAttachment,
  assessRegion,
  cadenceOf,
  cadencesOf,
  closeStep,
  createTask,
  ensureUnit,
  exportTaskSheet,
  getAttachment,
  getTask,
  importTaskSheet,
  importUnitSheet,
  listAttachments,
  listReports,
  listUnits,
  placeOfDocument,
  placeOfProject,
  placeOfTask,
  pageProjectLedger,
  pageTasks,
  proposeDecomposition,
  seedProjectLedger,
  updateProjectLedger,
  reportProgress,
  setCadence,
  updateTask,
  type TaskFilter,
} from '../../store/index.js';
import {
  AttachmentUpload,
  CadenceSetting,
  CloseStep,
  IdParams,
  RegionCadence,
  TaskAttachment,
  UnitImportResult,
  UnitSheetScope,
  LedgerClock,
  NewReport,
  NewTask,
  NewUnit,
  ProjectChange,
  TaskChange,
  TaskSheetScope,
} from '../contract/index.js';
import { requireAccess, requirePlace, requireScope } from '../auth.js';
import { int, listRoute, sendDownload } from '../lists.js';
import { actorOf, type Api, type RouteDeps, uploadedFile } from './deps.js';

/** Media types a browser may be told a download is; anything else is sent as plain bytes. */
const SHOWN_TYPES =
  /^(application\/pdf|image\/(png|jpeg|gif|webp)|text\/plain|application\/(msword|zip|vnd\.[a-z0-9.+-]+))$/;

/** Content-Disposition for a stored name: an ASCII fallback and the UTF-8 name (RFC 6266 / 8187). */
function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const taskLabel = (id: number) => `任务 ${id} / task ${id}`;
const planLabel = (id: number) => `规划 ${id} / plan ${id}`;

export function registerLedgerRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;

  listRoute<{ region_id?: number }>(app, {
    path: '/api/units',
    access: 'read',
    name: 'units',
    tag: 'ledger',
    summary: '责任单位 of a region',
    filters: { region_id: int('region id') },
    load: (q) => listUnits(db, q),
  });

  app.post(
    '/api/units',
    {
      config: { access: 'manage' },
      schema: {
        tags: ['ledger'],
        summary: 'add a 责任单位 (the same name in the same region is the same unit)',
        body: NewUnit,
      },
    },
    async (request, reply) => {
      const b = request.body;
      await requireScope(db, request, {
        region_id: b.region_id ?? null,
        label: `单位 ${b.name} / unit ${b.name}`,
      });
      const id = await ensureUnit(
        db,
        b.region_id ?? null,
        {
          name: b.name.trim(),
          short: b.short_name ?? null,
          kind: b.kind ?? '其他',
          contact: b.contact ?? null,
        },
        actorOf(request),
      );
      return reply.code(201).send((await listUnits(db)).find((u) => u.id === id));
    },
  );

  app.post(
    '/api/units/import',
    {
      config: { access: 'manage' },
      schema: {
        tags: ['ledger'],
        summary:
          'import a 责任单位名单 (multipart "file": 单位名称, 简称, 类别, 上级单位, 联系人, 联系电话); row-level errors, nothing stored when a row is wrong',
        consumes: ['multipart/form-data'],
        querystring: UnitSheetScope,
        response: { 201: UnitImportResult, 422: UnitImportResult },
      },
    },
    async (request, reply) => {
      // The units go into the region named (or none): the caller must hold that region.
      await requireScope(db, request, {
        region_id: request.query.region_id ?? null,
        label: '责任单位名单 / unit list',
      });
      const { bytes } = await uploadedFile(request);
      const result = await importUnitSheet(db, bytes, request.query.region_id ?? null, actorOf(request));
      return reply.code(result.errors.length ? 422 : 201).send(result);
    },
  );

  app.get(
    '/api/regions/:id/cadence',
    {
      config: { access: 'read' },
      schema: {
        tags: ['ledger'],
        summary:
          "how often the region's units report progress (month 月报, quarter 季报, half 半年报, year 年报)",
        params: IdParams,
        response: { 200: RegionCadence },
      },
    },
    async (request) => {
      const id = request.params.id;
      const stored = (await cadencesOf(db, [id])).has(id);
      return { region_id: id, cadence: await cadenceOf(db, id), stored };
    },
  );

  app.put(
    '/api/regions/:id/cadence',
    {
      config: { access: 'manage' },
      schema: {
        tags: ['ledger'],
        summary: "set the region's reporting cadence: what is due and overdue follows it",
        params: IdParams,
        body: CadenceSetting,
        response: { 200: RegionCadence },
      },
    },
    async (request) => {
      await requireScope(db, request, {
        region_id: request.params.id,
        label: `地区 ${request.params.id} 的报送周期 / reporting cadence of region ${request.params.id}`,
      });
      return {
        region_id: request.params.id,
        cadence: await setCadence(db, request.params.id, request.body.cadence, actorOf(request)),
        stored: true,
      };
    },
  );

  app.get(
    '/api/tasks/:id/attachments',
    {
      config: { access: 'read' },
      schema: {
        tags: ['ledger'],
        summary: "a task's evidence files (name, type, size, sha256; the bytes at /api/attachments/:id)",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(TaskAttachment) }) },
      },
    },
    async (request) => {
      await getTask(db, request.params.id);
      return { items: await listAttachments(db, request.params.id) };
    },
  );

  app.post(
    '/api/tasks/:id/attachments',
    {
      config: { access: 'enter' },
      schema: {
        tags: ['ledger'],
        summary:
          'attach a file as evidence of progress (multipart "file"; at most LANTU_ATTACHMENT_MAX_BYTES, default 20 MB)',
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: AttachmentUpload,
        response: { 201: TaskAttachment },
      },
    },
    async (request, reply) => {
      // Evidence of a task: a 责任单位 only for its own unit's tasks, a 规划科 within its regions.
      await requirePlace(db, request, await placeOfTask(db, request.params.id), taskLabel(request.params.id));
      const { filename, mimetype, bytes } = await uploadedFile(request);
      const stored = await addAttachment(
        db,
        request.params.id,
        { name: filename, media_type: mimetype, bytes, report_id: request.query.report_id ?? null },
        actorOf(request),
      );
      return reply.code(201).send(stored);
    },
  );

  app.get(
    '/api/attachments/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['ledger'],
        summary: 'download an evidence file (always as an attachment)',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const file = await getAttachment(db, request.params.id);
      return reply
        .header(
          'content-type',
          SHOWN_TYPES.test(file.media_type) ? file.media_type : 'application/octet-stream',
        )
        .header('content-disposition', attachmentDisposition(file.name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(file.content);
    },
  );

  app.post(
    '/api/plans/:id/decomposition',
    {
      config: { access: 'manage' },
      schema: {
        tags: ['ledger'],
        summary:
          'propose the draft decomposition of a plan: a task per main indicator, text target and project',
        params: IdParams,
      },
    },
    async (request, reply) => {
      await requirePlace(
        db,
        request,
        await placeOfDocument(db, request.params.id),
        planLabel(request.params.id),
      );
      return reply.code(201).send(await proposeDecomposition(db, request.params.id, actorOf(request)));
    },
  );

  listRoute<TaskFilter & LedgerClock>(app, {
    path: '/api/tasks',
    access: 'read',
    name: 'tasks',
    tag: 'ledger',
    summary: '任务台账: tasks with their lead unit, state and whether they are overdue',
    filters: {
      region_id: int('region id'),
      document_id: int('plan document id'),
      lead_unit_id: int('lead unit id (本单位任务)'),
      state: { type: 'string', enum: ['未启动', '推进中', '待销号', '已完成'], description: 'state' },
      overdue: { type: 'boolean', description: 'only overdue tasks (逾期未报 / 逾期未完成)' },
      ...LedgerClock.properties,
    },
    page: (q, w) => {
      const { today, cadence, ...filter } = q;
      return pageTasks(db, filter, w, { today, cadence });
    },
  });

  app.post(
    '/api/tasks',
    {
      config: { access: 'manage' },
      schema: { tags: ['ledger'], summary: 'add a task by hand', body: NewTask },
    },
    async (request, reply) => {
      await requireScope(db, request, {
        region_id: request.body.region_id ?? null,
        label: `任务 ${request.body.title} / task ${request.body.title}`,
      });
      const id = await createTask(db, request.body, actorOf(request));
      return reply.code(201).send(await getTask(db, id));
    },
  );

  app.get(
    '/api/tasks/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['ledger'],
        summary: 'one task with its progress reports',
        params: IdParams,
        querystring: LedgerClock,
      },
    },
    async (request) => ({
      ...(await getTask(db, request.params.id, request.query)),
      reports: await listReports(db, request.params.id),
      files: await listAttachments(db, request.params.id),
    }),
  );

  app.patch(
    '/api/tasks/:id',
    {
      config: { access: 'manage' },
      schema: {
        tags: ['ledger'],
        summary: 'assign or change a task: 牵头单位, 配合单位, 责任人, 完成时限, milestones',
        params: IdParams,
        body: TaskChange,
      },
    },
    async (request) => {
      await requirePlace(db, request, await placeOfTask(db, request.params.id), taskLabel(request.params.id));
      return updateTask(db, request.params.id, request.body, actorOf(request));
    },
  );

  app.post(
    '/api/tasks/:id/reports',
    {
      config: { access: 'enter' },
      schema: {
        tags: ['ledger'],
        summary: "a unit's progress report: 进展情况, 完成比例, 存在问题, 下步计划, attachments",
        params: IdParams,
        querystring: LedgerClock,
        body: NewReport,
      },
    },
    async (request, reply) => {
      await requirePlace(db, request, await placeOfTask(db, request.params.id), taskLabel(request.params.id));
      return reply
        .code(201)
        .send(await reportProgress(db, request.params.id, request.body, actorOf(request), request.query));
    },
  );

  app.post(
    '/api/tasks/:id/close',
    {
      config: { access: 'enter' },
      schema: {
        tags: ['ledger'],
        summary: '销号: the unit requests it, the planner confirms or rejects it',
        params: IdParams,
        body: CloseStep,
      },
    },
    async (request) => {
      // A unit asks for 销号; confirming or rejecting it is the planner's (审核).
      if (request.body.action !== 'request') requireAccess(request, 'review');
      await requirePlace(db, request, await placeOfTask(db, request.params.id), taskLabel(request.params.id));
      return closeStep(db, request.params.id, `${request.body.action}_close` as const, actorOf(request));
    },
  );

  app.get(
    '/api/task-sheet',
    {
      config: { access: 'read' },
      schema: {
        tags: ['ledger'],
        summary: '任务分解表 download (序号, 任务, 目标, 牵头单位, 配合单位, 责任人, 完成时限, 备注)',
        querystring: Type.Object({
          ...TaskSheetScope.properties,
          format: Type.Optional(Type.Enum(['csv', 'xlsx'])),
        }),
      },
    },
    async (request, reply) => {
      const { format = 'xlsx', ...filter } = request.query;
      return sendDownload(reply, 'task-sheet', format, await exportTaskSheet(db, filter, format));
    },
  );

  app.post(
    '/api/task-sheet',
    {
      config: { access: 'manage' },
      schema: {
        tags: ['ledger'],
        summary:
          'import a 任务分解表 (multipart "file"): row-level errors, nothing stored when a row is wrong',
        consumes: ['multipart/form-data'],
        querystring: TaskSheetScope,
      },
    },
    async (request, reply) => {
      const part = request.isMultipart() ? await request.file() : undefined;
      if (!part)
        return reply.code(400).send({
          statusCode: 400,
          error: 'Bad Request',
          code: 'upload/no-file',
          message: 'expected a multipart/form-data upload with a "file" field',
        });
      await requireScope(db, request, {
        region_id: request.query.region_id ?? null,
        label: '任务分解表 / task sheet',
      });
      const result = await importTaskSheet(
        db,
        new Uint8Array(await part.toBuffer()),
        { region_id: request.query.region_id ?? null, document_id: request.query.document_id ?? null },
        actorOf(request),
      );
      return reply.code(result.errors.length ? 422 : 201).send(result);
    },
  );

  listRoute<{ region_id?: number; stage?: string }>(app, {
    path: '/api/project-ledger',
    access: 'read',
    name: 'project-ledger',
    tag: 'ledger',
    summary: '项目台账: 总投资, 年度计划投资, 累计完成投资 and 完成率 (亿元), dates, stage',
    filters: {
      region_id: { type: 'integer', description: 'region id' },
      stage: { type: 'string', enum: ['前期', '在建', '竣工'], description: 'stage' },
    },
    page: (q, w) => pageProjectLedger(db, q, w),
  });

  app.post(
    '/api/plans/:id/project-ledger',
    {
      config: { access: 'manage' },
      schema: {
        tags: ['ledger'],
        summary: "start the 项目台账 from a plan's 专栏 projects (only projects not yet in it are added)",
        params: IdParams,
      },
    },
    async (request, reply) => {
      await requirePlace(
        db,
        request,
        await placeOfDocument(db, request.params.id),
        planLabel(request.params.id),
      );
      return reply.code(201).send(await seedProjectLedger(db, request.params.id, actorOf(request)));
    },
  );

  app.patch(
    '/api/project-ledger/:id',
    {
      config: { access: 'enter' },
      schema: {
        tags: ['ledger'],
        summary: 'a monthly update of a project: investments (亿元), dates, stage, lead unit, leader',
        params: IdParams,
        body: ProjectChange,
      },
    },
    async (request) => {
      await requirePlace(
        db,
        request,
        await placeOfProject(db, request.params.id),
        `项目 ${request.params.id} / project ${request.params.id}`,
      );
      return updateProjectLedger(db, request.params.id, request.body, actorOf(request));
    },
  );

  app.get(
    '/api/assessment',
    {
      config: { access: 'read' },
      schema: {
        tags: ['ledger'],
        summary:
          '考核: a score per unit (on-time reports, tasks done, indicator statuses), ranked, with components',
        querystring: Type.Object({ region_id: Type.Integer(), ...LedgerClock.properties }),
      },
    },
    async (request) => {
      const { region_id, ...clock } = request.query;
      return { items: await assessRegion(db, region_id, clock) };
    },
  );
}
