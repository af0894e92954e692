import { describe, expect, it } from 'vitest';
import { computeStatus } from './status.js';
import type { Observation, StatusInput, TargetSpec } from './types.js';

const obs = (year: number, value: number): Observation => ({ year, value });

/** A level target 100 (2020) → 200 (2025) on a linear path: at 2022 the expected value is 100 + 100·2/5 = 140. */
function linearLevel(actual2022: number, extra: Partial<StatusInput> = {}): StatusInput {
  return {
    name: '测试指标',
    direction: 'higher',
    method: 'linear',
    base: obs(2020, 100),
    target: { kind: 'level', value: 200, year: 2025, raw: '200' },
    levels: [obs(2022, actual2022)],
    ...extra,
  };
}

describe('level targets', () => {
  it.each([
    // r = (a − 100) / (140 − 100)
    [142, 1.05, '快于预期', null], // boundary: exactly 1.05
    [141.96, 1.049, '基本符合预期', null],
    [138, 0.95, '基本符合预期', null], // boundary: exactly 0.95
    [137.96, 0.949, '滞后', '轻度'],
    [124, 0.6, '滞后', '轻度'], // boundary: exactly 0.6
    [123.96, 0.599, '滞后', '严重'],
    [100, 0, '滞后', '严重'], // boundary: exactly 0
    [99, -0.025, '滞后', '逆向'],
  ])('actual %d gives r=%d → %s %s', (actual, ratio, label, lag) => {
    const status = computeStatus(linearLevel(actual));
    expect(status.components.expected).toBeCloseTo(140, 9);
    expect(status.components.ratio).toBeCloseTo(ratio, 9);
    expect(status.label).toBe(label);
    expect(status.lag).toBe(lag);
  });

  it('says 提前实现 when the target is already met before the target year', () => {
    const status = computeStatus(linearLevel(205));
    expect(status.label).toBe('提前实现');
    expect(status.warning).toBe('green');
  });

  it('follows the compound path by default: 100·2^(2/5) = 131.95 at 2022', () => {
    const input = linearLevel(125);
    delete input.method;
    const status = computeStatus(input);
    expect(status.components.method).toBe('compound');
    expect(status.components.expected).toBeCloseTo(131.950791, 5);
    // r = 25 / 31.950791 = 0.78245
    expect(status.components.ratio).toBeCloseTo(0.78245, 4);
    expect(status.lag).toBe('轻度');
  });

  it('falls back to a linear path for a zero base and says so', () => {
    // 0 → 10 over 2020–2025: at 2023 expected 6, actual 6 → r = 1.
    const status = computeStatus({
      name: '零基数',
      direction: 'higher',
      base: obs(2020, 0),
      target: { kind: 'level', value: 10, year: 2025, raw: '10' },
      levels: [obs(2023, 6)],
    });
    expect(status.components.method).toBe('linear');
    expect(status.components.expected).toBeCloseTo(6, 9);
    expect(status.label).toBe('基本符合预期');
    expect(status.components.notes.join()).toMatch(/线性/);
  });

  it('handles a negative base linearly', () => {
    // −2 → 4: at 2021 expected −2 + 6·0.2 = −0.8; actual −0.8 → r = 1.
    const status = computeStatus({
      name: '负基数',
      direction: 'higher',
      base: obs(2020, -2),
      target: { kind: 'level', value: 4, year: 2025, raw: '4' },
      levels: [obs(2021, -0.8)],
    });
    expect(status.components.ratio).toBeCloseTo(1, 9);
    expect(status.label).toBe('基本符合预期');
  });

  describe('lower is better', () => {
    // 0.5 → 0.4 compound: at 2023 expected 0.5·0.8^0.6 = 0.437344.
    const intensity = (actual: number): StatusInput => ({
      name: '单位地区生产总值能耗',
      direction: 'lower',
      base: obs(2020, 0.5),
      target: { kind: 'level', value: 0.4, year: 2025, raw: '0.4' },
      levels: [obs(2023, actual)],
    });
    it('is on track when falling along the path', () => {
      const status = computeStatus(intensity(0.44));
      expect(status.components.expected).toBeCloseTo(0.437344, 5);
      // r = (0.44 − 0.5) / (0.437344 − 0.5) = 0.95761
      expect(status.components.ratio).toBeCloseTo(0.95761, 4);
      expect(status.label).toBe('基本符合预期');
    });
    it('is 逆向 when rising', () => {
      const status = computeStatus(intensity(0.52));
      expect(status.lag).toBe('逆向');
      expect(status.warning).toBe('red');
    });
    it('is 提前实现 when already below the target', () => {
      expect(computeStatus(intensity(0.39)).label).toBe('提前实现');
    });
    it('takes the direction from the comparator when the catalog gives none', () => {
      const input = intensity(0.44);
      delete input.direction;
      input.target = { ...input.target, raw: '0.4以内', comparator: '以内' };
      expect(computeStatus(input).components.direction).toBe('lower');
    });
  });

  it('judges a target on the wrong side of its base as a floor to hold', () => {
    // 88.4 → >65 for a higher-is-better share: 80 holds the floor.
    const status = computeStatus({
      name: '高新技术产业增加值占比',
      direction: 'higher',
      base: obs(2020, 88.4),
      target: { kind: 'level', value: 65, year: 2025, raw: '>65' },
      levels: [obs(2022, 80)],
    });
    expect(status.label).toBe('达标');
  });

  it('reports 数据缺失 without a base or without a later actual', () => {
    const noActual = computeStatus(linearLevel(150, { levels: [obs(2020, 100)] }));
    expect(noActual.label).toBe('数据缺失');
    expect(noActual.warning).toBeNull();
    const noBase = computeStatus(linearLevel(150, { base: null }));
    expect(noBase.label).toBe('数据缺失');
    expect(noBase.explanation).toMatch(/缺少基数/);
  });

  it('uses the latest year up to asOf', () => {
    const status = computeStatus(linearLevel(0, { levels: [obs(2022, 138), obs(2023, 100)], asOf: 2022 }));
    expect(status.components.latest?.year).toBe(2022);
    expect(status.label).toBe('基本符合预期');
  });

  it('explains itself in one Chinese sentence and keeps every component', () => {
    const status = computeStatus(
      linearLevel(138, {
        unit: '亿元',
        base: { year: 2020, value: 100, raw: '100', source: { doc: 'plan.txt', line: 51 } },
        target: { kind: 'level', value: 200, year: 2025, raw: '200', source: { doc: 'plan.txt', line: 51 } },
      }),
    );
    expect(status.explanation).toBe(
      '2022年实际值 138亿元，按序时进度应达 140亿元，完成进度 95%，基本符合预期；' +
        // (1.38)^(1/2) − 1 = 17.47 %/yr so far → 138·1.1747³ = 223.72; (200/138)^(1/3) − 1 = 13.17 % still needed.
        '按现有增速，2025年预计达到223.72亿元，需年均增长13.17%方可实现目标',
    );
    const c = status.components;
    expect(c.base).toMatchObject({ year: 2020, value: 100, source: { line: 51 } });
    expect(c.target).toMatchObject({ year: 2025, value: 200, raw: '200' });
    expect(c.latest).toMatchObject({ year: 2022, value: 138 });
    expect(c.thresholds).toEqual({ ahead: 1.05, onTrack: 0.95, mild: 0.6, severe: 0 });
    expect(c.label).toBe('基本符合预期');
    expect(c.warning).toBe('green');
  });

  it('applies per-indicator thresholds', () => {
    // r = 0.95 is on track by default but lagging when on-track starts at 0.98.
    const status = computeStatus(linearLevel(138, { thresholds: { onTrack: 0.98 } }));
    expect(status.label).toBe('滞后');
    expect(status.lag).toBe('轻度');
  });
});

