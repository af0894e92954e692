// The one place a report reads its judgements: the plan's evaluation (src/store/evaluation.ts, the same as
// GET /api/plans/:id/evaluation: one verdict per indicator, 正文目标, the road ahead, the previous plan's review).
import type { Kysely } from 'kysely';
import {
  figureText,
  percentText,
  summarize,
  type LabelCounts,
  type LagDegree,
  type StatusLabel,
} from '../monitor/index.js';
import type { ProjectLedgerEntry } from '../ledger/index.js';
import type {
  AnnualTargetCheck,
  CompletionItem,
  ComponentView,
  IndicatorEvaluation,
  PlanEvaluation,
  PreviousPlanReview,
  RoadAhead,
  TargetView,
  Verdict,
} from '../monitor/index.js';
import { labelCounts } from '../server/routes/overview.js';
import { indicatorSeries, midtermYear } from '../server/routes/series.js';
import { planEvaluation, pageProjectLedger, type Database, type Status } from '../store/index.js';
import { LantuError } from '../diagnostics.js';

type Db = Kysely<Database>;

/** Where a figure of the report was read: a document and line, or a person's entry. */
export interface FigureSource {
  /** The document's file name (or who entered the value). */
  document: string;
  line: number | null;
  quote: string | null;
}

/** A figure as written, with its source. */
export interface SourcedFigure {
  year: number | null;
  /** The value as written in the source (`451.9`, `>65`, `[2.9]`). */
  text: string;
  source: FigureSource | null;
}

export interface EvaluatedIndicator {
  status_id: number;
  row_id: number;
  /** The year the status judges (the latest year with a status, not after the report's year). */
  status_year: number;
  category: string;
  name: string;
  /** A row of the plan's main indicator table (主要指标), or a target written in its text (正文目标). */
  origin: 'table' | 'text';
  unit: string | null;
  /** 约束性 / 预期性 as the plan's table says. */
  attribute: string | null;
  binding: boolean;
  target_kind: string;
  /** The label that counts: a person's override, else the computed one. */
  label: StatusLabel;
  lag: LagDegree | null;
  /** 轻度滞后, 基本符合预期, … */
  label_text: string;
  /** The computed label when a person overrode it, with the reason. */
  overridden: { computed: string; reason: string; by: string } | null;
  warning: string | null;
  base: SourcedFigure | null;
  target: SourcedFigure | null;
  /** The year's own target from a work report of the region (年度目标), when one is linked. */
  annual_target: SourcedFigure | null;
  actual: SourcedFigure | null;
  /** 序时进度: the value (or rate, or running total) the expected path gives for the status year. */
  expected: string | null;
  /** 完成进度: the progress ratio r as a percentage text. */
  progress: string | null;
  /** The status's own sentence (2023年实际值 X，按序时进度应达 Y，完成进度 Z%，…). */
  explanation: string;
  /** The road ahead (按现有增速，2025年预计达到…，需年均增长X%方可实现目标) once the evaluation gives it; null today. */
  road_ahead: string | null;
}

/** One indicator's expected path (序时进度) from base to target and its actual values. */
export interface IndicatorTrend {
  name: string;
  unit: string | null;
  expected: Array<{ year: number; value: number }>;
  actual: Array<{ year: number; value: number; source: FigureSource | null }>;
}

/** Trend charts shown at most (a report page holds two rows of two). */
const TRENDS_SHOWN = 4;

export interface EvaluationPlan {
  id: number;
  title: string | null;
  filename: string;
  region: string | null;
  region_id: number | null;
  period_start: number | null;
  period_end: number | null;
  midterm_year: number | null;
}

/** Everything a report says about a plan's indicators in a year, read from the store. */
export interface EvaluationInput {
  plan: EvaluationPlan;
  year: number;
  /** Which indicator set: the plan's own, or the previous-period completion table it reports (总结评估). */
  scope: 'current' | 'previous';
  /** The period the indicators' targets belong to. */
  period: { start: number | null; end: number | null };
  indicators: EvaluatedIndicator[];
  counts: LabelCounts;
  /** "23 项主要指标中，……" as the overview writes it. */
  sentence: string;
  /** The region's project ledger (重大项目), empty when none is tracked. */
  projects: ProjectLedgerEntry[];
  /** Key indicators' expected paths and actual values, for the trend chart. */
  trends: IndicatorTrend[];
  /** What the figures come from, named in the report's appendix. */
  basis: string;
}

