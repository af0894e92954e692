// A plan's evaluation read from the store: its current indicators with verdicts and road ahead, and the previous
// plan's 总结评估 from a completion table (the shape is documented in src/monitor/evaluation.ts).
import type { Kysely } from 'kysely';
import { convertUnit, indicatorById } from '../catalog/index.js';
import {
  annualTargetCheck,
  computeStatus,
  textTargetSpec,
  evaluateIndicator,
  evaluationSentence,
  previousPlanReview,
  tableRole,
  tableYears,
  VERDICT_RULE,
  type AnnualTargetCheck,
  type IndicatorEvaluation,
  type JudgedTarget,
  type LagDegree,
  type PlanEvaluation,
  type PreviousPlanReview,
  type StatusComponents,
  type StatusLabel,
  type TableYears,
  type Warning,
} from '../monitor/index.js';
import { fromJson } from './json.js';
import { RegionSeries, seriesFor } from './derive.js';
import {
  listAchievements,
  listIndicatorRows,
  listTargets,
  type IndicatorRow,
  type Target,
} from './repositories/facts.js';
import { listObservations } from './repositories/observations.js';
import { listStatuses, type Status } from './repositories/statuses.js';
import type { Database } from './schema.js';
import { isCurrentDocument } from './current.js';

type Db = Kysely<Database>;

export interface PlanTable {
  id: number;
  caption: string | null;
  line: number;
  years: TableYears;
  role: 'current' | 'previous';
}

/** The indicator tables of a plan with their years and role (this plan's targets or the previous plan's completion). */
export async function planTables(
  db: Db,
  plan: { id: number; period: string | null; period_start: number | null },
): Promise<PlanTable[]> {
  const tables = await db
    .selectFrom('indicator_tables')
    .select(['id', 'caption', 'line', 'columns'])
    .where('document_id', '=', plan.id)
    .orderBy('position')
    .execute();
  return tables.map((t) => {
    const years = tableYears({ caption: t.caption, columns: fromJson(t.columns) }, plan.period);
    return { id: t.id, caption: t.caption, line: t.line, years, role: tableRole(years, plan.period_start) };
  });
}

/** The status of each target kind at `year` (the newest year judged up to it), else the newest of all. */
function judgedAt(statuses: readonly Status[], year: number | null): JudgedTarget[] {
  const byKind = new Map<string, Status>();
  for (const s of statuses) {
    if (year !== null && s.year > year) continue;
    const seen = byKind.get(s.target_kind);
    if (!seen || s.year > seen.year) byKind.set(s.target_kind, s);
  }
  return [...byKind.values()].map((s) => ({
    id: s.id,
    kind: s.target_kind,
    year: s.year,
    label: s.label as StatusLabel,
    lag: s.lag as LagDegree | null,
    warning: s.warning as Warning | null,
    method: s.method,
    components: s.components as unknown as StatusComponents,
    explanation: s.explanation,
    override: s.override
      ? {
          label: s.override.label,
          reason: s.override.reason,
          by: s.override.overridden_by,
          at: s.override.overridden_at,
        }
      : null,
  }));
}

function previousOf(table: PlanTable, rows: readonly IndicatorRow[]): PreviousPlanReview {
  return previousPlanReview(
    table,
    table.years,
    rows.map((r) => ({
      rowId: r.id,
      name: r.name,
      unit: r.unit,
      attribute: r.attribute,
      direction: (r.indicator_id ? indicatorById(r.indicator_id)?.direction : null) ?? null,
      line: r.line,
      quote: r.quote,
      base_raw: r.raw.base_raw ?? null,
      target_raw: r.raw.target_raw ?? null,
      growth_raw: r.raw.growth_raw ?? null,
      actual_raw: r.raw.actual_raw ?? null,
      actual_growth_raw: r.raw.actual_growth_raw ?? null,
    })),
  );
}

interface PlanRow {
  id: number;
  filename: string;
  region_id: number | null;
  period_start: number | null;
  period_end: number | null;
}

