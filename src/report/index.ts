// Evaluation reports (年度监测报告, 中期评估报告, 总结评估报告) built from the store, rendered as DOCX or HTML.
import type { Kysely } from 'kysely';
import type { Diagnostic } from '../diagnostics.js';
import { LantuError } from '../diagnostics.js';
import type { Database } from '../store/index.js';
import { renderDocx } from './docx.js';
import { evaluationInput, type EvaluationInput } from './evaluation-input.js';
import { renderHtml } from './html.js';
import { renderPdf } from './pdf.js';
import { buildReport, kindForYear, REPORT_KINDS, type ReportKind, type ReportModel } from './model.js';

export { evaluationInput, type EvaluationInput, type EvaluatedIndicator } from './evaluation-input.js';
export {
  buildReport,
  kindForYear,
  INDICATOR_COLUMNS,
  KIND_NAMES,
  REPORT_KINDS,
  type Block,
  type ReportKind,
  type ReportModel,
} from './model.js';
export { renderDocx, REPORT_FONTS } from './docx.js';
export { renderHtml } from './html.js';
export { renderPdf } from './pdf.js';
export { chartSvg, findCjkFont, renderChart } from './charts.js';

export type ReportFormat = 'docx' | 'html' | 'pdf';

const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

export interface ReportRequest {
  planId: number;
  year: number;
  /** Default: the kind the year implies (the middle year → midterm, the end year or later → final). */
  kind?: ReportKind;
  format: ReportFormat;
  /** Called at each stage (reading, building, rendering) for a progress line. */
  onStage?: (stage: string, done: number, total: number) => void;
}

export interface GeneratedReport {
  model: ReportModel;
  body: Buffer | string;
  contentType: string;
  /** A file name for the download: 涧西区_2022年度监测报告.docx. */
  filename: string;
  diagnostics: Diagnostic[];
}

export function parseKind(text: string | undefined): ReportKind | undefined {
  if (text === undefined || text === '') return undefined;
  if ((REPORT_KINDS as readonly string[]).includes(text)) return text as ReportKind;
  throw new LantuError({
    code: 'report/kind',
    message: `unknown report kind "${text}"`,
    expected: REPORT_KINDS.join(' | '),
  });
}

/**
 * The evaluation input a kind reads: a final report before the plan's end year reports the previous-period
 * completion table the plan carries (the 总结评估 of the plan before it), when there is one.
 */
async function inputFor(db: Kysely<Database>, planId: number, year: number, kind: ReportKind | undefined) {
  const current = await evaluationInput(db, planId, year);
  const end = current.plan.period_end;
  if (kind === 'final' && end !== null && year < end) {
    const previous = await evaluationInput(db, planId, year, 'previous');
    if (previous.indicators.length > 0) return previous;
  }
  return current;
}

export async function generateReport(db: Kysely<Database>, request: ReportRequest): Promise<GeneratedReport> {
  const stage = request.onStage ?? (() => undefined);
  stage('读取指标状态', 0, 3);
  const input: EvaluationInput = await inputFor(db, request.planId, request.year, request.kind);
  const kind = request.kind ?? kindForYear(input, request.year);
  stage('编排报告', 1, 3);
  const model = buildReport(input, kind);
  stage({ docx: '生成 Word 文件', html: '生成网页', pdf: '打印 PDF' }[request.format], 2, 3);
  const diagnostics: Diagnostic[] = [];
  const body =
    request.format === 'docx'
      ? await renderDocx(model, diagnostics)
      : request.format === 'pdf'
        ? await renderPdf(renderHtml(model, diagnostics))
        : renderHtml(model, diagnostics);
  stage('完成', 3, 3);
  const name = `${input.plan.region ?? `plan-${input.plan.id}`}_${model.year}年${kindName(kind)}`;
  return {
    model,
    body,
    contentType: CONTENT_TYPES[request.format],
    filename: `${name}.${request.format}`,
    diagnostics,
  };
}

function kindName(kind: ReportKind): string {
  return { annual: '度监测报告', midterm: '中期评估报告', final: '总结评估报告' }[kind];
}
