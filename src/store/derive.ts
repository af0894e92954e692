// After ingest, per region: reported values become observations, plan indicators get statuses, plans get linted.
import type { Kysely } from 'kysely';
import { convertUnit, indicatorById, type IndicatorDef } from '../catalog/index.js';
import {
  computeStatus,
  lintPlan,
  readCell,
  reportedBound,
  tableRole,
  tableYears,
  targetsFromCells,
  type IndicatorStatus,
  type Observation as MonitorObservation,
} from '../monitor/index.js';
import { fromJson, now, toJson } from './json.js';
import { appendAudit } from './repositories/audit.js';
import { currentAssignedTargets, type AssignedTarget } from './repositories/assigned.js';
import { listIndicatorRows, rowCellsRead, type IndicatorRow } from './repositories/facts.js';
import { insertObservations, listObservations, type Observation } from './repositories/observations.js';
import type { Database, NewObservation } from './schema.js';
import { lintRegion, type Linter } from './lint.js';
import { clearOwed, lockRegion, owedOf, owedRegions, type Owed } from './owed.js';
import { deleteIds, groupBy, matchByKey } from './replace.js';
import { crashPoint } from './crash-points.js';
import { isCurrentDocument } from './current.js';
import type { RowCellsRead } from '../monitor/index.js';

/** The typed cell an assigned value stands in for. */
const ASSIGNED_CELL: Record<AssignedTarget['cell'], keyof RowCellsRead> = {
  target_raw: 'target',
  growth_raw: 'growth',
};
import { analysisPool, type AnalysisPool } from './workers.js';

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

/** Rows per INSERT: 15 columns × 500 stays under both engines' bound-parameter limits. */
const STATUS_CHUNK = 500;

/** What a derive must recompute; by default everything of each region. */
export interface DeriveScope {
  /**
   * The documents stored (or changed) since the last derive. A plan among them gets its statuses and findings;
   * a report or bulletin changes the region's observations, so every plan of its region is judged and linted
   * again. Absent: every plan of each region.
   */
  documents?: readonly number[];
  /** Run the plan linter (default true): a typed or imported value, or a new link, changes statuses only. */
  lint?: boolean;
  /** Worker threads for the linter when many plans need it (default 1: in this thread). */
  threads?: number;
  /** Called after each region's results are committed (for a progress bar). */
  onRegion?: (progress: { regionId: number; done: number; total: number }) => void;
}