describe('growth targets', () => {
  const growth = (extra: Partial<StatusInput>): StatusInput => ({
    name: '地区生产总值增长',
    direction: 'higher',
    base: obs(2020, 100),
    target: { kind: 'growth', value: 7, year: 2025, raw: '7左右' },
    ...extra,
  });

  it('averages yearly rates geometrically, not arithmetically', () => {
    // (1.08·1.06·1.07)^(1/3) − 1 = 1.224936^(1/3) − 1 = 6.99688 %, below the arithmetic 7.
    const status = computeStatus(growth({ annual: [obs(2021, 8), obs(2022, 6), obs(2023, 7)] }));
    expect(status.components.method).toBe('growth-from-rates');
    expect(status.components.measured).toBeCloseTo(6.99688, 4);
    expect(status.components.ratio).toBeCloseTo(6.99688 / 7, 4);
    expect(status.label).toBe('基本符合预期');
    expect(status.explanation).toMatch(
      // 1.07⁵ / 1.224936 = 1.14500 over the two years left: 7.00 % a year.
      /^2021—2023年年均增长 7%，目标年均增长 7%，完成进度 100%，基本符合预期；按现有增速，2021—2025年预计年均增长7%，今后2年需年均增长7%方可实现目标$/,
    );
  });

  it('never applies CAGR to a series of rates', () => {
    // Three years of 10 % growth average 10 %, whereas a "CAGR" of the rates 10 → 10 would be 0.
    const status = computeStatus(
      growth({
        target: { kind: 'growth', value: 10, year: 2025, raw: '>10' },
        annual: [obs(2021, 10), obs(2022, 10), obs(2023, 10)],
      }),
    );
    expect(status.components.measured).toBeCloseTo(10, 9);
    expect(status.label).toBe('基本符合预期');
  });

  it('measures from levels when yearly rates are missing', () => {
    // 100 → 133.1 over three years = 10 %/yr; target 10 → r = 1.
    const status = computeStatus(
      growth({ target: { kind: 'growth', value: 10, year: 2025, raw: '10' }, levels: [obs(2023, 133.1)] }),
    );
    expect(status.components.method).toBe('growth-from-levels');
    expect(status.components.measured).toBeCloseTo(10, 6);
    expect(status.label).toBe('基本符合预期');
  });

  it('is 提前实现 when the level the rate implies for the end year is already reached', () => {
    // 10 %/yr for five years is ×1.61051; 170 in 2023 is ×1.7.
    const status = computeStatus(
      growth({ target: { kind: 'growth', value: 10, year: 2025, raw: '10' }, levels: [obs(2023, 170)] }),
    );
    expect(status.label).toBe('提前实现');
  });

  it('is 逆向 when the economy shrinks against a growth target', () => {
    const status = computeStatus(growth({ annual: [obs(2021, -1), obs(2022, -2)] }));
    expect(status.lag).toBe('逆向');
  });

  it('needs rates from the first year on, else levels', () => {
    const status = computeStatus(growth({ annual: [obs(2022, 7)] }));
    expect(status.label).toBe('数据缺失');
  });
});

