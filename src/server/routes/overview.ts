// GET /api/overview: every plan with its status counts as the sentence evaluations write, warnings first.
import {
  LABEL_ORDER,
  rowVerdictCounts,
  summarize,
  type LabelCounts,
  type StatusLabel,
} from '../../monitor/index.js';
import {
  currentIndicatorRows,
  isCurrentDocument,
  listStatuses,
  pageTasks,
  type Status,
  type Task,
} from '../../store/index.js';
import { Overview, type PlanOverview } from '../contract/index.js';
import type { Api, RouteDeps } from './deps.js';
import { latestPerTarget, midtermYear, plansOfRegions } from './series.js';

export type { PlanOverview };

/** Counts by the label that counts (a person's override wins), in the shape the monitor's summary reads. */
export function labelCounts(statuses: readonly Status[]): LabelCounts {
  const counts = Object.fromEntries(LABEL_ORDER.map((l) => [l, 0])) as Record<StatusLabel, number>;
  const c: LabelCounts = {
    total: 0,
    counts,
    bindingLagging: 0,
    bindingMissed: 0,
    lagDegrees: { 轻度: 0, 严重: 0, 逆向: 0 },
  };
  for (const s of statuses) {
    const label = (s.override?.label ?? s.label) as StatusLabel;
    if (!(label in counts)) continue;
    c.total++;
    counts[label]++;
    const binding = s.attribute === '约束性';
    if (label === '滞后') {
      if (binding) c.bindingLagging++;
      if (s.lag === '轻度' || s.lag === '严重' || s.lag === '逆向') c.lagDegrees[s.lag]++;
    }
    if (label === '未达标' && binding) c.bindingMissed++;
  }
  return c;
}

const WARNING_RANK: Record<string, number> = { red: 0, yellow: 1 };

/** Overdue tasks listed beside the indicator warnings (the 任务台账 has them all). */
const OVERDUE_SHOWN = 20;

export type OverdueTasks = { total: number; items: Task[] };

export function registerOverviewRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;
  app.get(
    '/api/overview',
    {
      // Live statuses of every plan: for signed-in users; the public page shows what was published.
      config: { access: 'read' },
      schema: {
        tags: ['monitoring'],
        summary: 'plans with status counts (as a sentence), warnings red first, latest reported year',
        response: { 200: Overview },
      },
    },
    async () => {
      const [plans, statuses, years, documents, regions, overdue] = await Promise.all([
        plansOfRegions(db),
        listStatuses(db),
        db
          .selectFrom('observations')
          .select(['region_id', (eb) => eb.fn.max('year').as('year')])
          .groupBy('region_id')
          .execute(),
        db
          .selectFrom('documents')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(isCurrentDocument('documents'))
          .executeTakeFirst(),
        // 涉及地区: the regions that have a plan, not every place named (a province above a district).
        db
          .selectFrom('documents')
          .select((eb) => eb.fn.count('region_id').distinct().as('n'))
          .where('doc_type', '=', 'plan')
          .where(isCurrentDocument('documents'))
          .executeTakeFirst(),
        pageTasks(db, { overdue: true }, { limit: OVERDUE_SHOWN, offset: 0 }),
      ]);
      const latest = latestPerTarget(statuses);
      const latestYear = new Map(years.map((y) => [y.region_id, y.year === null ? null : Number(y.year)]));
      // Indicators are the rows of a plan's current tables; the sentence gives one verdict per indicator.
      const rowsOf = await currentIndicatorRows(db);
      const overview: PlanOverview[] = plans.map((plan) => {
        const mine = latest.filter((s) => s.document_id === plan.id);
        const counts = rowVerdictCounts(rowsOf.get(plan.id) ?? [], mine);
        return {
          id: plan.id,
          title: plan.title,
          region_id: plan.region_id,
          region: plan.region,
          period_start: plan.period_start,
          period_end: plan.period_end,
          midterm_year: midtermYear(plan.period_start, plan.period_end),
          indicators: rowsOf.get(plan.id)?.length ?? 0,
          counts: Object.fromEntries(Object.entries(counts.counts).filter(([, n]) => n > 0)),
          sentence: summarize(counts),
          red: mine.filter((s) => s.warning === 'red').length,
          yellow: mine.filter((s) => s.warning === 'yellow').length,
          latest_year: plan.region_id === null ? null : (latestYear.get(plan.region_id) ?? null),
        };
      });
      const titles = new Map(plans.map((p) => [p.id, p.title]));
      const warnings = latest
        .filter((s) => s.warning === 'red' || s.warning === 'yellow')
        .sort(
          (a, b) => WARNING_RANK[a.warning!]! - WARNING_RANK[b.warning!]! || a.document_id - b.document_id,
        )
        .map((s) => ({ ...s, plan: titles.get(s.document_id) ?? null }));
      const allYears = overview.map((p) => p.latest_year).filter((y): y is number => y !== null);
      return {
        plans: overview,
        warnings,
        overdue_tasks: { total: overdue.total, items: overdue.items },
        documents: Number(documents?.n ?? 0),
        regions: Number(regions?.n ?? 0),
        latest_year: allYears.length > 0 ? Math.max(...allYears) : null,
      };
    },
  );
}