interface StoredSource {
  doc?: string;
  line?: number;
  quote?: string;
  by?: string;
  file?: string;
}

/** A figure as printed without float noise, or null when there is none. */
function numberText(x: number | null | undefined): string | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : figureText(x);
}

/** A stored ratio (decimal text) as a percentage, or null when there is none. */
function ratioText(ratio: string | null): string | null {
  if (ratio === null) return null;
  const r = Number(ratio);
  return Number.isFinite(r) ? percentText(r) : null;
}

function sourceOf(
  source: StoredSource | undefined,
  documents: ReadonlyMap<string, string>,
): FigureSource | null {
  if (!source) return null;
  if (source.doc !== undefined)
    return {
      document: documents.get(source.doc) ?? source.doc,
      line: source.line ?? null,
      quote: source.quote ?? null,
    };
  if (source.by || source.file)
    return { document: [source.by, source.file].filter(Boolean).join('，'), line: null, quote: null };
  return null;
}

/** Comparator words written after the number (5%以上), the rest before it (超过65%); 达到 goes without saying. */
const TRAILING_COMPARATORS: ReadonlySet<string> = new Set(['以上', '以下', '以内', '左右']);

/** A work report's target for the year as a table cell: 5以上, 超过65, 800亿元 (its unit when it differs from the row's). */
function annualTargetText(
  t: { value: string; comparator: string | null; unit: string | null },
  rowUnit: string | null,
): string {
  const value = t.unit && t.unit !== rowUnit ? `${t.value}${t.unit}` : t.value;
  if (!t.comparator || t.comparator === '达到') return value;
  return TRAILING_COMPARATORS.has(t.comparator) ? `${value}${t.comparator}` : `${t.comparator}${value}`;
}

/**
 * The plan's indicators judged as of `year`. `scope: 'previous'` reads the plan's previous-period completion
 * table (rows whose targets end before the plan starts), as a 总结评估 of the plan before it.
 */
export async function evaluationInput(
  db: Db,
  planId: number,
  year: number,
  scope: 'current' | 'previous' = 'current',
): Promise<EvaluationInput> {
  const plan = await db
    .selectFrom('documents')
    .select(['id', 'title', 'filename', 'region', 'region_id', 'period_start', 'period_end', 'doc_type'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan)
    throw new LantuError({
      code: 'report/plan-not-found',
      message: `plan ${planId} does not exist`,
      expected: 'the id of a stored plan (GET /api/plans)',
    });
  if (plan.doc_type !== 'plan')
    throw new LantuError({
      code: 'report/not-a-plan',
      message: `document ${planId} (${plan.filename}) is a ${plan.doc_type}, not a plan`,
      expected: 'the id of a plan (GET /api/plans)',
    });
  const [docs, projects, evaluation] = await Promise.all([
    db.selectFrom('documents').select(['id', 'filename']).execute(),
    plan.region_id === null
      ? Promise.resolve({ items: [] as ProjectLedgerEntry[] })
      : pageProjectLedger(db, { region_id: plan.region_id }, { limit: 500, offset: 0 }),
    planEvaluation(db, planId, year),
  ]);
  // Sources name a document by file name or by id; the report prints the file name.
  const documents = new Map<string, string>();
  for (const d of docs) {
    documents.set(String(d.id), d.filename);
    documents.set(d.filename, d.filename);
  }
  const start = plan.period_start;
  const previous = evaluation?.previous ?? null;
  const judged =
    scope === 'current'
      ? fromPlanEvaluation(evaluation!, year, documents)
      : previous
        ? fromPreviousReview(previous, plan.filename)
        : { indicators: [], counts: labelCounts([]), sentence: summarize(labelCounts([])) };
  const trends: IndicatorTrend[] = [];
  if (scope === 'current') {
    // Level targets with an expected path, those with actual values first, in the plan's table order.
    const linked = [
      ...new Set(
        evaluation!.indicators
          .filter((e) => e.origin === 'table' && e.indicatorId && e.targets.some((t) => t.kind === 'level'))
          .map((e) => e.indicatorId!),
      ),
    ];
    const series = await Promise.all(linked.map((id) => indicatorSeries(db, { ...plan }, id)));
    const usable = series.filter((x) => x !== null && x.expected.length > 1);
    const observed = usable.filter((x) => x!.actual.some((o) => o.year <= year));
    // With no actual value yet, two expected paths show the plan's course; more would be empty charts.
    const shown = observed.length > 0 ? observed.slice(0, TRENDS_SHOWN) : usable.slice(0, 2);
    for (const x of shown)
      trends.push({
        name: x!.row?.name ?? x!.indicator.name,
        unit: x!.base?.unit ?? x!.indicator.unit,
        expected: x!.expected,
        actual: x!.actual
          .filter((o) => o.year <= year && Number.isFinite(Number(o.value)))
          .map((o) => ({
            year: o.year,
            value: Number(o.value),
            source:
              o.source.document_id === null
                ? {
                    document: [o.recorded_by, o.source.import_file].filter(Boolean).join('，'),
                    line: o.source.import_row,
                    quote: null,
                  }
                : {
                    document: documents.get(String(o.source.document_id)) ?? String(o.source.document_id),
                    line: o.source.line,
                    quote: o.source.quote,
                  },
          })),
      });
  }
  const periodEnd = scope === 'previous' ? (previous?.targetYear ?? null) : plan.period_end;
  const periodStart =
    scope === 'previous' && periodEnd !== null && start !== null && plan.period_end !== null
      ? periodEnd - (plan.period_end - start)
      : start;
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      filename: plan.filename,
      region: plan.region,
      region_id: plan.region_id,
      period_start: plan.period_start,
      period_end: plan.period_end,
      midterm_year: midtermYear(plan.period_start, plan.period_end),
    },
    year,
    scope,
    period: { start: periodStart, end: periodEnd },
    indicators: judged.indicators,
    counts: judged.counts,
    sentence: judged.sentence,
    projects: projects.items,
    trends,
    basis: '规划评估结果（与 /api/plans/:id/evaluation 一致）',
  };
}

