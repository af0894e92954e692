// GET /api/plans/:id/evaluation: every indicator of a plan with its verdict, components and road ahead, and the
// previous plan's 总结评估 (the shape is documented at the top of src/monitor/evaluation.ts).
import type { FastifyInstance } from 'fastify';
import { LantuError } from '../../diagnostics.js';
import { planEvaluation } from '../../store/index.js';
import type { RouteDeps } from './deps.js';

export function registerEvaluationRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;
  app.get(
    '/api/plans/:id/evaluation',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          "a plan's evaluation: per indicator its targets, latest value, progress, verdict and road ahead; the previous plan's review",
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'integer', minimum: 1 } },
        },
        querystring: {
          type: 'object',
          properties: { year: { type: 'integer', minimum: 1900, maximum: 2200 } },
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: number };
      const { year } = request.query as { year?: number };
      const evaluation = await planEvaluation(db, id, year ?? null);
      if (!evaluation) throw new LantuError({ code: 'plan/not-found', message: `plan ${id} does not exist` });
      return evaluation;
    },
  );
}