describe('cumulative targets', () => {
  const jobs = (annual: Observation[]): StatusInput => ({
    name: '城镇新增就业人数',
    unit: '万人',
    direction: 'higher',
    base: obs(2020, 0),
    target: { kind: 'cumulative', value: 2.9, year: 2025, raw: '[2.9]', cumulate: 'sum' },
    annual,
  });

  it('compares the running total with the elapsed share of the target', () => {
    // 0.6 + 0.5 = 1.1 against 2.9 × 2/5 = 1.16 → r = 0.948276.
    const status = computeStatus(jobs([obs(2021, 0.6), obs(2022, 0.5)]));
    expect(status.components.measured).toBeCloseTo(1.1, 9);
    expect(status.components.expected).toBeCloseTo(1.16, 9);
    expect(status.components.ratio).toBeCloseTo(0.948276, 5);
    expect(status.lag).toBe('轻度');
    expect(status.explanation).toBe(
      '2021—2022年累计 1.1万人，按序时进度应累计 1.16万人，完成进度 94.8%，轻度滞后；' +
        // 0.55 a year so far → 1.1 + 3 × 0.55 = 2.75; (2.9 − 1.1) / 3 = 0.6 a year still needed.
        '按现有进度，2025年预计累计2.75万人，今后3年需年均增加0.6万人方可实现目标',
    );
  });

  it('is 提前实现 once the total is reached early', () => {
    expect(computeStatus(jobs([obs(2021, 1.5), obs(2022, 1.5)])).label).toBe('提前实现');
  });

  it('compounds yearly reductions for 〔13.5〕-type targets', () => {
    // Two years of −3 %: 1 − 0.97² = 5.91 % (not 6); expected 13.5 × 0.4 = 5.4 → r = 1.094444.
    const status = computeStatus({
      name: '单位地区生产总值能源消耗降低',
      direction: 'higher',
      base: obs(2020, 0),
      target: { kind: 'cumulative', value: 13.5, year: 2025, raw: '〔13.5〕', cumulate: 'reduction' },
      annual: [obs(2021, 3), obs(2022, 3)],
    });
    expect(status.components.method).toBe('cumulative-reduction');
    expect(status.components.measured).toBeCloseTo(5.91, 9);
    expect(status.components.ratio).toBeCloseTo(1.094444, 5);
    expect(status.label).toBe('快于预期');
  });

  it('takes the change in level when only levels are known ([1.1] years of life expectancy)', () => {
    // 77.0 → 77.6 is +0.6 against 1.1 × 3/5 = 0.66 → r = 0.909091.
    const status = computeStatus({
      name: '人均预期寿命',
      direction: 'higher',
      base: obs(2020, 77),
      target: { kind: 'cumulative', value: 1.1, year: 2025, raw: '[1.1]' },
      levels: [obs(2023, 77.6)],
    });
    expect(status.components.measured).toBeCloseTo(0.6, 9);
    expect(status.components.ratio).toBeCloseTo(0.909091, 5);
    expect(status.lag).toBe('轻度');
  });

  it('reports 数据缺失 with no yearly data', () => {
    expect(computeStatus(jobs([])).label).toBe('数据缺失');
  });
});

