import { describe, expect, it } from 'vitest';
import { cleanLayout } from '../../layout/index.js';
import type { RawDocument, RawTable } from '../../readers/index.js';
import { makeSourceText } from '../../text/source-text.js';
import { findIndicatorTables, toExchangeTables, type IndicatorTable } from './index.js';

function read(text: string, raw: Partial<RawDocument> = {}): IndicatorTable[] {
  const doc: RawDocument = {
    path: 'case.txt',
    format: 'txt',
    encoding: 'utf-8',
    text,
    tables: [],
    diagnostics: [],
    ...raw,
  };
  return findIndicatorTables(cleanLayout(makeSourceText(text)), doc);
}

/** Rows in the exchange format without line numbers and printed cells, for compact comparison. */
function rows(tables: IndicatorTable[]): Record<string, unknown>[] {
  return toExchangeTables(tables).flatMap((t) => t.rows.map(({ line: _line, cells: _cells, ...row }) => row));
}

const lineOf = (text: string, needle: string): number =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('one cell per line with TABs', () => {
  const text = [
    '前文一段说明。',
    '',
    '\t专栏2 “十五五”主要指标',
    '',
    '\t指标',
    '\t2025年基数',
    '\t2030年目标',
    '\t年均增长或累计',
    '\t指标',
    '',
    '属性',
    '',
    '\t一、经济发展',
    '',
    '\t1',
    '\t地区生产总值增长（%）',
    '\t—',
    '\t—',
    '\t>6',
    '\t预期性',
    '',
    '\t2',
    '\t城镇就业',
    '\t城镇新增就业人数（万人）',
    '\t3.1',
    '\t—',
    '\t[15]',
    '\t',
    '',
    '\t',
    '\t',
    '\t城镇调查失业率（%）',
    '\t4.8',
    '\t<5.5',
    '\t—',
    '\t预期性',
    '',
    '\t二、绿色生态',
    '',
    '\t3',
    '\t单位地区生产总值能源消耗降低（%）',
    '\t—',
    '\t按省下达',
    '',
    '目标',
    '\t—',
    '\t约束性',
    '',
    '',
    '第二章  推动高质量发展',
  ].join('\n');
  const tables = read(text);

  it('finds the table with its caption and header', () => {
    expect(tables).toHaveLength(1);
    expect(tables[0]!.shape).toBe('tab-cells');
    expect(tables[0]!.caption).toBe('专栏2 “十五五”主要指标');
    expect(tables[0]!.line).toBe(3);
    expect(tables[0]!.columns.map((c) => c.header)).toEqual([
      '指标',
      '2025年基数',
      '2030年目标',
      '年均增长或累计',
      '指标属性',
    ]);
    expect(tables[0]!.columns.find((c) => c.role === 'target')!.year).toBe(2030);
  });

  it('reads merged parents, empty cells, wrapped cells and categories', () => {
    expect(rows(tables)).toEqual([
      {
        category: '经济发展',
        seq: '1',
        name: '地区生产总值增长',
        unit: '%',
        base_raw: '—',
        target_raw: '—',
        growth_raw: '>6',
        attribute: '预期性',
        parent: null,
      },
      {
        category: '经济发展',
        seq: '2',
        name: '城镇新增就业人数',
        unit: '万人',
        base_raw: '3.1',
        target_raw: '—',
        growth_raw: '[15]',
        attribute: '',
        parent: '城镇就业',
      },
      {
        category: '经济发展',
        seq: '2',
        name: '城镇调查失业率',
        unit: '%',
        base_raw: '4.8',
        target_raw: '<5.5',
        growth_raw: '—',
        attribute: '预期性',
        parent: '城镇就业',
      },
      {
        category: '绿色生态',
        seq: '3',
        name: '单位地区生产总值能源消耗降低',
        unit: '%',
        base_raw: '—',
        target_raw: '按省下达目标',
        growth_raw: '—',
        attribute: '约束性',
        parent: null,
      },
    ]);
  });

  it('places each row on the line of its name and each cell at its source offsets', () => {
    const row = tables[0]!.rows[3]!;
    expect(row.line).toBe(lineOf(text, '单位地区生产总值能源消耗降低'));
    const target = row.cells.target!;
    expect(text.slice(target.evidence.start, target.evidence.end).replace(/\s+/g, '')).toBe('按省下达目标');
    expect(target.typed.kind).toBe('delegated');
    expect(tables[0]!.rows[0]!.cells.growth!.typed.kind).toBe('growth');
  });
});

