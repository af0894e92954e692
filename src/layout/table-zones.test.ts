import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeSourceText } from '../text/source-text.js';
import { physicalLines } from './physical.js';
import { tableZones } from './table-zones.js';

const zonesOf = (text: string): number[] =>
  [...tableZones(physicalLines(makeSourceText(text)).physical)].sort((a, b) => a - b);

/** Zones as `from-to` ranges of consecutive lines. */
function ranges(lines: number[]): string[] {
  const out: string[] = [];
  let start = lines[0];
  lines.forEach((line, i) => {
    if (lines[i + 1] !== line + 1) {
      out.push(`${start}-${line}`);
      start = lines[i + 1];
    }
  });
  return out;
}

describe('tableZones', () => {
  it('keeps a sentence that mentions 指标 and 目标 out of the zones', () => {
    const text = [
      '主要干支流水质标准、细颗粒物浓度等指标完成上级下达目标。',
      '森林覆盖率达到 25%。',
      '',
      '指标名称 2020年基数 2025年目标 属性',
      '地区生产总值（亿元） 451.9 820 预期性',
      '',
      '第二节 空间布局',
    ].join('\n');
    expect(ranges(zonesOf(text))).toEqual(['4-5']);
  });

  it('starts a zone at a caption naming 目标 (a 十三五 completion table)', () => {
    const text = readFileSync(
      fileURLToPath(new URL('../../fixtures/corpus/luoyang-yanshi-plan-2021-2025.txt', import.meta.url)),
      'utf8',
    );
    expect(ranges(zonesOf(text))).toEqual(['467-600', '604-653', '1255-1413']);
  });
});
