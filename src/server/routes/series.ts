// One indicator of one plan as a series: base, targets, the expected path, actual values with their evidence,
// and statuses; the same summary feeds the indicator page and the comparison across regions.
import type { Kysely } from 'kysely';
import { convertUnit, indicatorById, type IndicatorDef } from '../../catalog/index.js';
import { averageGrowth, expectedValue, tableYears, targetsFromCells } from '../../monitor/index.js';
import {
  isCurrentDocument,
  listAchievements,
  listIndicatorRows,
  rowCellsRead,
  listObservations,
  listStatuses,
  listTargets,
  type Database,
  type IndicatorRow,
  type Observation,
} from '../../store/index.js';
import type {
  Evidence,
  IndicatorSeries,
  PlanRef,
  SeriesTarget,
  ShownObservation,
} from '../contract/index.js';

type Db = Kysely<Database>;

export type { IndicatorSeries, PlanRef, SeriesTarget };

/** The year of the mid-term evaluation: the middle year of the plan period (2023 for 2021–2025). */
export function midtermYear(start: number | null, end: number | null): number | null {
  return start === null || end === null ? null : start + Math.floor((end - start) / 2);
}

export async function plansOfRegions(db: Db, regionIds?: readonly number[]): Promise<PlanRef[]> {
  let query = db
    .selectFrom('documents')
    .select(['id', 'title', 'filename', 'region_id', 'region', 'period_start', 'period_end'])
    .where('doc_type', '=', 'plan')
    .where(isCurrentDocument('documents'))
    .orderBy('region_id')
    .orderBy('period_end', 'desc')
    .orderBy('id');
  if (regionIds && regionIds.length > 0) query = query.where('region_id', 'in', [...regionIds]);
  return query.execute();
}

