// Delegated targets (按市下达目标): list a plan's rows that wait for an assigned value, and enter one with the
// document that assigned it; the row is judged again at once.
import { requirePlace } from '../auth.js';
import { LantuError } from '../../diagnostics.js';
import {
  addAssignedTarget,
  currentIndicatorRows,
  delegatedCell,
  deriveRegions,
  listAssignedTargets,
  listIndicatorRows,
  listStatuses,
  placeOfFigure,
} from '../../store/index.js';
import { AssignedTargetAnswer, AssignedTargetEntry, DelegatedTargets, IdParams } from '../contract/index.js';
import { actorOf, type Api, type RouteDeps } from './deps.js';

export function registerAssignedTargetRoutes(app: Api, { db }: RouteDeps): void {
  app.get(
    '/api/plans/:id/delegated',
    {
      config: { access: 'read' },
      schema: {
        tags: ['monitoring'],
        summary: "a plan's delegated targets (按市下达目标) with the values entered for them, newest last",
        params: IdParams,
        response: { 200: DelegatedTargets },
      },
    },
    async (request) => {
      const { id } = request.params;
      const current = new Set((await currentIndicatorRows(db, [id])).get(id)?.map((r) => r.id) ?? []);
      const rows = (await listIndicatorRows(db, { document_id: id })).filter(
        (r) => current.has(r.id) && delegatedCell(r.raw) !== null,
      );
      const entries = await listAssignedTargets(
        db,
        rows.map((r) => r.id),
      );
      return {
        items: rows.map((r) => {
          const history = entries.filter((a) => a.row_id === r.id);
          return {
            row_id: r.id,
            name: r.name,
            unit: r.unit,
            attribute: r.attribute,
            indicator_id: r.indicator_id,
            cell: delegatedCell(r.raw),
            delegated: r.raw[delegatedCell(r.raw)!] ?? null,
            line: r.line,
            quote: r.quote,
            assigned: history.at(-1) ?? null,
            history,
          };
        }),
      };
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
