// GET /api/series (one indicator of one plan, for the indicator page) and GET /api/compare (across regions).
import { Type } from 'typebox';
import { LantuError } from '../../diagnostics.js';
import { indicatorById } from '../../catalog/index.js';
import { ComparisonRow, IndicatorSeries, Page } from '../contract/index.js';
import { sendList } from '../lists.js';
import { listParam, regionIdOf, type Api, type RouteDeps } from './deps.js';
import { indicatorSeries, latestPerTarget, plansOfRegions } from './series.js';

const SeriesQuery = Type.Object(
  {
    indicator_id: Type.String({ description: 'catalog indicator id' }),
    document_id: Type.Optional(Type.Integer({ description: 'plan document id' })),
    region_id: Type.Optional(Type.Integer({ description: 'region id (its latest plan)' })),
    region: Type.Optional(Type.String({ description: 'region name' })),
  },
  { additionalProperties: false },
);

const CompareQuery = Type.Object(
  {
    indicator_id: Type.Array(Type.String(), {
      description: 'one or more catalog ids (repeat or comma-separate)',
    }),
    region_id: Type.Optional(
      Type.Array(Type.Integer(), { description: 'regions (default: every region with a plan)' }),
    ),
    format: Type.Optional(Type.Enum(['json', 'csv', 'xlsx'])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

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

export function registerIndicatorRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;

  app.get(
    '/api/series',
    {
      config: { access: 'read' },
      schema: {
        tags: ['monitoring'],
        summary:
          'one indicator of a plan: base, targets, expected path, actual values with evidence, statuses',
        querystring: SeriesQuery,
        response: { 200: IndicatorSeries },
      },
    },
    async (request) => {
      const q = request.query;
      if (!indicatorById(q.indicator_id)) {
        throw new LantuError({
          code: 'indicator/not-found',
          message: `catalog indicator "${q.indicator_id}" does not exist`,
          expected: 'an id from GET /api/catalog',
        });
      }
      const regionId = await regionIdOf(db, q);
      const plans = await plansOfRegions(db, regionId === undefined ? undefined : [regionId]);
      const plan = q.document_id !== undefined ? plans.find((p) => p.id === q.document_id) : plans[0];
      if (!plan)
        throw new LantuError({
          code: 'plan/not-found',
          message: 'no plan matches',
          expected: 'a plan document_id, or a region with a plan',
        });
      const series = await indicatorSeries(db, plan, q.indicator_id);
      if (!series) throw new Error(`catalog indicator ${q.indicator_id} vanished while its series was read`);
      return series;
    },
  );

  app.get(
    '/api/compare',
    {
      config: { access: 'read' },
      schema: {
        tags: ['monitoring'],
        summary:
          'indicators across regions: base, target, implied annual growth, latest value and status per plan',
        querystring: CompareQuery,
        response: { 200: Page(ComparisonRow) },
      },
    },
    async (request, reply) => {
      const q = request.query;
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
