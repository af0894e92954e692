import { describe, expect, it } from 'vitest';
import { requiredPath, roadAhead } from './road.js';
import { computeStatus } from './status.js';
import type { Observation, StatusInput } from './types.js';

const obs = (year: number, value: number): Observation => ({ year, value });

function road(input: StatusInput) {
  const status = computeStatus(input);
  return { status, road: roadAhead(status.components, input.unit) };
}

describe('road ahead of a level target', () => {
  it('gives the growth still needed and the level the pace so far reaches', () => {
    // 451.9 (2020) → 540 (2022): (540/451.9)^(1/2) − 1 = 9.3136 %/yr; 540·1.093136³ = 705.38 in 2025.
    // (820/540)^(1/3) − 1 = 14.9406 % a year still needed.
    const { status, road: r } = road({
      name: '地区生产总值',
      unit: '亿元',
      direction: 'higher',
      base: obs(2020, 451.9),
      target: { kind: 'level', value: 820, year: 2025, raw: '820' },
      levels: [obs(2021, 500), obs(2022, 540)],
    });
    expect(r).not.toBeNull();
    expect(r!.remainingYears).toBe(3);
    expect(r!.pace).toBeCloseTo(9.3136, 3);
    expect(r!.projected).toBeCloseTo(705.38, 1);
    expect(r!.requiredRate).toBeCloseTo(14.9406, 3);
    expect(r!.reachable).toBe(false);
    expect(r!.sentence).toBe('按现有增速，2025年预计达到705.38亿元，需年均增长14.94%方可实现目标');
    expect(status.explanation).toContain(
      '；按现有增速，2025年预计达到705.38亿元，需年均增长14.94%方可实现目标',
    );
  });

  it('speaks of a fall for a lower-is-better indicator', () => {
    // 0.5 (2020) → 0.46 (2022): (0.92)^(1/2) − 1 = −4.0834 %/yr → 0.46·0.959166³ = 0.4059; (0.4/0.46)^(1/3) − 1 = −4.5520 %.
    const { road: r } = road({
      name: '单位地区生产总值能耗',
      unit: '吨标准煤/万元',
      direction: 'lower',
      base: obs(2020, 0.5),
      target: { kind: 'level', value: 0.4, year: 2025, raw: '0.4' },
      levels: [obs(2022, 0.46)],
    });
    expect(r!.pace).toBeCloseTo(-4.0834, 3);
    expect(r!.requiredRate).toBeCloseTo(-4.552, 3);
    expect(r!.projected).toBeCloseTo(0.4059, 3);
    expect(r!.reachable).toBe(false);
    expect(r!.sentence).toBe('按现有增速，2025年预计达到0.41吨标准煤/万元，需年均下降4.55%方可实现目标');
  });

  it('says the target is met when it is, and has no road once the period is over', () => {
    const met = road({
      name: 'x',
      unit: '%',
      direction: 'higher',
      base: obs(2020, 50),
      target: { kind: 'level', value: 60, year: 2025, raw: '60' },
      levels: [obs(2023, 62)],
    });
    expect(met.road!.sentence).toContain('目标已实现，保持现有水平即可');
    const over = road({
      name: 'x',
      unit: '%',
      direction: 'higher',
      base: obs(2020, 50),
      target: { kind: 'level', value: 60, year: 2025, raw: '60' },
      levels: [obs(2025, 58)],
    });
    expect(over.road).toBeNull();
  });
});

describe('road ahead of a growth target', () => {
  it('gives the rate the remaining years need for the period to average the target', () => {
    // 6 % in 2021 and 2022 against 7.5 % a year: 1.075⁵ / 1.06² = 1.2777 over three years → 8.5118 % a year.
    const { road: r } = road({
      name: '地区生产总值增长',
      unit: '%',
      direction: 'higher',
      base: obs(2020, 100),
      target: { kind: 'growth', value: 7.5, year: 2025, raw: '7.5' },
      annual: [obs(2021, 6), obs(2022, 6)],
    });
    expect(r!.pace).toBeCloseTo(6, 9);
    expect(r!.requiredRate).toBeCloseTo(8.5118, 3);
    expect(r!.reachable).toBe(false);
    expect(r!.sentence).toBe('按现有增速，2021—2025年预计年均增长6%，今后3年需年均增长8.51%方可实现目标');
  });
});

