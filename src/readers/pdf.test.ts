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
});