/** Plans to lint before worker threads are worth starting. */
const POOL_FROM_PLANS = 8;

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
    .where(isCurrentDocument('documents'))
    .orderBy('period_end', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** For each indicator, the plans that have a row for it, newest plan first, each with its first such row. */
function planRowsByIndicator(plans: PlanDoc[], rowsOfPlan: Map<number, IndicatorRow[]>) {
  const out = new Map<string, Array<{ plan: PlanDoc; row: IndicatorRow }>>();
  for (const plan of plans) {
    const seen = new Set<string>();
    for (const row of rowsOfPlan.get(plan.id) ?? []) {
      if (!row.indicator_id || seen.has(row.indicator_id)) continue;
      seen.add(row.indicator_id);
      const list = out.get(row.indicator_id);
      if (list) list.push({ plan, row });
      else out.set(row.indicator_id, [{ plan, row }]);
    }
  }
  return out;
}

/** The plan row that a value of `indicatorId` in `year` observes: the region's plan covering that year. */
function planRowFor(
  byIndicator: ReturnType<typeof planRowsByIndicator>,
  indicatorId: string,
  year: number,
): IndicatorRow | null {
  for (const { plan, row } of byIndicator.get(indicatorId) ?? []) {
    const covers =
      plan.period_start === null ||
      plan.period_end === null ||
      (year >= plan.period_start - 1 && year <= plan.period_end);
    if (covers) return row;
  }
  return null;
}

/** What derive computes of a document observation; who recorded it and when stay as first recorded. */
const OBSERVED = [
  'indicator_id',
  'year',
  'value',
  'unit',
  'row_id',
  'document_id',
  'line',
  'quote',
  'start',
  'end',
] as const;

/**
 * Bring the document-sourced observations of a region in line with the reported values of its reports: one per
 * reported value, recorded by and at its document's ingest (so never re-stamped), updated in place only when its
 * plan row moved.
 */
async function deriveObservations(
  db: Db,
  regionId: number,
  byIndicator: ReturnType<typeof planRowsByIndicator>,
): Promise<number> {
  // Linked values of one year (not a period figure) reported by the region's reports, in document order.
  const reported = await db
    .selectFrom('achievements as x')
    .innerJoin('documents as d', 'd.id', 'x.document_id')
    .innerJoin('links as l', (j) =>
      j.onRef('l.subject_id', '=', 'x.id').on('l.subject_kind', '=', 'achievement'),
    )
    .select([
      'x.id',
      'x.document_id',
      'x.value',
      'x.unit',
      'x.year',
      'x.line',
      'x.quote',
      'x.start',
      'x.end',
      'l.indicator_id',
      'd.ingested_at',
      'd.ingested_by',
    ])
    .where('d.region_id', '=', regionId)
    .where('d.doc_type', 'in', REPORTING_TYPES)
    .where(isCurrentDocument('d'))
    .where('x.year', 'is not', null)
    .where('x.period', 'is', null)
    .orderBy('x.document_id')
    .orderBy('x.position')
    .execute();
  // A document's value was recorded when and by whom the document was ingested: re-deriving never re-stamps it.
  const wanted: Array<NewObservation & { achievement_id: number }> = reported.map((a) => ({
    region_id: regionId,
    indicator_id: a.indicator_id,
    year: a.year!,
    value: a.value,
    unit: a.unit,
    row_id: planRowFor(byIndicator, a.indicator_id, a.year!)?.id ?? null,
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
    recorded_by: a.ingested_by,
    recorded_at: a.ingested_at,
  }));
  const stored = await db
    .selectFrom('observations')
    .select(['id', 'achievement_id', ...OBSERVED])
    .where('region_id', '=', regionId)
    .where('source_kind', '=', 'document')
    .execute();
  const { pairs, missing, stale } = matchByKey(
    stored,
    wanted,
    (o) => String(o.achievement_id),
    (o) => String(o.achievement_id),
  );
  await deleteIds(db, 'observations', stale);
  for (const [old, next] of pairs) {
    if (OBSERVED.every((c) => old[c] === next[c])) continue;
    const changed = Object.fromEntries(OBSERVED.map((c) => [c, next[c]]));
    await db.updateTable('observations').set(changed).where('id', '=', old.id).execute();
  }
  await insertObservations(db, missing);
  return wanted.length;
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
  // 超过65%: the report gives a bound, judged as one (never as the value 65).
  const bound = o.source.kind === 'document' ? reportedBound(o.source.quote, value) : null;
  return { year: o.year, value: converted, raw: o.value, source, ...(bound ?? {}) };
}

/**
 * One value per year. Conflicting values stay stored side by side (the API flags them); a person's newest entry
 * is the choice, else the first recorded wins (a later import does not silently replace a document's figure).
 */
function byYear(observations: readonly Observation[], unit: string | null): MonitorObservation[] {
  const chosen = new Map<number, { o: Observation; m: MonitorObservation }>();
  for (const o of observations) {
    const held = chosen.get(o.year)?.o;
    const personChoice = o.source.kind === 'person' && (held?.source.kind !== 'person' || o.id > held.id);
    if (held && !personChoice) continue;
    const m = toMonitor(o, unit);
    if (m) chosen.set(o.year, { o, m });
  }
  return [...chosen.values()].map(({ m }) => m).sort((a, b) => a.year - b.year);
}

/** The yearly series of each (indicator, unit) of a region, computed once and shared by every plan. */
export class RegionSeries {
  private readonly cache = new Map<string, MonitorObservation[]>();
  private readonly byIndicator: Map<string, Observation[]>;
  constructor(observations: readonly Observation[]) {
    this.byIndicator = groupBy(observations, (o) => o.indicator_id);
  }
  of(indicatorId: string, unit: string | null): MonitorObservation[] {
    const key = `${indicatorId}\u0000${unit ?? ''}`;
    let series = this.cache.get(key);
    if (!series) {
      series = byYear(this.byIndicator.get(indicatorId) ?? [], unit);
      this.cache.set(key, series);
    }
    return series;
  }
}

/** Which series feed a status: levels of the indicator, and its yearly flows (rates, amounts, reductions). */
export function seriesFor(
  def: IndicatorDef | undefined,
  own: MonitorObservation[],
  levelOf: MonitorObservation[],
) {
  if (!def) return { levels: own, annual: own };
  if (def.kind === 'growth') return { levels: levelOf, annual: own };
  if (def.kind === 'cumulative' || def.kind === 'reduction') return { levels: own, annual: own };
  return { levels: own, annual: [] as MonitorObservation[] };
}

export interface PlannedStatus {
  row: IndicatorRow;
  year: number;
  status: IndicatorStatus;
}

interface StoredTable {
  id: number;
  document_id: number;
  caption: string | null;
  line: number;
  columns: unknown;
}

/** Every status of one plan: each target of each row, judged at each year with data (or once, as no data). */
function planStatuses(
  plan: PlanDoc,
  tables: readonly StoredTable[],
  rowsOfTable: Map<number, IndicatorRow[]>,
  series: RegionSeries,
  assigned: ReadonlyMap<number, AssignedTarget> = new Map(),
): PlannedStatus[] {
  const out: PlannedStatus[] = [];
  for (const table of tables) {
    const years = tableYears({ caption: table.caption, columns: fromJson(table.columns) }, plan.period);
    // A previous plan's completion table is that plan's 总结评估 (store/evaluation.ts), not this plan's targets.
    if (tableRole(years, plan.period_start) === 'previous') continue;
    for (const row of rowsOfTable.get(table.id) ?? []) {
      const def = row.indicator_id ? indicatorById(row.indicator_id) : undefined;
      const source = { doc: plan.filename, line: row.line, quote: row.quote };
      // A delegated cell (按市下达目标) is judged by the value a person entered from the assigning document.
      const given = assigned.get(row.id);
      const cells = rowCellsRead(row);
      const { base, targets: read } = targetsFromCells(
        given ? { ...cells, [ASSIGNED_CELL[given.cell] ?? 'target']: readCell(given.raw) } : cells,
        years,
        def ?? null,
        source,
      );
      const targets = given
        ? read.map((t) =>
            t.raw === given.raw
              ? { ...t, source: { by: given.entered_by, file: given.source_document, quote: given.raw } }
              : t,
          )
        : read;
      const own = row.indicator_id ? series.of(row.indicator_id, row.unit) : [];
      const levelUnit = def?.growthOf ? (indicatorById(def.growthOf)?.unit ?? null) : null;
      const levelOf = def?.growthOf ? series.of(def.growthOf, levelUnit) : [];
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

/** The statuses of one plan as rows: one per row, year and target kind, the newest year of each marked latest. */
function statusRows(plan: PlanDoc, regionId: number, statuses: PlannedStatus[]) {
  const computedAt = now();
  // One status per row, year and target kind (two identical targets in one row keep the first).
  const unique = new Map<string, PlannedStatus>();
  for (const s of statuses) {
    const key = `${s.row.id}:${s.year}:${s.status.components.kind}`;
    if (!unique.has(key)) unique.set(key, s);
  }
  const newest = new Map<string, number>();
  for (const s of unique.values()) {
    const key = `${s.row.id}:${s.status.components.kind}`;
    newest.set(key, Math.max(newest.get(key) ?? -Infinity, s.year));
  }
  return [...unique.values()].map(({ row, year, status }) => ({
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
    computed_at: computedAt,
    latest: newest.get(`${row.id}:${status.components.kind}`) === year ? 1 : 0,
  }));
}

type StatusRow = ReturnType<typeof statusRows>[number];

/** What a recomputation may change in a status; a status whose columns are all unchanged is left as it was. */
const JUDGED = [
  'document_id',
  'region_id',
  'indicator_id',
  'label',
  'lag',
  'warning',
  'method',
  'ratio',
  'components',
  'explanation',
  'latest',
] as const;

/**
 * Replace a plan's statuses in place: a status is (row, year, target kind) and keeps its id (overrides and open
 * pages refer to it); changed ones are updated, new ones inserted (an upsert), vanished ones deleted.
 */
async function replaceStatuses(db: Db, planId: number, values: StatusRow[]): Promise<void> {
  const key = (s: { row_id: number; year: number; target_kind: string }) =>
    `${s.row_id}:${s.year}:${s.target_kind}`;
  const stored = await db
    .selectFrom('statuses')
    .select(['id', 'row_id', 'year', 'target_kind'])
    .where('document_id', '=', planId)
    .execute();
  await deleteIds(db, 'statuses', matchByKey(stored, values, key, key).stale);
  for (let i = 0; i < values.length; i += STATUS_CHUNK)
    await db
      .insertInto('statuses')
      .values(values.slice(i, i + STATUS_CHUNK))
      .onConflict((oc) =>
        oc
          .columns(['row_id', 'year', 'target_kind'])
          .doUpdateSet((eb) => ({
            ...Object.fromEntries(JUDGED.map((c) => [c, eb.ref(`excluded.${c}`)])),
            computed_at: eb.ref('excluded.computed_at'),
          }))
          .where((eb) =>
            eb.or(JUDGED.map((c) => eb(`statuses.${c}`, 'is distinct from', eb.ref(`excluded.${c}`)))),
          ),
      )
      .execute();
}

/** Which plans of a region a derive must judge and lint, given what changed. */
async function plansInScope(
  db: Db,
  regionId: number,
  plans: PlanDoc[],
  scope: DeriveScope,
): Promise<PlanDoc[]> {
  if (!scope.documents) return plans;
  const changed = new Set(scope.documents);
  const planIds = new Set(plans.map((p) => p.id));
  const others = [...changed].filter((id) => !planIds.has(id));
  // A changed report or bulletin of this region changes what every plan of it is judged and linted against.
  for (let i = 0; i < others.length; i += 500) {
    const report = await db
      .selectFrom('documents')
      .select('id')
      .where('id', 'in', others.slice(i, i + 500))
      .where('region_id', '=', regionId)
      .executeTakeFirst();
    if (report) return plans;
  }
  return plans.filter((p) => changed.has(p.id));
}

/**
 * Recompute observations, statuses and findings of the given regions, one transaction per region (a reader sees
 * a region's old results or its new ones, never half). With a scope, only the plans that what changed can affect
 * are judged and linted again; whatever a region is still owed (a crashed run's documents) is done as well.
 */
export async function deriveRegions(
  db: Db,
  regionIds: readonly number[],
  actor = 'lantu',
  scope: DeriveScope = {},
): Promise<DeriveReport> {
  const report: DeriveReport = { regions: 0, observations: 0, statuses: 0, findings: 0 };
  let pool: AnalysisPool | null = null;
  const linter = (plans: number): Linter => {
    if (plans < POOL_FROM_PLANS || (scope.threads ?? 1) <= 1) return lintPlan;
    pool ??= analysisPool(scope.threads!);
    return pool.lint;
  };
  try {
    for (const regionId of regionIds) {
      const counts = await deriveRegion(db, regionId, actor, scope, linter);
      report.regions += 1;
      report.observations += counts.observations;
      report.statuses += counts.statuses;
      report.findings += counts.findings;
      scope.onRegion?.({ regionId, done: report.regions, total: regionIds.length });
    }
  } finally {
    await (pool as AnalysisPool | null)?.close();
  }
  return report;
}

/** Finish every derivation still owed (documents stored by a run that died before deriving them). */
export async function deriveOwed(
  db: Db,
  actor = 'lantu',
  options: Pick<DeriveScope, 'threads' | 'onRegion'> = {},
): Promise<DeriveReport> {
  return deriveRegions(db, await owedRegions(db), actor, { ...options, documents: [] });
}

/** The scope a region is derived with: what the caller asks for and what the region is still owed. */
function withOwed(scope: DeriveScope, owed: Owed): { judge: DeriveScope; lint: DeriveScope | null } {
  const documents =
    scope.documents === undefined || owed.documents === null
      ? undefined
      : [...scope.documents, ...owed.documents];
  const judge: DeriveScope = documents === undefined ? {} : { documents };
  // A caller that skips linting (a typed value) still lints the plans owed from an earlier run.
  if (scope.lint !== false) return { judge, lint: judge };
  if (owed.ids.length === 0) return { judge, lint: null };
  return { judge, lint: owed.documents === null ? {} : { documents: owed.documents } };
}

/** Statuses and findings of the region's superseded or removed documents: they leave monitoring (rows stay). */
async function purgeRetired(db: Db, regionId: number): Promise<void> {
  const retired = db
    .selectFrom('documents')
    .select('id')
    .where('region_id', '=', regionId)
    .where((eb) => eb.not(isCurrentDocument('documents')));
  await db.deleteFrom('statuses').where('document_id', 'in', retired).execute();
  await db.deleteFrom('findings').where('document_id', 'in', retired).execute();
}

/** Observations, statuses and findings of one region, in one transaction, by one writer at a time. */
async function deriveRegion(
  db: Db,
  regionId: number,
  actor: string,
  scope: DeriveScope,
  linter: (plans: number) => Linter,
): Promise<Omit<DeriveReport, 'regions'>> {
  const counts = await db.transaction().execute(async (trx) => {
    await lockRegion(trx, regionId);
    const owed = await owedOf(trx, regionId);
    const { judge, lint } = withOwed(scope, owed);
    const plans = await plansOf(trx, regionId);
    const rows = await listIndicatorRows(trx, { region_id: regionId, doc_type: 'plan' });
    const rowsOfPlan = groupBy(rows, (r) => r.document_id);
    const observations = await deriveObservations(trx, regionId, planRowsByIndicator(plans, rowsOfPlan));

    const judged = await plansInScope(trx, regionId, plans, judge);
    let statuses = 0;
    if (judged.length > 0) {
      const series = new RegionSeries(
        await listObservations(trx, { region_id: regionId, approval: 'counted' }),
      );
      const rowsOfTable = groupBy(rows, (r) => r.table_id);
      const assigned = await currentAssignedTargets(
        trx,
        rows.map((r) => r.id),
      );
      const tables = groupBy(
        await trx
          .selectFrom('indicator_tables as t')
          .innerJoin('documents as d', 'd.id', 't.document_id')
          .select(['t.id', 't.document_id', 't.caption', 't.line', 't.columns'])
          .where('d.region_id', '=', regionId)
          .where('d.doc_type', '=', 'plan')
          .where(isCurrentDocument('d'))
          .orderBy('t.document_id')
          .orderBy('t.position')
          .execute(),
        (t) => t.document_id,
      );
      for (const plan of judged) {
        const values = statusRows(
          plan,
          regionId,
          planStatuses(plan, tables.get(plan.id) ?? [], rowsOfTable, series, assigned),
        );
        await replaceStatuses(trx, plan.id, values);
        statuses += values.length;
      }
    }
    await purgeRetired(trx, regionId);
    const linted =
      lint === null ? [] : lint === judge ? judged : await plansInScope(trx, regionId, plans, lint);
    const findings = linted.length === 0 ? 0 : await lintRegion(trx, regionId, linted, linter(linted.length));
    await clearOwed(trx, owed.ids);
    await appendAudit(trx, {
      actor,
      action: 'derive',
      entity: 'region',
      entity_id: regionId,
      detail: { plans: judged.map((p) => p.id), linted: linted.map((p) => p.id), owed: owed.ids.length },
    });
    await crashPoint('derive:before-commit');
    return { observations, statuses, findings };
  });
  await crashPoint('derive:after-commit');
  return counts;
}
