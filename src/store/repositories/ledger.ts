// The implementation ledger in the store: units, a plan's tasks, progress reports, 销号, overdue and 考核.
// Every change is audited; the rules themselves (lifecycle, overdue, scores) live in src/ledger.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { LantuError } from '../../diagnostics.js';
import {
  CADENCES,
  DATE_FORMS,
  DEFAULT_CADENCE,
  PERIOD_FORM,
  PROJECT_STAGES,
  assessUnits,
  completionRate,
  investmentIn100M,
  draftDecomposition,
  nextState,
  overdueOf,
  parseDeadline,
  periodOf,
  previousPeriod,
  type AssessmentScheme,
  type Cadence,
  type Milestone,
  type ProjectLedgerEntry,
  type Task,
  type TaskAttachment,
  type TaskReport,
  type Unit,
  type TaskEvent,
  type TaskState,
  type UnitDef,
  type UnitScore,
} from '../../ledger/index.js';

export type { Milestone, ProjectLedgerEntry, Task, TaskReport, Unit } from '../../ledger/index.js';
import { fromJson, now, toJson } from '../json.js';
import { countRows, pageOf, windowed, type Paged, type Window } from '../paging.js';
import type { Database } from '../schema.js';
import { appendAudit } from './audit.js';
import { safeFilename } from '../../text/filename.js';

type Db = Kysely<Database>;

const today = (): string => now().slice(0, 10);

function notFound(what: string, id: number): LantuError {
  return new LantuError({ code: `${what}/not-found`, message: `${what} ${id} does not exist` });
}

// ---------------------------------------------------------------------------------------------- units

