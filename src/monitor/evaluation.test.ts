import { describe, expect, it } from 'vitest';
import { reportedBound } from './cell.js';
import { completionOf, tableRole } from './completion.js';
import { evaluateIndicator, evaluationSentence, type JudgedTarget } from './evaluation.js';
import { annualTargetCheck, textTargetSpec } from './text-target.js';
import { targetText } from './wording.js';
import { boundMet, computeStatus } from './status.js';
import type { Observation, StatusInput } from './types.js';
import { verdictOf, VERDICT_RULE } from './verdict.js';

const obs = (year: number, value: number, extra: Partial<Observation> = {}): Observation => ({
  year,
  value,
  ...extra,
});

describe('comparators kept and honoured', () => {
  const floor = (strict: boolean, latest: Observation): StatusInput => ({
    name: '高新技术产业增加值占比',
    unit: '%',
    base: obs(2020, 88.4),
    target: { kind: 'bound', value: 65, year: 2025, raw: strict ? '>65' : '65以上', bound: 'floor', strict },
    levels: [latest],
  });

  it('reads 超过65% as a strict floor and 65%以上 as an inclusive one from the report quote', () => {
    expect(reportedBound('高新技术产业增加值占规上工业增加值的比重超过 65%', 65)).toEqual({
      bound: 'floor',
      strict: true,
    });
    expect(reportedBound('达到97%以上', 97)).toEqual({ bound: 'floor', strict: false });
    expect(reportedBound('控制在4.5%以内', 4.5)).toEqual({ bound: 'ceiling', strict: false });
    expect(reportedBound('不超过3%', 3)).toEqual({ bound: 'ceiling', strict: false });
    expect(reportedBound('地区生产总值达到468.2亿元', 468.2)).toBeNull();
  });

  it('judges a reported 超过65% against >65 as 达标, never as the value 65', () => {
    const status = computeStatus(floor(true, obs(2021, 65, { bound: 'floor', strict: true, raw: '65' })));
    expect(status.label).toBe('达标');
    expect(status.warning).toBe('green');
    expect(status.explanation).toContain('超过65%');
    // The same number as a plain value does not meet a strict floor.
    expect(computeStatus(floor(true, obs(2021, 65))).label).toBe('未达标');
    expect(computeStatus(floor(false, obs(2021, 65))).label).toBe('达标');
  });

  it('leaves a bound that cannot decide to a person (不低于65% against >65)', () => {
    const status = computeStatus(floor(true, obs(2021, 65, { bound: 'floor', strict: false })));
    expect(status.label).toBe('待人工评估');
    expect(status.components.notes.join('')).toContain('无法判断是否达标');
  });

  it('decides every strict and non-strict pair', () => {
    const plain = (v: number) => obs(2021, v);
    expect(boundMet(plain(4.5), 'ceiling', 4.5, false)).toBe(true); // 4.5 against 4.5以内
    expect(boundMet(plain(4.5), 'ceiling', 4.5, true)).toBe(false); // 4.5 against <4.5
    expect(boundMet(obs(2021, 4.5, { bound: 'ceiling', strict: true }), 'ceiling', 4.5, true)).toBe(true);
    expect(boundMet(obs(2021, 5, { bound: 'floor', strict: true }), 'ceiling', 4.5, false)).toBe(false);
    expect(boundMet(obs(2021, 3, { bound: 'floor', strict: false }), 'ceiling', 4.5, false)).toBeNull();
    expect(boundMet(obs(2021, 60, { bound: 'floor', strict: true }), 'floor', 65, true)).toBeNull();
  });
});

describe('target wording in Chinese order', () => {
  it('puts each comparator where a planning office writes it', () => {
    expect(targetText({ value: 65, raw: '65以上', comparator: '以上' }, 'level', '%')).toBe('65%以上');
    expect(
      targetText({ value: 65, raw: '>65', comparator: '以上', bound: 'floor', strict: true }, 'bound', '%'),
    ).toBe('超过65%');
    expect(
      targetText({ value: 4.5, raw: '4.5以内', comparator: '以内', bound: 'ceiling' }, 'bound', '%'),
    ).toBe('4.5%以内');
    // A growth target never carries the level's unit (not 9.8亿元（年均增速）).
    expect(targetText({ value: 9.8, raw: '9.8', comparator: null }, 'growth', '亿元')).toBe('年均增长9.8%');
    expect(targetText({ value: 7, raw: '7左右', comparator: '左右' }, 'growth', '%')).toBe('年均增长7%左右');
    expect(targetText({ value: 2.9, raw: '[2.9]', comparator: null }, 'cumulative', '万人')).toBe(
      '累计2.9万人',
    );
    expect(targetText({ value: 13.5, raw: '〔13.5〕', comparator: '下降' }, 'cumulative', '%', true)).toBe(
      '累计下降13.5%',
    );
    expect(targetText({ value: null, raw: '按市下达目标', comparator: null }, 'qualitative', '%')).toBe(
      '按市下达目标',
    );
  });
});