describe('road ahead of a cumulative target', () => {
  it('gives the yearly amount still needed for a sum (new jobs)', () => {
    // 0.8 + 0.7 = 1.5 of 4 by 2022: 0.75 a year → 3.75 in 2025; (4 − 1.5) / 3 = 0.8333 a year needed.
    const { road: r } = road({
      name: '城镇新增就业人数',
      unit: '万人',
      direction: 'higher',
      base: obs(2020, 0),
      target: { kind: 'cumulative', value: 4, year: 2025, raw: '[4]', cumulate: 'sum' },
      annual: [obs(2021, 0.8), obs(2022, 0.7)],
    });
    expect(r!.projected).toBeCloseTo(3.75, 9);
    expect(r!.requiredPerYear).toBeCloseTo(0.8333, 3);
    expect(r!.reachable).toBe(false);
    expect(r!.sentence).toBe('按现有进度，2025年预计累计3.75万人，今后3年需年均增加0.83万人方可实现目标');
  });

  it('gives the yearly reduction still needed for a compounded reduction (〔13.5〕% energy intensity)', () => {
    // 3 % and 2 %: 1 − 0.97·0.98 = 4.94 % so far; (0.865 / 0.9506)^(1/3) = 0.969037 → 3.0963 % a year still needed.
    const { road: r } = road({
      name: '单位地区生产总值能源消耗降低',
      unit: '%',
      direction: 'lower',
      base: obs(2020, 0),
      target: { kind: 'cumulative', value: 13.5, year: 2025, raw: '〔13.5〕', cumulate: 'reduction' },
      annual: [obs(2021, 3), obs(2022, 2)],
    });
    expect(r!.requiredRate).toBeCloseTo(3.0963, 3);
    // The pace so far: 1 − 0.9506^(1/2) = 2.5013 % a year → 1 − 0.974987⁵ = 11.9 % by 2025.
    expect(r!.pace).toBeCloseTo(2.5013, 3);
    expect(r!.projected).toBeCloseTo(11.9, 1);
    expect(r!.reachable).toBe(false);
    expect(r!.sentence).toBe('按现有降幅，2025年预计累计下降11.9%，需年均下降3.1%方可实现目标');
  });
});

describe('no road ahead', () => {
  it('for a bound or a qualitative target', () => {
    const bound = computeStatus({
      name: '城镇调查失业率',
      unit: '%',
      target: { kind: 'bound', value: 5.5, year: 2025, raw: '<5.5', bound: 'ceiling', strict: true },
      levels: [obs(2022, 5)],
    });
    expect(roadAhead(bound.components)).toBeNull();
    expect(bound.components.roadAhead).toBeNull();
  });
});

describe('the path still needed, for the chart', () => {
  const close = (points: Array<{ year: number; value: number }>) =>
    points.map((p) => [p.year, Number(p.value.toFixed(2))]);

  it('climbs from the latest actual at the growth the road ahead asks for', () => {
    // 540 (2022) → 820 (2025): 14.9406 % a year, 540 · 1.149406 = 620.68, · 1.149406² = 713.41.
    const path = requiredPath({ year: 2022, value: 540 }, { year: 2025, value: 820 });
    expect(close(path)).toEqual([
      [2022, 540],
      [2023, 620.68],
      [2024, 713.41],
      [2025, 820],
    ]);
    const { road: r } = road({
      name: '地区生产总值',
      unit: '亿元',
      direction: 'higher',
      base: obs(2020, 451.9),
      target: { kind: 'level', value: 820, year: 2025, raw: '820' },
      levels: [obs(2021, 500), obs(2022, 540)],
    });
    expect(path[1]!.value / path[0]!.value - 1).toBeCloseTo(r!.requiredRate! / 100, 6);
  });

  it('falls for a lower-is-better target and goes by equal amounts where a rate cannot be', () => {
    // 0.52 → 0.45 over 3 years: (0.45/0.52)^(1/3) − 1 = −4.70 % a year.
    expect(close(requiredPath({ year: 2022, value: 0.52 }, { year: 2025, value: 0.45 }, 'lower'))).toEqual([
      [2022, 0.52],
      [2023, 0.5],
      [2024, 0.47],
      [2025, 0.45],
    ]);
    // A balance of −2 to a target of 4 in 3 years: 2 a year.
    expect(close(requiredPath({ year: 2022, value: -2 }, { year: 2025, value: 4 }))).toEqual([
      [2022, -2],
      [2023, 0],
      [2024, 2],
      [2025, 4],
    ]);
  });

  it('draws nothing for a target already met, once the target year is reached, or without a target value', () => {
    expect(requiredPath({ year: 2022, value: 5 }, { year: 2025, value: 4.5 })).toEqual([]);
    expect(requiredPath({ year: 2022, value: 0.4 }, { year: 2025, value: 0.45 }, 'lower')).toEqual([]);
    expect(requiredPath({ year: 2025, value: 700 }, { year: 2025, value: 820 })).toEqual([]);
    expect(requiredPath({ year: 2022, value: 540 }, { year: 2025, value: null })).toEqual([]);
    expect(requiredPath(null, { year: 2025, value: 820 })).toEqual([]);
  });
});
