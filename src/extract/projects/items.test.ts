import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cleanLayout } from '../../layout/index.js';
import { makeSourceText } from '../../text/source-text.js';
import { boxLineItems } from './items.js';
import { extractProjects, findBoxes } from './index.js';

const names = (line: string): string[] => boxLineItems(line).map((i) => i.name);

describe('boxLineItems', () => {
  it('reads `投资X亿元的<名称>` with and without 的', () => {
    expect(boxLineItems('投资60亿元的洛阳新材料及智能装备科创小镇一期项目')).toEqual([
      { name: '洛阳新材料及智能装备科创小镇一期项目', offset: 7, investment: '60亿元' },
    ]);
    expect(boxLineItems('投资3.6亿元河柴重工自主能力改造提升项目')[0]).toMatchObject({
      name: '河柴重工自主能力改造提升项目',
      investment: '3.6亿元',
    });
    expect(boxLineItems('投资5000万元的涧西区图书馆项目')[0]!.investment).toBe('5000万元');
  });

  it('skips group summaries', () => {
    expect(
      boxLineItems('创新平台建设重点项目：共7个项目，总投资24.8亿元，其中十四五期间计划投资17.8亿元。'),
    ).toEqual([]);
    expect(boxLineItems('文化传承创新体系重点项目：项目共14个，投资70.1亿元。')).toEqual([]);
  });

  it('splits a numbered list on 、 and drops the category label and 等项目', () => {
    expect(
      names('1.摩托车制造。实施比亚乔、重庆望江、宗申三轮摩托车北方生产基地、豪爵发动机等项目。'),
    ).toEqual(['比亚乔', '重庆望江', '宗申三轮摩托车北方生产基地', '豪爵发动机']);
  });

  it('keeps a 、 inside parentheses within one name', () => {
    expect(names('完成滨河路（塔庄桥—相国大道）、开阳路、华夏西路（张衡路、府佑路）等道路建设。')).toEqual([
      '滨河路（塔庄桥—相国大道）',
      '开阳路',
      '华夏西路（张衡路、府佑路）',
    ]);
  });

  it('takes a run-in label as the project when its body lists nothing', () => {
    expect(
      names(
        '创新型龙头企业壮大工程。集聚科技创新领军企业,进一步加大政策支持力度。 高新技术企业倍增工程。加大政策支持力度。',
      ),
    ).toEqual(['创新型龙头企业壮大工程', '高新技术企业倍增工程']);
  });

  it('keeps a programme label and the projects it lists', () => {
    expect(names('大数据发展行动计划。重点实施河南移动中部云谷项目、中部云创数字产业园项目等。')).toEqual([
      '大数据发展行动计划',
      '河南移动中部云谷项目',
      '中部云创数字产业园项目',
    ]);
  });

  it('expands `小学6所(A、B)` into the names in parentheses', () => {
    expect(names('教育类重大项目:小学2所(宝龙小学、锦台小学)、洛阳市教育智慧云教育项目。')).toEqual([
      '宝龙小学',
      '锦台小学',
      '洛阳市教育智慧云教育项目',
    ]);
  });

  it('does not read a list of traits or of places as projects', () => {
    expect(names('加快培育一批创新能力强、发展速度快、市场潜力大的“瞪羚企业”。')).toEqual([]);
    expect(names('1.优质小麦基地。大口、高龙、翟镇等镇种植优质专用小麦面积达到 6 万亩。')).toEqual([
      '优质小麦基地',
    ]);
  });
});

describe('boxLineItems: shared work and task sentences', () => {
  it('gives each bare place of `A、B等N个…改造项目` the work named after 等', () => {
    expect(names('城中村改造工程:实施八里槐、潘村、东西霍屯等40个“城中村”改造项目,建设安置小区。')).toEqual([
      '城中村改造工程',
      '八里槐“城中村”改造项目',
      '潘村“城中村”改造项目',
      '东西霍屯“城中村”改造项目',
    ]);
    expect(names('完成卫国路(军民路至学院路段)、钱江路(长夏门西街至长夏门街段)等背街小巷整治。')).toEqual([
      '卫国路(军民路至学院路段)背街小巷整治',
      '钱江路(长夏门西街至长夏门街段)背街小巷整治',
    ]);
  });

  it('keeps named items of `X等N个…` as they are', () => {
    expect(names('重点实施二里头国际围棋文化产业园、古运河文化产业园等项目。')).toEqual([
      '二里头国际围棋文化产业园',
      '古运河文化产业园',
    ]);
  });

  it('does not take a task sentence inside a paragraph as a label, nor a description with 的', () => {
    expect(names('5.农业绿色发展工程。深入开展农业节水行动。加大秸秆资源化利用。推广测土配方施肥。')).toEqual(
      ['农业绿色发展工程'],
    );
    expect(names('建设国内有影响力的以大数据为特色的新型工业化产业示范基地。')).toEqual([]);
  });
});

describe('findBoxes', () => {
  it('ignores a caption repeated after a page break and stops at the next heading', () => {
    const text = [
      '\t专栏6 城市建设重点工程',
      '',
      '投资1亿元的甲项目',
      '',
      '\t专栏6 城市建设重点工程',
      '\t投资2亿元的乙项目',
      '',
      '第七篇  生态',
      '',
      '投资3亿元的丙项目',
    ].join('\n');
    const layout = cleanLayout(makeSourceText(text));
    const boxes = findBoxes(layout);
    expect(boxes).toHaveLength(1);
    expect(extractProjects(layout).map((p) => [p.name, p.evidence.line])).toEqual([
      ['甲项目', 3],
      ['乙项目', 6],
    ]);
  });

  it('skips indicator-table boxes', () => {
    const layout = cleanLayout(
      makeSourceText('专栏1 “十四五”经济社会发展主要指标\n\n实施甲工程、乙工程。\n'),
    );
    expect(findBoxes(layout)).toEqual([]);
  });
});

describe('extractProjects on the corpus', () => {
  const corpus = (name: string): string =>
    fileURLToPath(new URL(`../../../fixtures/corpus/${name}`, import.meta.url));
  it('finds every project line of the Jianxi plan with its box and investment', () => {
    const layout = cleanLayout(
      makeSourceText(readFileSync(corpus('luoyang-jianxi-plan-2021-2025.txt'), 'utf8')),
    );
    const projects = extractProjects(layout);
    expect(projects).toHaveLength(216);
    expect(projects[0]).toMatchObject({
      name: '洛阳新材料及智能装备科创小镇一期项目',
      investment: '60亿元',
      box: '专栏2 “十四五” 涧西科技创新重大工程',
      evidence: { line: 440, quote: '洛阳新材料及智能装备科创小镇一期项目' },
    });
    // The evidence offsets point at the name in the original text.
    const { start, end } = projects[0]!.evidence;
    expect(layout.source.text.slice(start, end)).toBe('洛阳新材料及智能装备科创小镇一期项目');
    expect(new Set(projects.map((p) => p.box)).size).toBe(7);
  });
});