/** What text targets and annual targets are judged with: the region's series, the plan's text, the work reports. */
async function judgingContext(db: Db, plan: PlanRow) {
  const [observations, planTargets, reportTargets, planValues] = await Promise.all([
    plan.region_id === null
      ? Promise.resolve([])
      : listObservations(db, { region_id: plan.region_id, approval: 'counted' }),
    listTargets(db, { document_id: plan.id }),
    plan.region_id === null
      ? Promise.resolve([])
      : listTargets(db, { region_id: plan.region_id, doc_type: 'work_report' }),
    listAchievements(db, { document_id: plan.id }),
  ]);
  const series = new RegionSeries(observations);
  const reports = new Map(
    (
      await db
        .selectFrom('documents')
        .select(['id', 'filename', 'period'])
        .where('id', 'in', [...new Set(reportTargets.map((t) => t.document_id)), -1])
        .execute()
    ).map((d) => [d.id, d]),
  );
  /** A work report's targets for its own year, within the plan's period (年度目标). */
  const annualOf = (indicatorId: string, unit: string | null): AnnualTargetCheck[] => {
    const def = indicatorById(indicatorId);
    const levels = series.of(indicatorId, unit);
    return reportTargets
      .filter((t) => {
        const reportYear = Number(reports.get(t.document_id)?.period ?? NaN);
        return (
          t.indicator_id === indicatorId &&
          t.year === reportYear &&
          (plan.period_start === null || t.year >= plan.period_start) &&
          (plan.period_end === null || t.year <= plan.period_end)
        );
      })
      .flatMap((t) => {
        const value = convertUnit(Number(t.value), t.unit, unit);
        if (value === null) return [];
        const actual = levels.find((o) => o.year === t.year) ?? null;
        return [
          annualTargetCheck(
            {
              comparator: t.comparator,
              value,
              year: t.year!,
              quote: t.quote,
              unit,
              source: { doc: reports.get(t.document_id)?.filename, line: t.line, quote: t.quote },
            },
            actual,
            def?.direction === 'lower' ? 'lower' : 'higher',
          ),
        ];
      });
  };
  return { series, planTargets, planValues, annualOf };
}

/**
 * The plan's targets written in the text for catalog indicators its tables do not carry (正文目标), judged on
 * reading like a table row: one per indicator, the target for the plan's last year first.
 */
function textIndicators(
  plan: PlanRow,
  context: Awaited<ReturnType<typeof judgingContext>>,
  inTables: ReadonlySet<string>,
  year: number | null,
): IndicatorEvaluation[] {
  const chosen = new Map<string, Target>();
  for (const t of context.planTargets) {
    if (!t.indicator_id || inTables.has(t.indicator_id) || t.year === null) continue;
    const seen = chosen.get(t.indicator_id);
    if (!seen || (seen.year !== plan.period_end && t.year === plan.period_end)) chosen.set(t.indicator_id, t);
  }
  return [...chosen.values()].map((t) => {
    const id = t.indicator_id!;
    const def = indicatorById(id);
    const unit = t.unit ?? def?.unit ?? null;
    const baseYear = plan.period_start === null ? t.year! - 5 : plan.period_start - 1;
    // The base: the plan's own figure for its base year (2020年全区生产总值达到380.4亿元), else a reported one.
    const stated = context.planValues.find(
      (a) => a.indicator_id === id && a.year === baseYear && a.metric === 'level',
    );
    const statedValue = stated ? convertUnit(Number(stated.value), stated.unit, unit) : null;
    const levelsOwn = context.series.of(id, unit);
    const base =
      statedValue !== null
        ? {
            year: baseYear,
            value: statedValue,
            raw: stated!.value,
            source: { doc: plan.filename, line: stated!.line, quote: stated!.quote },
          }
        : (levelsOwn.find((o) => o.year === baseYear) ?? null);
    const levelUnit = def?.growthOf ? (indicatorById(def.growthOf)?.unit ?? null) : null;
    const { levels, annual } = seriesFor(
      def,
      levelsOwn,
      def?.growthOf ? context.series.of(def.growthOf, levelUnit) : [],
    );
    const value = convertUnit(Number(t.value), t.unit, unit) ?? Number(t.value);
    const source = { doc: plan.filename, line: t.line, quote: t.quote };
    const target = textTargetSpec(
      { comparator: t.comparator, value, year: t.year!, quote: t.quote, source },
      def ?? null,
      base,
    );
    const upTo = (o: { year: number }) => year === null || o.year <= year;
    const status = computeStatus({
      indicatorId: id,
      name: def?.name ?? t.indicator,
      unit,
      category: def?.category ?? null,
      binding: def?.nationalAttribute === '约束性',
      direction: def?.direction ?? null,
      target,
      base,
      levels: levels.filter(upTo),
      annual: annual.filter(upTo),
      ...(year !== null ? { asOf: year } : {}),
    });
    return evaluateIndicator({
      rowId: null,
      targetId: t.id,
      indicatorId: id,
      name: def?.name ?? t.indicator,
      unit,
      category: def?.category ?? null,
      attribute: null,
      origin: 'text',
      evidence: { document: plan.filename, line: t.line, quote: t.quote },
      judged: [
        {
          id: null,
          kind: status.components.kind,
          year: status.components.latest?.year ?? year ?? t.year!,
          label: status.label,
          lag: status.lag,
          warning: status.warning,
          method: status.components.method,
          components: status.components,
          explanation: status.explanation,
          override: null,
        },
      ],
      annualTargets: context.annualOf(id, unit),
    });
  });
}

