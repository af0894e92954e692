// `lantu report [annual|midterm|final] --plan ID|NAME --year N [--out FILE.docx|.html|.pdf]`: an evaluation report.
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic } from '../../diagnostics.js';
import { generateReport, parseKind, type ReportFormat } from '../../report/index.js';
import { openStore, type Store } from '../../store/index.js';
import { startProgress } from '../progress.js';

interface ReportOptions {
  plan: string;
  year?: number;
  kind?: string;
  out?: string;
  progress: boolean;
}

/** The plan a command line names: its id, or a word of its title, region or file name (one match only). */
async function namedPlan(store: Store, text: string) {
  const plans = await store.db
    .selectFrom('documents')
    .select(['id', 'title', 'filename', 'region', 'period_start', 'period_end'])
    .where('doc_type', '=', 'plan')
    .orderBy('id')
    .execute();
  const byId = /^\d+$/.test(text) ? plans.find((p) => p.id === Number(text)) : undefined;
  if (byId) return byId;
  const found = plans.filter((p) => [p.title, p.filename, p.region].some((f) => f?.includes(text)));
  const list = plans.map((p) => `${p.id} ${p.region ?? ''} ${p.title ?? p.filename}`).join('\n  ');
  if (found.length === 1) return found[0]!;
  throw new Error(
    found.length === 0
      ? `未找到规划"${text}" / no plan matches "${text}"; stored plans:\n  ${list}`
      : `"${text}" 对应多个规划，请用编号 / "${text}" matches ${found.length} plans, give the id:\n  ` +
          found.map((p) => `${p.id} ${p.region ?? ''} ${p.title ?? p.filename}`).join('\n  '),
  );
}

function formatOf(out: string | undefined): ReportFormat {
  const ext = out ? extname(out).toLowerCase() : '.docx';
  if (ext === '.docx' || ext === '.html' || ext === '.pdf') return ext.slice(1) as ReportFormat;
  throw new Error(
    `--out ${out}: 文件须以 .docx、.html 或 .pdf 结尾 / expected a file name ending in .docx, .html or .pdf`,
  );
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      "生成规划年度监测报告、中期评估报告或总结评估报告（Word、HTML 或 PDF）/ write a plan's annual monitoring, " +
        'mid-term or final evaluation report (Word, HTML or PDF)',
    )
    .argument('[kind]', 'annual 年度监测 | midterm 中期评估 | final 总结评估 (default: as the year implies)')
    .requiredOption('--plan <id|name>', 'the plan: its id, or a word of its title or region')
    .option(
      '--year <n>',
      'the year reported on (default: the latest year judged; midterm: the middle year; final: the end year)',
      (v) => Number.parseInt(v, 10),
    )
    .option('--kind <kind>', 'the same as [kind]')
    .option(
      '--out <file>',
      'FILE.docx, FILE.html or FILE.pdf (PDF printed by Chromium; default: <region>_<year>年<kind>.docx)',
    )
    .option('--no-progress', 'no progress line')
    .action(async (positional: string | undefined, options: ReportOptions) => {
      const kind = parseKind(positional ?? options.kind);
      const format = formatOf(options.out);
      const started = performance.now();
      const store = await openStore();
      try {
        const plan = await namedPlan(store, options.plan);
        const year = options.year ?? (await defaultYear(store, plan, kind));
        const bar = options.progress ? startProgress(3, 'report') : null;
        let report;
        try {
          report = await generateReport(store.db, {
            planId: plan.id,
            year,
            ...(kind ? { kind } : {}),
            format,
            onStage: (stage, done) => {
              if (done > 0) bar?.tick(stage);
            },
          });
        } finally {
          bar?.stop();
        }
        const out = options.out ?? report.filename;
        writeFileSync(out, report.body);
        for (const d of report.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
        const { stated, sourced } = report.model.figures;
        process.stderr.write(
          `已生成${report.model.title}：${out}（${stated} 个数据，${sourced} 个注明出处，用时 ` +
            `${((performance.now() - started) / 1000).toFixed(1)} 秒）/ wrote ${out}: ${stated} figures, ` +
            `${sourced} with their source\n`,
        );
      } finally {
        await store.close();
      }
    });
}

/** Without --year: the middle year for a midterm, the end year for a final, else the latest year with a status. */
async function defaultYear(
  store: Store,
  plan: { id: number; period_start: number | null; period_end: number | null },
  kind: string | undefined,
): Promise<number> {
  if (kind === 'midterm' && plan.period_start !== null && plan.period_end !== null)
    return plan.period_start + Math.floor((plan.period_end - plan.period_start) / 2);
  if (kind === 'final' && plan.period_end !== null) return plan.period_end;
  const latest = await store.db
    .selectFrom('statuses')
    .select((eb) => eb.fn.max('year').as('year'))
    .where('document_id', '=', plan.id)
    .executeTakeFirst();
  const year = latest?.year === null || latest?.year === undefined ? null : Number(latest.year);
  if (year !== null) return year;
  if (plan.period_start !== null) return plan.period_start;
  throw new Error(
    `规划 ${plan.id} 没有指标状态，请用 --year 指定年份 / plan ${plan.id} has no statuses: give --year`,
  );
}
