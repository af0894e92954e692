import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../server/index.js';
import { ingestPaths, openStore, type Store } from '../store/index.js';
import {
  buildReport,
  evaluationInput,
  findCjkFont,
  generateReport,
  INDICATOR_COLUMNS,
  kindForYear,
  renderChart,
  renderDocx,
  renderHtml,
  REPORT_KINDS,
  type EvaluationInput,
  type ReportModel,
} from './index.js';
import { fromPlanEvaluation, fromPreviousReview, type PlanEvaluationShape } from './evaluation-input.js';
import { chineseOrdinal } from './model.js';
import { signedIn } from '../../test/helpers/accounts.js';

const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
// A plan with its work report (values judged), a plan with a previous-period table, a 十五五 plan with one.
const DOCS = [
  'luoyang-jianxi-plan-2021-2025.txt',
  'luoyang-jianxi-work-report-2022.txt',
  'luoyang-yanshi-plan-2021-2025.txt',
  'nanjing-plan-2026-2030.txt',
];

let dir: string;
let store: Store;
let app: FastifyInstance;
let plans: Array<{ id: number; filename: string; region: string | null; period_start: number | null }>;

async function get(url: string) {
  return app.inject({ method: 'GET', url });
}

function tables(model: ReportModel) {
  return model.blocks.filter((b) => b.type === 'table');
}

