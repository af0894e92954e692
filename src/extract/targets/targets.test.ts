import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeDocument, toGoldFormat } from '../../pipeline.js';
import type { GoldExtraction } from '../model.js';
import { microAverage, scoreDocument } from '../../eval/index.js';
import { cleanLayout } from '../../layout/index.js';
import { makeSourceText } from '../../text/source-text.js';
import { findMentions, readStatements } from '../statements/index.js';

/** A small plan: title, a review chapter and a goals chapter, as the corpus plans are laid out. */
function plan(review: string[], goals: string[]): GoldExtraction {
  const text = [
    '某区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要',
    '',
    '第一章  发展环境',
    '',
    '第一节  过去五年取得的成就',
    '',
    ...review,
    '',
    '第二节  “十四五”时期主要目标',
    '',
    ...goals,
    '',
  ].join('\n');
  return extractText(text);
}

/** The exchange format of a plain-text plan. */
function extractText(text: string): GoldExtraction {
  return toGoldFormat(
    analyzeDocument({
      path: 'plan.txt',
      format: 'txt',
      encoding: 'utf-8',
      text,
      tables: [],
      diagnostics: [],
    }),
  );
}

describe('targets', () => {
  it('reads indicator, comparator, value, unit and year of a goal', () => {
    const doc = plan(
      [],
      ['到2025年，地区生产总值达到 800亿元，城镇调查失业率控制在5.5%以内，森林覆盖率达到97%以上。'],
    );
    expect(doc.targets.map((t) => [t.indicator, t.comparator, t.value, t.unit, t.year])).toEqual([
      ['地区生产总值', '达到', 800, '亿元', 2025],
      ['城镇调查失业率', '以内', 5.5, '%', 2025],
      ['森林覆盖率', '以上', 97, '%', 2025],
    ]);
    expect(doc.targets[0]!.quote).toBe('地区生产总值达到 800亿元');
  });

  it('marks 力争 targets aspirational and keeps a range', () => {
    const doc = plan([], ['力争高新技术企业突破400家，遴选1-3个科技产业社区试点。']);
    expect(doc.targets.map((t) => [t.value, t.value_max, t.comparator, t.aspirational])).toEqual([
      [400, null, '突破', true],
      [1, 3, '其他(遴选)', true],
    ]);
  });

  it('names the action verb of a count, keeps bound words first and leaves shares with 达到', () => {
    const doc = plan(
      [],
      [
        '重点实施技术创新项目30个，基本建成15分钟生活圈，建设并改造提升高标准农田60万亩，新增学位10万个以上。',
        '新建建筑中绿色建筑占比100%，婴儿死亡率不超过2.8‰，单位地区生产总值用水量降至8立方米/万元，城乡建设用地减量9平方公里。',
      ],
    );
    expect(doc.targets.map((t) => [t.value, t.comparator])).toEqual([
      [30, '其他(实施)'],
      [15, '其他(基本建成)'],
      [60, '其他(建设并改造提升)'],
      [10, '以上'],
      [100, '达到'],
      [2.8, '以内'],
      [8, '达到'],
      [9, '下降'],
    ]);
  });

  it('reads a size class as a goal unless a count before it is the goal, and counts of listed names not at all', () => {
    const doc = plan(
      [],
      [
        '打造千亿级先进装备制造产业集群，保持每年百亿级投资规模，培育5个百亿级产业集群，做强田径、游泳两个品牌赛事。',
      ],
    );
    expect(doc.targets.map((t) => [t.value, t.unit, t.comparator])).toEqual([
      [1000, '亿元', '其他(千亿级)'],
      [100, '亿元', '保持'],
      [5, '个', '其他(培育)'],
    ]);
  });

  it('bounds every count of a list after 至少, a share after 不少于 and a noun, and reads 翻一番 as its own relation', () => {
    const doc = plan(
      [],
      [
        '每个乡镇办好至少1所社区卫生服务中心、1所养老服务机构、1所中心幼儿园，疾控专业技术人员不少于编制总额85%，新建小学6所、中学4所。',
        '展望2035年，城乡居民人均可支配收入在“十四五”基础上翻一番，科技创新平台实现倍增。',
      ],
    );
    expect(doc.targets.map((t) => [t.value, t.unit, t.comparator, t.year])).toEqual([
      [1, '所', '不低于', 2025],
      [1, '所', '不低于', 2025],
      [1, '所', '不低于', 2025],
      [85, '%', '不低于', 2025],
      [6, '所', '其他(新建)', 2025],
      [4, '所', '其他(新建)', 2025],
      [2, '倍', '其他(翻一番)', 2035],
      [2, '倍', '其他(倍增)', 2035],
    ]);
  });

  it('reads a ratio, a coefficient or an index that a relation word sets without a unit', () => {
    const doc = plan(
      [],
      [
        '城乡居民收入比缩小至1.9，农田灌溉水有效利用系数提高到0.67以上，加工业与农业产值比达到6.3:1，推进2.0版本。',
      ],
    );
    expect(doc.targets.map((t) => [t.value, t.unit, t.comparator])).toEqual([
      [1.9, null, '达到'],
      [0.67, null, '以上'],
      [6.3, null, '达到'],
    ]);
  });

  it('reads no amount where the unit character begins a word (方面, 项目)', () => {
    const doc = plan([], ['围绕6方面推动改革，推进1935项目改造，完成12项改革任务。']);
    expect(doc.targets.map((t) => [t.value, t.unit])).toEqual([[12, '项']]);
  });

  it('reads the goals of a part that aims to 取得决定性进展 as goals, not as a review', () => {
    const text = [
      '某市国民经济和社会发展第十五个五年规划纲要',
      '',
      '第一章  推动基本实现社会主义现代化取得决定性进展',
      '',
      '第一节  主要目标',
      '',
      '———群众生活品质不断提高。城镇调查失业率控制在5%以内。',
      '',
    ].join('\n');
    const doc = extractText(text);
    expect(doc.targets.map((t) => [t.value, t.comparator, t.year])).toEqual([[5, '以内', 2030]]);
    expect(doc.achievements).toEqual([]);
  });

  it('gives no year to a plan sentence that states none, and the end year inside the goals section', () => {
    const text = [
      '某区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要',
      '',
      '第一章  总体要求',
      '',
      '第一节  发展目标',
      '',
      '经济实力显著增强，地区生产总值达到800亿元。',
      '',
      '第二章  产业发展',
      '',
      '到2025年，产业体系更加完善。',
      '',
      '新建公共停车场8个。',
      '',
    ].join('\n');
    expect(extractText(text).targets.map((t) => [t.value, t.year])).toEqual([
      [800, 2025],
      [8, null],
    ]);
  });

  it('takes the stated year, a 2023 milestone, and null for every-year targets', () => {
    const doc = plan([], ['2023年新型研发机构达6家，2025年达7家。每年引进创业团队13个以上。']);
    expect(doc.targets.map((t) => [t.value, t.year])).toEqual([
      [6, 2023],
      [7, 2025],
      [13, null],
    ]);
  });

  it('does not read codes, names, ordinals and slogans as targets', () => {
    const doc = plan(
      [],
      [
        '推进地铁1号线建设，建成“三个高地”，落实第十四个五年规划，实施“1818工程”和“9+X”体系，加快1#机组改造。',
      ],
    );
    expect(doc.targets).toEqual([]);
  });
});

