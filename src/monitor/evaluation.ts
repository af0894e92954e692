// The evaluation of a plan as a planning office signs it: one entry per indicator with its verdict and road ahead.
//
// Shape (GET /api/plans/:id/evaluation?year=N returns a PlanEvaluation; reports code against it):
//   PlanEvaluation {
//     plan: { id, title, region, periodStart, periodEnd }, year (asked, or null), asOf (latest year judged),
//     rule (how one verdict is chosen), sentence ("23 项主要指标中，…", table indicators only),
//     indicators: IndicatorEvaluation[] (table rows in table order, then 正文目标),
//     previous: PreviousPlanReview | null   (the previous plan's 总结评估 from a completion table, see completion.ts)
//   }
//   IndicatorEvaluation {
//     rowId, targetId, indicatorId, name, unit, category, attribute ('预期性' | '约束性' | null),
//     origin ('table' | 'text'), originText ('指标表' | '正文目标'),
//     base { year, value, raw } | null, targets: TargetView[] (kind, kindText, year, value, raw, comparator, text),
//     latest { year, value (in `unit`), raw, source } | null, expected, progress (ratio r, 1 = on the path),
//     status (the verdict as printed), verdict Verdict (label, lag, text, warning, rule, decidedBy),
//     components: ComponentView[] (one per target kind, each with its own label, explanation and road ahead),
//     roadAhead RoadAhead | null (the deciding component's), review (why it needs a person) | null,
//     annualTargets AnnualTargetCheck[] (年度目标完成情况: a work report's target for year N against N's value),
//     evidence { document, line, quote }
//   }
//   rowId is the table row; a target written in the text (正文目标) has rowId null and its targetId, and its
//   components carry statusId null (computed on reading, not stored).
import { roadAhead, type RoadAhead } from './road.js';
import type { AnnualTargetCheck } from './text-target.js';
import { KIND_TEXT, targetText } from './wording.js';
import { summarize, LABEL_ORDER, type LabelCounts } from './rollup.js';
import type { LagDegree, Observation, SourceRef, StatusComponents, StatusLabel, Warning } from './types.js';
import { verdictOf, type Verdict, type VerdictPart } from './verdict.js';
import type { PreviousPlanReview } from './completion.js';

export type TargetKindName = 'level' | 'growth' | 'cumulative' | 'bound' | 'qualitative';

export interface TargetView {
  kind: string;
  kindText: string;
  year: number;
  value: number | null;
  raw: string;
  comparator: string | null;
  /** The target as printed: 65%以上, 年均增长9.8%, 累计下降13.5%, 4.5%以内. */
  text: string;
}

export interface ComponentView {
  statusId: number | null;
  kind: string;
  kindText: string;
  year: number;
  label: StatusLabel;
  lag: LagDegree | null;
  text: string;
  warning: Warning | null;
  method: string;
  expected: number | null;
  measured: number | null;
  ratio: number | null;
  explanation: string;
  roadAhead: RoadAhead | null;
  review: string | null;
  override: { label: string; reason: string; by: string; at: string } | null;
}

export interface IndicatorEvaluation {
  /** The table row, or null for a target written in the text (then `targetId`). */
  rowId: number | null;
  targetId: number | null;
  indicatorId: string | null;
  name: string;
  unit: string | null;
  category: string | null;
  attribute: string | null;
  origin: 'table' | 'text';
  originText: string;
  base: { year: number; value: number; raw: string | null } | null;
  targets: TargetView[];
  latest: { year: number; value: number; raw: string | null; source: SourceRef | null } | null;
  expected: number | null;
  progress: number | null;
  status: string;
  verdict: Verdict;
  components: ComponentView[];
  roadAhead: RoadAhead | null;
  review: string | null;
  /** 年度目标完成情况: each year's target set by a work report, against that year's value. */
  annualTargets: AnnualTargetCheck[];
  evidence: { document: string | null; line: number | null; quote: string | null };
}

export interface PlanEvaluation {
  plan: {
    id: number;
    title: string | null;
    region: string | null;
    periodStart: number | null;
    periodEnd: number | null;
  };
  year: number | null;
  asOf: number | null;
  rule: string;
  sentence: string;
  indicators: IndicatorEvaluation[];
  previous: PreviousPlanReview | null;
}

/** One stored status of an indicator, as the store reads it. */
export interface JudgedTarget {
  id: number | null;
  kind: string;
  year: number;
  label: StatusLabel;
  lag: LagDegree | null;
  warning: Warning | null;
  method: string;
  components: StatusComponents;
  explanation: string;
  override: { label: string; reason: string; by: string; at: string } | null;
}

export interface IndicatorInput {
  rowId: number | null;
  targetId?: number | null;
  indicatorId: string | null;
  name: string;
  unit: string | null;
  category: string | null;
  attribute: string | null;
  origin?: 'table' | 'text';
  evidence: { document: string | null; line: number | null; quote: string | null };
  judged: readonly JudgedTarget[];
  annualTargets?: readonly AnnualTargetCheck[];
}