describe('pipes with a shifted header and ragged rows', () => {
  const text = [
    '专栏1-1 “十四五”某某区经济社会发展主要指标 | ||||||',
    '指 标 | 2020年 基 数 | 2025年 目 标 | 年均增长 (%) | 属性 | 类别 | |',
    '一、经济发展 | ||||||',
    '1 | 地区生产总值(亿元) | 451.9 | 820 | 9.8 | 预期性 | |',
    '2 | 全员劳动生产率(万元/人,2020年价格) | 14.4 | 18 | — | 预期性 | |',
    '二、绿色生态 | ||||||',
    '3 | 单位GDP能源消耗降幅(%) | -5.54 | 控制在下达目标内 | 约束性 | ||',
    '4 | 城市绿化率(%) | 49 | 52 | 预期性 | ||',
    '5 | 粮食综合生产能力(亿斤) | 0.46 | 0.5 | 1.68 | 预期性 |',
    '坚持把创新摆在发展全局的核心位置，深入实施创新驱动发展战略。',
  ].join('\n');
  const tables = read(text);

  it('reads every row with the growth cell missing where the row is short', () => {
    expect(tables).toHaveLength(1);
    expect(tables[0]!.shape).toBe('pipe');
    expect(tables[0]!.caption).toBe('专栏1-1 “十四五”某某区经济社会发展主要指标');
    expect(rows(tables)).toEqual([
      {
        category: '经济发展',
        seq: '1',
        name: '地区生产总值',
        unit: '亿元',
        base_raw: '451.9',
        target_raw: '820',
        growth_raw: '9.8',
        attribute: '预期性',
        parent: null,
      },
      {
        category: '经济发展',
        seq: '2',
        name: '全员劳动生产率',
        unit: '万元/人',
        base_raw: '14.4',
        target_raw: '18',
        growth_raw: '—',
        attribute: '预期性',
        parent: null,
      },
      {
        category: '绿色生态',
        seq: '3',
        name: '单位GDP能源消耗降幅',
        unit: '%',
        base_raw: '-5.54',
        target_raw: '控制在下达目标内',
        growth_raw: null,
        attribute: '约束性',
        parent: null,
      },
      {
        category: '绿色生态',
        seq: '4',
        name: '城市绿化率',
        unit: '%',
        base_raw: '49',
        target_raw: '52',
        growth_raw: null,
        attribute: '预期性',
        parent: null,
      },
      {
        category: '绿色生态',
        seq: '5',
        name: '粮食综合生产能力',
        unit: '亿斤',
        base_raw: '0.46',
        target_raw: '0.5',
        growth_raw: '1.68',
        attribute: '预期性',
        parent: null,
      },
    ]);
    expect(tables[0]!.endLine).toBe(9);
  });
});

