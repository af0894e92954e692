// The report model: one tree of sections, paragraphs, tables, charts and footnotes that every renderer reads.
import { LABEL_ORDER, type StatusLabel } from '../monitor/index.js';
import { planName, planOrdinalOfYear } from '../quantity/index.js';
import type { EvaluatedIndicator, EvaluationInput, FigureSource, SourcedFigure } from './evaluation-input.js';

export type ReportKind = 'annual' | 'midterm' | 'final';

export const REPORT_KINDS: readonly ReportKind[] = ['annual', 'midterm', 'final'];

export const KIND_NAMES: Record<ReportKind, string> = {
  annual: '年度监测报告',
  midterm: '中期评估报告',
  final: '总结评估报告',
};

/** A piece of text, optionally carrying a footnote (the source of the number it states). */
export interface Run {
  text: string;
  /** 1-based footnote number. */
  note?: number;
  bold?: boolean;
}

/** A table cell: its text and the footnote naming the source of its number. */
export interface Cell {
  text: string;
  note?: number;
}

export type Block =
  | { type: 'heading'; level: 1 | 2; text: string }
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'table'; caption: string; columns: string[]; rows: Cell[][]; widths?: number[] }
  | { type: 'chart'; chart: ChartSpec };

export interface ChartSpec {
  id: string;
  title: string;
  width: number;
  height: number;
  /** An ECharts option (plain JSON, no functions), rendered on the server or in the browser. */
  option: Record<string, unknown>;
}

export interface Footnote {
  n: number;
  text: string;
}

export interface ReportModel {
  kind: ReportKind;
  plan_id: number;
  year: number;
  title: string;
  /** The issuing line under the title: region and date. */
  subtitle: string;
  blocks: Block[];
  footnotes: Footnote[];
  /** How many figures the report states and how many carry a source (for tests and the bench). */
  figures: { stated: number; sourced: number };
}

/** The table of 主要指标完成情况, in the order planning offices print it. */
export const INDICATOR_COLUMNS = [
  '序号',
  '指标',
  '单位',
  '基期值',
  '年度目标',
  '当年实际',
  '序时进度',
  '完成进度',
  '评估结论',
  '属性',
] as const;