/** A unit of a region, created once: the same name in the same region is the same unit. */
export async function ensureUnit(
  db: Db,
  regionId: number | null,
  unit: Pick<UnitDef, 'name' | 'kind'> & { short?: string | null; contact?: string | null },
  actor: string,
): Promise<number> {
  let query = db.selectFrom('units').select('id').where('name', '=', unit.name);
  query = regionId === null ? query.where('region_id', 'is', null) : query.where('region_id', '=', regionId);
  const found = await query.executeTakeFirst();
  if (found) return found.id;
  const inserted = await db
    .insertInto('units')
    .values({
      region_id: regionId,
      name: unit.name,
      short_name: unit.short ?? null,
      kind: unit.kind,
      contact: unit.contact ?? null,
      created_at: now(),
      created_by: actor,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(db, {
    actor,
    action: 'unit.create',
    entity: 'unit',
    entity_id: inserted.id,
    detail: unit,
  });
  return inserted.id;
}

export async function listUnits(db: Db, filter: { region_id?: number } = {}): Promise<Unit[]> {
  let query = db
    .selectFrom('units')
    .select(['id', 'region_id', 'name', 'short_name', 'kind', 'contact', 'parent_id']);
  if (filter.region_id !== undefined) query = query.where('region_id', '=', filter.region_id);
  return query.orderBy('id').execute();
}

// ------------------------------------------------------------------------------------- reporting cadence

/** The cadence a region's units report by (月报/季报/半年报/年报), as stored; the default where none is. */
export async function cadenceOf(db: Db, regionId: number | null): Promise<Cadence> {
  if (regionId === null) return DEFAULT_CADENCE;
  return (await cadencesOf(db, [regionId])).get(regionId) ?? DEFAULT_CADENCE;
}

/** The stored cadences of some regions (a region without one is absent). */
export async function cadencesOf(db: Db, regionIds: readonly number[]): Promise<Map<number, Cadence>> {
  const ids = [...new Set(regionIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('reporting_cadences')
    .select(['region_id', 'cadence'])
    .where('region_id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.region_id, r.cadence as Cadence]));
}

/** Set how often a region's units report; what is due and overdue follows it from then on. */
export async function setCadence(
  db: Db,
  regionId: number,
  cadence: Cadence,
  actor: string,
): Promise<Cadence> {
  if (!CADENCES.includes(cadence))
    throw new LantuError({
      code: 'cadence/unknown',
      message: `reporting cadence "${cadence}" is not one of ${CADENCES.join(', ')}`,
      expected: 'month (月报), quarter (季报), half (半年报) or year (年报)',
    });
  const region = await db.selectFrom('regions').select('id').where('id', '=', regionId).executeTakeFirst();
  if (!region) throw notFound('region', regionId);
  await db.transaction().execute(async (tx) => {
    const stamp = now();
    await tx
      .insertInto('reporting_cadences')
      .values({ region_id: regionId, cadence, updated_at: stamp, updated_by: actor })
      .onConflict((oc) =>
        oc.column('region_id').doUpdateSet({ cadence, updated_at: stamp, updated_by: actor }),
      )
      .execute();
    await appendAudit(tx, {
      actor,
      action: 'cadence.set',
      entity: 'region',
      entity_id: regionId,
      detail: { cadence },
    });
  });
  return cadence;
}

// ---------------------------------------------------------------------------------------------- tasks

export interface TaskFilter {
  region_id?: number;
  document_id?: number;
  lead_unit_id?: number;
  state?: string;
  /** Only tasks overdue on `today` (computed, so filtered after the query). */
  overdue?: boolean;
}

export interface LedgerClock {
  today?: string;
  /** Judge every task by this cadence; absent, each by its region's stored cadence. */
  cadence?: Cadence;
}

function tasksQuery(db: Db, filter: TaskFilter) {
  let query = db.selectFrom('tasks').leftJoin('units', 'units.id', 'tasks.lead_unit_id');
  if (filter.region_id !== undefined) query = query.where('tasks.region_id', '=', filter.region_id);
  if (filter.document_id !== undefined) query = query.where('tasks.document_id', '=', filter.document_id);
  if (filter.lead_unit_id !== undefined) query = query.where('tasks.lead_unit_id', '=', filter.lead_unit_id);
  if (filter.state) query = query.where('tasks.state', '=', filter.state);
  return query;
}

async function withOverdue(
  db: Db,
  rows: Array<
    Omit<Task, 'overdue' | 'last_period' | 'supporting_unit_ids' | 'milestones'> & {
      supporting_unit_ids: unknown;
      milestones: unknown;
    }
  >,
  clock: LedgerClock,
): Promise<Task[]> {
  const ids = rows.map((r) => r.id);
  const reports = ids.length
    ? await db.selectFrom('task_reports').select(['task_id', 'period']).where('task_id', 'in', ids).execute()
    : [];
  const periods = new Map<number, Set<string>>();
  for (const r of reports)
    (periods.get(r.task_id) ?? periods.set(r.task_id, new Set()).get(r.task_id)!).add(r.period);
  const day = clock.today ?? today();
  const stored = clock.cadence
    ? new Map<number, Cadence>()
    : await cadencesOf(
        db,
        rows.flatMap((r) => (r.region_id === null ? [] : [r.region_id])),
      );
  return rows.map((r) => {
    const reported = periods.get(r.id) ?? new Set<string>();
    const cadence =
      clock.cadence ?? (r.region_id === null ? undefined : stored.get(r.region_id)) ?? DEFAULT_CADENCE;
    const overdue = overdueOf(
      { state: r.state, due: r.due_date, created: r.created_at.slice(0, 10), reported },
      day,
      cadence,
    );
    return {
      ...r,
      supporting_unit_ids: fromJson<number[]>(r.supporting_unit_ids),
      milestones: fromJson<Milestone[]>(r.milestones),
      overdue,
      last_period: [...reported].sort().at(-1) ?? null,
    };
  });
}

const TASK_COLUMNS = [
  'tasks.id',
  'tasks.region_id',
  'tasks.document_id',
  'tasks.source_kind',
  'tasks.source_id',
  'tasks.line',
  'tasks.quote',
  'tasks.title',
  'tasks.goal',
  'tasks.lead_unit_id',
  'units.name as lead_unit',
  'tasks.supporting_unit_ids',
  'tasks.responsible',
  'tasks.due_date',
  'tasks.milestones',
  'tasks.state',
  'tasks.lead_reason',
  'tasks.note',
  'tasks.created_at',
  'tasks.created_by',
  'tasks.updated_at',
  'tasks.closed_at',
  'tasks.closed_by',
] as const;

/** A page of tasks; with `overdue` the whole filtered list is judged first, then the page is cut. */
export async function pageTasks(
  db: Db,
  filter: TaskFilter = {},
  window?: Window,
  clock: LedgerClock = {},
): Promise<Paged<Task>> {
  const rows = async (w: Window | undefined) => {
    const found = await windowed(
      tasksQuery(db, filter)
        .select([...TASK_COLUMNS])
        .orderBy('tasks.id'),
      filter.overdue ? undefined : w,
    ).execute();
    return withOverdue(db, found as Parameters<typeof withOverdue>[1], clock);
  };
  if (filter.overdue) {
    const all = (await rows(undefined)).filter((t) => t.overdue !== null);
    return {
      items: window ? all.slice(window.offset, window.offset + window.limit) : all,
      total: all.length,
    };
  }
  return pageOf(rows, () => countRows(tasksQuery(db, filter)), window);
}

export async function getTask(db: Db, id: number, clock: LedgerClock = {}): Promise<Task> {
  const found = await tasksQuery(db, {})
    .select([...TASK_COLUMNS])
    .where('tasks.id', '=', id)
    .executeTakeFirst();
  if (!found) throw notFound('task', id);
  const [task] = await withOverdue(db, [found as Parameters<typeof withOverdue>[1][number]], clock);
  return task!;
}

export interface NewTask {
  region_id?: number | null;
  document_id?: number | null;
  title: string;
  goal?: string | null;
  lead_unit_id?: number | null;
  supporting_unit_ids?: number[];
  responsible?: string | null;
  due_date: string;
  milestones?: Milestone[];
  note?: string | null;
}

/** The ISO day a date field means (the same rule as the 任务分解表's 完成时限), or a LantuError naming the field. */
function dateOf(value: string, field: string): string {
  const iso = parseDeadline(value);
  if (iso === null)
    throw new LantuError({
      code: 'task/bad-date',
      message: `${field} "${value}" is not a date`,
      expected: DATE_FORMS,
    });
  return iso;
}

export async function createTask(db: Db, task: NewTask, actor: string): Promise<number> {
  if (!task.title.trim())
    throw new LantuError({ code: 'task/no-title', message: 'a task needs a title (任务)' });
  const due = dateOf(task.due_date, 'due_date');
  const stamp = now();
  const inserted = await db
    .insertInto('tasks')
    .values({
      region_id: task.region_id ?? null,
      document_id: task.document_id ?? null,
      source_kind: 'manual',
      source_id: null,
      line: null,
      quote: null,
      title: task.title.trim(),
      goal: task.goal ?? null,
      lead_unit_id: task.lead_unit_id ?? null,
      supporting_unit_ids: toJson(task.supporting_unit_ids ?? []),
      responsible: task.responsible ?? null,
      due_date: due,
      milestones: toJson(task.milestones ?? []),
      state: '未启动',
      lead_reason: null,
      note: task.note ?? null,
      created_at: stamp,
      created_by: actor,
      updated_at: stamp,
      closed_at: null,
      closed_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(db, {
    actor,
    action: 'task.create',
    entity: 'task',
    entity_id: inserted.id,
    detail: task,
  });
  return inserted.id;
}

export type TaskChange = Partial<
  Pick<
    NewTask,
    | 'title'
    | 'goal'
    | 'lead_unit_id'
    | 'supporting_unit_ids'
    | 'responsible'
    | 'due_date'
    | 'milestones'
    | 'note'
  >
>;

/** Assign or change a task (牵头单位, 配合单位, 责任人, 完成时限 …): a person's decision, so the draft's reason goes. */
export async function updateTask(db: Db, id: number, change: TaskChange, actor: string): Promise<Task> {
  const before = await getTask(db, id);
  const dated =
    change.due_date === undefined ? change : { ...change, due_date: dateOf(change.due_date, 'due_date') };
  const values: Record<string, unknown> = { updated_at: now() };
  for (const [key, value] of Object.entries(dated)) {
    if (value === undefined) continue;
    values[key] = key === 'supporting_unit_ids' || key === 'milestones' ? toJson(value) : value;
  }
  if (change.lead_unit_id !== undefined) values.lead_reason = null;
  await db.updateTable('tasks').set(values).where('id', '=', id).execute();
  await appendAudit(db, {
    actor,
    action: 'task.update',
    entity: 'task',
    entity_id: id,
    detail: {
      before: Object.fromEntries(Object.keys(change).map((k) => [k, before[k as keyof Task]])),
      after: change,
    },
  });
  return getTask(db, id);
}

/**
 * Store the draft decomposition of a plan: a task per main indicator, text target and project with a
 * suggested lead unit (created in the plan's region when missing). A plan already decomposed is refused.
 */
export async function proposeDecomposition(
  db: Db,
  documentId: number,
  actor: string,
): Promise<{ created: number; units: number }> {
  const plan = await db
    .selectFrom('documents')
    .select(['id', 'doc_type', 'region_id', 'period_end'])
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!plan) throw notFound('document', documentId);
  if (plan.doc_type !== 'plan' || plan.period_end === null)
    throw new LantuError({
      code: 'decomposition/not-a-plan',
      message: `document ${documentId} is not a plan with a period: only a 规划纲要 is decomposed into tasks`,
    });
  const existing = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('document_id', '=', documentId)
    .where('source_kind', '!=', 'manual')
    .executeTakeFirst();
  if (Number(existing?.n ?? 0) > 0)
    throw new LantuError({
      code: 'decomposition/exists',
      message: `plan ${documentId} already has a decomposition: change its tasks instead of proposing a new one`,
    });
  const [rows, targets, projects, headings] = await Promise.all([
    db
      .selectFrom('indicator_rows')
      .select(['id', 'name', 'category', 'unit', 'line', 'quote', 'raw'])
      .where('document_id', '=', documentId)
      .orderBy('table_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('targets')
      .select(['id', 'indicator', 'value', 'unit', 'comparator', 'year', 'line', 'quote'])
      .where('document_id', '=', documentId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('projects')
      .select(['id', 'name', 'investment', 'line'])
      .where('document_id', '=', documentId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('headings')
      .select(['id', 'level', 'label', 'title', 'line'])
      .where('document_id', '=', documentId)
      .orderBy('position')
      .execute(),
  ]);
  const drafts = draftDecomposition({
    periodEnd: plan.period_end,
    rows: rows.map((r) => ({
      ...r,
      target_raw: fromJson<Record<string, string | null>>(r.raw).target_raw ?? null,
    })),
    targets,
    projects,
    headings,
  });
  const units = new Map<string, number>();
  const stamp = now();
  await db.transaction().execute(async (tx) => {
    for (const draft of drafts) {
      let unitId = units.get(draft.lead.name);
      if (unitId === undefined) {
        unitId = await ensureUnit(tx, plan.region_id, draft.lead, actor);
        units.set(draft.lead.name, unitId);
      }
      await tx
        .insertInto('tasks')
        .values({
          region_id: plan.region_id,
          document_id: documentId,
          source_kind: draft.source.kind,
          source_id: draft.source.id,
          line: draft.source.line,
          quote: draft.source.quote,
          title: draft.title,
          goal: draft.goal,
          lead_unit_id: unitId,
          supporting_unit_ids: toJson([]),
          responsible: null,
          due_date: draft.due,
          milestones: toJson([]),
          state: '未启动',
          lead_reason: draft.leadReason ?? '（无匹配，暂由发改委牵头）',
          note: null,
          created_at: stamp,
          created_by: actor,
          updated_at: stamp,
          closed_at: null,
          closed_by: null,
        })
        .execute();
    }
    await appendAudit(tx, {
      actor,
      action: 'decomposition.propose',
      entity: 'document',
      entity_id: documentId,
      detail: { tasks: drafts.length, units: units.size },
    });
  });
  return { created: drafts.length, units: units.size };
}

// ------------------------------------------------------------------------------------ progress and 销号

export interface NewReport {
  period?: string;
  progress: string;
  percent?: string | null;
  problems?: string | null;
  next_steps?: string | null;
  attachments?: string[];
}

async function moveTask(db: Db, task: Task, event: TaskEvent, actor: string): Promise<TaskState> {
  const next = nextState(task.state, event);
  if (typeof next !== 'string') throw new LantuError({ code: 'task/state', message: next.error });
  if (next !== task.state) {
    const closed = next === '已完成';
    await db
      .updateTable('tasks')
      .set({
        state: next,
        updated_at: now(),
        closed_at: closed ? now() : null,
        closed_by: closed ? actor : null,
      })
      .where('id', '=', task.id)
      .execute();
    await appendAudit(db, {
      actor,
      action: `task.${event}`,
      entity: 'task',
      entity_id: task.id,
      detail: { from: task.state, to: next },
    });
  }
  return next;
}

/** A unit's progress report for a period (the current one unless given); the first report starts the task. */
export async function reportProgress(
  db: Db,
  taskId: number,
  report: NewReport,
  actor: string,
  clock: LedgerClock = {},
): Promise<TaskReport> {
  if (!report.progress?.trim())
    throw new LantuError({ code: 'report/no-progress', message: 'a report needs its 进展情况 (progress)' });
  if (report.percent != null && !/^\d+(\.\d+)?$/.test(report.percent))
    throw new LantuError({
      code: 'report/bad-percent',
      message: `完成比例 "${report.percent}" is not a number from 0 to 100`,
    });
  if (report.percent != null && Number(report.percent) > 100)
    throw new LantuError({ code: 'report/bad-percent', message: `完成比例 ${report.percent} is above 100` });
  if (report.period !== undefined && !PERIOD_FORM.test(report.period))
    throw new LantuError({
      code: 'report/bad-period',
      message: `period "${report.period}" is not 2026-03, 2026-Q1, 2026-H1 or 2026`,
    });
  return db.transaction().execute(async (tx) => {
    const task = await getTask(tx, taskId, clock);
    // The current period of the cadence the task's region reports by.
    const period =
      report.period ??
      periodOf(clock.today ?? today(), clock.cadence ?? (await cadenceOf(tx, task.region_id)));
    await moveTask(tx, task, 'report', actor);
    const inserted = await tx
      .insertInto('task_reports')
      .values({
        task_id: taskId,
        period,
        progress: report.progress.trim(),
        percent: report.percent ?? null,
        problems: report.problems ?? null,
        next_steps: report.next_steps ?? null,
        attachments: toJson(report.attachments ?? []),
        reported_at: now(),
        reported_by: actor,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: 'task.report',
      entity: 'task',
      entity_id: taskId,
      detail: { period, ...report },
    });
    return (await listReports(tx, taskId)).find((r) => r.id === inserted.id)!;
  });
}

export async function listReports(db: Db, taskId: number): Promise<TaskReport[]> {
  const rows = await db
    .selectFrom('task_reports')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, attachments: fromJson<string[]>(r.attachments) }));
}

/** 销号: the unit asks, the planner confirms (or sends it back). */
export async function closeStep(
  db: Db,
  taskId: number,
  event: Extract<TaskEvent, 'request_close' | 'confirm_close' | 'reject_close'>,
  actor: string,
): Promise<Task> {
  await db.transaction().execute(async (tx) => moveTask(tx, await getTask(tx, taskId), event, actor));
  return getTask(db, taskId);
}

// ------------------------------------------------------------------------------------------- 考核

/**
 * Scores of a region's units: reports owed are the periods since each task was created up to the last
 * completed one; tasks due are those whose deadline has passed; indicators are the latest statuses of the
 * main-indicator rows the unit leads.
 */
export async function assessRegion(
  db: Db,
  regionId: number,
  clock: LedgerClock = {},
  scheme?: AssessmentScheme,
): Promise<UnitScore[]> {
  const day = clock.today ?? today();
  const cadence = clock.cadence ?? (await cadenceOf(db, regionId));
  const [units, tasks] = await Promise.all([
    listUnits(db, { region_id: regionId }),
    pageTasks(db, { region_id: regionId }, undefined, clock),
  ]);
  const rowIds = tasks.items
    .filter((t) => t.source_kind === 'row' && t.source_id !== null)
    .map((t) => t.source_id!);
  const statuses = rowIds.length
    ? await db
        .selectFrom('statuses')
        .select(['row_id', 'label'])
        .where('latest', '=', 1)
        .where('row_id', 'in', rowIds)
        .execute()
    : [];
  const taskIds = tasks.items.map((t) => t.id);
  const reports = taskIds.length
    ? await db
        .selectFrom('task_reports')
        .select(['task_id', 'period'])
        .where('task_id', 'in', taskIds)
        .execute()
    : [];
  const reportedPeriods = new Set(reports.map((r) => `${r.task_id}:${r.period}`));
  const labelsOfRow = new Map<number, string[]>();
  for (const s of statuses)
    (labelsOfRow.get(s.row_id) ?? labelsOfRow.set(s.row_id, []).get(s.row_id)!).push(s.label);
  const lastEnded = previousPeriod(day, cadence);
  const records = units.map((unit) => {
    const own = tasks.items.filter((t) => t.lead_unit_id === unit.id);
    let owed = 0;
    let made = 0;
    for (const task of own) {
      const periods = periodsBetween(task.created_at.slice(0, 10), lastEnded.end, cadence);
      owed += periods.length;
      made += periods.filter((p) => reportedPeriods.has(`${task.id}:${p}`)).length;
    }
    const due = own.filter((t) => t.due_date < day);
    return {
      unit_id: unit.id,
      unit: unit.short_name ?? unit.name,
      reportsOwed: owed,
      reportsMade: made,
      tasksDue: due.length,
      tasksDone: due.filter((t) => t.state === '已完成').length,
      indicatorLabels: own.flatMap((t) =>
        t.source_kind === 'row' && t.source_id !== null ? (labelsOfRow.get(t.source_id) ?? []) : [],
      ),
    };
  });
  return assessUnits(records, scheme);
}

/** Reporting periods that ended between two dates (both inclusive), oldest first. */
function periodsBetween(from: string, until: string, cadence: Cadence): string[] {
  const out: string[] = [];
  let cursor = until;
  while (cursor >= from) {
    const period = periodOf(cursor, cadence);
    out.unshift(period);
    cursor = previousPeriod(cursor, cadence).end;
  }
  return out.filter((p) => p >= periodOf(from, cadence));
}

// ------------------------------------------------------------------------------------- 项目台账

/**
 * Start the 项目台账 of a plan from its 专栏 projects (investment converted to 亿元 exactly); projects already in
 * the ledger are left as they are, so running it again adds only what is new.
 */
export async function seedProjectLedger(
  db: Db,
  documentId: number,
  actor: string,
): Promise<{ created: number }> {
  const plan = await db
    .selectFrom('documents')
    .select(['region_id'])
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!plan) throw notFound('document', documentId);
  const projects = await db
    .selectFrom('projects')
    .select(['id', 'name', 'investment', 'box'])
    .where('document_id', '=', documentId)
    .orderBy('position')
    .execute();
  const known = new Set(
    (
      await db
        .selectFrom('project_ledger')
        .select('project_id')
        .where('project_id', 'in', projects.length ? projects.map((p) => p.id) : [-1])
        .execute()
    ).map((r) => r.project_id),
  );
  const fresh = projects.filter((p) => !known.has(p.id));
  const stamp = now();
  await db.transaction().execute(async (tx) => {
    for (const p of fresh)
      await tx
        .insertInto('project_ledger')
        .values({
          region_id: plan.region_id,
          project_id: p.id,
          name: p.name,
          content: p.box,
          total_investment: investmentIn100M(p.investment),
          annual_plan_investment: null,
          completed_investment: null,
          start_date: null,
          finish_date: null,
          stage: '前期',
          lead_unit_id: null,
          leader: null,
          updated_at: stamp,
          updated_by: actor,
        })
        .execute();
    if (fresh.length)
      await appendAudit(tx, {
        actor,
        action: 'project-ledger.seed',
        entity: 'document',
        entity_id: documentId,
        detail: { projects: fresh.length },
      });
  });
  return { created: fresh.length };
}

function ledgerEntry(row: Omit<ProjectLedgerEntry, 'completion_rate'>): ProjectLedgerEntry {
  return { ...row, completion_rate: completionRate(row.completed_investment, row.total_investment) };
}

export async function pageProjectLedger(
  db: Db,
  filter: { region_id?: number; stage?: string } = {},
  window?: Window,
): Promise<Paged<ProjectLedgerEntry>> {
  const base = () => {
    let query = db.selectFrom('project_ledger');
    if (filter.region_id !== undefined) query = query.where('region_id', '=', filter.region_id);
    if (filter.stage) query = query.where('stage', '=', filter.stage);
    return query;
  };
  return pageOf(
    async (w) => (await windowed(base().selectAll().orderBy('id'), w).execute()).map(ledgerEntry),
    () => countRows(base()),
    window,
  );
}

export type ProjectChange = Partial<
  Pick<
    ProjectLedgerEntry,
    | 'content'
    | 'total_investment'
    | 'annual_plan_investment'
    | 'completed_investment'
    | 'start_date'
    | 'finish_date'
    | 'stage'
    | 'lead_unit_id'
    | 'leader'
  >
>;

const AMOUNTS = ['total_investment', 'annual_plan_investment', 'completed_investment'] as const;

/** A monthly update of a project (amounts in 亿元 as exact decimals, stage 前期/在建/竣工), audited. */
export async function updateProjectLedger(
  db: Db,
  id: number,
  change: ProjectChange,
  actor: string,
): Promise<ProjectLedgerEntry> {
  const before = await db.selectFrom('project_ledger').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('project', id);
  for (const field of AMOUNTS) {
    const value = change[field];
    if (value != null && !/^\d+(\.\d+)?$/.test(value))
      throw new LantuError({
        code: 'project/bad-amount',
        message: `${field} "${value}" is not an amount in 亿元`,
      });
  }
  if (change.stage !== undefined && !(PROJECT_STAGES as readonly string[]).includes(change.stage))
    throw new LantuError({
      code: 'project/bad-stage',
      message: `stage "${change.stage}" is not one of ${PROJECT_STAGES.join('/')}`,
    });
  const dated = { ...change };
  for (const field of ['start_date', 'finish_date'] as const)
    if (change[field]) dated[field] = dateOf(change[field], field);
  const values = Object.fromEntries(Object.entries(dated).filter(([, v]) => v !== undefined));
  await db
    .updateTable('project_ledger')
    .set({ ...values, updated_at: now(), updated_by: actor })
    .where('id', '=', id)
    .execute();
  await appendAudit(db, {
    actor,
    action: 'project-ledger.update',
    entity: 'project',
    entity_id: id,
    detail: {
      before: Object.fromEntries(Object.keys(values).map((k) => [k, before[k as keyof typeof before]])),
      after: values,
    },
  });
  return ledgerEntry(
    await db.selectFrom('project_ledger').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  );
}

// ------------------------------------------------------------------------------------- attachments

/** The largest evidence file kept (bytes): LANTU_ATTACHMENT_MAX_BYTES, default 20 MB. */
export function attachmentLimit(env: NodeJS.ProcessEnv = process.env): number {
  const set = Number(env.LANTU_ATTACHMENT_MAX_BYTES);
  return Number.isInteger(set) && set > 0 ? set : 20 * 1024 * 1024;
}

/** The name an evidence file is kept and offered under (src/text/filename.ts): a label, never a path. */
export function attachmentName(uploaded: string | null | undefined): string {
  return safeFilename(uploaded, { fallback: 'attachment', max: 120 });
}

/** A declared media type when it is one (type/subtype), else the neutral one. */
function mediaTypeOf(declared: string | null | undefined): string {
  const t = (declared ?? '').trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(t) ? t : 'application/octet-stream';
}

const ATTACHMENT_COLUMNS = [
  'id',
  'task_id',
  'report_id',
  'name',
  'media_type',
  'size',
  'sha256',
  'uploaded_at',
  'uploaded_by',
] as const;

/** Keep a file as evidence of a task's progress (optionally of one of its reports); audited. */
export async function addAttachment(
  db: Db,
  taskId: number,
  file: {
    name: string | null | undefined;
    media_type?: string | null;
    bytes: Uint8Array;
    report_id?: number | null;
  },
  actor: string,
  limit = attachmentLimit(),
): Promise<TaskAttachment> {
  if (file.bytes.length === 0)
    throw new LantuError({ code: 'attachment/empty', message: '附件为空 / the file is empty' });
  if (file.bytes.length > limit)
    throw new LantuError({
      code: 'attachment/too-large',
      message: `附件超过 ${Math.floor(limit / 1024 / 1024)} MB 的上限 / the file is larger than ${limit} bytes (the limit)`,
      expected: `a file of at most ${limit} bytes (LANTU_ATTACHMENT_MAX_BYTES)`,
    });
  return db.transaction().execute(async (tx) => {
    const task = await tx.selectFrom('tasks').select('id').where('id', '=', taskId).executeTakeFirst();
    if (!task) throw notFound('task', taskId);
    if (file.report_id != null) {
      const report = await tx
        .selectFrom('task_reports')
        .select('id')
        .where('id', '=', file.report_id)
        .where('task_id', '=', taskId)
        .executeTakeFirst();
      if (!report)
        throw new LantuError({
          code: 'report/not-found',
          message: `task ${taskId} has no report ${file.report_id}`,
          expected: 'the id of one of the task’s progress reports, or none',
        });
    }
    const row = {
      task_id: taskId,
      report_id: file.report_id ?? null,
      name: attachmentName(file.name),
      media_type: mediaTypeOf(file.media_type),
      size: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      uploaded_at: now(),
      uploaded_by: actor,
    };
    const inserted = await tx
      .insertInto('task_attachments')
      .values({ ...row, content: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.length) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor,
      action: 'task.attach',
      entity: 'task',
      entity_id: taskId,
      detail: { attachment: inserted.id, name: row.name, size: row.size, sha256: row.sha256 },
    });
    return { id: inserted.id, ...row };
  });
}

/** A task's evidence files, oldest first, without their bytes. */
export async function listAttachments(db: Db, taskId: number): Promise<TaskAttachment[]> {
  return db
    .selectFrom('task_attachments')
    .select([...ATTACHMENT_COLUMNS])
    .where('task_id', '=', taskId)
    .orderBy('id')
    .execute();
}

/** One evidence file with its bytes, to download. */
export async function getAttachment(db: Db, id: number): Promise<TaskAttachment & { content: Buffer }> {
  const found = await db
    .selectFrom('task_attachments')
    .select([...ATTACHMENT_COLUMNS, 'content'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!found) throw notFound('attachment', id);
  return { ...found, content: Buffer.from(found.content) };
}
