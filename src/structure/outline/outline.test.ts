import { describe, expect, it } from 'vitest';
import { corpusDocument, goldFor, GOLD_FILES } from '../../../test/helpers/corpus.js';
import { scoreDocument, microAverage } from '../../eval/index.js';
import { analyzeDocument, toGoldFormat } from '../../pipeline.js';
import { cleanLayout } from '../../layout/index.js';
import { makeSourceText } from '../../text/source-text.js';
import { detectOutline, headingNumber, matchHeading } from './index.js';

const outlineOf = (text: string) =>
  detectOutline(cleanLayout(makeSourceText(text)))
    .filter((h) => h.kind !== 'matter')
    .map((h) => [h.level, h.label, h.title]);

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

describe('the table of contents', () => {
  it('leaves out entries with dot leaders and Arabic or Roman page numbers', () => {
    const text = [
      '目 录',
      '前 言 ……………………………… I',
      '第一篇 总体要求 …………………… 1',
      '第一章 发展基础………………… 1',
      '一、发展成就……………… 2',
      '第二章 发展目标 … 5',
      '第一篇 总体要求',
      '第一章 发展基础',
      '一、发展成就',
      '五年来，全区经济稳步增长。',
      '第二章 发展目标',
      '到2030年，经济总量再上新台阶。',
    ].join('\n');
    expect(outlineOf(text)).toEqual([
      [1, '第一篇', '总体要求'],
      [2, '第一章', '发展基础'],
      [3, '一、', '发展成就'],
      [2, '第二章', '发展目标'],
    ]);
  });

  it('leaves out TOC titles that wrap onto a second line, and Roman page numbers', () => {
    const text = [
      '目  录',
      '一、发展基础 …………… 1',
      '二、总体要求和主要目标，以及面向二〇三五年的',
      '远景目标 ………………………… 3',
      '三、重点任务 ………… Ⅴ',
      '一、发展基础',
      '五年来成绩显著。',
      '二、总体要求和主要目标，以及面向二〇三五年的远景目标',
      '坚持稳中求进。',
      '三、重点任务',
      '做强制造业。',
    ].join('\n');
    expect(outlineOf(text).map(([level, label]) => `${level}${label}`)).toEqual(['1一、', '1二、', '1三、']);
  });

  it('gives a body heading whose title wrapped unjoined the full title of its TOC entry', () => {
    const text = [
      '目  录',
      '第一篇  锚定发展目标，奋力谱写新篇章，建设国际一流，和谐宜居之都 …… 1',
      '第一章  发展基础 …… 1',
      '第一篇  锚定发展目标，奋力谱写新篇章，',
      '建设国际一流，和谐宜居之都',
      '第一章  发展基础',
      '五年来成绩显著。',
    ].join('\n');
    expect(outlineOf(text)[0]).toEqual([
      1,
      '第一篇',
      '锚定发展目标，奋力谱写新篇章，建设国际一流，和谐宜居之都',
    ]);
  });

  it('leaves out entries separated from their page number by a run of spaces', () => {
    const text =
      '目    录\n第一章  发展基础    1\n第二章  总体要求    9\n第一章  发展基础\n五年来成绩显著。\n第二章  总体要求\n坚持稳中求进。';
    expect(outlineOf(text)).toEqual([
      [1, '第一章', '发展基础'],
      [1, '第二章', '总体要求'],
    ]);
  });

  it('leaves out a 目录 block listing only 篇 and 章, ending where the body repeats its first entry', () => {
    const text = [
      '目  录',
      '第一篇  锚定目标',
      '第一章  发展基础',
      '第二篇  产业强市',
      '第二章  先进制造',
      '名词解释',
      '本纲要是全市发展的行动纲领。',
      '第一篇  锚定目标',
      '第一章  发展基础',
      '第一节  良好开局',
      '五年来成绩显著。',
      '第二篇  产业强市',
      '第二章  先进制造',
      '做强制造业。',
    ].join('\n');
    expect(outlineOf(text)).toEqual([
      [1, '第一篇', '锚定目标'],
      [2, '第一章', '发展基础'],
      [3, '第一节', '良好开局'],
      [1, '第二篇', '产业强市'],
      [2, '第二章', '先进制造'],
    ]);
  });

  it('leaves out a run of headings the body repeats, even without a 目录 heading', () => {
    const text =
      '第一章 总体要求\n第二章 产业发展\n第三章 保障措施\n第一章 总体要求\n坚持稳中求进。\n第二章 产业发展\n做强制造业。\n第三章 保障措施\n强化组织领导。';
    expect(outlineOf(text).map(([level, label]) => [level, label])).toEqual([
      [1, '第一章'],
      [1, '第二章'],
      [1, '第三章'],
    ]);
  });

  it('keeps a body whose first headings follow each other and never repeat', () => {
    expect(outlineOf('第一篇 总体要求\n第一章 发展基础\n第一节 发展成就\n五年来成绩显著。')).toHaveLength(3);
  });
});

