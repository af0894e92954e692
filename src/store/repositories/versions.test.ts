import { describe, expect, it } from 'vitest';
import { pairRevisedRows } from './versions.js';

const row = (id: number, name: string, unit: string | null, indicator_id: string | null = null) => ({
  id,
  name,
  unit,
  indicator_id,
});

describe('pairRevisedRows', () => {
  it('pairs by name and unit first, then by catalog indicator, then by name; each new row once', () => {
    const before = [
      row(1, '地区生产总值', '亿元', 'gdp'),
      row(2, '研发经费投入强度', '%', 'rd_intensity'),
      row(3, '城镇调查失业率', '%', 'unemployment'),
      row(4, '森林覆盖率', '%', 'forest'),
      row(5, '已删去的指标', '个'),
    ];
    const after = [
      row(11, '研究与实验发展经费投入强度', '%', 'rd_intensity'),
      row(12, '地区生产总值', '亿元', 'gdp'),
      row(13, '城镇调查失业率', '‰', null),
      row(14, '森林覆盖率', '%', 'forest'),
    ];
    expect([...pairRevisedRows(before, after)].sort((a, b) => a[0] - b[0])).toEqual([
      [1, 12],
      [2, 11],
      [3, 13],
      [4, 14],
    ]);
  });

  it('pairs two rows of one name in order, never one new row twice', () => {
    const pairs = pairRevisedRows(
      [row(1, '新增就业', '万人'), row(2, '新增就业', '万人')],
      [row(7, '新增就业', '万人')],
    );
    expect([...pairs]).toEqual([[1, 7]]);
  });
});