function componentView(j: JudgedTarget, unit: string | null): ComponentView {
  const c = j.components;
  return {
    statusId: j.id,
    kind: j.kind,
    kindText: KIND_TEXT[j.kind] ?? j.kind,
    year: j.year,
    label: j.label,
    lag: j.lag,
    text: j.label === '滞后' && j.lag ? `${j.lag}滞后` : j.label,
    warning: j.warning,
    method: j.method,
    expected: c.expected,
    measured: c.measured,
    ratio: c.ratio,
    explanation: j.explanation,
    roadAhead: c.roadAhead ?? roadAhead(c, unit),
    review: c.review ?? null,
    override: j.override,
  };
}

/** One indicator's evaluation: its targets side by side, one verdict by the stated rule, the road ahead. */
export function evaluateIndicator(input: IndicatorInput): IndicatorEvaluation {
  const binding = input.attribute === '约束性';
  const components = input.judged.map((j) => componentView(j, input.unit));
  // A person's override counts for the verdict; the computed label stays in the component.
  const verdict = verdictOf(
    input.judged.map((j) => ({
      kind: j.kind,
      label: (j.override?.label as StatusLabel | undefined) ?? j.label,
      lag: j.override ? null : j.lag,
    })),
    binding,
  );
  const deciding = input.judged.find((j) => j.kind === verdict.decidedBy) ?? input.judged[0];
  const c = deciding?.components;
  const levelLike = input.judged.find((j) => j.components.base) ?? deciding;
  const base = levelLike?.components.base ?? null;
  const latestObs: Observation | null =
    c?.latest ?? input.judged.map((j) => j.components.latest).find((l) => l) ?? null;
  const review = components.map((v) => v.review).find((r) => r) ?? null;
  return {
    rowId: input.rowId,
    targetId: input.targetId ?? null,
    indicatorId: input.indicatorId,
    name: input.name,
    unit: input.unit,
    category: input.category,
    attribute: input.attribute || null,
    origin: input.origin ?? 'table',
    originText: input.origin === 'text' ? '正文目标' : '指标表',
    base: base ? { year: base.year, value: base.value, raw: base.raw ?? null } : null,
    targets: input.judged.map((j) => ({
      kind: j.kind,
      kindText: KIND_TEXT[j.kind] ?? j.kind,
      year: j.components.target.year,
      value: j.components.target.value,
      raw: j.components.target.raw,
      comparator: j.components.target.comparator,
      text: targetText(
        j.components.target,
        j.kind,
        input.unit,
        j.components.method === 'cumulative-reduction',
      ),
    })),
    latest: latestObs
      ? {
          year: latestObs.year,
          value: latestObs.value,
          raw: latestObs.raw ?? null,
          source: latestObs.source ?? null,
        }
      : null,
    expected: c?.expected ?? null,
    progress: c?.ratio ?? null,
    status: verdict.text,
    verdict,
    components,
    roadAhead:
      components.find((v) => v.kind === verdict.decidedBy)?.roadAhead ??
      components.find((v) => v.roadAhead)?.roadAhead ??
      null,
    review,
    annualTargets: [...(input.annualTargets ?? [])],
    evidence: input.evidence,
  };
}

function emptyCounts(): LabelCounts {
  const counts = Object.fromEntries(LABEL_ORDER.map((l) => [l, 0])) as Record<StatusLabel, number>;
  return { total: 0, counts, bindingLagging: 0, bindingMissed: 0, lagDegrees: { 轻度: 0, 严重: 0, 逆向: 0 } };
}

function addVerdict(c: LabelCounts, verdict: Pick<Verdict, 'label' | 'lag'>, binding: boolean): void {
  c.total++;
  c.counts[verdict.label]++;
  if (verdict.label === '滞后') {
    if (binding) c.bindingLagging++;
    if (verdict.lag) c.lagDegrees[verdict.lag]++;
  }
  if (verdict.label === '未达标' && binding) c.bindingMissed++;
}

/** Counts of verdicts, one per indicator, in the shape the summary sentence reads. */
export function verdictCounts(indicators: readonly IndicatorEvaluation[]): LabelCounts {
  const c = emptyCounts();
  for (const i of indicators) addVerdict(c, i.verdict, i.attribute === '约束性');
  return c;
}

/**
 * Counts of verdicts over a plan's indicator rows from their stored statuses (each row's newest status per target
 * kind, a person's override counting): one per indicator, a row without any status counts as 数据缺失.
 */
export function rowVerdictCounts(
  rows: ReadonlyArray<{ id: number; attribute: string | null }>,
  statuses: ReadonlyArray<{
    row_id: number;
    target_kind: string;
    label: string;
    lag: string | null;
    override?: { label: string } | null;
  }>,
): LabelCounts {
  const partsOf = new Map<number, VerdictPart[]>();
  for (const s of statuses) {
    const parts = partsOf.get(s.row_id) ?? [];
    parts.push({
      kind: s.target_kind,
      label: (s.override?.label ?? s.label) as StatusLabel,
      lag: s.override ? null : (s.lag as LagDegree | null),
    });
    partsOf.set(s.row_id, parts);
  }
  const c = emptyCounts();
  for (const row of rows) {
    const binding = row.attribute === '约束性';
    addVerdict(c, verdictOf(partsOf.get(row.id) ?? [], binding), binding);
  }
  return c;
}

/** The evaluation sentence over indicators (one verdict each), never over statuses. */
export function evaluationSentence(indicators: readonly IndicatorEvaluation[]): string {
  return summarize(verdictCounts(indicators));
}