function numberOf(text: string | null): number | null {
  if (text === null) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Observations in `unit` where they convert (a value that does not convert keeps its own unit). */
function inUnit(observations: readonly Observation[], unit: string | null): ShownObservation[] {
  return observations.map((o) => {
    if (!unit || !o.unit || o.unit === unit) return o;
    const converted = convertUnit(Number(o.value), o.unit, unit);
    if (converted === null || !Number.isFinite(converted)) return o;
    // Twelve significant digits drop the binary noise of the scale factor (0.5, not 0.49999999999999994).
    const value = String(Number(converted.toPrecision(12)));
    return { ...o, value, unit, recorded_value: o.value, recorded_unit: o.unit };
  });
}

/** The newest value of each year (a person's entry recorded after a document's value replaces it on the chart). */
function onePerYear(observations: Observation[]): Observation[] {
  const byYear = new Map<number, Observation>();
  for (const o of observations) {
    const seen = byYear.get(o.year);
    if (!seen || o.recorded_at >= seen.recorded_at) byYear.set(o.year, o);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

async function rowTargets(db: Db, row: IndicatorRow, plan: PlanRef, def: IndicatorDef | undefined) {
  const table = await db
    .selectFrom('indicator_tables')
    .select(['caption', 'line', 'columns'])
    .where('id', '=', row.table_id)
    .executeTakeFirst();
  const columns = table
    ? ((typeof table.columns === 'string' ? JSON.parse(table.columns) : table.columns) as string[])
    : [];
  const period =
    plan.period_start !== null && plan.period_end !== null ? `${plan.period_start}-${plan.period_end}` : null;
  const years = tableYears(
    { caption: table?.caption ?? null, line: table?.line ?? row.line, columns, rows: [] },
    period,
  );
  return targetsFromCells(rowCellsRead(row), years, def ?? null);
}

/** The series of one catalog indicator in one plan (and the region's observations of it). */
export async function indicatorSeries(
  db: Db,
  plan: PlanRef,
  indicatorId: string,
): Promise<IndicatorSeries | null> {
  const def = indicatorById(indicatorId);
  if (!def) return null;
  const [rows, textTargets, planValues, observations, statuses] = await Promise.all([
    listIndicatorRows(db, { document_id: plan.id, indicator_id: indicatorId }),
    listTargets(db, { document_id: plan.id, indicator_id: indicatorId }),
    listAchievements(db, { document_id: plan.id, indicator_id: indicatorId }),
    plan.region_id === null
      ? Promise.resolve([])
      : listObservations(db, {
          region_id: plan.region_id,
          indicator_id: indicatorId,
          approval: 'counted',
        }),
    listStatuses(db, { document_id: plan.id, indicator_id: indicatorId }),
  ]);
  const row = rows[0] ?? null;
  const rowEvidence: Evidence | null = row
    ? { document_id: plan.id, line: row.line, quote: row.quote }
    : null;
  const targets: SeriesTarget[] = [];
  let base: IndicatorSeries['base'] = null;
  if (row) {
    const fromRow = await rowTargets(db, row, plan, def);
    if (fromRow.base)
      base = {
        year: fromRow.base.year,
        value: fromRow.base.value,
        raw: fromRow.base.raw ?? String(fromRow.base.value),
        unit: row.unit,
        evidence: rowEvidence!,
      };
    for (const t of fromRow.targets) {
      targets.push({
        kind: t.kind,
        year: t.year,
        value: t.value,
        raw: t.raw,
        comparator: t.comparator ?? null,
        ...(t.bound ? { bound: t.bound, strict: t.strict ?? false } : {}),
        unit: row.unit,
        from: 'table',
        aspirational: false,
        evidence: rowEvidence!,
      });
    }
  }
  for (const t of textTargets) {
    const year = t.year ?? plan.period_end;
    if (year === null) continue;
    targets.push({
      kind: def.kind === 'growth' ? 'growth' : 'level',
      year,
      value: numberOf(t.value),
      raw: t.quote,
      comparator: t.comparator,
      unit: t.unit,
      from: 'text',
      aspirational: t.aspirational,
      evidence: { document_id: t.document_id, line: t.line, quote: t.quote },
    });
  }
  if (!base && plan.period_start !== null) {
    // A plan states its base year's figures in its review of the last period (2020年全区生产总值达到380.4亿元).
    const baseYear = plan.period_start - 1;
    const stated = planValues.filter(
      (a) => a.year === baseYear && a.metric === 'level' && numberOf(a.value) !== null,
    );
    const first = stated[0];
    if (first)
      base = {
        year: baseYear,
        value: numberOf(first.value)!,
        raw: first.value,
        unit: first.unit,
        evidence: { document_id: first.document_id, line: first.line, quote: first.quote },
      };
  }
  const target =
    targets.find((t) => t.from === 'table' && t.kind === 'level' && t.value !== null) ??
    targets.find((t) => t.from === 'table' && t.value !== null) ??
    targets.find(
      (t) => t.from === 'text' && !t.aspirational && t.value !== null && t.year === plan.period_end,
    ) ??
    targets.find((t) => t.value !== null) ??
    null;
  const expected: IndicatorSeries['expected'] = [];
  let implied: number | null = null;
  const sameUnit = !base?.unit || !target?.unit || base.unit === target.unit;
  if (
    base &&
    target &&
    target.kind === 'level' &&
    target.value !== null &&
    target.year > base.year &&
    sameUnit
  ) {
    for (let year = base.year; year <= target.year; year++) {
      expected.push({
        year,
        value:
          Math.round(expectedValue(base.value, target.value, base.year, target.year, year).value * 1e4) / 1e4,
      });
    }
    implied = averageGrowth(base.value, target.value, target.year - base.year);
  } else if (target?.kind === 'growth' && target.value !== null) {
    implied = target.value;
  }
  // The chart, 最新值 and comparison read every value in one unit: the target's (else the base's, the catalog's).
  const shown = inUnit(observations, target?.unit ?? base?.unit ?? def.unit);
  const actual = onePerYear(shown);
  return {
    indicator: {
      id: def.id,
      name: def.name,
      unit: def.unit,
      direction: def.direction,
      kind: def.kind,
      category: def.category,
    },
    plan: { ...plan, midterm_year: midtermYear(plan.period_start, plan.period_end) },
    row,
    base,
    targets,
    target,
    expected,
    implied_growth: implied === null ? null : Math.round(implied * 100) / 100,
    actual: shown,
    latest: actual[actual.length - 1] ?? null,
    statuses,
  };
}

/** The newest status of each (row, target kind), as the rest of the API shows by default. */
export function latestPerTarget<T extends { row_id: number; target_kind: string; year: number }>(
  statuses: readonly T[],
): T[] {
  const latest = new Map<string, T>();
  for (const s of statuses) {
    const key = `${s.row_id}:${s.target_kind}`;
    const seen = latest.get(key);
    if (!seen || s.year > seen.year) latest.set(key, s);
  }
  return statuses.filter((s) => latest.get(`${s.row_id}:${s.target_kind}`) === s);
}
