// After ingest, per region: reported values become observations, plan indicators get statuses, plans get linted.
import type { Kysely } from 'kysely';
import { convertUnit, indicatorById, type IndicatorDef } from '../catalog/index.js';
import type { IndicatorRowOut, IndicatorTableOut } from '../extract/model.js';
import {
  computeStatus,
  tableYears,
  targetsFromRow,
  type IndicatorStatus,
  type Observation as MonitorObservation,
} from '../monitor/index.js';
import { fromJson, now, toJson } from './json.js';
import { appendAudit } from './repositories/audit.js';
import { listAchievements, listIndicatorRows, type IndicatorRow } from './repositories/facts.js';
import { insertObservations, listObservations, type Observation } from './repositories/observations.js';
import type { Database, NewObservation } from './schema.js';
import { lintRegion } from './lint.js';

type Db = Kysely<Database>;

export interface DeriveReport {
  regions: number;
  /** Observations created from reported values in documents. */
  observations: number;
  statuses: number;
  findings: number;
}

/** Document types whose reported values are observations (a plan's own 2020 figures are its base, not data). */
const REPORTING_TYPES = ['work_report', 'bulletin'];

interface PlanDoc {
  id: number;
  title: string | null;
  filename: string;
  period: string | null;
  period_start: number | null;
  period_end: number | null;
}

