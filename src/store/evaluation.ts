// A plan's evaluation read from the store: its current indicators with verdicts and road ahead, and the previous
// plan's 总结评估 from a completion table (the shape is documented in src/monitor/evaluation.ts).
import type { Kysely } from 'kysely';
import { indicatorById } from '../catalog/index.js';
import type { IndicatorTableOut } from '../extract/model.js';
import {
  evaluateIndicator,
  evaluationSentence,
  previousPlanReview,
  tableRole,
  tableYears,
  VERDICT_RULE,
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
import { listIndicatorRows, type IndicatorRow } from './repositories/facts.js';
import { listStatuses, type Status } from './repositories/statuses.js';
import type { Database } from './schema.js';

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
    const out: IndicatorTableOut = {
      caption: t.caption,
      line: t.line,
      columns: fromJson(t.columns),
      rows: [],
    };
    const years = tableYears(out, plan.period);
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
    .select(['id', 'title', 'filename', 'region', 'period', 'period_start', 'period_end'])
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
    sentence: evaluationSentence(indicators),
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
    .select(['t.id', 't.document_id', 't.caption', 't.line', 't.columns', 'd.period', 'd.period_start'])
    .where('d.doc_type', '=', 'plan');
  if (planIds) tablesQuery = tablesQuery.where('d.id', 'in', planIds.length ? [...planIds] : [-1]);
  const tables = await tablesQuery.execute();
  const current = tables
    .filter((t) => {
      const out: IndicatorTableOut = {
        caption: t.caption,
        line: t.line,
        columns: fromJson(t.columns),
        rows: [],
      };
      return tableRole(tableYears(out, t.period), t.period_start) === 'current';
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
