import { describe, expect, it } from 'vitest';
import type { Achievement, Extraction } from '../extract/model.js';
import { linkExtraction, linkName } from './linking.js';

const reported = (indicator: string, value: number, unit: string, metric: Achievement['metric']) =>
  ({
    indicator,
    value: String(value),
    unit,
    year: 2025,
    period: null,
    metric,
    quote: '',
    line: 1,
  }) as unknown as Achievement;

describe('bulletin headline values', () => {
  it('links 实现地区生产总值468.2亿元 to GDP and its 比上年增长6.9% to GDP growth', () => {
    const x = {
      tables: [],
      targets: [],
      achievements: [
        reported('实现地区生产总值', 468.2, '亿元', 'level'),
        reported('按不变价格计算比上年', 6.9, '%', 'growth'),
        reported('第一产业增加值', 20.1, '亿元', 'level'),
        // A comparison after something the catalog does not know stays for review.
        reported('包括企业通勤车在内的其他营运性车辆', 12, '类', 'level'),
        reported('比上年', 3, '%', 'growth'),
      ],
    } as unknown as Extraction;
    const links = linkExtraction(x).achievements.map((a) => a.indicator_id);
    expect(links[0]).toBe('gdp');
    expect(links[1]).toBe('gdp-growth');
    expect(links[4]).toBeNull();
  });

  it('reads a name behind a place name or with a footnote mark', () => {
    expect(linkName('西安市地区生产总值[2]', '亿元', 'level').indicator_id).toBe('gdp');
    expect(linkName('全年实现地区生产总值', '亿元', 'level').indicator_id).toBe('gdp');
  });
});
