// Approval (填报 → 审核 → 发布): the review queue, approving and returning entries, publishing a plan-year (which locks
// it), a value's history, and the public view of a plan, which shows its latest publication and nothing live.
import { Type } from 'typebox';
import { LantuError } from '../../diagnostics.js';
import {
  approvalHistory,
  approveEntries,
  latestPublication,
  listApprovals,
  listPublications,
  pageApprovals,
  publishable,
  publishPlanYear,
  returnEntries,
  statusesAsOf,
  listStatuses,
  type Publication as StoredPublication,
} from '../../store/index.js';
import {
  Approval,
  ApprovalHistory,
  ApprovalQuery,
  Approvals,
  ApproveRequest,
  IdParams,
  Page,
  Publication,
  PublicationSummary,
  PublicPlan,
  PublishPreview,
  PublishRequest,
  ReturnRequest,
} from '../contract/index.js';
import { sendPage, windowOf } from '../lists.js';
import { applyApprovedCorrection } from './corrections.js';
import { actorOf, type Api, type RouteDeps } from './deps.js';

const summaryOf = (p: StoredPublication): PublicationSummary => ({
  id: p.id,
  year: p.year,
  published_by: p.published_by,
  published_at: p.published_at,
  entries: p.entries.length,
});

export function registerApprovalRoutes(app: Api, { db }: RouteDeps): void {
  app.get(
    '/api/approvals',
    {
      config: { access: 'review' },
      schema: {
        tags: ['approval'],
        summary: '审核队列: people’s entries (values, overrides, corrections) with their state, oldest first',
        querystring: ApprovalQuery,
        response: { 200: Page(Approval) },
      },
    },
    async (request, reply) => {
      const { limit, offset, ...filter } = request.query;
      const page = await pageApprovals(db, filter, windowOf({ limit, offset }));
      return sendPage(reply, 'approvals', page, { limit, offset });
    },
  );

  app.post(
    '/api/approvals/approve',
    {
      config: { access: 'review' },
      schema: {
        tags: ['approval'],
        summary: 'approve entries (审核), all or none; nobody approves what they entered (两人原则)',
        body: ApproveRequest,
        response: { 200: Approvals },
      },
    },
    async (request) => {
      const by = actorOf(request);
      const items = await approveEntries(db, request.body.ids, by);
      for (const a of items.filter((e) => e.kind === 'correction'))
        await applyApprovedCorrection(db, a.subject_id, by);
      return { items };
    },
  );

  app.post(
    '/api/approvals/return',
    {
      config: { access: 'review' },
      schema: {
        tags: ['approval'],
        summary: 'send entries back (退回) with a reason; entered or approved, not yet published',
        body: ReturnRequest,
        response: { 200: Approvals },
      },
    },
    async (request) => {
      const by = actorOf(request);
      const items = await returnEntries(db, request.body.ids, by, request.body.reason);
      return { items };
    },
  );

  app.get(
    '/api/approvals/:id/history',
    {
      config: { access: 'read' },
      schema: {
        tags: ['approval'],
        summary:
          'the history of a value: the entry, what it revises and what revises it, with every transition',
        params: IdParams,
        response: { 200: ApprovalHistory },
      },
    },
    async (request) => approvalHistory(db, request.params.id),
  );

  app.get(
    '/api/plans/:id/publish',
    {
      config: { access: 'publish' },
      schema: {
        tags: ['approval'],
        summary: 'what publishing a plan-year would publish (approved entries) and what stays behind',
        params: IdParams,
        querystring: PublishRequest,
        response: { 200: PublishPreview },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { year } = request.query;
      const entries = await publishable(db, id, year);
      const waiting = (await listApprovals(db, { plan_id: id })).filter(
        (a) => (a.year === year || a.year === null) && (a.state === 'entered' || a.state === 'returned'),
      );
      const published = (await listPublications(db, { document_id: id })).filter((p) => p.year === year);
      return {
        plan_id: id,
        year,
        entries,
        pending: waiting.length,
        statuses: statusesAsOf(await listStatuses(db, { document_id: id }), year).length,
        published: published.at(-1)?.published_at ?? null,
      };
    },
  );

  app.post(
    '/api/plans/:id/publish',
    {
      config: { access: 'publish' },
      schema: {
        tags: ['approval'],
        summary:
          'publish a plan-year (发布): its approved entries and its statuses as now judged; the year is then locked',
        params: IdParams,
        body: PublishRequest,
        response: { 201: Publication },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await publishPlanYear(db, request.params.id, request.body.year, actorOf(request))),
  );

  app.get(
    '/api/plans/:id/publications',
    {
      config: { access: 'read' },
      schema: {
        tags: ['approval'],
        summary: 'the publications of a plan, by year',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(PublicationSummary) }) },
      },
    },
    async (request) => ({
      items: (await listPublications(db, { document_id: request.params.id })).map(summaryOf),
    }),
  );

  app.get(
    '/api/public/plans/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['approval'],
        summary:
          'a plan as published (政务公开): the statuses of its latest publication, never a live recomputation',
        params: IdParams,
        response: { 200: PublicPlan },
      },
    },
    async (request) => {
      const { id } = request.params;
      const plan = await db
        .selectFrom('documents as d')
        .leftJoin('regions as g', 'g.id', 'd.region_id')
        .select([
          'd.id',
          'd.title',
          'd.doc_type',
          'd.region_id',
          'g.name as region',
          'd.period_start',
          'd.period_end',
        ])
        .where('d.id', '=', id)
        .executeTakeFirst();
      if (!plan || plan.doc_type !== 'plan')
        throw new LantuError({ code: 'plan/not-found', message: `plan ${id} does not exist` });
      const latest = await latestPublication(db, id);
      const { doc_type: _t, ...shown } = plan;
      return {
        plan: shown,
        publication: latest ? summaryOf(latest) : null,
        publications: (await listPublications(db, { document_id: id })).map(summaryOf),
        statuses: latest?.statuses ?? [],
      };
    },
  );
}