describe('TAB-separated rows', () => {
  const text = [
    '表1 主要指标',
    '序号\t指标\t\t2020年基数\t2025年目标\t年均增长或累计\t指标属性',
    '一、民生福祉\t\t\t\t\t\t',
    '1\t居民人均可支配收入增长（%）\t\t3.7\t—\t与经济增长基本同步\t预期性',
    '2\t城镇就业\t城镇新增就业人数（万人）\t2.4\t—\t〔10〕\t预期性',
    '\t\t城镇调查失业率（%）\t2\t<5.5\t—\t预期性',
    '3\t劳动年龄人口平均受教育年限（年）\t\t—\t11.4\t—\t约束性',
    '下文。',
  ].join('\n');

  it('drops the span of a two-column name and carries merged cells down', () => {
    const tables = read(text);
    expect(tables[0]!.shape).toBe('tab-rows');
    expect(rows(tables)).toEqual([
      {
        category: '民生福祉',
        seq: '1',
        name: '居民人均可支配收入增长',
        unit: '%',
        base_raw: '3.7',
        target_raw: '—',
        growth_raw: '与经济增长基本同步',
        attribute: '预期性',
        parent: null,
      },
      {
        category: '民生福祉',
        seq: '2',
        name: '城镇新增就业人数',
        unit: '万人',
        base_raw: '2.4',
        target_raw: '—',
        growth_raw: '〔10〕',
        attribute: '预期性',
        parent: '城镇就业',
      },
      {
        category: '民生福祉',
        seq: '2',
        name: '城镇调查失业率',
        unit: '%',
        base_raw: '2',
        target_raw: '<5.5',
        growth_raw: '—',
        attribute: '预期性',
        parent: '城镇就业',
      },
      {
        category: '民生福祉',
        seq: '3',
        name: '劳动年龄人口平均受教育年限',
        unit: '年',
        base_raw: '—',
        target_raw: '11.4',
        growth_raw: '—',
        attribute: '约束性',
        parent: null,
      },
    ]);
    expect(tables[0]!.rows[2]!.cells.growth!.typed.kind).toBe('empty');
    expect(tables[0]!.rows[1]!.cells.growth!.typed.kind).toBe('cumulative');
  });
});

