// Tasks of a plan's decomposition (任务分解): the draft proposed from the plan, the lifecycle and what is overdue.
import { suggestLeadUnit, type UnitDef } from './responsibility.js';

export type TaskSourceKind = 'row' | 'target' | 'project' | 'section';

/** Where a task came from in the plan, so every task can be traced to its line. */
export interface TaskSource {
  kind: TaskSourceKind;
  id: number;
  line: number;
  quote: string;
}

export interface DraftTask {
  title: string;
  /** The quantified goal as the plan writes it (`2025年达到5%`, `〔13.5〕`). */
  goal: string | null;
  lead: UnitDef;
  /** The field word behind the lead unit, or null when the planning office was taken as the fallback. */
  leadReason: string | null;
  /** ISO date; the plan's end year unless the source names a year. */
  due: string;
  source: TaskSource;
}

/** What the draft is built from: the stored main-indicator rows, text targets and projects of one plan. */
export interface PlanForDecomposition {
  periodEnd: number;
  rows: ReadonlyArray<{
    id: number;
    name: string;
    category: string | null;
    unit: string | null;
    target_raw: string | null;
    line: number;
    quote: string;
  }>;
  targets: ReadonlyArray<{
    id: number;
    indicator: string;
    value: string;
    unit: string | null;
    comparator: string | null;
    year: number | null;
    line: number;
    quote: string;
  }>;
  projects: ReadonlyArray<{ id: number; name: string; investment: string | null; line: number }>;
  /** The plan's outline in reading order; its key-task sections (重点任务) become tasks. Optional for callers without one. */
  headings?: ReadonlyArray<{ id: number; level: number; label: string | null; title: string; line: number }>;
}

/** Parts of a plan that set the frame rather than work to do (review, guidance, goals, the plan's own implementation). */
const NOT_A_TASK_PART =
  /发展基础|发展环境|基础和环境|回顾|成就|形势|机遇|指导思想|指导方针|基本原则|主要目标|发展目标|远景目标|总体要求|总体思路|战略定位|发展定位|规划实施|保障措施|实施保障|名词解释|附\s*[件表录]/;

/**
 * The key-task sections (重点任务) of an outline: the headings one level below the chapters (第N节 under 第N章,
 * or the level under the top one), or the chapters themselves when few sections lie below them; parts that
 * review, guide or set goals are left out.
 */
export function keyTaskSections<
  H extends { level: number; label: string | null; title: string; line: number },
>(headings: readonly H[]): H[] {
  if (headings.length === 0) return [];
  const chapter = headings.find((h) => /^第.+章$/.test(h.label ?? ''));
  const chapterLevel = chapter ? chapter.level : Math.min(...headings.map((h) => h.level));
  const chapters = headings.filter((h) => h.level === chapterLevel).length;
  const below = headings.filter((h) => h.level === chapterLevel + 1).length;
  const taskLevel = below >= chapters ? chapterLevel + 1 : chapterLevel;
  const tasks: H[] = [];
  // Titles of the headings above the current one, by level: a task under a goals chapter is no task.
  const path = new Map<number, string>();
  for (const heading of headings) {
    for (const level of [...path.keys()]) if (level >= heading.level) path.delete(level);
    path.set(heading.level, heading.title);
    if (heading.level !== taskLevel) continue;
    if ([...path.values()].some((title) => NOT_A_TASK_PART.test(title))) continue;
    tasks.push(heading);
  }
  return tasks;
}

const endOfYear = (year: number): string => `${year}-12-31`;

/**
 * The draft decomposition a planner starts from: one task per main indicator, per text target, per key-task
 * section (重点任务) and per project, each with a suggested lead unit. Text targets whose indicator is already a table row are left out
 * (the row's task covers them).
 */
export function draftDecomposition(plan: PlanForDecomposition): DraftTask[] {
  const tasks: DraftTask[] = [];
  const rowNames = new Set(plan.rows.map((r) => r.name));
  for (const row of plan.rows) {
    const lead = suggestLeadUnit(row.name, row.category);
    tasks.push({
      title: row.name,
      goal: row.target_raw
        ? `${row.target_raw}${row.unit && /\d$/.test(row.target_raw) ? row.unit : ''}`
        : null,
      lead: lead.unit,
      leadReason: lead.matched,
      due: endOfYear(plan.periodEnd),
      source: { kind: 'row', id: row.id, line: row.line, quote: row.quote },
    });
  }
  for (const target of plan.targets) {
    if (rowNames.has(target.indicator)) continue;
    const lead = suggestLeadUnit(target.indicator, target.quote);
    tasks.push({
      title: target.indicator,
      goal: target.quote,
      lead: lead.unit,
      leadReason: lead.matched,
      due: endOfYear(target.year ?? plan.periodEnd),
      source: { kind: 'target', id: target.id, line: target.line, quote: target.quote },
    });
  }
  for (const section of keyTaskSections(plan.headings ?? [])) {
    const lead = suggestLeadUnit(section.title);
    tasks.push({
      title: section.title,
      goal: null,
      lead: lead.unit,
      leadReason: lead.matched,
      due: endOfYear(plan.periodEnd),
      source: { kind: 'section', id: section.id, line: section.line, quote: section.title },
    });
  }
  for (const project of plan.projects) {
    const lead = suggestLeadUnit(project.name);
    tasks.push({
      title: project.name,
      goal: project.investment ? `总投资${project.investment}` : null,
      lead: lead.unit,
      leadReason: lead.matched,
      due: endOfYear(plan.periodEnd),
      source: { kind: 'project', id: project.id, line: project.line, quote: project.name },
    });
  }
  return tasks;
}

