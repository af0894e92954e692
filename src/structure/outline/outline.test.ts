import { describe, expect, it } from 'vitest';
import { corpusDocument, goldFor, GOLD_FILES } from '../../../test/helpers/corpus.js';
import { scoreDocument, microAverage } from '../../eval/score.js';
import { analyzeDocument, toGoldFormat } from '../../pipeline.js';
import { cleanLayout } from '../../layout/index.js';
import { makeSourceText } from '../../text/source-text.js';
import { detectOutline, headingNumber, matchHeading } from './index.js';

const outlineOf = (text: string) =>
  detectOutline(cleanLayout(makeSourceText(text))).map((h) => [h.level, h.label, h.title]);

describe('heading forms', () => {
  it.each([
    ['第一篇  开启新征程', 'pian', '第一篇', '开启新征程'],
    ['第十二章 加强规划实施保障', 'zhang', '第十二章', '加强规划实施保障'],
    ['第3节 基本原则', 'jie', '第3节', '基本原则'],
    ['一、综合实力大幅提升', 'cn-enum', '一、', '综合实力大幅提升'],
    ['（二）制造业贡献更加突出', 'cn-paren', '（二）', '制造业贡献更加突出'],
    ['(一)发展目标', 'cn-paren', '(一)', '发展目标'],
    ['1．推进产业升级', 'arabic', '1．', '推进产业升级'],
    ['（3）完善机制', 'arabic-paren', '（3）', '完善机制'],
  ])('%s', (line, kind, label, title) => {
    expect(matchHeading(line)).toMatchObject({ kind, label, title });
  });

  it('does not read a decimal number as a numbered heading', () => {
    expect(matchHeading('2.5万吨以上')).toBeNull();
  });

  it.each([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十三', 23],
    ['一百零八', 108],
    ['12', 12],
  ])('heading number %s = %d', (token, value) => expect(headingNumber(token)).toBe(value));
});

describe('levels relative to the document', () => {
  it('starts at 章 when a plan has no 篇', () => {
    expect(outlineOf('第一章 总体要求\n第一节 指导思想\n一、坚持创新\n第二节 发展目标')).toEqual([
      [1, '第一章', '总体要求'],
      [2, '第一节', '指导思想'],
      [3, '一、', '坚持创新'],
      [2, '第二节', '发展目标'],
    ]);
  });

  it('puts 一、 one level down when it restarts with its parent headings lost', () => {
    expect(outlineOf('一、发展基础\n二、面临形势\n一、远景目标\n(一)主要目标')).toEqual([
      [2, '一、', '发展基础'],
      [2, '二、', '面临形势'],
      [2, '一、', '远景目标'],
      [3, '(一)', '主要目标'],
    ]);
  });

  it('keeps table category rows and out-of-sequence numbers out of the outline', () => {
    const text =
      '第一章 发展目标\n专栏1 主要指标\n指标\t2020年\t2025年\t属性\n一、经济发展\n1\t地区生产总值\t10\t预期性\n第二章 创新\n三、不连续的编号';
    expect(outlineOf(text)).toEqual([
      [1, '第一章', '发展目标'],
      [1, '第二章', '创新'],
    ]);
  });

  it('reads a run-in （一） heading up to its first 。', () => {
    const out = outlineOf('第一章 自身建设\n（一）强化政治建设，坚定正确方向。以政治建设统领政府建设。');
    expect(out[1]).toEqual([2, '（一）', '强化政治建设，坚定正确方向']);
  });
});

describe('outline on the gold documents', () => {
  const scores = GOLD_FILES.map((name) =>
    scoreDocument(toGoldFormat(analyzeDocument(corpusDocument(name))), goldFor(name)),
  );

  it('reaches micro-F1 ≥ 0.97 and level accuracy ≥ 0.95', () => {
    const micro = microAverage(scores).outline;
    expect(micro.f1).toBeGreaterThanOrEqual(0.97);
    const level = micro.accuracy.level!;
    expect(level.right / level.total).toBeGreaterThanOrEqual(0.95);
  });

  it.each(GOLD_FILES.map((name, i) => [name, i] as const))('%s has F1 ≥ 0.95', (_name, i) => {
    expect(scores[i]!.sections.outline.f1).toBeGreaterThanOrEqual(0.95);
  });
});