describe('outline forms of plans, reports and bulletins', () => {
  it('numbers 章 on across 篇 (第三章 opens 第二篇)', () => {
    const text =
      '第一篇 总体\n第一章 基础\n第二章 目标\n第二篇 产业\n第三章 制造业\n第一节 支柱产业\n第四章 服务业';
    expect(outlineOf(text).map(([level, label]) => `${level}${label}`)).toEqual([
      '1第一篇',
      '2第一章',
      '2第二章',
      '1第二篇',
      '2第三章',
      '3第一节',
      '2第四章',
    ]);
  });

  it('removes a glued footnote number whose note the document gives, and keeps other numbers', () => {
    const text = [
      '第一章 空间布局',
      '第一节 做实做优“一带一轴”12城市空间结构',
      '第二节 建设15分钟生活圈',
      '全力打造发展带。',
      '名词解释',
      '12. 一带一轴：“一带”指珠江高质量发展带。',
    ].join('\n');
    expect(outlineOf(text)).toEqual([
      [1, '第一章', '空间布局'],
      [2, '第一节', '做实做优“一带一轴”城市空间结构'],
      [2, '第二节', '建设15分钟生活圈'],
    ]);
  });

  it('leaves list items inside 专栏 boxes out when the body never uses their form', () => {
    const text = [
      '第一章 产业发展',
      '第一节 先进制造',
      '做强制造业集群。',
      '专栏1 先进制造业集群体系',
      '1．人工智能',
      '2．工业软件',
      '一、2035年市域空间格局。根据总体规划，构建南北田园。',
      '二、2050年市域空间格局。立足长远。',
      '第二节 现代服务业',
      '发展生产性服务业。',
    ].join('\n');
    expect(outlineOf(text)).toEqual([
      [1, '第一章', '产业发展'],
      [2, '第一节', '先进制造'],
      [2, '第二节', '现代服务业'],
    ]);
  });

  it('keeps a form the body uses outside boxes, after a box', () => {
    const text =
      '第一章 产业发展\n一、先进制造\n做强制造业。\n专栏1 重大工程\n1．工业软件\n二、现代服务\n发展服务业。';
    expect(outlineOf(text)).toEqual([
      [1, '第一章', '产业发展'],
      [2, '一、', '先进制造'],
      [2, '二、', '现代服务'],
    ]);
  });

  it('keeps table category rows with an item count out of the outline', () => {
    const text = '第一章 发展目标\n坚持稳中求进。\n一、经济强（12 项）\n二、科技强（5项）\n第二章 产业发展';
    expect(outlineOf(text).map(([, label]) => label)).toEqual(['第一章', '第二章']);
  });

  it('reads bulletin sections at level 1, spaces inside short titles removed, notes with label null', () => {
    const text = [
      '2025年某市国民经济和社会发展统计公报',
      '某市统计局',
      '2025年，全市经济运行稳中有进。',
      '一、综 合',
      '全年地区生产总值1000亿元[2]，比上年增长5.0%。',
      '二、工业和建筑业[9]',
      '全年规模以上工业增加值增长6.0%。',
      '注释：',
      '[1]本公报中数据均为初步统计数。',
      '资料来源：',
      '本公报中就业数据来自市人力资源和社会保障局。',
      '相关文件',
      '扫一扫在手机打开当前页',
    ].join('\n');
    expect(outlineOf(text)).toEqual([
      [1, '一、', '综合'],
      [1, '二、', '工业和建筑业[9]'],
      [1, null, '注释'],
      [1, null, '资料来源'],
    ]);
  });

  it('does not take a byline after a colon for a heading whose number was lost', () => {
    const text =
      '2025年某市统计公报\n时间：2026-05-22 来源：\n某市统计局\n国家统计局某市调查队\n2025年，全市经济运行稳中有进。\n一、综合\n全年地区生产总值增长5.0%。';
    expect(outlineOf(text)).toEqual([[1, '一、', '综合']]);
  });

  it('keeps a plain heading between finished paragraphs (a work report part whose number was lost)', () => {
    const text =
      '各位代表：\n现在，我代表区人民政府，向大会报告工作。\n本届政府和2021年工作回顾\n五年来，我们砥砺奋进。\n（一）中心城区地位更加彰显\n经济总量稳步提升。';
    expect(outlineOf(text)).toEqual([
      [1, null, '本届政府和2021年工作回顾'],
      [2, '（一）', '中心城区地位更加彰显'],
    ]);
  });

  it('does not run a heading on into a sentence a PDF broke after a closing quote', () => {
    const lines = ['这是一段足够长的正文文字用来确定换行宽度的正文文字啊啊'];
    const filler = Array.from({ length: 30 }, () => lines[0]!);
    const text = [
      '第一章 区域协同',
      ...filler,
      '体谋划发展机制。',
      '二、增强功能圈发展动能',
      '高质量谱写京津“双城记”',
      ',推动同城化水平提升,在建设京津',
      '冀世界级城市群中发挥作用。',
    ].join('\n');
    expect(outlineOf(text)).toEqual([
      [1, '第一章', '区域协同'],
      [2, '二、', '增强功能圈发展动能'],
    ]);
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
    expect(scores[i]!.sections.outline?.f1).toBeGreaterThanOrEqual(0.95);
  });
});