describe('PDF text flattened into lines', () => {
  const text = [
    '专栏 2-1 “十五五”时期经济社会发展主要指标',
    '',
    '序',
    '',
    '号',
    '类别 指标名称',
    '',
    '2025年',
    '基数',
    '',
    '“十五五”规划',
    '指标',
    '',
    '属性',
    '2030年',
    '目标',
    '',
    '五年年均增',
    '',
    '长或累计',
    '',
    '1',
    '',
    '经济',
    '',
    '发展',
    '',
    '地区生产总值增长（%） — — 6左右 预期性',
    '',
    '2 一般公共预算收入增长（%） 4.2亿 — 6 预期性',
    '',
    '3',
    '',
    '民生',
    '',
    '福祉',
    '',
    '居民人均可支配收入增长率(%) — — 与经济增长',
    '',
    '基本同步',
    '预期性',
    '',
    '4',
    '城镇就业',
    '',
    '城镇新增就业人数',
    '',
    '（万人）',
    '— [3.5] —',
    '',
    '预期性',
    '',
    '5 城镇调查失业率（%） 4 — ＜5',
    '',
    '— 12 —',
    '',
    ' 6 人均体育场地设施面积（平方',
    '',
    '米）',
    '2.1 2.6 以上 — 预期性',
    '',
    '7 空气优良天数比例（%） 70.3 按市下',
    '',
    '达目标',
    '— 约束性',
    '',
    '8 安全',
    '',
    '保障',
    '粮食综合生产能力（万吨） 2.5 ≥2.5 — 预期性',
    '',
    '注：1.[ ]内数据为五年累计数。',
    '',
    '第二章 推动制造业高质量发展',
  ].join('\n');
  const tables = read(text);

  it('rebuilds rows from sequence numbers alone, split categories, wrapped names and values', () => {
    expect(tables).toHaveLength(1);
    expect(tables[0]!.shape).toBe('flattened');
    expect(tables[0]!.columns.map((c) => c.role)).toEqual([
      'seq',
      'category',
      'name',
      'base',
      'target',
      'growth',
      'attribute',
    ]);
    expect(rows(tables)).toEqual([
      {
        category: '经济发展',
        seq: '1',
        name: '地区生产总值增长',
        unit: '%',
        base_raw: '—',
        target_raw: '—',
        growth_raw: '6左右',
        attribute: '预期性',
        parent: null,
      },
      {
        category: '经济发展',
        seq: '2',
        name: '一般公共预算收入增长',
        unit: '%',
        base_raw: '4.2亿',
        target_raw: '—',
        growth_raw: '6',
        attribute: '预期性',
        parent: null,
      },
      {
        category: '民生福祉',
        seq: '3',
        name: '居民人均可支配收入增长率',
        unit: '%',
        base_raw: '—',
        target_raw: '—',
        growth_raw: '与经济增长基本同步',
        attribute: '预期性',
        parent: null,
      },
      {
        category: '民生福祉',
        seq: '4',
        name: '城镇新增就业人数',
        unit: '万人',
        base_raw: '—',
        target_raw: '[3.5]',
        growth_raw: '—',
        attribute: '预期性',
        parent: '城镇就业',
      },
      {
        category: '民生福祉',
        seq: '5',
        name: '城镇调查失业率',
        unit: '%',
        base_raw: '4',
        target_raw: '—',
        growth_raw: '＜5',
        attribute: null,
        parent: null,
      },
      {
        category: '民生福祉',
        seq: '6',
        name: '人均体育场地设施面积',
        unit: '平方米',
        base_raw: '2.1',
        target_raw: '2.6以上',
        growth_raw: '—',
        attribute: '预期性',
        parent: null,
      },
      {
        category: '民生福祉',
        seq: '7',
        name: '空气优良天数比例',
        unit: '%',
        base_raw: '70.3',
        target_raw: '按市下达目标',
        growth_raw: '—',
        attribute: '约束性',
        parent: null,
      },
      {
        category: '安全保障',
        seq: '8',
        name: '粮食综合生产能力',
        unit: '万吨',
        base_raw: '2.5',
        target_raw: '≥2.5',
        growth_raw: '—',
        attribute: '预期性',
        parent: null,
      },
    ]);
  });

  it('reads the same flattened lines from a PDF reader with TABs between wide gaps', () => {
    const pdf = [
      '专栏1 主要指标',
      '序号\t指标\t2020 年基数\t2025 年目标\t年均增长或累计\t指标属性',
      '一、民生福祉',
      '9\t城镇就业\t城镇新增就业人数（万人）\t2.4\t—\t〔10〕\t预期性',
      '城镇调查失业率（%）\t2\t<5.5\t—\t预期性',
      '10\t劳动年龄人口平均受教育年限（年）\t—\t11.4\t—\t约束性',
      '第二篇 加快完善现代创新体系',
    ].join('\n');
    const found = read(pdf, { format: 'pdf', encoding: null });
    expect(found[0]!.shape).toBe('flattened');
    expect(
      rows(found).map((r) => [r.seq, r.parent, r.name, r.base_raw, r.target_raw, r.growth_raw, r.attribute]),
    ).toEqual([
      ['9', '城镇就业', '城镇新增就业人数', '2.4', '—', '〔10〕', '预期性'],
      ['9', '城镇就业', '城镇调查失业率', '2', '<5.5', '—', '预期性'],
      ['10', null, '劳动年龄人口平均受教育年限', '—', '11.4', '—', '约束性'],
    ]);
  });
});

