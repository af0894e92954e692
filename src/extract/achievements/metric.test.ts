import { describe, it, expect } from 'vitest';
import { metricOf } from './metric.js';

describe('metricOf', () => {
  it.each([
    ['亿元', '全区生产总值达到', 'level'],
    ['%', '年均增长', 'growth'],
    ['%', '万元GDP能耗较2017年下降', 'growth'],
    ['%', '服务业增加值占比达到', 'share'],
    ['%', '城市污水集中处理率达到', 'share'],
    ['倍', '是2015年的', 'growth'],
    ['家', '累计认定国家级高新技术企业', 'count'],
    ['万人', '新增城镇就业', 'count'],
    ['万平方米', '新增校舍面积', 'level'],
  ] as const)('%s after %s is %s', (unit, before, metric) => {
    expect(metricOf(unit, before)).toBe(metric);
  });
});
