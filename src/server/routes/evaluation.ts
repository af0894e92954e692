// GET /api/plans/:id/evaluation: every indicator of a plan with its verdict, components and road ahead, and the
// previous plan's 总结评估 (the shape is documented at the top of src/monitor/evaluation.ts).
import { LantuError } from '../../diagnostics.js';
import { planEvaluation } from '../../store/index.js';
import { EvaluationQuery, IdParams, PlanEvaluation } from '../contract/index.js';
import type { Api, RouteDeps } from './deps.js';

export function registerEvaluationRoutes(app: Api, { db }: RouteDeps): void {
  app.get(
    '/api/plans/:id/evaluation',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          "a plan's evaluation: per indicator its targets, latest value, progress, verdict and road ahead; the previous plan's review",
        params: IdParams,
        querystring: EvaluationQuery,
        response: { 200: PlanEvaluation },
      },
    },
    async (request) => {
      const { id } = request.params;
      const evaluation = await planEvaluation(db, id, request.query.year ?? null);
      if (!evaluation) throw new LantuError({ code: 'plan/not-found', message: `plan ${id} does not exist` });
      return evaluation;
    },
  );
}