describe('a 十三五 completion table with a two-level header and a page break', () => {
  const text = [
    '专栏 1-1 “十三五”时期主要经济社会发展目标完成情况',
    '',
    '序',
    '号 指 标 名 称 2015年',
    '',
    '基数',
    '',
    '“十三五”',
    '规划目标',
    '',
    '“十三五”',
    '完成情况 指标',
    '',
    '属性',
    '2020年 年均增长',
    '',
    '（%） 2020年 年均增长',
    '（%）',
    '',
    '一、经济发展',
    '',
    '1 地区生产总值（亿元） 412.1 - 中高速增长 440.2 6.7 预期性',
    '',
    '2',
    '社会消费品零售总额（亿',
    '',
    '元）',
    '146.5 - 中高速增长 - 8.3 预期性',
    '',
    '3',
    '万元生产总值能耗(吨标准',
    '',
    '煤)',
    '4.3 -',
    '',
    '五年下降',
    '',
    '18%',
    '',
    '五年下',
    '',
    '降39%',
    '- 约束性',
    '专栏 1-1 “十三五”时期主要经济社会发展目标完成情况',
    '',
    '序',
    '号 指 标 名 称 2015年',
    '',
    '基数',
    '',
    '“十三五”',
    '规划目标',
    '',
    '“十三五”',
    '完成情况 指标',
    '',
    '属性',
    '2020年 年均增长',
    '',
    '（%） 2020年 年均增长',
    '（%）',
    '',
    '4',
    '森林',
    '',
    '增长',
    '',
    '森林覆盖率(％) 12.56 21.13 - 21.14 -',
    '',
    '约束性森林蓄积量(亿立',
    '',
    '方米)',
    '- - - - -',
    '',
    '备注：部分指标调整为“保持中高速增长”。',
  ].join('\n');
  const tables = read(text);

  it('keeps the planned and the actual columns', () => {
    expect(tables).toHaveLength(1);
    expect(tables[0]!.columns.map((c) => [c.role, c.year])).toEqual([
      ['seq', null],
      ['name', null],
      ['base', 2015],
      ['target', 2020],
      ['growth', null],
      ['actual', 2020],
      ['actual_growth', null],
      ['attribute', null],
    ]);
    const out = toExchangeTables(tables)[0]!.rows.map(({ line: _line, ...row }) => row);
    expect(out[0]).toMatchObject({
      seq: '1',
      name: '地区生产总值',
      unit: '亿元',
      base_raw: '412.1',
      target_raw: '-',
      growth_raw: '中高速增长',
      actual_raw: '440.2',
      actual_growth_raw: '6.7',
    });
    expect(out[1]).toMatchObject({
      seq: '2',
      name: '社会消费品零售总额',
      unit: '亿元',
      actual_raw: '-',
      actual_growth_raw: '8.3',
    });
    expect(out[2]).toMatchObject({
      seq: '3',
      name: '万元生产总值能耗',
      unit: '吨标准煤',
      growth_raw: '五年下降18%',
      actual_raw: '五年下降39%',
      attribute: '约束性',
    });
  });

  it('skips the caption and header repeated after the page break and shares a merged attribute', () => {
    const out = rows(tables);
    expect(out).toHaveLength(5);
    expect(out[3]).toMatchObject({
      seq: '4',
      parent: '森林增长',
      name: '森林覆盖率',
      unit: '％',
      base_raw: '12.56',
      actual_raw: '21.14',
      attribute: '约束性',
    });
    expect(out[4]).toMatchObject({
      seq: '4',
      parent: '森林增长',
      name: '森林蓄积量',
      unit: '亿立方米',
      base_raw: '-',
      attribute: '约束性',
    });
  });
});