describe('one verdict per indicator', () => {
  it('takes the least favourable judged target and states the rule', () => {
    const v = verdictOf(
      [
        { kind: 'level', label: '滞后', lag: '轻度' },
        { kind: 'growth', label: '基本符合预期', lag: null },
      ],
      false,
    );
    expect(v).toMatchObject({
      label: '滞后',
      lag: '轻度',
      text: '轻度滞后',
      warning: 'yellow',
      decidedBy: 'level',
    });
    expect(v.rule).toBe(VERDICT_RULE);
    // Data missing on one path does not hide the other path's result; a binding lag is red.
    expect(
      verdictOf(
        [
          { kind: 'level', label: '数据缺失', lag: null },
          { kind: 'growth', label: '滞后', lag: '轻度' },
        ],
        true,
      ),
    ).toMatchObject({ text: '轻度滞后', warning: 'red', decidedBy: 'growth' });
    expect(verdictOf([], false).label).toBe('数据缺失');
  });

  it('shows the components beside the verdict and counts indicators, not statuses', () => {
    const level = computeStatus({
      name: '地区生产总值',
      unit: '亿元',
      direction: 'higher',
      base: obs(2020, 451.9),
      target: { kind: 'level', value: 820, year: 2025, raw: '820' },
      levels: [obs(2022, 500)],
    });
    const growth = computeStatus({
      name: '地区生产总值',
      unit: '亿元',
      direction: 'higher',
      base: obs(2020, 451.9),
      target: { kind: 'growth', value: 5, year: 2025, raw: '5' },
      levels: [obs(2020, 451.9), obs(2022, 500)],
    });
    const judged = (s: typeof level, id: number): JudgedTarget => ({
      id,
      kind: s.components.kind,
      year: 2022,
      label: s.label,
      lag: s.lag,
      warning: s.warning,
      method: s.components.method,
      components: s.components,
      explanation: s.explanation,
      override: null,
    });
    const e = evaluateIndicator({
      rowId: 1,
      indicatorId: 'gdp',
      name: '地区生产总值',
      unit: '亿元',
      category: '经济发展',
      attribute: '预期性',
      evidence: { document: 'plan.txt', line: 10, quote: '地区生产总值 451.9 820 9.8' },
      judged: [judged(level, 1), judged(growth, 2)],
    });
    // Level: expected 451.9·(820/451.9)^0.4 = 573.32 → r = 48.1/121.42 = 0.396 严重滞后; growth (500/451.9)^(1/2) − 1 = 5.19 %, 5.19/5 = 1.037 → 基本符合预期.
    expect(e.components.map((c) => c.text)).toEqual(['严重滞后', '基本符合预期']);
    expect(e.verdict.text).toBe('严重滞后');
    expect(e.status).toBe('严重滞后');
    expect(e.targets.map((t) => t.text)).toEqual(['820亿元', '年均增长5%']);
    expect(e.latest).toMatchObject({ year: 2022, value: 500 });
    expect(e.roadAhead?.sentence).toMatch(/^按现有增速，2025年预计达到/);
    expect(e.originText).toBe('指标表');
    expect(evaluationSentence([e])).toBe('1 项主要指标中，1 项滞后');
  });
});

describe('table roles and the previous plan review', () => {
  it('a table whose targets end before the plan begins is the previous plan', () => {
    expect(tableRole({ baseYear: 2015, targetYear: 2020, actualYear: 2020 }, 2021)).toBe('previous');
    expect(tableRole({ baseYear: null, targetYear: 2025, actualYear: 2025 }, 2026)).toBe('previous');
    expect(tableRole({ baseYear: 2020, targetYear: 2025, actualYear: null }, 2021)).toBe('current');
    expect(tableRole({ baseYear: null, targetYear: null, actualYear: null }, 2021)).toBe('current');
  });

  const row = (cells: Partial<Parameters<typeof completionOf>[0]>) =>
    completionOf(
      {
        rowId: 1,
        name: 'x',
        unit: '%',
        attribute: '预期性',
        line: 1,
        quote: 'x',
        base_raw: null,
        target_raw: null,
        growth_raw: null,
        actual_raw: null,
        actual_growth_raw: null,
        ...cells,
      },
      2020,
    );

  it('judges 完成 / 未完成 / 待核定 from target and actual cells', () => {
    expect(row({ base_raw: '55.1', target_raw: '58', actual_raw: '64.63' }).result).toBe('完成');
    expect(row({ base_raw: '41.9', target_raw: '45', actual_raw: '41' }).result).toBe('未完成');
    // Both the level and the growth must be met.
    const both = row({
      base_raw: '5603',
      target_raw: '9024',
      growth_raw: '10',
      actual_raw: '8200',
      actual_growth_raw: '7.9',
    });
    expect(both.result).toBe('未完成');
    expect(both.checks.map((c) => c.met)).toEqual([false, false]);
    // Lower is better when the target is below the base; a reduction target is met by a larger reduction.
    expect(row({ base_raw: '67', target_raw: '23.3', actual_raw: '23.1' }).result).toBe('完成');
    expect(row({ base_raw: '4.3', growth_raw: '五年下降18%', actual_raw: '五年下降39%' }).result).toBe(
      '完成',
    );
    // An actual written as a bound (＞90) meets a target of 90.
    expect(row({ target_raw: '＞10', actual_raw: '16.3' }).result).toBe('完成');
    expect(row({ target_raw: '完成省下达指标', actual_raw: '完成省下达指标' }).result).toBe('完成');
    const open = row({ base_raw: '412.1', target_raw: '-', growth_raw: '中高速增长', actual_raw: '440.2' });
    expect(open.result).toBe('待核定');
    expect(open.reason).toBe('目标为定性或待下达，需人工核定');
    expect(row({ target_raw: '-', actual_raw: '-' }).reason).toBe('缺少完成值');
  });
});

