import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indicatorById, linkIndicator } from '../catalog/index.js';
import { fromGoldFormat } from '../extract/index.js';
import type { GoldExtraction, IndicatorRowOut, IndicatorTableOut } from '../extract/index.js';
import type { ValueRole } from '../structure/tables/index.js';
import { readCell } from './cell.js';
import { lintPlan, type LintCellName, type LintInput, type LintTable, type PlacedCell } from './lint.js';

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');
const gold = (name: string) => JSON.parse(fixture(`gold/${name}.json`)) as GoldExtraction;
const corpus = (name: string) => fixture(`corpus/${name}.txt`);
const number = (raw: string | null) => {
  const c = readCell(raw);
  return c.type === 'number' && !c.cumulative ? c.value : null;
};

const ROLES: Record<LintCellName, ValueRole> = {
  base_raw: 'base',
  target_raw: 'target',
  growth_raw: 'growth',
  actual_raw: 'actual',
  actual_growth_raw: 'actual_growth',
};

/** An exchange-format table as the store keeps it: each cell read once; `placed` gives a cell its evidence. */
function lintTable(
  table: IndicatorTableOut,
  placed: (row: number, cell: LintCellName) => PlacedCell['evidence'] = () => undefined,
): LintTable {
  return {
    caption: table.caption,
    columns: table.columns,
    rows: table.rows.map((row, i) => {
      const typed: Partial<Record<LintCellName, PlacedCell>> = {};
      for (const cell of Object.keys(ROLES) as LintCellName[]) {
        if (row[cell] === undefined) continue;
        const evidence = placed(i, cell);
        typed[cell] = evidence ? { ...readCell(row[cell]), evidence } : readCell(row[cell]);
      }
      return { name: row.name, unit: row.unit, line: row.line, typed };
    }),
  };
}

/**
 * A reviewed (gold) file as the linter reads it from the store: exact decimal text; with the document's text,
 * each table cell carries the evidence ingest stores with it and the box totals can be checked.
 */
function fromGold(x: GoldExtraction, text?: string): LintInput {
  const native = text === undefined ? null : fromGoldFormat(x, text);
  return {
    doc: x.doc,
    period: x.period,
    tables: x.indicator_tables.map((t, ti) =>
      lintTable(t, (ri, cell) => {
        const row = native?.tables[ti]?.rows[ri];
        const evidence = row?.cells[ROLES[cell]]?.evidence;
        return evidence && evidence.start !== row!.evidence.start ? evidence : undefined;
      }),
    ),
    targets: x.targets.map((t) => ({
      ...t,
      value: String(t.value),
      value_max: t.value_max === null ? null : String(t.value_max),
    })),
    achievements: x.achievements.map((a) => ({ ...a, value: String(a.value) })),
    projects: x.projects,
    ...(text === undefined ? {} : { text }),
  };
}