describe('space-separated columns, a 单位 column and no caption', () => {
  const text = [
    '“十五五”时期经济社会发展的主要目标如下。',
    '',
    '指标 单位 2025年 2030年 年均增长 属性',
    '地区生产总值 亿元 451.9 600 6 预期性',
    '常住人口城镇化率 % 88.06 90 — 预期性',
    '研发经费投入强度* % 3.5 4 — 预期性',
    '',
    '第三章 构建现代化产业体系',
  ].join('\n');
  const tables = read(text);

  it('takes the unit from its column, the years from the header and drops footnote markers', () => {
    expect(tables).toHaveLength(1);
    expect(tables[0]!.caption).toBeNull();
    expect(tables[0]!.line).toBe(3);
    expect(tables[0]!.columns.map((c) => [c.role, c.year])).toEqual([
      ['name', null],
      ['unit', null],
      ['base', 2025],
      ['target', 2030],
      ['growth', null],
      ['attribute', null],
    ]);
    expect(
      rows(tables).map((r) => [r.seq, r.name, r.unit, r.base_raw, r.target_raw, r.growth_raw, r.attribute]),
    ).toEqual([
      [null, '地区生产总值', '亿元', '451.9', '600', '6', '预期性'],
      [null, '常住人口城镇化率', '%', '88.06', '90', '—', '预期性'],
      [null, '研发经费投入强度', '%', '3.5', '4', '—', '预期性'],
    ]);
  });
});

describe('real tables from a reader', () => {
  const cell = (text: string, covered = false, rowSpan = 1, colSpan = 1) => ({
    text,
    covered,
    rowSpan,
    colSpan,
  });
  const grid = [
    [cell('序号'), cell('指标'), cell('', true), cell('2020年基数'), cell('2025年目标'), cell('指标属性')],
    [
      cell('1', false, 2),
      cell('城镇就业', false, 2),
      cell('城镇新增就业人数（万人）'),
      cell('2.4'),
      cell('[10]'),
      cell('预期性', false, 2),
    ],
    [
      cell('1', true),
      cell('城镇就业', true),
      cell('城镇调查失业率（%）'),
      cell('2'),
      cell('<5.5'),
      cell('预期性', true),
    ],
    [
      cell('2'),
      cell('人均预期寿命（岁）', false, 1, 2),
      cell('人均预期寿命（岁）', true),
      cell('78.5'),
      cell('79'),
      cell('预期性'),
    ],
  ];
  const text = [
    '专栏3 主要指标',
    ...grid.map((r) => r.map((c) => (c.covered ? '' : c.text)).join('\t')),
    '正文继续。',
  ].join('\n');
  const table: RawTable = { startLine: 2, endLine: 5, rows: grid };

  it('uses the grid: merged cells repeat, a cell spanning two columns counts once', () => {
    const tables = read(text, { format: 'docx', encoding: null, tables: [table] });
    expect(tables).toHaveLength(1);
    expect(tables[0]!.shape).toBe('real');
    expect(tables[0]!.caption).toBe('专栏3 主要指标');
    expect(rows(tables).map((r) => [r.seq, r.parent, r.name, r.base_raw, r.target_raw, r.attribute])).toEqual(
      [
        ['1', '城镇就业', '城镇新增就业人数', '2.4', '[10]', '预期性'],
        ['1', '城镇就业', '城镇调查失业率', '2', '<5.5', '预期性'],
        ['2', null, '人均预期寿命', '78.5', '79', '预期性'],
      ],
    );
    const sub = tables[0]!.rows[1]!;
    expect(sub.line).toBe(4);
    // The merged attribute points at the cell that holds it.
    expect(sub.cells.attribute!.evidence.line).toBe(3);
  });
});

describe('text that is not an indicator table', () => {
  it('finds nothing in prose about indicators or in a project box', () => {
    const text = [
      '第一节 主要目标',
      '',
      '到2025年，地区生产总值年均增长7%以上，主要指标完成省市下达目标，约束性指标全面完成。',
      '',
      '专栏2 “十四五”重点项目',
      '',
      '投资60亿元的洛阳新材料及智能装备科创小镇一期项目',
      '',
      '指标属性分为预期性和约束性两类，年度计划对约束性指标设置年度目标。',
    ].join('\n');
    expect(read(text)).toEqual([]);
  });
});