async function plansOf(db: Db, regionId: number): Promise<PlanDoc[]> {
  return db
    .selectFrom('documents')
    .select(['id', 'title', 'filename', 'period', 'period_start', 'period_end'])
    .where('region_id', '=', regionId)
    .where('doc_type', '=', 'plan')
    .orderBy('period_end', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The plan row that a value of `indicatorId` in `year` observes: the region's plan covering that year. */
function planRowFor(
  rows: IndicatorRow[],
  plans: PlanDoc[],
  indicatorId: string,
  year: number,
): IndicatorRow | null {
  for (const plan of plans) {
    const covers =
      plan.period_start === null ||
      plan.period_end === null ||
      (year >= plan.period_start - 1 && year <= plan.period_end);
    if (!covers) continue;
    const row = rows.find((r) => r.document_id === plan.id && r.indicator_id === indicatorId);
    if (row) return row;
  }
  return null;
}

/** Rebuild the document-sourced observations of a region from the reported values of its reports. */
async function deriveObservations(
  db: Db,
  regionId: number,
  plans: PlanDoc[],
  rows: IndicatorRow[],
  actor: string,
): Promise<number> {
  await db
    .deleteFrom('observations')
    .where('region_id', '=', regionId)
    .where('source_kind', '=', 'document')
    .execute();
  const achievements = (await listAchievements(db, { region_id: regionId })).filter(
    (a) =>
      REPORTING_TYPES.includes(a.doc_type) && a.indicator_id !== null && a.year !== null && a.period === null,
  );
  const observations: NewObservation[] = achievements.map((a) => ({
    region_id: regionId,
    indicator_id: a.indicator_id!,
    year: a.year!,
    value: a.value,
    unit: a.unit,
    row_id: planRowFor(rows, plans, a.indicator_id!, a.year!)?.id ?? null,
    source_kind: 'document',
    document_id: a.document_id,
    achievement_id: a.id,
    line: a.line,
    quote: a.quote,
    start: a.start,
    end: a.end,
    import_id: null,
    import_row: null,
    note: null,
    recorded_by: actor,
    recorded_at: now(),
  }));
  await insertObservations(db, observations);
  return observations.length;
}

/** An observation as the monitor's number in the row's unit; null when the units cannot be compared. */
function toMonitor(o: Observation, unit: string | null): MonitorObservation | null {
  const value = Number(o.value);
  const converted = !o.unit || !unit || o.unit === unit ? value : convertUnit(value, o.unit, unit);
  if (converted === null || !Number.isFinite(converted)) return null;
  const source =
    o.source.kind === 'document'
      ? {
          doc: String(o.source.document_id),
          line: o.source.line ?? undefined,
          quote: o.source.quote ?? undefined,
        }
      : {
          by: o.recorded_by,
          file: o.source.import_file ?? undefined,
          line: o.source.import_row ?? undefined,
        };
  return { year: o.year, value: converted, raw: o.value, source };
}

/** One value per year (the first recorded wins: a later import does not silently replace a document's figure). */
function byYear(observations: Observation[], unit: string | null): MonitorObservation[] {
  const seen = new Map<number, MonitorObservation>();
  for (const o of observations) {
    if (seen.has(o.year)) continue;
    const m = toMonitor(o, unit);
    if (m) seen.set(o.year, m);
  }
  return [...seen.values()].sort((a, b) => a.year - b.year);
}

/** Which series feed a status: levels of the indicator, and its yearly flows (rates, amounts, reductions). */
function seriesFor(def: IndicatorDef | undefined, own: MonitorObservation[], levelOf: MonitorObservation[]) {
  if (!def) return { levels: own, annual: own };
  if (def.kind === 'growth') return { levels: levelOf, annual: own };
  if (def.kind === 'cumulative' || def.kind === 'reduction') return { levels: own, annual: own };
  return { levels: own, annual: [] as MonitorObservation[] };
}

function toRowOut(row: IndicatorRow): IndicatorRowOut {
  return {
    category: row.category,
    seq: row.seq,
    name: row.name,
    unit: row.unit,
    base_raw: row.raw.base_raw ?? null,
    target_raw: row.raw.target_raw ?? null,
    growth_raw: row.raw.growth_raw ?? null,
    attribute: row.attribute,
    parent: row.parent,
    line: row.line,
    ...(row.raw.actual_raw !== undefined ? { actual_raw: row.raw.actual_raw } : {}),
    ...(row.raw.actual_growth_raw !== undefined ? { actual_growth_raw: row.raw.actual_growth_raw } : {}),
  };
}

export interface PlannedStatus {
  row: IndicatorRow;
  year: number;
  status: IndicatorStatus;
}

/** Every status of one plan: each target of each row, judged at each year with data (or once, as no data). */
async function planStatuses(
  db: Db,
  regionId: number,
  plan: PlanDoc,
  rows: IndicatorRow[],
): Promise<PlannedStatus[]> {
  const tables = await db
    .selectFrom('indicator_tables')
    .select(['id', 'caption', 'line', 'columns'])
    .where('document_id', '=', plan.id)
    .execute();
  const observations = await listObservations(db, { region_id: regionId });
  const out: PlannedStatus[] = [];
  for (const table of tables) {
    const tableOut: IndicatorTableOut = {
      caption: table.caption,
      line: table.line,
      columns: fromJson(table.columns),
      rows: [],
    };
    const years = tableYears(tableOut, plan.period);
    for (const row of rows.filter((r) => r.table_id === table.id)) {
      const def = row.indicator_id ? indicatorById(row.indicator_id) : undefined;
      const source = { doc: plan.filename, line: row.line, quote: row.quote };
      const { base, targets } = targetsFromRow(toRowOut(row), years, def ?? null, source);
      const own = row.indicator_id
        ? byYear(
            observations.filter((o) => o.indicator_id === row.indicator_id),
            row.unit,
          )
        : [];
      const levelUnit = def?.growthOf ? (indicatorById(def.growthOf)?.unit ?? null) : null;
      const levelOf = def?.growthOf
        ? byYear(
            observations.filter((o) => o.indicator_id === def.growthOf),
            levelUnit,
          )
        : [];
      const { levels, annual } = seriesFor(def, own, levelOf);
      const firstYear =
        years.baseYear !== null ? years.baseYear + 1 : (plan.period_start ?? years.targetYear ?? 0);
      for (const target of targets) {
        const dataYears = [...new Set([...levels, ...annual].map((o) => o.year))]
          .filter((y) => y >= firstYear && y <= target.year)
          .sort((a, b) => a - b);
        const asOfYears = dataYears.length > 0 ? dataYears : [firstYear];
        for (const year of asOfYears) {
          const status = computeStatus({
            indicatorId: row.indicator_id,
            name: row.name,
            unit: row.unit,
            category: (def?.category ?? row.category ?? null) as IndicatorStatus['category'],
            plan: plan.title,
            binding:
              row.attribute === '约束性' || (row.attribute === '' && def?.nationalAttribute === '约束性'),
            direction: def?.direction ?? null,
            target,
            base,
            levels: levels.filter((o) => o.year <= year),
            annual: annual.filter((o) => o.year <= year),
            asOf: year,
          });
          out.push({ row, year, status });
        }
      }
    }
  }
  return out;
}

function ratioText(ratio: number | null): string | null {
  return ratio === null || !Number.isFinite(ratio) ? null : String(Math.round(ratio * 10_000) / 10_000);
}

/** Recompute observations, statuses and findings of the given regions, one transaction per region. */
export async function deriveRegions(
  db: Db,
  regionIds: readonly number[],
  actor = 'lantu',
): Promise<DeriveReport> {
  const report: DeriveReport = { regions: 0, observations: 0, statuses: 0, findings: 0 };
  for (const regionId of regionIds) {
    await db.transaction().execute(async (trx) => {
      const plans = await plansOf(trx, regionId);
      const rows = (await listIndicatorRows(trx, { region_id: regionId })).filter((r) =>
        plans.some((p) => p.id === r.document_id),
      );
      report.observations += await deriveObservations(trx, regionId, plans, rows, actor);

      for (const plan of plans) {
        await trx.deleteFrom('statuses').where('document_id', '=', plan.id).execute();
        const statuses = await planStatuses(trx, regionId, plan, rows);
        const values = statuses.map(({ row, year, status }) => ({
          row_id: row.id,
          document_id: plan.id,
          region_id: regionId,
          indicator_id: row.indicator_id,
          year,
          target_kind: status.components.kind,
          label: status.label,
          lag: status.lag,
          warning: status.warning,
          method: status.components.method,
          ratio: ratioText(status.components.ratio),
          components: toJson(status.components),
          explanation: status.explanation,
          computed_at: now(),
        }));
        // One status per row, year and target kind (two identical targets in one row keep the first).
        const unique = new Map<string, (typeof values)[number]>();
        for (const v of values)
          if (!unique.has(`${v.row_id}:${v.year}:${v.target_kind}`))
            unique.set(`${v.row_id}:${v.year}:${v.target_kind}`, v);
        const list = [...unique.values()];
        for (let i = 0; i < list.length; i += 100)
          await trx
            .insertInto('statuses')
            .values(list.slice(i, i + 100))
            .execute();
        report.statuses += list.length;
      }
      report.findings += await lintRegion(trx, regionId, plans);
      await appendAudit(trx, {
        actor,
        action: 'derive',
        entity: 'region',
        entity_id: regionId,
        detail: { plans: plans.map((p) => p.id) },
      });
    });
    report.regions += 1;
  }
  return report;
}