const CHINESE_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 12 → 十二 (section numbers up to 99). */
export function chineseOrdinal(n: number): string {
  if (n <= 10) return CHINESE_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? CHINESE_DIGITS[tens] : ''}十${ones ? CHINESE_DIGITS[ones] : ''}`;
}

function sourceText(source: FigureSource): string {
  const place = source.line !== null ? `第 ${source.line} 行` : '';
  const quote = source.quote ? `：“${source.quote}”` : '';
  return `${source.document}${place ? `，${place}` : ''}${quote}`;
}

/** Collects footnotes and counts stated figures; one note per distinct source text. */
class Notes {
  readonly list: Footnote[] = [];
  private readonly byText = new Map<string, number>();
  stated = 0;
  sourced = 0;

  of(figure: SourcedFigure | null, what: string): number | undefined {
    if (!figure) return undefined;
    this.stated++;
    if (!figure.source) return undefined;
    this.sourced++;
    const text = `${what}${figure.year !== null ? `（${figure.year}年）` : ''}${figure.text}，见${sourceText(figure.source)}`;
    const seen = this.byText.get(text);
    if (seen) return seen;
    const n = this.list.length + 1;
    this.list.push({ n, text });
    this.byText.set(text, n);
    return n;
  }
}

const LABEL_COLORS: Record<StatusLabel, string> = {
  提前实现: '#1a7f37',
  快于预期: '#2da44e',
  基本符合预期: '#7cc47f',
  滞后: '#cf222e',
  达标: '#54aeff',
  未达标: '#a40e26',
  数据缺失: '#a0a0a0',
  待人工评估: '#d4a72c',
};

/** Label counts per category as a stacked bar chart (completion progress per category). */
function categoryChart(byCategory: Map<string, EvaluatedIndicator[]>): ChartSpec {
  const categories = [...byCategory.keys()];
  const used = LABEL_ORDER.filter((l) =>
    [...byCategory.values()].some((list) => list.some((i) => i.label === l)),
  );
  return {
    id: 'category-progress',
    title: '分领域主要指标完成情况',
    width: 640,
    height: 120 + 40 * categories.length,
    option: {
      animation: false,
      textStyle: { fontFamily: 'Noto Sans CJK SC, Source Han Sans SC, SimHei, sans-serif' },
      legend: { top: 4, data: used },
      grid: { left: 110, right: 30, top: 44, bottom: 30 },
      xAxis: { type: 'value', name: '项', minInterval: 1 },
      yAxis: { type: 'category', data: categories, inverse: true },
      series: used.map((label) => ({
        name: label,
        type: 'bar',
        stack: 'all',
        itemStyle: { color: LABEL_COLORS[label] },
        label: { show: true, formatter: '{c}' },
        data: categories.map((c) => byCategory.get(c)!.filter((i) => i.label === label).length || null),
      })),
    },
  };
}

/** Key indicators against their expected paths as small multiples in one chart (one picture to draw, not four). */
function trendChart(trends: EvaluationInput['trends']): ChartSpec {
  const columns = trends.length > 1 ? 2 : 1;
  const rows = Math.ceil(trends.length / columns);
  const cell = { width: 640 / columns, height: 240 };
  const series: unknown[] = [];
  const grids: unknown[] = [];
  const xAxes: unknown[] = [];
  const yAxes: unknown[] = [];
  const titles: unknown[] = [];
  trends.forEach((trend, n) => {
    const years = [
      ...new Set([...trend.expected.map((p) => p.year), ...trend.actual.map((p) => p.year)]),
    ].sort();
    const at = (points: Array<{ year: number; value: number }>) =>
      years.map((y) => points.find((p) => p.year === y)?.value ?? null);
    const left = (n % columns) * cell.width;
    const top = 30 + Math.floor(n / columns) * cell.height;
    titles.push({
      text: `${trend.name}${trend.unit ? `（${trend.unit}）` : ''}`,
      left: left + 10,
      top,
      textStyle: { fontSize: 12, fontWeight: 'normal' },
    });
    grids.push({ left: left + 50, top: top + 40, width: cell.width - 75, height: cell.height - 80 });
    xAxes.push({ gridIndex: n, type: 'category', data: years.map(String) });
    yAxes.push({ gridIndex: n, type: 'value', scale: true });
    series.push(
      {
        name: '序时进度',
        type: 'line',
        xAxisIndex: n,
        yAxisIndex: n,
        data: at(trend.expected),
        lineStyle: { type: 'dashed', color: '#888888' },
        itemStyle: { color: '#888888' },
        symbol: 'none',
      },
      {
        name: '实际值',
        type: 'line',
        xAxisIndex: n,
        yAxisIndex: n,
        data: at(trend.actual),
        connectNulls: true,
        label: { show: true },
        itemStyle: { color: '#c00000' },
        symbolSize: 7,
      },
    );
  });
  return {
    id: 'key-indicator-trends',
    title: '主要指标实际值与序时进度',
    width: 640,
    height: 30 + rows * cell.height,
    option: {
      animation: false,
      textStyle: { fontFamily: 'Noto Sans CJK SC, Source Han Sans SC, SimHei, sans-serif' },
      legend: { top: 4, data: ['序时进度', '实际值'] },
      title: titles,
      grid: grids,
      xAxis: xAxes,
      yAxis: yAxes,
      series,
    },
  };
}

function dash(text: string | null | undefined): string {
  return text === null || text === undefined || text === '' ? '—' : text;
}

/** The kind a year implies: the middle year → midterm, the end year or later → final, else annual. */
export function kindForYear(input: Pick<EvaluationInput, 'plan'>, year: number): ReportKind {
  const { period_end, midterm_year } = input.plan;
  if (period_end !== null && year >= period_end) return 'final';
  return midterm_year !== null && year === midterm_year ? 'midterm' : 'annual';
}

function periodText(start: number | null, end: number | null): string {
  return start !== null && end !== null ? `${start}—${end}年` : '规划期';
}

/** “十四五” for a period starting in 2021; the years when the period is not a five-year plan's. */
function previousName(start: number | null): string {
  const ordinal = start === null ? null : planOrdinalOfYear(start);
  return ordinal === null ? '上一规划期' : `“${planName(ordinal)}”`;
}

const LAGGING: ReadonlySet<string> = new Set(['滞后', '未达标']);

/** Build the report for a plan's evaluation input; the kind decides the sections and their wording. */
export function buildReport(input: EvaluationInput, kind: ReportKind, today = new Date()): ReportModel {
  const notes = new Notes();
  const blocks: Block[] = [];
  const { plan, year, indicators, counts } = input;
  const region = plan.region ?? '';
  const planTitle = plan.title ?? plan.filename;
  const period = periodText(input.period.start, input.period.end);
  const titled =
    input.scope === 'previous'
      ? `${region}${previousName(input.period.start)}规划纲要实施${KIND_NAMES[kind]}`
      : `《${planTitle}》${kind === 'annual' ? `${year}年度监测报告` : `实施${KIND_NAMES[kind]}`}`;
  let section = 0;
  const heading = (text: string) =>
    blocks.push({ type: 'heading', level: 1, text: `${chineseOrdinal(++section)}、${text}` });
  const para = (...runs: Run[]) => blocks.push({ type: 'paragraph', runs });

  const byCategory = new Map<string, EvaluatedIndicator[]>();
  for (const i of indicators) {
    const list = byCategory.get(i.category);
    if (list) list.push(i);
    else byCategory.set(i.category, [i]);
  }
  const isJudged = (i: EvaluatedIndicator) => i.label !== '数据缺失' && i.label !== '待人工评估';
  // Counts on page 1 are of the main table (主要指标), the set the evaluation sentence counts; 正文目标 are told apart.
  const main = indicators.filter((i) => i.origin === 'table');
  const textTargets = indicators.filter((i) => i.origin === 'text');
  const judged = main.filter(isJudged);
  const lagging = indicators.filter((i) => LAGGING.has(i.label));
  const binding = main.filter((i) => i.binding);
  const span = kind === 'midterm' ? `${input.period.start ?? ''}年以来` : `${year}年`;

  // 一、总体情况
  heading('总体情况');
  para({
    text:
      `${kind === 'annual' && input.period.start !== null && year >= input.period.start ? `${year}年是规划实施的第${chineseOrdinal(year - input.period.start + 1)}年。` : ''}` +
      `根据${input.scope === 'previous' ? `${period}规划纲要确定的主要指标` : `《${planTitle}》`}，` +
      `对${span}${region}规划主要指标完成情况进行了${kind === 'annual' ? '监测' : '评估'}。` +
      `从评估结果看，${input.sentence}。`,
  });
  if (judged.length < main.length)
    para({
      text:
        `主要指标 ${main.length} 项，其中有数据作出量化评估的 ${judged.length} 项；其余 ${main.length - judged.length} 项` +
        `因缺少${year}年统计数据或属于定性、待下达目标，暂未作出量化评估，待数据发布或人工评估后补充。`,
    });
  if (textTargets.length > 0)
    para({
      text:
        `此外，对规划正文提出的 ${textTargets.length} 项量化目标（正文目标）一并监测，其中作出量化评估的 ` +
        `${textTargets.filter(isJudged).length} 项，列入各领域指标完成情况表，不计入上述主要指标项数。`,
    });
  if (main.length > 0) {
    const mainByCategory = new Map<string, EvaluatedIndicator[]>();
    for (const i of main) mainByCategory.set(i.category, [...(mainByCategory.get(i.category) ?? []), i]);
    blocks.push({ type: 'chart', chart: categoryChart(mainByCategory) });
  }

  if (kind === 'midterm') {
    heading('规划实施总体评价');
    const good = judged.filter((i) => !LAGGING.has(i.label)).length;
    const behind = judged.length - good;
    para({
      text:
        judged.length === 0
          ? `规划实施过半，主要指标尚缺少可供量化评估的统计数据，建议尽快补齐${year}年统计数据后开展评估。`
          : `规划实施过半，已作出量化评估的 ${judged.length} 项指标中，${good} 项进展符合或快于预期，${behind} 项滞后于序时进度` +
            `${counts.bindingLagging + counts.bindingMissed > 0 ? `，其中约束性指标 ${counts.bindingLagging + counts.bindingMissed} 项` : ''}。` +
            `${behind === 0 ? '规划实施总体顺利。' : '总体上规划实施进展平稳，但部分指标完成难度较大，需在后半程加大推进力度。'}`,
    });
  }

  // 二、主要指标完成情况
  heading('主要指标完成情况');
  let seq = 0;
  const tableRow = (i: EvaluatedIndicator): Cell[] => [
    { text: String(++seq) },
    { text: i.name },
    { text: dash(i.unit) },
    { text: dash(i.base?.text), note: notes.of(i.base, `${i.name}基期值`) },
    // Without a year's own target the plan's target stands in, marked with its year so no one reads it as annual.
    i.annual_target
      ? { text: i.annual_target.text, note: notes.of(i.annual_target, `${i.name}年度目标`) }
      : {
          text: i.target ? `${i.target.text}${i.target.year !== null ? `（${i.target.year}年）` : ''}` : '—',
          note: notes.of(i.target, `${i.name}规划目标`),
        },
    // A value of an earlier year than the report's is marked with its year.
    {
      text: i.actual
        ? `${i.actual.text}${i.actual.year !== null && i.actual.year !== year ? `（${i.actual.year}年）` : ''}`
        : '—',
      note: notes.of(i.actual, `${i.name}实际值`),
    },
    { text: dash(i.expected) },
    { text: dash(i.progress) },
    { text: i.overridden ? `${i.label_text}（人工评估）` : i.label_text },
    { text: dash(i.attribute) },
  ];
  let sub = 0;
  for (const [category, list] of byCategory) {
    blocks.push({ type: 'heading', level: 2, text: `（${chineseOrdinal(++sub)}）${category}` });
    const inCategory = list.filter(isJudged);
    const ofText = list.filter((i) => i.origin === 'text').length;
    para({
      text: `${category}领域主要指标 ${list.length - ofText} 项${ofText > 0 ? `、正文目标 ${ofText} 项` : ''}${inCategory.length > 0 ? `，${inCategory.map((i) => `${i.name}${i.label_text}`).join('，')}` : '，暂无可量化评估的数据'}。`,
    });
    blocks.push({
      type: 'table',
      caption: `${category}指标完成情况表`,
      columns: [...INDICATOR_COLUMNS],
      rows: list.map(tableRow),
      widths: [4, 14, 6, 10, 16, 12, 9, 9, 11, 9],
    });
  }
  if (input.trends.length > 0) blocks.push({ type: 'chart', chart: trendChart(input.trends) });

  // 三、约束性指标
  heading('约束性指标');
  if (binding.length === 0) para({ text: '规划未列约束性指标，或约束性指标尚未纳入监测。' });
  else {
    const bad = binding.filter((i) => LAGGING.has(i.label));
    para({
      text:
        `规划确定的 ${binding.length} 项约束性指标中，` +
        `${bad.length === 0 ? '未发现滞后或未达标的指标' : `${bad.map((i) => i.name).join('、')}等 ${bad.length} 项指标滞后或未达标，须作为硬约束加大工作力度`}。`,
    });
    for (const i of binding) {
      para(
        { text: `${i.name}：`, bold: true },
        {
          text: `${i.explanation}。`,
          note: notes.of(i.actual ?? i.target, `${i.name}${i.actual ? '实际值' : '目标值'}`),
        },
      );
    }
  }

  // 四、滞后指标及原因
  heading('滞后指标及原因');
  if (lagging.length === 0) para({ text: `已作出量化评估的指标中，暂无滞后或未达标的指标。` });
  for (const i of lagging) {
    para(
      { text: `${i.name}（${i.label_text}${i.binding ? '，约束性' : ''}）：`, bold: true },
      { text: `${i.explanation}。`, note: notes.of(i.actual, `${i.name}实际值`) },
      ...(i.road_ahead ? [{ text: `${i.road_ahead}。` }] : []),
      {
        text: i.overridden
          ? `人工评估意见：${i.overridden.reason}（${i.overridden.by}）。`
          : '主要原因由牵头单位结合实际分析填报。',
      },
    );
  }

  if (kind === 'midterm') {
    heading('规划调整建议');
    const adjust = lagging.filter(
      (i) => i.lag === '严重' || i.lag === '逆向' || (i.label === '未达标' && !i.binding),
    );
    if (adjust.length === 0) para({ text: '从中期评估情况看，主要指标目标总体可以实现，暂不提出调整建议。' });
    else {
      para({
        text: '以下指标严重滞后或与目标方向相反，按现有进度到期难以实现，建议按程序研究调整目标或强化推进措施（约束性指标原则上不作调整）：',
      });
      adjust.forEach((i, n) =>
        para({
          text: `${n + 1}. ${i.name}：${i.explanation}。`,
          note: notes.of(i.actual, `${i.name}实际值`),
        }),
      );
    }
  }

  // 五、重大项目进展 (only where the ledger tracks projects)
  if (input.projects.length > 0) {
    heading('重大项目进展');
    const started = input.projects.filter((p) => p.stage !== '前期').length;
    para({
      text: `纳入台账管理的重大项目 ${input.projects.length} 个，其中已开工（含竣工）${started} 个。项目投资以项目台账填报数据为准。`,
    });
    blocks.push({
      type: 'table',
      caption: '重大项目进展情况表',
      columns: [
        '序号',
        '项目名称',
        '总投资（亿元）',
        '年度计划投资（亿元）',
        '累计完成投资（亿元）',
        '完成率',
        '阶段',
        '责任人',
      ],
      rows: input.projects.map((p, n) => [
        { text: String(n + 1) },
        { text: p.name },
        { text: dash(p.total_investment) },
        { text: dash(p.annual_plan_investment) },
        { text: dash(p.completed_investment) },
        { text: p.completion_rate === null ? '—' : `${p.completion_rate}%` },
        { text: p.stage },
        { text: dash(p.leader ?? p.updated_by) },
      ]),
      widths: [6, 30, 12, 12, 12, 9, 8, 11],
    });
  }

  // 六、下一步工作建议
  heading(kind === 'final' ? '经验启示与工作建议' : '下一步工作建议');
  const advice: string[] = [];
  const boundBad = lagging.filter((i) => i.binding);
  if (boundBad.length > 0)
    advice.push(
      `坚决完成约束性指标。针对${boundBad.map((i) => i.name).join('、')}，逐项明确责任单位和时间节点，确保约束性指标如期完成。`,
    );
  const lagCategories = [...new Set(lagging.filter((i) => !i.binding).map((i) => i.category))];
  if (lagCategories.length > 0)
    advice.push(
      `加快补齐滞后指标短板。${lagCategories.join('、')}领域部分指标滞后于序时进度，要深入分析原因，制定针对性措施，力争${kind === 'final' ? '在下一规划期' : '在规划期内'}追上序时进度。`,
    );
  const missing = indicators.filter((i) => i.label === '数据缺失').length;
  if (missing > 0)
    advice.push(
      `完善监测数据。${missing} 项指标缺少统计数据，建议统计部门和牵头单位按年度及时报送，确保监测评估有据可依。`,
    );
  const manual = indicators.filter((i) => i.label === '待人工评估').length;
  if (manual > 0)
    advice.push(
      `做好定性指标评估。${manual} 项定性或待上级下达的指标，建议牵头单位对照目标提出评估意见并录入系统。`,
    );
  advice.push(
    kind === 'final'
      ? '做好规划衔接。认真总结规划实施经验，将未完成的目标任务纳入下一规划期统筹推进。'
      : '强化规划实施监测。坚持年度监测、中期评估和总结评估制度，及时发现并解决规划实施中的问题。',
  );
  advice.forEach((text, n) => para({ text: `${chineseOrdinal(n + 1)}是${text}` }));

  // 附录：指标数据来源
  blocks.push({ type: 'heading', level: 1, text: '附录：指标数据来源' });
  blocks.push({
    type: 'table',
    caption: '指标数据来源表',
    columns: ['注', '数据及来源'],
    rows: notes.list.map((f) => [{ text: String(f.n) }, { text: f.text }]),
    widths: [6, 94],
  });
  para({
    text: `本报告数据取自蓝图系统${input.basis}；评估方法为序时进度法，默认阈值为完成进度≥105%快于预期、95%—105%基本符合预期、低于95%滞后（个别指标另行设定的以其状态记录为准）。`,
  });

  const date = `${today.getUTCFullYear()}年${today.getUTCMonth() + 1}月`;
  return {
    kind,
    plan_id: plan.id,
    year,
    title: titled,
    // A generated draft: the office signs it after review, so no issuing body is invented.
    subtitle: `（蓝图系统生成稿\u3000${date}）`,
    blocks,
    footnotes: notes.list,
    figures: { stated: notes.stated, sourced: notes.sourced },
  };
}