describe('bound targets', () => {
  const unemployment = (values: Observation[], target: Partial<TargetSpec> = {}): StatusInput => ({
    name: '城镇调查失业率',
    direction: 'lower',
    target: { kind: 'bound', value: 4.5, year: 2025, raw: '<4.5', bound: 'ceiling', strict: true, ...target },
    levels: values,
  });

  it('is 达标 or 未达标 each year, the latest deciding the label', () => {
    const status = computeStatus(unemployment([obs(2021, 4.2), obs(2022, 4.6)]));
    expect(status.components.years).toEqual([
      { year: 2021, value: 4.2, met: true },
      { year: 2022, value: 4.6, met: false },
    ]);
    expect(status.label).toBe('未达标');
    expect(status.warning).toBe('red');
  });

  it('treats the bound itself by the comparator: < excludes it, ≤ includes it', () => {
    expect(computeStatus(unemployment([obs(2022, 4.5)])).label).toBe('未达标');
    expect(computeStatus(unemployment([obs(2022, 4.5)], { strict: false, raw: '4.5以内' })).label).toBe(
      '达标',
    );
  });

  it('holds a floor (≥2.5)', () => {
    const status = computeStatus({
      name: '粮食综合生产能力',
      direction: 'higher',
      target: { kind: 'bound', value: 2.5, year: 2025, raw: '≥2.5', bound: 'floor' },
      levels: [obs(2022, 2.5)],
    });
    expect(status.label).toBe('达标');
    expect(status.explanation).toBe('2022年实际值 2.5，目标2.5以上，达标');
  });
});

describe('warnings', () => {
  it('escalates any lag of a binding indicator to red', () => {
    const mild = linearLevel(137.96);
    expect(computeStatus(mild).warning).toBe('yellow');
    const binding = computeStatus({ ...mild, binding: true });
    expect(binding.warning).toBe('red');
    expect(binding.explanation).toMatch(/约束性指标，红色预警/);
  });

  it('is red for severe and reverse lags', () => {
    expect(computeStatus(linearLevel(110)).warning).toBe('red');
    expect(computeStatus(linearLevel(90)).warning).toBe('red');
  });

  it('turns green to yellow below the average of peer regions', () => {
    // On track at 138, but peers average (150 + 140) / 2 = 145.
    const below = computeStatus(
      linearLevel(138, {
        peers: [
          { region: 'A', value: 150 },
          { region: 'B', value: 140 },
        ],
      }),
    );
    expect(below.label).toBe('基本符合预期');
    expect(below.warning).toBe('yellow');
    expect(below.components.peers).toEqual({ average: 145, count: 2, below: true });
    const above = computeStatus(linearLevel(138, { peers: [{ region: 'A', value: 120 }] }));
    expect(above.warning).toBe('green');
  });

  it('compares peers the other way for lower-is-better indicators', () => {
    const status = computeStatus({
      name: '城镇调查失业率',
      direction: 'lower',
      target: { kind: 'bound', value: 5.5, year: 2025, raw: '<5.5', bound: 'ceiling', strict: true },
      levels: [obs(2022, 5)],
      peers: [{ region: 'A', value: 4 }],
    });
    expect(status.label).toBe('达标');
    expect(status.warning).toBe('yellow');
  });
});

describe('qualitative and delegated targets', () => {
  it('waits for a person on a delegated target', () => {
    const status = computeStatus({
      name: '单位地区生产总值用水量',
      target: { kind: 'qualitative', value: null, year: 2025, raw: '按市下达目标' },
    });
    expect(status.label).toBe('待人工评估');
    expect(status.warning).toBeNull();
    expect(status.explanation).toBe('目标“按市下达目标”为定性或待下达目标，待人工评估');
  });

  it('judges 与经济增长基本同步 against the linked series', () => {
    const input = (own: number[], gdp: number[]): StatusInput => ({
      name: '居民人均可支配收入增长',
      base: obs(2020, 0),
      target: { kind: 'qualitative', value: null, year: 2025, raw: '与经济增长基本同步' },
      annual: own.map((v, i) => obs(2021 + i, v)),
      linked: { name: '地区生产总值', rates: gdp.map((v, i) => obs(2021 + i, v)) },
    });
    const inStep = computeStatus(input([5, 5], [5, 5]));
    expect(inStep.components.method).toBe('linked-growth');
    expect(inStep.label).toBe('基本符合预期');
    const behind = computeStatus(input([3, 3], [6, 6]));
    // 3 % against 6 % → r = 0.5.
    expect(behind.components.ratio).toBeCloseTo(0.5, 9);
    expect(behind.lag).toBe('严重');
  });
});