describe('achievements', () => {
  it('reads past values in the review part, a level and its growth as two records', () => {
    const doc = plan(
      ['2020年全区生产总值达到380.4亿元，年均增长6.7%，服务业比重达到66%，累计新建停车场7个。'],
      [],
    );
    expect(doc.achievements.map((a) => [a.value, a.unit, a.metric, a.year])).toEqual([
      [380.4, '亿元', 'level', 2020],
      [6.7, '%', 'growth', 2020],
      [66, '%', 'share', 2020],
      [7, '个', 'count', 2020],
    ]);
    expect(doc.achievements[1]!.period).toBe('十三五');
    expect(doc.targets).toEqual([]);
  });

  it('records a decline as a negative growth', () => {
    const doc = plan(['万元GDP能耗累计下降14.7%。'], []);
    expect(doc.achievements[0]).toMatchObject({ value: -14.7, metric: 'growth' });
  });
});

describe('readStatements', () => {
  const layout = cleanLayout(
    makeSourceText('到2025年，新增企业20家，建设标准厂房30万平方米，引进项目15个，新增就业5000人。\n'),
  );
  const metadata = {
    title: null,
    region: null,
    parent_region: null,
    province: null,
    doc_type: 'plan' as const,
    period: '2021-2025',
    vision_year: 2035,
  };
  const at = (word: string): number => layout.text.indexOf(word);
  const read = (excluded: { start: number; end: number }[]): string[] =>
    readStatements({ layout, metadata, outline: [], mentions: findMentions(layout.text), excluded }).map(
      (s) => layout.text.slice(s.mention.start, s.mention.end),
    );

  it('places every value of a sentence in its clause', () => {
    const statements = readStatements({ layout, metadata, outline: [], mentions: findMentions(layout.text) });
    expect(statements.map((s) => layout.text.slice(s.clause.start, s.clause.end))).toEqual([
      '新增企业20家，',
      '建设标准厂房30万平方米，',
      '引进项目15个，',
      '新增就业5000人。',
    ]);
    expect(new Set(statements.map((s) => s.sentenceIndex))).toEqual(new Set([0]));
  });

  it('leaves out values in excluded spans given in any order, overlapping or empty', () => {
    expect(read([])).toEqual(['20家', '30万平方米', '15个', '5000人']);
    const excluded = [
      { start: at('5000'), end: at('5000') + 2 },
      { start: at('30'), end: at('30') + 1 },
      { start: at('厂房'), end: at('30') + 1 },
      { start: at('20'), end: at('20') },
    ];
    expect(read(excluded)).toEqual(['20家', '15个']);
  });
});

