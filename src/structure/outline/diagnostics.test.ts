import { describe, expect, it } from 'vitest';
import { cleanLayout } from '../../layout/index.js';
import { makeSourceText } from '../../text/source-text.js';
import { detectOutline, outlineDiagnostics } from './index.js';

const outlineOf = (lines: string[]) => detectOutline(cleanLayout(makeSourceText(lines.join('\n'))));

describe('outlineDiagnostics', () => {
  it('reports a numbered heading that skips a number, at its line', () => {
    const outline = outlineOf([
      '第一章 发展基础',
      '一、经济实力稳步提升',
      '全区经济总量持续扩大。',
      '二、创新能力持续增强',
      '研发投入不断增加。',
      '四、生态环境明显改善',
      '空气质量持续好转。',
    ]);
    expect(outlineDiagnostics(outline)).toEqual([
      expect.objectContaining({ code: 'outline/numbering-gap', line: 6, severity: 'warning' }),
    ]);
  });

  it('takes a restart under a new chapter as a new list', () => {
    const outline = outlineOf([
      '第一章 发展基础',
      '一、经济实力稳步提升',
      '二、创新能力持续增强',
      '第二章 发展目标',
      '一、主要目标',
      '二、远景目标',
    ]);
    expect(outlineDiagnostics(outline)).toEqual([]);
  });
});