/** The overview's counting over report rows: one per indicator, a person's override already in its label. */
function verdictCounts(indicators: readonly EvaluatedIndicator[]): LabelCounts {
  // labelCounts reads only label, lag, attribute and override of a status.
  return labelCounts(
    indicators.map((i) => ({
      label: i.label,
      lag: i.lag,
      attribute: i.attribute,
      override: null,
    })) as unknown as Status[],
  );
}

/** The parts of the monitor's PlanEvaluation (GET /api/plans/:id/evaluation) a report reads. */
export type PlanEvaluationShape = Pick<PlanEvaluation, 'sentence'> & {
  /** The previous plan's 总结评估, when the plan carries a completion table. */
  previous?: PreviousReviewShape | null;
  indicators: Array<
    Pick<
      IndicatorEvaluation,
      | 'rowId'
      | 'targetId'
      | 'name'
      | 'unit'
      | 'category'
      | 'attribute'
      | 'origin'
      | 'base'
      | 'latest'
      | 'expected'
      | 'progress'
      | 'evidence'
    > & {
      targets: Array<Pick<TargetView, 'kind' | 'year' | 'text'>>;
      verdict: Pick<Verdict, 'label' | 'lag' | 'text' | 'warning' | 'decidedBy'>;
      components: Array<
        Pick<ComponentView, 'statusId' | 'kind' | 'year' | 'label' | 'explanation'> & {
          override: Pick<NonNullable<ComponentView['override']>, 'label' | 'reason' | 'by'> | null;
        }
      >;
      roadAhead: Pick<RoadAhead, 'sentence'> | null;
      annualTargets: Array<
        Pick<AnnualTargetCheck, 'year' | 'quote' | 'comparator' | 'value' | 'unit' | 'source'>
      >;
    }
  >;
};

