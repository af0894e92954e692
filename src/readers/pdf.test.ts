import { describe, expect, it } from 'vitest';
import { groupLines } from './pdf.js';

const item = (str: string, x: number, y: number, width = str.length * 10, height = 10) => ({
  str,
  x,
  y,
  width,
  height,
});

describe('groupLines', () => {
  it('orders lines top to bottom and items left to right, with baseline jitter tolerated', () => {
    const lines = groupLines([item('第二行', 72, 680), item('标题', 72, 700), item('续', 102, 701.5)]);
    expect(lines).toEqual(['标题续', '第二行']);
  });

  it('puts a TAB at wide gaps, a space between Latin words, nothing between hanzi', () => {
    const lines = groupLines([
      item('地区生产总值', 72, 500),
      item('6.8', 250, 500),
      item('GDP', 72, 480, 20),
      item('growth', 95, 480),
      item('规划', 72, 460, 20),
      item('纲要', 95, 460),
    ]);
    expect(lines).toEqual(['地区生产总值\t6.8', 'GDP growth', '规划纲要']);
  });

  it('drops text drawn twice to fake bold', () => {
    expect(groupLines([item('目标', 72, 500), item('目标', 72.3, 500)])).toEqual(['目标']);
  });

  it('keeps a raised footnote mark in its line', () => {
    const lines = groupLines([
      item('市地区生产总值', 79.4, 350.4, 115.1, 16),
      item('[2]', 195.1, 355.7, 12.4, 10.3),
      item('13902.67', 207.8, 350.4, 61.3, 16),
      item('长4.7%', 79.4, 320.2, 80, 16),
    ]);
    expect(lines).toEqual(['市地区生产总值[2]13902.67', '长4.7%']);
  });

  it("writes the text layer's own spaces, whatever width they claim, and a TAB where one spans a column gap", () => {
    const space = (x: number, y: number) => ({ ...item(' ', x, y, 90, 16), space: true });
    const lines = groupLines([
      item('2025', 111.4, 592, 31.9, 16),
      space(143.2, 592),
      item('年，西安市', 147.6, 592, 80, 16),
      item('居民消费价格', 96.6, 577.5, 72, 12),
      space(168.6, 577.5),
      item('0.5', 501.4, 578.8, 14.9, 12),
    ]);
    expect(lines).toEqual(['2025 年，西安市', '居民消费价格\t0.5']);
  });
});
