import { describe, expect, it } from 'vitest';
import { LantuError } from '../diagnostics.js';
import { applyOverride, effectiveLabel } from './override.js';
import { countLabels, rollUpByCategory, rollUpByDepartment, summarize } from './rollup.js';
import { computeStatus } from './status.js';
import type { Category } from '../catalog/index.js';
import type { IndicatorStatus } from './types.js';

/** A real status: 100 (2020) → 200 (2025) linear, so at 2022 the expected value is 140. */
function status(
  actual: number,
  opts: { binding?: boolean; category?: Category; departments?: string[] } = {},
): IndicatorStatus {
  return computeStatus({
    name: `指标${actual}`,
    direction: 'higher',
    method: 'linear',
    binding: opts.binding ?? false,
    category: opts.category ?? '经济发展',
    departments: opts.departments ?? [],
    base: { year: 2020, value: 100 },
    target: { kind: 'level', value: 200, year: 2025, raw: '200' },
    levels: [{ year: 2022, value: actual }],
  });
}

const repeat = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);

describe('roll-ups', () => {
  // 205 → 提前实现; 145 → r 1.125 快于预期; 140 → r 1 基本符合预期; 130 → r 0.75 轻度滞后.
  const statuses = [
    ...repeat(4, () => status(205)),
    ...repeat(5, () => status(145)),
    ...repeat(7, () => status(140)),
    ...repeat(3, () => status(130, { binding: true })),
    status(130),
  ];

  it('writes the evaluation sentence', () => {
    expect(summarize(statuses)).toBe(
      '20 项主要指标中，4 项提前实现，5 项快于预期，7 项基本符合预期，4 项滞后(其中约束性 3 项)',
    );
  });

  it('leaves out empty labels and keeps the order', () => {
    const few = [status(140), { ...status(140), label: '数据缺失' as const }, status(140)];
    expect(summarize(few)).toBe('3 项主要指标中，2 项基本符合预期，1 项数据缺失');
    expect(summarize([status(130)], '约束性指标')).toBe('1 项约束性指标中，1 项滞后');
    expect(summarize([])).toBe('暂无主要指标的监测结果');
  });

  it('counts per category and per department', () => {
    const mixed = [
      status(205, { category: '经济发展', departments: ['发改委'] }),
      status(130, { category: '绿色生态', binding: true, departments: ['发改委', '生态环境局'] }),
    ];
    const byCategory = rollUpByCategory(mixed);
    expect(byCategory.get('经济发展')?.counts['提前实现']).toBe(1);
    expect(byCategory.get('绿色生态')?.bindingLagging).toBe(1);
    const byDepartment = rollUpByDepartment(mixed);
    expect(byDepartment.get('发改委')?.total).toBe(2);
    expect(byDepartment.get('生态环境局')?.lagDegrees['轻度']).toBe(1);
  });
});

describe('overrides', () => {
  const computed = status(130);
  const override = {
    label: '基本符合预期' as const,
    reason: '统计口径调整，2022年数据待修订',
    by: '张三',
    at: '2023-03-01T08:00:00Z',
  };

  it('keeps the computed label beside the override', () => {
    const overridden = applyOverride(computed, override);
    expect(overridden.label).toBe('滞后');
    expect(overridden.lag).toBe('轻度');
    expect(overridden.components.label).toBe('滞后');
    expect(overridden.override).toMatchObject({ label: '基本符合预期', by: '张三' });
    expect(effectiveLabel(overridden).label).toBe('基本符合预期');
    expect(computed.override).toBeNull();
  });

  it('keeps every override for the audit log', () => {
    const twice = applyOverride(applyOverride(computed, override), {
      ...override,
      label: '滞后',
      lag: '严重',
      reason: '修订后数据确认滞后',
      at: '2023-06-01T08:00:00Z',
    });
    expect(twice.overrides.map((o) => o.label)).toEqual(['基本符合预期', '滞后']);
    expect(effectiveLabel(twice)).toEqual({ label: '滞后', lag: '严重' });
  });

  it('refuses an override without a reason or author', () => {
    expect(() => applyOverride(computed, { ...override, reason: ' ' })).toThrow(LantuError);
    expect(() => applyOverride(computed, { ...override, by: '' })).toThrow(/调整人/);
  });

  it('counts overrides in roll-ups unless asked not to', () => {
    const overridden = applyOverride(computed, override);
    expect(countLabels([overridden]).counts['基本符合预期']).toBe(1);
    expect(countLabels([overridden], { useOverrides: false }).counts['滞后']).toBe(1);
  });
});