describe('one cell per line without TABs, numbers restarting in each category', () => {
  const text = [
    '表2 “十五五”时期主要指标',
    '类别',
    '序号',
    '指标',
    '2025年',
    '2030年',
    '年均增长',
    '属性',
    '经济发展',
    '1',
    '地区生产总值（亿元）',
    '451.9',
    '600',
    '6',
    '预期性',
    '2',
    '常住人口城镇化率（%）',
    '88.06',
    '90',
    '—',
    '预期性',
    '绿色生态',
    '1',
    '森林覆盖率（%）',
    '21.1',
    '23',
    '—',
    '约束性',
    '第四章 加快建设现代化产业体系',
  ].join('\n');

  it('reads each cell in order', () => {
    const tables = read(text);
    expect(tables).toHaveLength(1);
    expect(
      rows(tables).map((r) => [
        r.category,
        r.seq,
        r.name,
        r.unit,
        r.base_raw,
        r.target_raw,
        r.growth_raw,
        r.attribute,
      ]),
    ).toEqual([
      ['经济发展', '1', '地区生产总值', '亿元', '451.9', '600', '6', '预期性'],
      ['经济发展', '2', '常住人口城镇化率', '%', '88.06', '90', '—', '预期性'],
      ['绿色生态', '1', '森林覆盖率', '%', '21.1', '23', '—', '约束性'],
    ]);
    expect(tables[0]!.endLine).toBe(28);
  });
});

describe('a Markdown pipe table with a category column and a header repeated after a page break', () => {
  const text = [
    '附表1 主要指标',
    '',
    '| 类别 | 序号 | 指标 | 2025年基数 | 2030年目标 | 年均增长或累计 | 属性 |',
    '|---|---|---|---|---|---|---|',
    '| 开放合作 | 1 | 进出口总额（亿美元） | 0.82 | 3 | 29.6 | 预期性 |',
    '| | 2 | 实际利用外资（亿美元） | 1.1 | 2 | — | 预期性 |',
    '| 类别 | 序号 | 指标 | 2025年基数 | 2030年目标 | 年均增长或累计 | 属性 |',
    '| 安全保障 | 3 | 粮食综合生产能力（万吨） | 2.5 | ≥2.5 | — | 约束性 |',
    '',
    '资料来源：区统计局。',
  ].join('\n');

  it('takes categories from their column and skips the separator and the repeated header', () => {
    const tables = read(text);
    expect(tables).toHaveLength(1);
    expect(
      rows(tables).map((r) => [
        r.category,
        r.seq,
        r.name,
        r.base_raw,
        r.target_raw,
        r.growth_raw,
        r.attribute,
      ]),
    ).toEqual([
      ['开放合作', '1', '进出口总额', '0.82', '3', '29.6', '预期性'],
      ['开放合作', '2', '实际利用外资', '1.1', '2', '—', '预期性'],
      ['安全保障', '3', '粮食综合生产能力', '2.5', '≥2.5', '—', '约束性'],
    ]);
  });
});

describe('cells the header has no column for', () => {
  it('keeps the columns it has and says which cells it dropped, and where', () => {
    const text = [
      '指标名称 2025年基数 2030年目标 属性',
      '地区生产总值（亿元） 451.9 600 7.5 预期性',
      '',
      '正文。',
    ].join('\n');
    const tables = read(text);
    expect(rows(tables).map((r) => [r.name, r.base_raw, r.target_raw, r.growth_raw, r.attribute])).toEqual([
      ['地区生产总值', '451.9', '600', null, '预期性'],
    ]);
    expect(tables[0]!.diagnostics).toMatchObject([
      { severity: 'warning', code: 'table/extra-cells', line: 2 },
    ]);
    expect(tables[0]!.diagnostics[0]!.message).toContain('7.5');
  });
});

