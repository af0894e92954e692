import { describe, expect, it } from 'vitest';
import { corpusDocument } from '../../test/helpers/corpus.js';
import { analyzeDocument, toGoldFormat } from '../pipeline.js';
import {
  PLANNING_UNIT,
  assessUnits,
  draftDecomposition,
  keyTaskSections,
  nextState,
  overdueOf,
  periodOf,
  previousPeriod,
  suggestLeadUnit,
  type TaskState,
} from './index.js';

describe('suggestLeadUnit', () => {
  it.each([
    ['研究与试验发展经费投入强度', '科技局'],
    ['每万人口高价值发明专利拥有量', '科技局'],
    ['城镇新增就业人数', '人社局'],
    ['基本养老保险参保率', '人社局'],
    ['每千人口拥有3岁以下婴幼儿托位数', '卫健委'],
    ['劳动年龄人口平均受教育年限', '教育局'],
    ['单位地区生产总值能源消耗降低', '发改委'],
    ['地区生产总值年均增长', '发改委'],
    ['细颗粒物（PM2.5）平均浓度', '生态环境局'],
    ['社会消费品零售总额增长', '商务局'],
    ['一般公共预算收入增长', '财政局'],
    ['粮食综合生产能力', '农业农村局'],
  ])('%s → %s', (name, short) => {
    expect(suggestLeadUnit(name).unit.short).toBe(short);
  });

  it('falls back to the planning office and says so', () => {
    expect(suggestLeadUnit('重大改革任务完成情况')).toEqual({ unit: PLANNING_UNIT, matched: null });
  });
});

describe('draftDecomposition', () => {
  const plan = {
    periodEnd: 2025,
    rows: [
      {
        id: 1,
        name: '研发经费投入强度',
        category: '创新驱动',
        unit: '%',
        target_raw: '5',
        line: 10,
        quote: 'r1',
      },
      {
        id: 2,
        name: '城镇新增就业人数',
        category: '民生福祉',
        unit: '万人',
        target_raw: '〔2.9〕',
        line: 11,
        quote: 'r2',
      },
    ],
    targets: [
      {
        id: 7,
        indicator: '研发经费投入强度',
        value: '5',
        unit: '%',
        comparator: '达到',
        year: 2025,
        line: 90,
        quote: '达到5%',
      },
      {
        id: 8,
        indicator: '高新技术企业',
        value: '300',
        unit: '家',
        comparator: '达到',
        year: 2023,
        line: 91,
        quote: '高新技术企业达到300家',
      },
    ],
    projects: [{ id: 3, name: '污水处理厂提标改造项目', investment: '2亿元', line: 200 }],
  };

  it('gives every row, uncovered target and project a task with its source and a suggested lead', () => {
    const tasks = draftDecomposition(plan);
    expect(tasks.map((t) => [t.source.kind, t.source.id, t.lead.short, t.due])).toEqual([
      ['row', 1, '科技局', '2025-12-31'],
      ['row', 2, '人社局', '2025-12-31'],
      ['target', 8, '科技局', '2023-12-31'],
      ['project', 3, '生态环境局', '2025-12-31'],
    ]);
    expect(tasks[0]!.goal).toBe('5%');
    expect(tasks[1]!.goal).toBe('〔2.9〕');
    expect(tasks[3]!.goal).toBe('总投资2亿元');
  });

  it('assigns a lead unit to every main indicator of the Jianxi plan', () => {
    const gold = toGoldFormat(analyzeDocument(corpusDocument('luoyang-jianxi-plan-2021-2025.txt')));
    const rows = gold.indicator_tables.flatMap((t) =>
      t.rows.map((r, i) => ({
        id: i + 1,
        name: r.name,
        category: r.category,
        unit: r.unit,
        target_raw: r.target_raw,
        line: r.line,
        quote: r.name,
      })),
    );
    const tasks = draftDecomposition({ periodEnd: 2025, rows, targets: [], projects: [] });
    expect(tasks).toHaveLength(rows.length);
    expect(rows.length).toBeGreaterThan(20);
    expect(tasks.every((t) => t.lead.name.length > 0)).toBe(true);
    // Most rows are matched by a field word; the fallback is the exception, not the rule.
    expect(tasks.filter((t) => t.leadReason === null).length).toBeLessThanOrEqual(2);
  });

  it('makes a task of every key-task section (节 under 章) outside the review, guidance and goals parts', () => {
    const headings = [
      { id: 1, level: 1, label: '第一篇', title: '开启新征程', line: 1 },
      { id: 2, level: 2, label: '第一章', title: '发展基础和环境', line: 2 },
      { id: 3, level: 3, label: '第一节', title: '“十三五”时期发展成就', line: 3 },
      { id: 4, level: 2, label: '第二章', title: '坚持创新驱动发展', line: 4 },
      { id: 5, level: 3, label: '第一节', title: '加快建设多层次创新平台', line: 5 },
      { id: 6, level: 4, label: '一、', title: '建设重点实验室', line: 6 },
      { id: 7, level: 3, label: '第二节', title: '提升义务教育质量', line: 7 },
      { id: 8, level: 2, label: '第三章', title: '保障措施', line: 8 },
      { id: 9, level: 3, label: '第一节', title: '加强组织领导', line: 9 },
    ];
    const tasks = draftDecomposition({ periodEnd: 2025, rows: [], targets: [], projects: [], headings });
    expect(tasks.map((t) => [t.source.kind, t.source.id, t.title, t.lead.short])).toEqual([
      ['section', 5, '加快建设多层次创新平台', '科技局'],
      ['section', 7, '提升义务教育质量', '教育局'],
    ]);
  });

  it('finds the key-task sections of a plan with 章 and 节 and of one numbered 一、 only', () => {
    for (const [doc, least] of [
      ['luoyang-jianxi-plan-2021-2025.txt', 60],
      ['luoyang-luolong-plan-2021-2025.txt', 15],
    ] as const) {
      const gold = toGoldFormat(analyzeDocument(corpusDocument(doc)));
      const sections = keyTaskSections(gold.outline.map((h) => ({ ...h, label: h.label ?? null })));
      expect(sections.length).toBeGreaterThanOrEqual(least);
      expect(sections.filter((h) => /主要目标|发展目标|指导思想|发展基础|发展成就/.test(h.title))).toEqual(
        [],
      );
    }
  });
});

