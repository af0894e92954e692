// GET /api/series (one indicator of one plan, for the indicator page) and GET /api/compare (across regions).
import type { FastifyInstance } from 'fastify';
import { LantuError } from '../../diagnostics.js';
import { indicatorById } from '../../catalog/index.js';
import { sendList } from '../lists.js';
import { listParam, regionOfQuery, type RouteDeps } from './deps.js';
import { indicatorSeries, latestPerTarget, plansOfRegions, type IndicatorSeries } from './series.js';

/** One row of the comparison: what a plan set for an indicator and where the region stands. */
export interface ComparisonRow {
  plan_id: number;
  plan: string | null;
  region_id: number | null;
  region: string | null;
  indicator_id: string;
  indicator: string;
  /** The plan names the indicator (in its table or its text). */
  listed: boolean;
  unit: string | null;
  base_year: number | null;
  base_value: number | null;
  target_year: number | null;
  target_value: number | null;
  target_text: string | null;
  target_kind: string | null;
  implied_growth: number | null;
  latest_year: number | null;
  latest_value: string | null;
  latest_unit: string | null;
  status: string | null;
  warning: string | null;
  status_id: number | null;
  evidence_line: number | null;
}

export function comparisonRow(series: IndicatorSeries): ComparisonRow {
  const status = latestPerTarget(series.statuses)[0] ?? null;
  const listed = series.row !== null || series.targets.length > 0;
  return {
    plan_id: series.plan.id,
    plan: series.plan.title,
    region_id: series.plan.region_id,
    region: series.plan.region,
    indicator_id: series.indicator.id,
    indicator: series.indicator.name,
    listed,
    unit: series.row?.unit ?? series.target?.unit ?? series.base?.unit ?? series.indicator.unit,
    base_year: series.base?.year ?? null,
    base_value: series.base?.value ?? null,
    target_year: series.target?.year ?? null,
    target_value: series.target?.value ?? null,
    target_text: series.target?.raw ?? null,
    target_kind: series.target?.kind ?? null,
    implied_growth: series.implied_growth,
    latest_year: series.latest?.year ?? null,
    latest_value: series.latest?.value ?? null,
    latest_unit: series.latest?.unit ?? null,
    status: status
      ? (status.override?.label ??
        (status.label === '滞后' && status.lag ? `${status.lag}滞后` : status.label))
      : null,
    warning: status?.warning ?? null,
    status_id: status?.id ?? null,
    evidence_line: series.row?.line ?? series.target?.evidence.line ?? null,
  };
}

export function registerIndicatorRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;

  app.get(
    '/api/series',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'one indicator of a plan: base, targets, expected path, actual values with evidence, statuses',
        querystring: {
          type: 'object',
          required: ['indicator_id'],
          additionalProperties: false,
          properties: {
            indicator_id: { type: 'string', description: 'catalog indicator id' },
            document_id: { type: 'integer', description: 'plan document id' },
            region_id: { type: 'integer', description: 'region id (its latest plan)' },
            region: { type: 'string', description: 'region name' },
          },
        },
      },
    },
    async (request) => {
      const q = request.query as {
        indicator_id: string;
        document_id?: number;
        region_id?: number;
        region?: string;
      };
      if (!indicatorById(q.indicator_id)) {
        throw new LantuError({
          code: 'indicator/not-found',
          message: `catalog indicator "${q.indicator_id}" does not exist`,
          expected: 'an id from GET /api/catalog',
        });
      }
      let regionId = q.region_id;
      if (regionId === undefined && q.region) {
        const region = await regionOfQuery(db, q.region);
        if (!region)
          throw new LantuError({ code: 'region/not-found', message: `region "${q.region}" does not exist` });
        regionId = region.id;
      }
      const plans = await plansOfRegions(db, regionId === undefined ? undefined : [regionId]);
      const plan = q.document_id !== undefined ? plans.find((p) => p.id === q.document_id) : plans[0];
      if (!plan)
        throw new LantuError({
          code: 'plan/not-found',
          message: 'no plan matches',
          expected: 'a plan document_id, or a region with a plan',
        });
      return indicatorSeries(db, plan, q.indicator_id);
    },
  );

  app.get(
    '/api/compare',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'indicators across regions: base, target, implied annual growth, latest value and status per plan',
        querystring: {
          type: 'object',
          required: ['indicator_id'],
          additionalProperties: false,
          properties: {
            indicator_id: {
              type: 'array',
              items: { type: 'string' },
              description: 'one or more catalog ids (repeat or comma-separate)',
            },
            region_id: {
              type: 'array',
              items: { type: 'integer' },
              description: 'regions (default: every region with a plan)',
            },
            format: { type: 'string', enum: ['json', 'csv', 'xlsx'] },
            limit: { type: 'integer', minimum: 1, maximum: 1000 },
            offset: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query as {
        indicator_id: string[];
        region_id?: number[];
        format?: string;
        limit?: number;
        offset?: number;
      };
      const ids = listParam(q.indicator_id);
      const unknown = ids.filter((id) => !indicatorById(id));
      if (unknown.length > 0) {
        throw new LantuError({
          code: 'indicator/not-found',
          message: `catalog indicator "${unknown.join('", "')}" does not exist`,
          expected: 'ids from GET /api/catalog',
        });
      }
      const plans = await plansOfRegions(db, q.region_id);
      const rows: ComparisonRow[] = [];
      for (const id of ids) {
        for (const plan of plans) {
          const series = await indicatorSeries(db, plan, id);
          if (series) rows.push(comparisonRow(series));
        }
      }
      return sendList(reply, 'comparison', rows, q);
    },
  );
}
