import { describe, expect, it } from 'vitest';
import { columnRoles, isHeaderLine, scanHeader, valueRoles } from './header.js';

const roles = (header: string): string[] =>
  columnRoles(scanHeader(header).tokens).map((c) => `${c.role}${c.year ? `/${c.year}` : ''}`);

describe('columnRoles', () => {
  it.each([
    [
      '指标|2020年基数|2025年目标|五年年均增长或累计|指标属性',
      ['name', 'base/2020', 'target/2025', 'growth', 'attribute'],
    ],
    [
      '指 标 | 2020年 基 数 | 2025年 目 标 | 年均增长 (%) | 属性 | 类别 | |',
      ['name', 'base/2020', 'target/2025', 'growth', 'attribute', 'category'],
    ],
    [
      '序号 指标名称 2025年基数 2030年目标 年均增长或累计（%） 指标属性',
      ['seq', 'name', 'base/2025', 'target/2030', 'growth', 'attribute'],
    ],
    // A spanning label interleaved with the split attribute label (a flattened PDF header).
    [
      '序号类别指标名称2020年基数“十四五”规划指标属性2025年目标五年年均增长或累计',
      ['seq', 'category', 'name', 'base/2020', 'target/2025', 'growth', 'attribute'],
    ],
    // Two spanning labels printed before their sub-labels: shared out in order.
    [
      '序号指标名称2015年基数“十三五”规划目标“十三五”完成情况指标属性2020年年均增长（%）2020年年均增长（%）',
      ['seq', 'name', 'base/2015', 'target/2020', 'growth', 'actual/2020', 'actual_growth', 'attribute'],
    ],
    [
      '指标 单位 2020年 2025年 年均增长 属性',
      ['name', 'unit', 'base/2020', 'target/2025', 'growth', 'attribute'],
    ],
    [
      '指标|2015年|2020年规划目标|2020年完成情况|属性',
      ['name', 'base/2015', 'target/2020', 'actual/2020', 'attribute'],
    ],
    // A 十四五 table's estimated 2020 value is its base.
    [
      '指标名称|单位|2020年预计|2025年目标|年均增速|指标性质',
      ['name', 'unit', 'base/2020', 'target/2025', 'growth', 'attribute'],
    ],
    ['类别|序号|指标|基期值|目标值|属性', ['category', 'seq', 'name', 'base', 'target', 'attribute']],
  ])('%s', (header, expected) => {
    expect(roles(header)).toEqual(expected);
  });

  it('keeps the spanning label in the header text of a bare year', () => {
    const columns = columnRoles(
      scanHeader('指标“十三五”规划目标“十三五”完成情况2020年年均增长2020年年均增长').tokens,
    );
    expect(columns.map((c) => c.header)).toEqual([
      '指标',
      '“十三五”规划目标：2020年',
      '年均增长',
      '“十三五”完成情况：2020年',
      '年均增长',
    ]);
  });

  it('falls back to base, target and growth when the header names no value column', () => {
    expect(valueRoles(columnRoles(scanHeader('指标名称').tokens))).toEqual(['base', 'target', 'growth']);
  });
});

describe('isHeaderLine', () => {
  it.each([
    ['指 标 名 称', false, true],
    ['号 指 标 名 称 2015年', false, true],
    ['（%） 2020年 年均增长', false, true],
    ['序', true, true],
    ['“十三五”', true, true],
    ['序', false, false],
    ['一、经济发展', true, false],
    ['1 地区生产总值（亿元） 412.1 - 中高速增长 440.2 6.7 预期性', true, false],
    ['到2025年，主要指标完成下达目标。', false, false],
    ['2020年', true, true],
  ])('%s (fragment %s) → %s', (text, fragment, expected) => {
    expect(isHeaderLine(text, fragment)).toBe(expected);
  });
});