describe('task lifecycle', () => {
  it('moves 未启动 → 推进中 → 待销号 → 已完成, and only the planner closes', () => {
    let state: TaskState = '未启动';
    state = nextState(state, 'report') as TaskState;
    expect(state).toBe('推进中');
    expect(nextState(state, 'confirm_close')).toEqual({ error: expect.stringContaining('申请销号') });
    state = nextState(state, 'request_close') as TaskState;
    expect(state).toBe('待销号');
    expect(nextState(state, 'reject_close')).toBe('推进中');
    expect(nextState(state, 'confirm_close')).toBe('已完成');
    expect(nextState('已完成', 'report')).toEqual({ error: expect.stringContaining('已销号') });
  });
});

describe('reporting periods and overdue', () => {
  it('names periods by month and quarter', () => {
    expect(periodOf('2026-03-31', 'month')).toBe('2026-03');
    expect(periodOf('2026-03-31', 'quarter')).toBe('2026-Q1');
    expect(periodOf('2026-10-01', 'quarter')).toBe('2026-Q4');
    expect(previousPeriod('2026-01-15', 'month')).toEqual({ period: '2025-12', end: '2025-12-31' });
    expect(previousPeriod('2026-05-02', 'quarter')).toEqual({ period: '2026-Q1', end: '2026-03-31' });
  });

  const task = {
    state: '推进中' as TaskState,
    due: '2026-12-31',
    created: '2026-01-05',
    reported: new Set<string>(),
  };

  it('is 逾期未报 only after the grace days of the period that ended', () => {
    expect(overdueOf(task, '2026-04-08', 'quarter')).toBeNull();
    expect(overdueOf(task, '2026-04-11', 'quarter')).toBe('逾期未报');
    expect(overdueOf({ ...task, reported: new Set(['2026-Q1']) }, '2026-04-11', 'quarter')).toBeNull();
    // Created after the quarter ended: nothing was owed for it.
    expect(overdueOf({ ...task, created: '2026-04-02' }, '2026-04-20', 'quarter')).toBeNull();
  });

  it('is 逾期未完成 after its deadline unless closed', () => {
    expect(overdueOf(task, '2027-01-01', 'quarter')).toBe('逾期未完成');
    expect(overdueOf({ ...task, state: '已完成' }, '2027-01-01', 'quarter')).toBeNull();
  });
});

describe('assessUnits', () => {
  it('scores by the scheme, shows the components and ranks ties together', () => {
    const scores = assessUnits([
      {
        unit_id: 1,
        unit: '科技局',
        reportsOwed: 4,
        reportsMade: 4,
        tasksDue: 2,
        tasksDone: 1,
        indicatorLabels: ['基本符合预期', '滞后'],
      },
      {
        unit_id: 2,
        unit: '人社局',
        reportsOwed: 4,
        reportsMade: 2,
        tasksDue: 0,
        tasksDone: 0,
        indicatorLabels: ['提前实现'],
      },
      {
        unit_id: 3,
        unit: '教育局',
        reportsOwed: 4,
        reportsMade: 4,
        tasksDue: 2,
        tasksDone: 1,
        indicatorLabels: ['快于预期', '严重滞后'],
      },
    ]);
    expect(scores.map((s) => [s.unit, s.score, s.rank])).toEqual([
      ['人社局', 85, 1],
      ['教育局', 65, 2],
      ['科技局', 65, 2],
    ]);
    expect(scores[0]!.components.find((c) => c.part === 'completion')).toMatchObject({
      ratio: null,
      points: 40,
    });
  });
});