/** 未启动 → 推进中 → 待销号 (the unit asks to close) → 已完成 (the planner confirms the 销号). */
export const TASK_STATES = ['未启动', '推进中', '待销号', '已完成'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export type TaskEvent = 'report' | 'request_close' | 'confirm_close' | 'reject_close';

/** The next state, or an error message a user can act on when the step is not allowed. */
export function nextState(state: TaskState, event: TaskEvent): TaskState | { error: string } {
  switch (event) {
    case 'report':
      if (state === '已完成') return { error: '任务已销号，不能再报送进展 / the task is closed' };
      return state === '未启动' ? '推进中' : state;
    case 'request_close':
      if (state === '已完成') return { error: '任务已销号 / the task is already closed' };
      return '待销号';
    case 'confirm_close':
      if (state !== '待销号')
        return {
          error: '只有申请销号的任务才能确认销号 / only a task whose unit asked to close it can be closed',
        };
      return '已完成';
    case 'reject_close':
      if (state !== '待销号') return { error: '该任务没有待确认的销号申请 / no close request to reject' };
      return '推进中';
  }
}

/** How often units report progress: 月报, 季报, 半年报, 年报. */
export type Cadence = 'month' | 'quarter' | 'half' | 'year';

export const CADENCES: readonly Cadence[] = ['month', 'quarter', 'half', 'year'];

/** The cadence an office names in Chinese, for labels and for lists read from a sheet. */
export const CADENCE_NAMES: Record<Cadence, string> = {
  month: '月报',
  quarter: '季报',
  half: '半年报',
  year: '年报',
};

/** Where no cadence is stored: the plans of the corpus review progress quarterly (按季调度). */
export const DEFAULT_CADENCE: Cadence = 'quarter';

const MONTHS_PER_PERIOD: Record<Cadence, number> = { month: 1, quarter: 3, half: 6, year: 12 };

/** The reporting period a date falls in: `2026-03` (month), `2026-Q1` (quarter), `2026-H1` (half), `2026`. */
export function periodOf(date: string, cadence: Cadence): string {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const index = Math.floor((month - 1) / MONTHS_PER_PERIOD[cadence]) + 1;
  switch (cadence) {
    case 'month':
      return `${year}-${String(month).padStart(2, '0')}`;
    case 'quarter':
      return `${year}-Q${index}`;
    case 'half':
      return `${year}-H${index}`;
    case 'year':
      return String(year);
  }
}

/** The period keys a report may name: 2026-03, 2026-Q1, 2026-H1 or 2026. */
export const PERIOD_FORM = /^\d{4}(?:-(?:Q[1-4]|H[12]|0[1-9]|1[0-2]))?$/;

/** The last day of the period before the one `date` falls in, and that period's key. */
export function previousPeriod(date: string, cadence: Cadence): { period: string; end: string } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const span = MONTHS_PER_PERIOD[cadence];
  const firstMonth = Math.floor((month - 1) / span) * span + 1;
  // The day before the first day of the current period.
  const end = new Date(Date.UTC(year, firstMonth - 1, 0));
  const iso = end.toISOString().slice(0, 10);
  return { period: periodOf(iso, cadence), end: iso };
}

export type Overdue = '逾期未完成' | '逾期未报';

export interface TaskForOverdue {
  state: TaskState;
  due: string;
  created: string;
  /** Periods with a progress report (`2026-Q1`). */
  reported: ReadonlySet<string>;
}

/**
 * Overdue by date: not closed after its deadline (逾期未完成), or no report for the period that ended more
 * than `graceDays` ago (逾期未报). A task created after that period ended owes no report for it.
 */
export function overdueOf(
  task: TaskForOverdue,
  today: string,
  cadence: Cadence,
  graceDays = 10,
): Overdue | null {
  if (task.state === '已完成') return null;
  if (task.due < today) return '逾期未完成';
  const last = previousPeriod(today, cadence);
  const deadline = new Date(`${last.end}T00:00:00Z`);
  deadline.setUTCDate(deadline.getUTCDate() + graceDays);
  if (
    today > deadline.toISOString().slice(0, 10) &&
    task.created <= last.end &&
    !task.reported.has(last.period)
  )
    return '逾期未报';
  return null;
}