describe('implausible values go to review with the reason', () => {
  const gdp = (latest: Observation, target = 820): StatusInput => ({
    name: '地区生产总值',
    unit: '亿元',
    direction: 'higher',
    base: obs(2020, 451.9),
    target: { kind: 'level', value: target, year: 2025, raw: String(target) },
    levels: [latest],
  });

  it('a tenfold jump against the base (万元 read as 亿元) is not judged', () => {
    const status = computeStatus(gdp(obs(2022, 5012)));
    expect(status.label).toBe('待人工评估');
    expect(status.warning).toBeNull();
    expect(status.components.review).toBe(
      '2022年值 5012亿元为基数 451.9亿元的11.09倍，疑为单位或口径不一致，待人工核实',
    );
    expect(status.components.roadAhead).toBeNull();
    expect(status.explanation).toContain('待人工核实');
  });

  it('a progress far outside the path (−1240%) is not judged; an ordinary lag is', () => {
    // Target barely above the base: expected 2022 ≈ 452.06, so a small fall gives r ≈ −12.
    const status = computeStatus(gdp(obs(2022, 450), 452.3));
    expect(status.components.ratio!).toBeLessThan(-2);
    expect(status.label).toBe('待人工评估');
    expect(status.components.review).toMatch(/^完成进度 -\d+(\.\d)?%超出合理范围，疑为数据有误，待人工核实$/);
    expect(computeStatus(gdp(obs(2022, 500))).components.review).toBeNull();
  });
});

describe('text targets and annual targets', () => {
  const t = (comparator: string | null, value: number) => ({ comparator, value, year: 2025, quote: 'q' });

  it('reads a sentence target as a level, a bound, a growth rate or a reduction', () => {
    expect(textTargetSpec(t('达到', 800), { kind: 'level' }, obs(2020, 451.9)).kind).toBe('level');
    expect(textTargetSpec(t('控制在', 5.5), { kind: 'rate' }, null)).toMatchObject({
      kind: 'bound',
      bound: 'ceiling',
      strict: false,
    });
    expect(textTargetSpec(t('超过', 65), { kind: 'share' }, obs(2020, 88.4))).toMatchObject({
      kind: 'bound',
      bound: 'floor',
      strict: true,
    });
    // A floor above the base is a level to reach.
    expect(textTargetSpec(t('以上', 300), { kind: 'level' }, obs(2020, 120)).kind).toBe('level');
    expect(textTargetSpec(t('左右', 7), { kind: 'growth' }, null).kind).toBe('growth');
    expect(textTargetSpec(t('下降', 13.5), { kind: 'reduction', cumulate: 'reduction' }, null)).toMatchObject(
      {
        kind: 'cumulative',
        cumulate: 'reduction',
      },
    );
  });

  it("judges a year's target against that year's value", () => {
    const y = (comparator: string | null, value: number) => ({
      ...t(comparator, value),
      year: 2022,
      unit: '%',
    });
    expect(annualTargetCheck(y('以内', 5.5), obs(2022, 5.2), 'lower').result).toBe('完成');
    expect(annualTargetCheck(y('以内', 5.5), obs(2022, 5.6), 'lower').result).toBe('未完成');
    expect(annualTargetCheck(y('超过', 65), obs(2022, 65), 'higher').result).toBe('未完成');
    expect(annualTargetCheck(y('以上', 65), obs(2022, 65), 'higher').result).toBe('完成');
    // 7%左右 is met from 6.65%.
    const about = annualTargetCheck(y('左右', 7), obs(2022, 6.7), 'higher');
    expect(about.result).toBe('完成');
    expect(about.rule).toBe('“左右”按不低于目标的95%计');
    expect(annualTargetCheck(y('左右', 7), obs(2022, 6.6), 'higher').result).toBe('未完成');
    expect(annualTargetCheck(y('以上', 5), null, 'higher').result).toBe('数据缺失');
  });
});