/** One indicator of issue 12's evaluation as a report row: its verdict, the deciding target's figures and road ahead. */
export function fromPlanEvaluation(
  evaluation: PlanEvaluationShape,
  year: number,
  /** File names by document id and by file name: a source may name its document either way. */
  documents: ReadonlyMap<string, string> = new Map(),
): Pick<EvaluationInput, 'indicators' | 'counts' | 'sentence'> {
  const indicators = evaluation.indicators.map((e, n): EvaluatedIndicator => {
    const deciding = e.components.find((c) => c.kind === e.verdict.decidedBy) ?? e.components[0] ?? null;
    const target = e.targets.find((t) => t.kind === e.verdict.decidedBy) ?? e.targets[0] ?? null;
    const annual = e.annualTargets.find((a) => a.year === year) ?? null;
    const evidence: FigureSource | null = e.evidence.document
      ? { document: e.evidence.document, line: e.evidence.line, quote: e.evidence.quote }
      : null;
    const override = deciding?.override ?? null;
    return {
      status_id: deciding?.statusId ?? -(n + 1),
      row_id: e.rowId ?? -(e.targetId ?? n + 1),
      status_year: deciding?.year ?? year,
      category: e.category ?? '其他',
      name: e.origin === 'text' ? `${e.name}（正文目标）` : e.name,
      origin: e.origin,
      unit: e.unit,
      attribute: e.attribute,
      binding: e.attribute === '约束性',
      target_kind: e.verdict.decidedBy ?? deciding?.kind ?? 'qualitative',
      label: e.verdict.label,
      lag: e.verdict.lag,
      label_text: e.verdict.text,
      overridden: override ? { computed: deciding!.label, reason: override.reason, by: override.by } : null,
      warning: e.verdict.warning,
      // Base and target are read from the row (or the sentence) the evidence points at.
      base: e.base
        ? { year: e.base.year, text: e.base.raw ?? numberText(e.base.value)!, source: evidence }
        : null,
      target: target ? { year: target.year, text: target.text, source: evidence } : null,
      annual_target: annual
        ? {
            year,
            text: annualTargetText({ ...annual, value: String(annual.value) }, e.unit),
            source: sourceOf(annual.source ?? undefined, documents),
          }
        : null,
      actual: e.latest
        ? {
            year: e.latest.year,
            text: e.latest.raw ?? numberText(e.latest.value)!,
            source: sourceOf(e.latest.source ?? undefined, documents),
          }
        : null,
      expected: numberText(e.expected),
      progress: ratioText(e.progress === null ? null : String(e.progress)),
      explanation: deciding?.explanation ?? '',
      road_ahead: e.roadAhead?.sentence ?? null,
    };
  });
  // The overview's counting, over verdicts: one per indicator of the main table (the sentence's set), overrides
  // already in the verdict; 正文目标 are reported beside them, never inside these counts.
  const counts = labelCounts(
    indicators
      .filter((i) => i.origin === 'table')
      .map((i) => ({
        label: i.label,
        lag: i.lag,
        attribute: i.attribute,
        override: null,
      })) as unknown as Status[],
  );
  return { indicators, counts, sentence: evaluation.sentence };
}

/** The parts of the monitor's 总结评估 of the previous plan (PreviousPlanReview) a report reads. */
export type PreviousReviewShape = Pick<
  PreviousPlanReview,
  'caption' | 'baseYear' | 'targetYear' | 'sentence'
> & {
  items: Array<
    Pick<
      CompletionItem,
      | 'rowId'
      | 'name'
      | 'unit'
      | 'attribute'
      | 'base'
      | 'target'
      | 'growthTarget'
      | 'actual'
      | 'result'
      | 'reason'
      | 'evidence'
    >
  >;
};

/** 完成 / 未完成 / 待核定 in the monitor's words, so counts and charts read them; the table prints the review's own. */
const RESULT_LABEL: Record<PreviousReviewShape['items'][number]['result'], StatusLabel> = {
  完成: '达标',
  未完成: '未达标',
  待核定: '待人工评估',
};

/** The previous plan's completion table as report rows: every figure is the table's, cited at its row. */
export function fromPreviousReview(
  review: PreviousReviewShape,
  planFile: string,
): Pick<EvaluationInput, 'indicators' | 'counts' | 'sentence'> {
  const indicators = review.items.map((item, n): EvaluatedIndicator => {
    const source: FigureSource = { document: planFile, line: item.evidence.line, quote: item.evidence.quote };
    const figure = (text: string | null, year: number | null) => (text ? { year, text, source } : null);
    const label = RESULT_LABEL[item.result];
    return {
      status_id: -(n + 1),
      row_id: item.rowId,
      status_year: review.targetYear ?? 0,
      category: review.caption ?? '主要指标',
      name: item.name,
      origin: 'table',
      unit: item.unit,
      attribute: item.attribute,
      binding: item.attribute === '约束性',
      target_kind: 'level',
      label,
      lag: null,
      label_text: item.result,
      overridden: null,
      warning: label === '未达标' ? 'red' : label === '达标' ? 'green' : null,
      base: figure(item.base, review.baseYear),
      target: figure(item.target ?? item.growthTarget, review.targetYear),
      annual_target: null,
      actual: figure(item.actual, review.targetYear),
      expected: null,
      progress: null,
      explanation:
        item.reason ??
        `${item.name}规划目标${item.target ?? item.growthTarget ?? '—'}，实际${item.actual ?? '—'}，${item.result}`,
      road_ahead: null,
    };
  });
  return { indicators, counts: verdictCounts(indicators), sentence: review.sentence };
}