describe('lintPlan on 涧西 (gold + text)', () => {
  const name = 'luoyang-jianxi-plan-2021-2025';
  const plan = gold(name);
  const findings = lintPlan(fromGold(plan, corpus(name)));

  it('flags every higher-is-better row whose target is below its base, citing both cells', () => {
    const rows = plan.indicator_tables.flatMap((t) => t.rows);
    const expected = rows.filter((r) => {
      const b = number(r.base_raw);
      const T = number(r.target_raw);
      const link = linkIndicator(r.name, { unit: r.unit });
      return (
        b !== null && T !== null && link.confident && link.best!.indicator.direction === 'higher' && T < b
      );
    });
    // The high-tech share row (88.4 → >65) is one of them.
    const highTech = rows.find((r) => r.name.startsWith('高新技术产业增加值'))!;
    expect(number(highTech.target_raw)! < number(highTech.base_raw)!).toBe(true);
    expect(expected).toContain(highTech);
    const flagged = findings.filter((f) => f.code === 'plan/target-below-base');
    expect(flagged.map((f) => f.message.match(/^“(.+?)”/)![1]).sort()).toEqual(
      expected.map((r) => r.name).sort(),
    );
    const highTechFinding = flagged.find((f) => f.message.includes(highTech.name))!;
    expect(highTechFinding.places.map((p) => p.quote)).toEqual([highTech.base_raw, highTech.target_raw]);
    for (const place of highTechFinding.places) {
      expect(corpus(name).split('\n')[place.line - 1]).toContain(place.quote);
    }
  });

  it('finds the project listed in two boxes with different investments', () => {
    const conflicts = findings.filter((f) => f.code === 'plan/project-investment-conflict');
    expect(conflicts.length).toBeGreaterThan(0);
    for (const f of conflicts) {
      const [a, b] = f.places;
      const pa = plan.projects.find((p) => p.line === a!.line)!;
      const pb = plan.projects.find((p) => p.line === b!.line)!;
      expect(pa.box).not.toBe(pb.box);
      expect(pa.investment).not.toBe(pb.investment);
    }
  });

  it('checks each stated box total against the items it lists', () => {
    const totals = findings.filter((f) => f.code === 'plan/box-total-mismatch');
    expect(totals.length).toBeGreaterThan(0);
    for (const f of totals) {
      const stated = Number(/总投资(\d+(?:\.\d+)?)亿元/.exec(f.places[0]!.quote)![1]);
      const range = /第(\d+)—(\d+)行/.exec(f.places[1]!.note!)!;
      const items = plan.projects.filter((p) => p.line >= Number(range[1]) && p.line <= Number(range[2]));
      const sum = items.reduce((s, p) => s + Number(/(\d+(?:\.\d+)?)亿元/.exec(p.investment!)![1]), 0);
      expect(Math.abs(sum - stated)).toBeGreaterThan(0.005);
    }
    // A 10亿元 gap is a warning; a gap within rounding of the listed amounts is information.
    expect(totals.some((f) => f.severity === 'warning')).toBe(true);
  });

  it('gives every finding a code, a severity, a Chinese message and at least two places', () => {
    for (const f of findings) {
      expect(f.code).toMatch(/^plan\//);
      expect(['error', 'warning', 'info']).toContain(f.severity);
      expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(f.places.length).toBeGreaterThanOrEqual(2);
      for (const p of f.places) expect(p.doc).toBe(plan.doc);
    }
  });
});

describe('lintPlan on 洛龙 (gold only)', () => {
  const plan = gold('luoyang-luolong-plan-2021-2025');
  const findings = lintPlan(fromGold(plan));

  it('flags exactly the rows whose implied growth differs from the stated one by more than 1 point', () => {
    const expected = plan.indicator_tables
      .flatMap((t) => t.rows)
      .filter((r) => {
        const b = number(r.base_raw);
        const T = number(r.target_raw);
        const g = number(r.growth_raw);
        if (b === null || T === null || g === null) return false;
        const implied = (Math.pow(T / b, 1 / 5) - 1) * 100;
        return Math.abs(implied - g) > 1;
      })
      .map((r) => r.name);
    expect(expected).toContain('地区生产总值'); // 451.9 → 820 implies 12.7 %/yr against 9.8
    const flagged = findings.filter((f) => f.code === 'plan/implied-growth-mismatch');
    expect(flagged.map((f) => f.message.match(/^“(.+?)”/)![1]).sort()).toEqual(expected.sort());
    expect(flagged.find((f) => f.message.startsWith('“地区生产总值”'))!.message).toContain(
      '隐含年均增长 12.7%',
    );
  });

  it('finds the base that disagrees with the text of the same plan', () => {
    const base = findings.filter((f) => f.code === 'plan/base-disagrees');
    for (const f of base) {
      const achievement = plan.achievements.find(
        (a) => a.line === f.places[1]!.line && a.quote === f.places[1]!.quote,
      );
      expect(achievement).toBeDefined();
      expect(achievement!.period).toBeNull();
    }
    expect(base.map((f) => f.indicator)).toContain('urbanization-rate');
  });
});

describe('lintPlan on 偃师 (two tables)', () => {
  it('compares the 十四五 base with the 十三五 completion column', () => {
    const plan = gold('luoyang-yanshi-plan-2021-2025');
    const findings = lintPlan(fromGold(plan)).filter((f) => f.code === 'plan/base-disagrees');
    const rd = findings.find((f) => f.indicator === 'rd-intensity');
    expect(rd).toBeDefined();
    const rows = plan.indicator_tables
      .flatMap((t) => t.rows)
      .filter((r) => linkIndicator(r.name).best?.indicator.id === 'rd-intensity');
    const completed = rows.find((r) => r.actual_raw)!;
    const based = rows.find((r) => !r.actual_raw)!;
    expect(number(completed.actual_raw!)).not.toBe(number(based.base_raw));
    expect(rd!.places.map((p) => p.line).sort()).toEqual([completed.line, based.line].sort());
  });
});

/** Small hand-made plans for each check. */
function row(cells: Partial<IndicatorRowOut>): IndicatorRowOut {
  return {
    category: null,
    seq: null,
    name: '地区生产总值',
    unit: '亿元',
    base_raw: null,
    target_raw: null,
    growth_raw: null,
    attribute: '预期性',
    parent: null,
    line: 10,
    ...cells,
  };
}
function table(rows: IndicatorRowOut[]): LintTable {
  return lintTable({
    caption: '主要指标',
    line: 5,
    columns: ['指标', '2020年基数', '2025年目标', '年均增长'],
    rows,
  });
}
function plan(extra: Partial<LintInput>): LintInput {
  return { doc: 'plan.txt', period: '2021-2025', tables: [], ...extra };
}

describe('lint checks on hand-made plans', () => {
  it('respects the growth margin', () => {
    // 100 → 161.05 is exactly 10 %/yr; stated 9 differs by 1.0 point.
    const input = plan({
      tables: [table([row({ base_raw: '100', target_raw: '161.051', growth_raw: '9' })])],
    });
    expect(lintPlan(input).filter((f) => f.code === 'plan/implied-growth-mismatch')).toHaveLength(0);
    expect(
      lintPlan(input, { growthMargin: 0.5 }).filter((f) => f.code === 'plan/implied-growth-mismatch'),
    ).toHaveLength(1);
  });

  it('flags a lower-is-better target above its base', () => {
    const input = plan({
      tables: [
        table([
          row({ name: '单位地区生产总值能耗', unit: '吨标准煤/万元', base_raw: '0.5', target_raw: '0.6' }),
        ]),
      ],
    });
    const [f] = lintPlan(input);
    expect(f?.code).toBe('plan/target-above-base');
    expect(f?.severity).toBe('warning');
    expect(indicatorById(f!.indicator!)?.direction).toBe('lower');
  });

  it('finds a table target contradicted by the text, and two text places that disagree', () => {
    const input = plan({
      tables: [table([row({ base_raw: '451.9', target_raw: '820', growth_raw: '9.8' })])],
      targets: [
        {
          indicator: '地区生产总值',
          value: '800',
          value_max: null,
          unit: '亿元',
          year: 2025,
          aspirational: false,
          quote: '地区生产总值达到800亿元',
          line: 40,
        },
        {
          indicator: '地区生产总值',
          value: '1000',
          value_max: null,
          unit: '亿元',
          year: 2025,
          aspirational: true,
          quote: '力争突破1000亿元',
          line: 40,
        },
        {
          indicator: '地区生产总值年均增速',
          value: '9.8',
          value_max: null,
          unit: '%',
          year: 2025,
          aspirational: false,
          quote: '年均增长9.8%左右',
          line: 41,
        },
        {
          indicator: '常住人口城镇化率',
          value: '90',
          value_max: null,
          unit: '%',
          year: 2025,
          aspirational: false,
          quote: '城镇化率达到90%',
          line: 60,
        },
        {
          indicator: '城镇化率',
          value: '92',
          value_max: null,
          unit: '%',
          year: 2025,
          aspirational: false,
          quote: '城镇化率达到92%',
          line: 300,
        },
      ],
    });
    const conflicts = lintPlan(input).filter((f) => f.code === 'plan/target-conflict');
    // 820 (table) vs 800 (text); 90 vs 92 (text vs text). The aspirational 1000 and the agreeing 9.8 are not findings.
    expect(conflicts.map((f) => f.indicator).sort()).toEqual(['gdp', 'urbanization-rate']);
    const gdp = conflicts.find((f) => f.indicator === 'gdp')!;
    expect(gdp.places.map((p) => p.line)).toEqual([10, 40]);
  });

  it('finds box totals that do not add up and counts that differ', () => {
    const text = [
      '专栏2 重大工程',
      '重点项目：共3个项目，总投资10亿元。',
      '投资5亿元的甲项目',
      '投资3亿元的乙项目',
      '其他',
    ].join('\n');
    const box = '专栏2 重大工程';
    const input = plan({
      text,
      projects: [
        { name: '甲项目', investment: '5亿元', box, line: 3 },
        { name: '乙项目', investment: '3亿元', box, line: 4 },
      ],
    });
    const codes = lintPlan(input)
      .map((f) => f.code)
      .sort();
    expect(codes).toEqual(['plan/box-count-mismatch', 'plan/box-total-mismatch']);
  });

  it('checks base values against another document, allowing for rounding', () => {
    const wr = {
      doc: 'report.txt',
      tables: [],
      achievements: [
        {
          indicator: '地区生产总值',
          value: '451.93',
          unit: '亿元',
          year: 2020,
          period: null,
          metric: 'level' as const,
          quote: '2020年地区生产总值451.93亿元',
          line: 3,
        },
        {
          indicator: '城镇化率',
          value: '80.5',
          unit: '%',
          year: 2020,
          period: null,
          metric: 'share' as const,
          quote: '城镇化率80.5%',
          line: 4,
        },
      ],
    };
    const input = plan({
      tables: [
        table([
          row({ base_raw: '451.9', target_raw: '820' }),
          row({ name: '城镇化率', unit: '%', base_raw: '88.06', target_raw: '90', line: 11 }),
        ]),
      ],
      elsewhere: [wr],
    });
    const base = lintPlan(input).filter((f) => f.code === 'plan/base-disagrees');
    expect(base).toHaveLength(1);
    expect(base[0]!.places[1]).toEqual({ doc: 'report.txt', line: 4, quote: '城镇化率80.5%' });
  });
});

describe('lint places from stored cells', () => {
  it("cites a cell at its own evidence, and a cell stored without it at its row's line", () => {
    const placed = plan({
      tables: [
        lintTable(
          {
            caption: '主要指标',
            line: 5,
            columns: ['指标', '2020年基数', '2025年目标'],
            rows: [row({ name: '研究与试验发展经费投入强度', unit: '%', base_raw: '3.23', target_raw: '3' })],
          },
          (_, cell) => (cell === 'target_raw' ? { start: 120, end: 121, line: 12, quote: '3' } : undefined),
        ),
      ],
    });
    const [f] = lintPlan(placed);
    expect(f?.code).toBe('plan/target-below-base');
    expect(f?.places).toEqual([
      { doc: 'plan.txt', line: 10, quote: '3.23' },
      { doc: 'plan.txt', line: 12, quote: '3' },
    ]);
  });
});