/**
 * The evaluation of one plan as of `year` (default: the newest year judged): one entry per indicator of its
 * current tables, in table order, and the previous plan's review when the plan carries a completion table.
 * Undefined when no plan has this id.
 */
export async function planEvaluation(
  db: Db,
  planId: number,
  year: number | null = null,
): Promise<PlanEvaluation | undefined> {
  const plan = await db
    .selectFrom('documents')
    .select(['id', 'title', 'filename', 'region', 'region_id', 'period', 'period_start', 'period_end'])
    .where('id', '=', planId)
    .where('doc_type', '=', 'plan')
    .executeTakeFirst();
  if (!plan) return undefined;
  const [tables, rows, statuses] = await Promise.all([
    planTables(db, plan),
    listIndicatorRows(db, { document_id: planId }),
    listStatuses(db, { document_id: planId }),
  ]);
  const role = new Map(tables.map((t) => [t.id, t.role]));
  const statusesOf = new Map<number, Status[]>();
  for (const s of statuses) {
    const list = statusesOf.get(s.row_id);
    if (list) list.push(s);
    else statusesOf.set(s.row_id, [s]);
  }
  const indicators = rows
    .filter((r) => role.get(r.table_id) === 'current')
    .map((r) => {
      const def = r.indicator_id ? indicatorById(r.indicator_id) : undefined;
      return evaluateIndicator({
        rowId: r.id,
        indicatorId: r.indicator_id,
        name: r.name,
        unit: r.unit,
        category: def?.category ?? r.category,
        attribute: r.attribute,
        origin: 'table',
        evidence: { document: plan.filename, line: r.line, quote: r.quote },
        judged: judgedAt(statusesOf.get(r.id) ?? [], year),
      });
    });
  const planRef = { ...plan, region_id: plan.region_id };
  const context = await judgingContext(db, planRef);
  for (const indicator of indicators) {
    if (indicator.indicatorId)
      indicator.annualTargets = context.annualOf(indicator.indicatorId, indicator.unit);
  }
  const tableSentence = evaluationSentence(indicators);
  const inTables = new Set(indicators.map((i) => i.indicatorId).filter((id) => id !== null));
  indicators.push(...textIndicators(planRef, context, inTables, year));
  const previousTable = tables.find((t) => t.role === 'previous');
  const asOfYears = indicators.flatMap((i) => (i.latest ? [i.latest.year] : []));
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      region: plan.region,
      periodStart: plan.period_start,
      periodEnd: plan.period_end,
    },
    year,
    asOf: asOfYears.length > 0 ? Math.max(...asOfYears) : null,
    rule: VERDICT_RULE,
    sentence: tableSentence,
    indicators,
    previous: previousTable
      ? previousOf(
          previousTable,
          rows.filter((r) => r.table_id === previousTable.id),
        )
      : null,
  };
}

/**
 * The indicators of every plan (or of the given plans): the rows of its current tables, never of a previous
 * plan's completion table. What "N 项主要指标" counts.
 */
export async function currentIndicatorRows(
  db: Db,
  planIds?: readonly number[],
): Promise<Map<number, Array<{ id: number; attribute: string | null }>>> {
  let tablesQuery = db
    .selectFrom('indicator_tables as t')
    .innerJoin('documents as d', 'd.id', 't.document_id')
    .select(['t.id', 't.caption', 't.columns', 'd.period', 'd.period_start'])
    .where('d.doc_type', '=', 'plan');
  // Given plans are counted whatever their state; otherwise the plans in use.
  if (!planIds) tablesQuery = tablesQuery.where(isCurrentDocument('d'));
  if (planIds) tablesQuery = tablesQuery.where('d.id', 'in', planIds.length ? [...planIds] : [-1]);
  const tables = await tablesQuery.execute();
  const current = tables
    .filter((t) => {
      return (
        tableRole(
          tableYears({ caption: t.caption, columns: fromJson(t.columns) }, t.period),
          t.period_start,
        ) === 'current'
      );
    })
    .map((t) => t.id);
  const out = new Map<number, Array<{ id: number; attribute: string | null }>>();
  for (let i = 0; i < current.length; i += 500) {
    const rows = await db
      .selectFrom('indicator_rows')
      .select(['id', 'document_id', 'attribute'])
      .where('table_id', 'in', current.slice(i, i + 500))
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.document_id);
      if (list) list.push({ id: r.id, attribute: r.attribute });
      else out.set(r.document_id, [{ id: r.id, attribute: r.attribute }]);
    }
  }
  return out;
}