describe('findMentions', () => {
  it('leaves out years and slogans but keeps counts in Chinese numerals', () => {
    const text = '到2025年建成两个产业园，“三个高地”';
    expect(findMentions(text).map((m) => [m.value, m.unit])).toEqual([['2', '个']]);
  });
});

describe('the corpus', () => {
  const dir = (sub: string): string => fileURLToPath(new URL(`../../../fixtures/${sub}/`, import.meta.url));
  const read = (name: string): GoldExtraction => {
    const text = readFileSync(dir('corpus') + name, 'utf8');
    return toGoldFormat(
      analyzeDocument({ path: name, format: 'txt', encoding: 'utf-8', text, tables: [], diagnostics: [] }),
    );
  };

  it('keeps a number that wrapped onto the next line in its sentence, on the line that holds it', () => {
    // 偃师 1194/1196: `力争地区生产总值突破` / `700亿元，…`
    const target = read('luoyang-yanshi-plan-2021-2025.txt').targets.find(
      (t) => t.value === 700 && t.unit === '亿元',
    );
    expect(target).toMatchObject({
      line: 1196,
      comparator: '突破',
      aspirational: true,
      year: 2025,
      indicator: '地区生产总值',
    });
  });

  it("sets a work report's new-year targets to its year and its five-year goals to the term end", () => {
    const report = read('luoyang-jianxi-work-report-2022.txt');
    expect(report.targets.find((t) => t.value === 5.5 && t.unit === '%')).toMatchObject({
      comparator: '以内',
      year: 2022,
    });
    expect(report.targets.find((t) => t.value === 1500)).toMatchObject({ year: 2026, aspirational: true });
    expect(report.achievements.find((a) => a.value === 698)).toMatchObject({ metric: 'level', year: 2021 });
  });

  it('meets the targets, achievements and projects F1 of the gold documents', () => {
    const scores = readdirSync(dir('gold'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => {
        const gold = JSON.parse(readFileSync(dir('gold') + name, 'utf8')) as GoldExtraction;
        const text = readFileSync(dir('corpus') + gold.doc, 'utf8');
        const predicted = toGoldFormat(
          analyzeDocument({
            path: gold.doc,
            format: 'txt',
            encoding: 'utf-8',
            text,
            tables: [],
            diagnostics: [],
          }),
        );
        for (const t of [...predicted.targets, ...predicted.achievements])
          expect(text.split('\n')[t.line - 1]).toContain(t.quote);
        return scoreDocument(predicted, gold);
      });
    const micro = microAverage(scores);
    for (const section of ['targets', 'achievements', 'projects'] as const) {
      expect(micro[section].f1).toBeGreaterThanOrEqual(0.85);
      expect(micro[section].precision).toBeGreaterThanOrEqual(0.85);
    }
    const year = micro.targets.accuracy['year']!;
    // The 2026 gold leaves a year out where the sentence gives none, the Yanshi gold fills in 2025: they disagree.
    expect(year.right / year.total).toBeGreaterThanOrEqual(0.85);
  });
});

describe('values that set no goal', () => {
  it('reads the goals of a 十五五 plan whose first chapter reviews 十四五, past a table of contents 名词解释', () => {
    const doc = read15([
      '第一章  发展基础',
      '',
      '“十四五”时期，全市地区生产总值达到3.2万亿元。',
      '',
      '第二章  发展目标',
      '',
      '“十五五”时期，全市地区生产总值年均增长5.0%左右，人均预期寿命提高到85岁以上。',
    ]);
    expect(doc.targets.map((t) => [t.value, t.comparator, t.year])).toEqual([
      [5, '左右', 2030],
      [85, '以上', 2030],
    ]);
    expect(doc.achievements.map((a) => a.value)).toEqual([3.2]);
  });

  it('leaves out definitions, notes, plan-draft counts, framed sets, age thresholds and size classes', () => {
    const doc = read15([
      '第二章  发展目标',
      '',
      '“15+8”产业是指15个战略性产业和8个现代服务业。',
      '注：1.地表水优良水体比例达到90%。',
      '《纲要（草案）》细化提出20项主要指标。统筹国内国际两个大局，聚焦学校、学生、教师三个关键对象。',
      '大力发展3岁以下婴幼儿照护服务，重点招引一批投资100亿元级项目，土地承包到期后再延长30年。',
      '新增中试验证平台30家。',
    ]);
    expect(doc.targets.map((t) => [t.value, t.unit])).toEqual([[30, '家']]);
  });

  it('reads a glossary only for the goals it sets with 力争', () => {
    const doc = read15([
      '第二章  发展目标',
      '',
      '新增中试验证平台30家。',
      '',
      '名 词 解 释',
      '',
      '1. “5”指5个重点片区，核心结构包括3层。',
      '2. 人才计划：力争五年吸纳10万名以上高校毕业生。',
    ]);
    expect(doc.targets.map((t) => [t.value, t.aspirational])).toEqual([
      [30, false],
      [10, true],
    ]);
  });
});

/** A 十五五 plan with a table of contents whose last entry is 名词解释, then `body`. */
function read15(body: string[]): GoldExtraction {
  const text = [
    '某市国民经济和社会发展第十五个五年规划纲要',
    '',
    '目  录',
    '第一章  发展基础',
    '第二章  发展目标',
    '名词解释',
    '',
    ...body,
    '',
  ].join('\n');
  return toGoldFormat(
    analyzeDocument({
      path: 'plan.txt',
      format: 'txt',
      encoding: 'utf-8',
      text,
      tables: [],
      diagnostics: [],
    }),
  );
}