describe('single-space PDF text with category cells wrapped over lines and their count', () => {
  const text = [
    '“十五五”时期经济社会发展主要指标',
    '类别 序号 指标 2025年 2030年目标 属性',
    '创新',
    '发展',
    '(2项)',
    '1 每万人口高价值发明专利拥有量(件) 180.7 240左右 预期性',
    '2 全员劳动生产率(万元/人) >46.5∗ 58左右 预期性',
    '绿色',
    '发展',
    '(1项)',
    '3 细颗粒物年均浓度(微克/立方米) 27',
    '达到国家',
    '要求',
    '约束性',
    '注:1.【 】为5年累计数,带∗为预计数。',
    '2.部分指标尚无2025年数',
    '据。',
    '第二篇 坚守职责使命',
  ].join('\n');
  const tables = read(text);

  it('takes the wrapped cells as categories without their count, not as rows', () => {
    expect(
      rows(tables).map((r) => [r.category, r.seq, r.name, r.unit, r.base_raw, r.target_raw, r.attribute]),
    ).toEqual([
      ['创新发展', '1', '每万人口高价值发明专利拥有量', '件', '180.7', '240左右', '预期性'],
      ['创新发展', '2', '全员劳动生产率', '万元/人', '>46.5∗', '58左右', '预期性'],
      ['绿色发展', '3', '细颗粒物年均浓度', '微克/立方米', '27', '达到国家要求', '约束性'],
    ]);
  });

  it('gives the plan period of the caption, the column map and the notes under the table', () => {
    const [table] = toExchangeTables(tables);
    expect(table!.period).toBe('2026-2030');
    expect(table!.column_map).toEqual({ base_raw: '2025年', target_raw: '2030年目标', growth_raw: null });
    expect(table!.footnotes).toEqual(['注:1.【 】为5年累计数,带∗为预计数。', '2.部分指标尚无2025年数据。']);
  });
});

describe('TAB rows numbered inside the name cell, merged cells omitted, values in words', () => {
  const text = [
    '专栏1  “十五五”时期经济社会发展主要指标',
    '类别\t指标\t单位\t2025年  完成值\t2030年  目标值\t属性',
    '经济发展\t1. 地区生产总值年均增长\t%\t“十四五”年均增长4.0\t“十五五”年均增长5.0左右\t预期性',
    '2. 海洋生产总值*\t亿元\t5231\t7300\t预期性',
    '3. 城乡居民人均可支配收入比值\t—\t1.99\t1.9\t预期性',
    '民生福祉\t4. 每千人口拥有医护人员数\t每千人口拥有执业（助理）医师数\t人\t4.45\t4.50\t预期性',
    '每千人口拥有注册护士数\t人\t5.21\t5.30',
    '5. 3岁以下婴幼儿入托率\t%\t10\t20\t预期性',
    '注：1.“十四五”年均增长为2021-2025年平均。',
  ].join('\n');

  it('splits the number off the name, aligns on the unit and keeps a short sub-row in its group', () => {
    const tables = read(text);
    expect(tables[0]!.shape).toBe('tab-rows');
    expect(
      rows(tables).map((r) => [
        r.category,
        r.seq,
        r.name,
        r.unit,
        r.base_raw,
        r.target_raw,
        r.attribute,
        r.parent,
      ]),
    ).toEqual([
      [
        '经济发展',
        '1',
        '地区生产总值年均增长',
        '%',
        '“十四五”年均增长4.0',
        '“十五五”年均增长5.0左右',
        '预期性',
        null,
      ],
      ['经济发展', '2', '海洋生产总值', '亿元', '5231', '7300', '预期性', null],
      ['经济发展', '3', '城乡居民人均可支配收入比值', '—', '1.99', '1.9', '预期性', null],
      [
        '民生福祉',
        '4',
        '每千人口拥有执业（助理）医师数',
        '人',
        '4.45',
        '4.50',
        '预期性',
        '每千人口拥有医护人员数',
      ],
      ['民生福祉', '4', '每千人口拥有注册护士数', '人', '5.21', '5.30', '', '每千人口拥有医护人员数'],
      ['民生福祉', '5', '3岁以下婴幼儿入托率', '%', '10', '20', '预期性', null],
    ]);
  });
});
