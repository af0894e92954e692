// GET /api/plans/:id/evaluation: every indicator of a plan with its verdict, components and road ahead, and the
// previous plan's 总结评估 (the shape is documented at the top of src/monitor/evaluation.ts).
import { LantuError } from '../../diagnostics.js';
import type { PlanEvaluation as MonitorEvaluation } from '../../monitor/index.js';
import { planEvaluation } from '../../store/index.js';
import { EvaluationQuery, IdParams, PlanEvaluation } from '../contract/index.js';
import type { Api, RouteDeps } from './deps.js';

export function registerEvaluationRoutes(app: Api, { db }: RouteDeps): void {
  app.get(
    '/api/plans/:id/evaluation',
    {
      config: { access: 'read' },
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

/** The field names of a type, all the way down (leaf types aside): what the serializer keeps or drops. */
type Fields<T> = T extends readonly (infer E)[]
  ? Fields<E>[]
  : T extends object
    ? { [K in keyof T]-?: Fields<NonNullable<T[K]>> }
    : unknown;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The serializer drops a field the schema does not declare: one the monitor adds must be declared to compile.
const declaresEveryField: Same<Fields<PlanEvaluation>, Fields<MonitorEvaluation>> = true;
void declaresEveryField;