function indicatorRows(model: ReportModel) {
  return tables(model)
    .filter((t) => t.columns.join() === INDICATOR_COLUMNS.join())
    .flatMap((t) => t.rows);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantu-report-'));
  store = await openStore({ sqlitePath: join(dir, 'lantu.db') });
  await ingestPaths(
    store,
    DOCS.map((d) => join(CORPUS, d)),
    { threads: 1 },
  );
  app = await signedIn(await buildServer({ db: store.db }), store.db);
  plans = await store.db
    .selectFrom('documents')
    .select(['id', 'filename', 'region', 'period_start'])
    .where('doc_type', '=', 'plan')
    .orderBy('id')
    .execute();
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const planNamed = (file: string) => plans.find((p) => p.filename === file)!;

/** An evaluation input with no indicators, for the pure mappers' output to fill. */
function emptyInput(): EvaluationInput {
  return {
    plan: {
      id: 1,
      title: '某区国民经济和社会发展第十四个五年规划纲要',
      filename: 'plan-2021-2025.txt',
      region: '某区',
      region_id: null,
      period_start: 2021,
      period_end: 2025,
      midterm_year: 2023,
    },
    year: 2021,
    scope: 'current',
    period: { start: 2016, end: 2020 },
    indicators: [],
    counts: fromPreviousReview(
      { caption: null, baseYear: null, targetYear: null, sentence: '', items: [] },
      '',
    ).counts,
    sentence: '',
    projects: [],
    trends: [],
    basis: '测试',
  };
}

describe('report model', () => {
  it('numbers the sections as 公文 do', () => {
    expect([1, 4, 10, 11, 20, 23].map(chineseOrdinal)).toEqual(['一', '四', '十', '十一', '二十', '二十三']);
  });

  it('reads the kind from the year: the middle year is the midterm, the end year the final', () => {
    const plan = { period_end: 2025, midterm_year: 2023 } as Parameters<typeof kindForYear>[0]['plan'];
    expect([2021, 2023, 2024, 2025, 2026].map((y) => kindForYear({ plan }, y))).toEqual([
      'annual',
      'midterm',
      'annual',
      'final',
      'final',
    ]);
  });

  it('states each plan indicator with the verdict /api/plans/:id/evaluation gives, and its sentence', async () => {
    let compared = 0;
    for (const plan of plans) {
      const evaluation = (await get(`/api/plans/${plan.id}/evaluation?year=2022`)).json() as {
        sentence: string;
        indicators: Array<{ name: string; origin: string; verdict: { text: string } }>;
      };
      const model = buildReport(await evaluationInput(store.db, plan.id, 2022), 'annual');
      const rows = indicatorRows(model);
      expect(rows.length, plan.filename).toBe(evaluation.indicators.length);
      // Every indicator once (the report groups them by category), each with its one verdict.
      const shown = rows.map((row) => `${row[1]!.text}｜${row[8]!.text}`).sort();
      const given = evaluation.indicators.map(
        (e) => `${e.origin === 'text' ? `${e.name}（正文目标）` : e.name}｜${e.verdict.text}`,
      );
      expect(
        shown.map((r) => r.split('｜')[0]),
        plan.filename,
      ).toEqual(given.map((r) => r.split('｜')[0]).sort());
      for (const row of rows) {
        const e = given.find((g) => g.split('｜')[0] === row[1]!.text)!;
        expect(row[8]!.text.startsWith(e.split('｜')[1]!), `${row[1]!.text}: ${row[8]!.text} vs ${e}`).toBe(
          true,
        );
      }
      const first = model.blocks.find((b) => b.type === 'paragraph')!;
      const said = first.type === 'paragraph' ? first.runs.map((r) => r.text).join('') : '';
      expect(said).toContain(evaluation.sentence);
      compared++;
    }
    expect(compared).toBe(plans.length);
  });

  it('counts one set on page 1: the main indicators of the sentence, 正文目标 told apart', async () => {
    let checked = 0;
    for (const plan of plans) {
      const evaluation = (await get(`/api/plans/${plan.id}/evaluation?year=2022`)).json() as {
        indicators: Array<{ origin: string; verdict: { label: string } }>;
      };
      const main = evaluation.indicators.filter((e) => e.origin === 'table');
      const judged = main.filter((e) => !['数据缺失', '待人工评估'].includes(e.verdict.label)).length;
      const text = evaluation.indicators.length - main.length;
      for (const kind of REPORT_KINDS) {
        const model = buildReport(await evaluationInput(store.db, plan.id, 2022), kind);
        // 总体情况: the paragraphs up to the second first-level heading.
        const second = model.blocks.findIndex((b, n) => n > 0 && b.type === 'heading' && b.level === 1);
        const page1 = model.blocks
          .slice(0, second)
          .flatMap((b) => (b.type === 'paragraph' ? [b.runs.map((r) => r.text).join('')] : []))
          .join('\n');
        const mainCounts = [
          ...[...page1.matchAll(/(\d+) 项主要指标/g)].map((m) => Number(m[1])),
          ...[...page1.matchAll(/主要指标 (\d+) 项/g)].map((m) => Number(m[1])),
        ];
        expect(mainCounts.length, `${plan.filename} ${kind}: ${page1}`).toBeGreaterThan(0);
        expect(new Set(mainCounts), `${plan.filename} ${kind}: ${page1}`).toEqual(new Set([main.length]));
        const split = /其中有数据作出量化评估的 (\d+) 项；其余 (\d+) 项/.exec(page1);
        if (judged < main.length)
          expect(split?.slice(1).map(Number), page1).toEqual([judged, main.length - judged]);
        else expect(split, page1).toBeNull();
        const ofText = /正文提出的 (\d+) 项量化目标/.exec(page1);
        expect(ofText ? Number(ofText[1]) : 0, page1).toBe(text);
        checked++;
      }
    }
    expect(checked).toBe(plans.length * REPORT_KINDS.length);
  });

  it('gives every stated figure its source: a corpus file and a line', async () => {
    for (const plan of plans) {
      for (const kind of REPORT_KINDS) {
        const { model } = await generateReport(store.db, {
          planId: plan.id,
          year: 2023,
          kind,
          format: 'html',
        });
        expect(model.figures.stated, `${plan.filename} ${kind}`).toBeGreaterThan(0);
        expect(model.figures.sourced).toBe(model.figures.stated);
        for (const f of model.footnotes) expect(f.text).toMatch(/见[a-z0-9-]+\.txt，第 \d+ 行/);
      }
    }
  });

  it('writes the judged values of the work report into the table with their year', async () => {
    const jianxi = planNamed('luoyang-jianxi-plan-2021-2025.txt');
    const model = buildReport(await evaluationInput(store.db, jianxi.id, 2022), 'annual');
    const rd = indicatorRows(model).find((r) => r[1]!.text === '研究与实验发展经费投入强度')!;
    // 2021 value 5% from the 2022 work report, its 2022 target 5%以上 from the same report.
    expect(rd[5]!.text).toBe('5（2021年）');
    expect(rd[4]!.text).toBe('5以上');
    expect(rd[8]!.text).toBe('达标');
    const note = model.footnotes.find((f) => f.n === rd[5]!.note)!;
    expect(note.text).toContain('luoyang-jianxi-work-report-2022.txt，第 44 行');
  });

  it('reports the previous-period completion table in a final report before the plan ends', async () => {
    const nanjing = planNamed('nanjing-plan-2026-2030.txt');
    const { model } = await generateReport(store.db, {
      planId: nanjing.id,
      year: 2026,
      kind: 'final',
      format: 'html',
    });
    expect(model.title).toBe('南京市“十四五”规划纲要实施总结评估报告');
    const evaluation = (await get(`/api/plans/${nanjing.id}/evaluation?year=2026`)).json() as {
      previous: { items: unknown[] } | null;
    };
    expect(evaluation.previous).not.toBeNull();
    expect(evaluation.previous!.items.length).toBeGreaterThan(0);
    expect(indicatorRows(model)).toHaveLength(evaluation.previous!.items.length);
  });

  it('adds the overall appraisal and the adjustment list to a midterm report', async () => {
    const jianxi = planNamed('luoyang-jianxi-plan-2021-2025.txt');
    const { model } = await generateReport(store.db, { planId: jianxi.id, year: 2023, format: 'html' });
    expect(model.kind).toBe('midterm');
    const headings = model.blocks
      .filter((b) => b.type === 'heading' && b.level === 1)
      .map((b) => 'text' in b && b.text);
    expect(headings).toEqual([
      '一、总体情况',
      '二、规划实施总体评价',
      '三、主要指标完成情况',
      '四、约束性指标',
      '五、滞后指标及原因',
      '六、规划调整建议',
      '七、下一步工作建议',
      '附录：指标数据来源',
    ]);
  });
});

describe("issue 12's evaluation as report input", () => {
  // One indicator in the shape GET /api/plans/:id/evaluation gives (branch issue-evaluation), two targets judged.
  const evaluation: PlanEvaluationShape = {
    sentence: '1 项主要指标中，1 项滞后',
    indicators: [
      {
        rowId: 12,
        targetId: null,
        name: '地区生产总值',
        unit: '亿元',
        category: '经济发展',
        attribute: '预期性',
        origin: 'table',
        base: { year: 2020, value: 451.9, raw: '451.9' },
        targets: [
          { kind: 'level', year: 2025, text: '820亿元' },
          { kind: 'growth', year: 2025, text: '年均增长9.8%' },
        ],
        latest: {
          year: 2022,
          value: 520,
          raw: '520',
          source: { doc: 'bulletin-2022.txt', line: 8, quote: '520亿元' },
        },
        expected: 580.2,
        progress: 0.53,
        verdict: { label: '滞后', lag: '严重', text: '严重滞后', warning: 'red', decidedBy: 'level' },
        components: [
          {
            statusId: 40,
            kind: 'level',
            year: 2022,
            label: '滞后',
            explanation: '2022年实际值 520亿元',
            override: null,
          },
          {
            statusId: 41,
            kind: 'growth',
            year: 2022,
            label: '基本符合预期',
            explanation: '年均增长7.3%',
            override: null,
          },
        ],
        roadAhead: { sentence: '按现有增速，2025年预计达到638亿元，需年均增长16.3%方可实现目标' },
        annualTargets: [
          {
            year: 2022,
            quote: '增长7%左右',
            comparator: '左右',
            value: 7,
            unit: '%',
            source: { doc: '3', line: 30, quote: '增长7%左右' },
          },
        ],
        evidence: { document: 'plan.txt', line: 159, quote: '地区生产总值' },
      },
    ],
  };

  it('reads the verdict, the deciding target, the road ahead and every source', () => {
    // The work report's source names its document by id, as stored observations do; its % differs from the row's unit.
    const mapped = fromPlanEvaluation(evaluation, 2022, new Map([['3', 'work-report-2022.txt']]));
    const [i] = mapped.indicators;
    expect(i).toMatchObject({
      status_id: 40,
      label: '滞后',
      label_text: '严重滞后',
      target: { year: 2025, text: '820亿元', source: { document: 'plan.txt', line: 159 } },
      base: { year: 2020, text: '451.9' },
      actual: { year: 2022, text: '520', source: { document: 'bulletin-2022.txt', line: 8 } },
      annual_target: { text: '7%左右', source: { document: 'work-report-2022.txt', line: 30 } },
      expected: '580.2',
      progress: '53%',
      road_ahead: '按现有增速，2025年预计达到638亿元，需年均增长16.3%方可实现目标',
    });
    expect(mapped.counts.counts['滞后']).toBe(1);
    expect(mapped.sentence).toBe(evaluation.sentence);
  });

  it("reads the previous plan's completion table row by row, each figure cited at its row", () => {
    const mapped = fromPreviousReview(
      {
        caption: '“十三五”规划主要指标完成情况',
        baseYear: 2015,
        targetYear: 2020,
        sentence: '2 项指标中，1 项完成，1 项未完成',
        items: [
          {
            rowId: 3,
            name: '地区生产总值',
            unit: '亿元',
            attribute: '预期性',
            base: '300',
            target: '450',
            growthTarget: null,
            actual: '462',
            result: '完成',
            reason: null,
            evidence: { line: 120, quote: '地区生产总值 亿元 300 450 462' },
          },
          {
            rowId: 4,
            name: '单位地区生产总值能耗降低',
            unit: '%',
            attribute: '约束性',
            base: null,
            target: '[15]',
            growthTarget: null,
            actual: '[12]',
            result: '未完成',
            reason: null,
            evidence: { line: 121, quote: '单位地区生产总值能耗降低 % [15] [12]' },
          },
        ],
      },
      'plan-2021-2025.txt',
    );
    expect(mapped.sentence).toBe('2 项指标中，1 项完成，1 项未完成');
    expect(mapped.indicators.map((i) => [i.name, i.label_text, i.actual?.text])).toEqual([
      ['地区生产总值', '完成', '462'],
      ['单位地区生产总值能耗降低', '未完成', '[12]'],
    ]);
    expect(mapped.indicators[1]!.target).toEqual({
      year: 2020,
      text: '[15]',
      source: { document: 'plan-2021-2025.txt', line: 121, quote: '单位地区生产总值能耗降低 % [15] [12]' },
    });
    expect(mapped.counts.bindingMissed).toBe(1);
    const model = buildReport({ ...emptyInput(), ...mapped, scope: 'previous' }, 'final');
    expect(model.figures.sourced).toBe(model.figures.stated);
    expect(indicatorRows(model).map((r) => r[8]!.text)).toEqual(['完成', '未完成']);
  });
});

describe('charts', () => {
  it('draws SVG with ECharts on the server and a PNG fallback, saying when no CJK font is there', () => {
    const diagnostics: Parameters<typeof renderChart>[1] = [];
    const chart = renderChart(
      {
        id: 't',
        title: '地区生产总值',
        width: 400,
        height: 200,
        option: {
          xAxis: { type: 'category', data: ['2021', '2022'] },
          yAxis: { type: 'value' },
          series: [{ type: 'line', name: '实际值', data: [1, 2] }],
        },
      },
      diagnostics,
    );
    expect(chart.svg).toMatch(/^<svg[^>]*width="400"/);
    expect([...chart.png.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(diagnostics.map((d) => d.code)).toEqual(findCjkFont().file ? [] : ['report/no-cjk-font']);
  });
});

describe('renderers', () => {
  let model: ReportModel;
  beforeAll(async () => {
    const jianxi = planNamed('luoyang-jianxi-plan-2021-2025.txt');
    model = buildReport(await evaluationInput(store.db, jianxi.id, 2022), 'annual');
  });

  it('writes a Word file with the sections, the indicator table, a chart, footnotes and the 公文 page', async () => {
    const files = unzipSync(new Uint8Array(await renderDocx(model)));
    const document = strFromU8(files['word/document.xml']!);
    const text = document.replace(/<[^>]+>/g, '');
    for (const heading of [
      '一、总体情况',
      '二、主要指标完成情况',
      '三、约束性指标',
      '四、滞后指标及原因',
      '附录：指标数据来源',
    ])
      expect(text).toContain(heading);
    // The evaluation's sentence: the 23 rows of the main indicator table, each with its one verdict.
    expect(text).toMatch(/23 项主要指标中，\d+ 项达标/);
    // Every indicator (the 23 rows and the 正文目标) is a table row; the header row repeats on each page.
    const rows = indicatorRows(model);
    expect(rows.length).toBeGreaterThan(23);
    for (const row of rows) expect(text).toContain(row[1]!.text);
    expect(document.match(/<w:tblHeader\/>/g)!.length).toBeGreaterThanOrEqual(tables(model).length);
    expect(
      Object.keys(files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png')).length,
    ).toBeGreaterThan(0);
    expect(Object.keys(files).some((f) => f.startsWith('word/media/') && f.endsWith('.svg'))).toBe(true);
    const footnotes = strFromU8(files['word/footnotes.xml']!);
    expect(footnotes).toContain('luoyang-jianxi-work-report-2022.txt，第 44 行');
    expect(document.match(/<w:footnoteReference /g)!.length).toBeGreaterThanOrEqual(model.footnotes.length);
    // A4 with 37/35/28/26 mm margins, 仿宋_GB2312 body and 黑体 headings, "— N —" page numbers.
    expect(document).toMatch(/<w:pgSz w:w="11907" w:h="16840"/);
    expect(document).toMatch(/w:top="2098"[^>]*w:bottom="1985"[^>]*w:left="1588"/);
    const styles = strFromU8(files['word/styles.xml']!);
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
    expect(styles).toContain('w:eastAsia="黑体"');
    const footer = strFromU8(files['word/footer1.xml']!);
    expect(footer).toContain('PAGE');
    expect(footer.replace(/<[^>]+>/g, '')).toMatch(/— .*—/);
  });

  it('writes an HTML page with the same tables, inline SVG charts and the notes', () => {
    const html = renderHtml(model);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<h2>一、总体情况</h2>');
    expect(html.match(/<tr>/g)!.length).toBe(tables(model).reduce((n, t) => n + t.rows.length + 1, 0));
    expect(html).toContain('<svg');
    expect(html.match(/<li id="note-/g)!.length).toBe(model.footnotes.length);
    expect(html).not.toContain('undefined');
  });
});

describe('PDF', () => {
  it('prints the HTML in Chromium to an A4 PDF', async () => {
    const jianxi = planNamed('luoyang-jianxi-plan-2021-2025.txt');
    const { body, contentType } = await generateReport(store.db, {
      planId: jianxi.id,
      year: 2023,
      format: 'pdf',
    });
    expect(contentType).toBe('application/pdf');
    const pdf = Buffer.from(body);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 is 595 × 842 points; the report runs over several pages.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)!.length).toBeGreaterThan(2);
  });
});

describe('report routes', () => {
  it('serves the Word file and the HTML preview', async () => {
    const jianxi = planNamed('luoyang-jianxi-plan-2021-2025.txt');
    const docx = await get(`/api/plans/${jianxi.id}/report?year=2022&kind=annual`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(decodeURIComponent(String(docx.headers['content-disposition']))).toContain(
      '涧西区_2022年度监测报告.docx',
    );
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const html = await get(`/api/plans/${jianxi.id}/reports/midterm.html?year=2023`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['x-lantu-report-kind']).toBe('midterm');
    expect(html.body).toContain('实施中期评估报告');
  });

  it('answers bad requests with what was expected', async () => {
    const jianxi = planNamed('luoyang-jianxi-plan-2021-2025.txt');
    expect((await get(`/api/plans/${jianxi.id}/report?year=2022&kind=weekly`)).statusCode).toBe(400);
    expect((await get(`/api/plans/${jianxi.id}/report`)).statusCode).toBe(400);
    const missing = await get('/api/plans/999999/report?year=2022');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'report/plan-not-found' });
    const report = await store.db
      .selectFrom('documents')
      .select('id')
      .where('doc_type', '=', 'work_report')
      .executeTakeFirstOrThrow();
    const notPlan = await get(`/api/plans/${report.id}/report?year=2022&format=html`);
    expect(notPlan.statusCode).toBe(400);
    expect(notPlan.json()).toMatchObject({ code: 'report/not-a-plan' });
  });
});
