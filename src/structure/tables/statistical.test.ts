import { describe, expect, it } from 'vitest';
import { cleanLayout } from '../../layout/index.js';
import type { RawDocument, RawTable } from '../../readers/index.js';
import { makeSourceText } from '../../text/source-text.js';
import { findIndicatorTables, toExchangeTables } from './index.js';
import { statisticalHeader } from './statistical.js';

function read(text: string, raw: Partial<RawDocument> = {}) {
  const doc: RawDocument = {
    path: 'case.txt',
    format: 'txt',
    encoding: 'utf-8',
    text,
    tables: [],
    diagnostics: [],
    ...raw,
  };
  return toExchangeTables(findIndicatorTables(cleanLayout(makeSourceText(text)), doc));
}

const rowsOf = (tables: ReturnType<typeof read>) =>
  tables.flatMap((t) => t.rows.map((r) => [r.name, r.unit, r.parent, r.cells]));

describe('statisticalHeader', () => {
  it('knows a name column, a unit column and value columns with their unit', () => {
    expect(statisticalHeader(['产品名称', '单位', '产量', '比上年增长（%）'])).toEqual({
      columns: ['产品名称', '单位', '产量', '比上年增长（%）'],
      unitColumn: 1,
      headerUnit: '%',
    });
    expect(statisticalHeader(['指标', '涨跌幅度（%）'])?.headerUnit).toBe('%');
  });
  it('is not fooled by an indicator table header or prose', () => {
    expect(statisticalHeader(['指标', '2025年目标', '属性'])).toBeNull();
    expect(statisticalHeader(['全年', '货物运输总量'])).toBeNull();
  });
});

describe('statistical tables of a bulletin in text', () => {
  it('reads space-separated rows: names with spaces rejoined, the unit from its column, sub-rows under 其中', () => {
    const text = [
      '全年规模以上工业增加值比上年增长5.1%。',
      '表 2 2025 年规模以上工业主要产品产量及其增长速度',
      '产品名称 单位 产量 比上年增长（%）',
      '汽车 万辆 148.27 -2.8',
      '其中：新能源汽车 万辆 105.14 -6.5',
      '3D 打印设备 台 973 71.3',
      '全年规模以上工业企业营业收入10122.78 亿元，比上年增',
    ].join('\n');
    const tables = read(text);
    expect(tables.map((t) => [t.caption, t.line, t.columns])).toEqual([
      [
        '表 2 2025 年规模以上工业主要产品产量及其增长速度',
        2,
        ['产品名称', '单位', '产量', '比上年增长（%）'],
      ],
    ]);
    expect(rowsOf(tables)).toEqual([
      ['汽车', '万辆', null, ['汽车', '万辆', '148.27', '-2.8']],
      ['其中：新能源汽车', '万辆', '汽车', ['其中：新能源汽车', '万辆', '105.14', '-6.5']],
      ['3D打印设备', '台', null, ['3D打印设备', '台', '973', '71.3']],
    ]);
    expect(tables[0]!.rows.map((r) => [r.line, r.raw])).toEqual([
      [4, '汽车 万辆 148.27 -2.8'],
      [5, '其中：新能源汽车 万辆 105.14 -6.5'],
      [6, '3D 打印设备 台 973 71.3'],
    ]);
  });

  it('takes the unit from the header, breaks a total down and ends at the next heading', () => {
    const text = [
      '表 1 2025 年居民消费价格比上年涨跌幅度',
      '指标\t涨跌幅度（%）',
      '居民消费价格\t0.5',
      '其中：食品烟酒\t-0.7',
      '衣着\t1.6',
      '表 3 2025 年客货运输量及其增长速度',
      '指标 单位 绝对数 比上年增长（%）',
      '货物运输总量 万吨 29991.95 -1.8',
      '公路 万吨 29291.00 -2.0',
      '旅客运输总量 万人次 17906.41 1.3',
      '公路 万人次 5101.68 -0.9',
      '五、国内贸易',
    ].join('\n');
    expect(rowsOf(read(text))).toEqual([
      ['居民消费价格', '%', null, ['居民消费价格', '0.5']],
      ['其中：食品烟酒', '%', '居民消费价格', ['其中：食品烟酒', '-0.7']],
      ['衣着', '%', '居民消费价格', ['衣着', '1.6']],
      ['货物运输总量', '万吨', null, ['货物运输总量', '万吨', '29991.95', '-1.8']],
      ['公路', '万吨', '货物运输总量', ['公路', '万吨', '29291.00', '-2.0']],
      ['旅客运输总量', '万人次', null, ['旅客运输总量', '万人次', '17906.41', '1.3']],
      ['公路', '万人次', '旅客运输总量', ['公路', '万人次', '5101.68', '-0.9']],
    ]);
  });

  it('puts a note marker the PDF text layer set apart back after its name', () => {
    const text = [
      '表 1 居民消费价格涨跌幅度',
      '指标\t涨跌幅度（%）',
      '衣着\t1.6',
      '[3]\t0.0',
      '居住',
      '交通通信\t-1.6',
    ].join('\n');
    expect(rowsOf(read(text)).map((r) => r[3])).toEqual([
      ['衣着', '1.6'],
      ['居住[3]', '0.0'],
      ['交通通信', '-1.6'],
    ]);
  });
});

describe('statistical tables from a reader', () => {
  it('reads a real table whose header is a statistical header', () => {
    const cell = (text: string) => ({ text, covered: false, rowSpan: 1, colSpan: 1 });
    const text = [
      '表1 主要产品产量',
      '产品名称\t单位\t产量',
      '小麦粉\t万吨\t23.79',
      '饮料\t万吨\t176.20',
    ].join('\n');
    const table: RawTable = {
      startLine: 2,
      endLine: 4,
      rows: [
        [cell('产品名称'), cell('单位'), cell('产量')],
        [cell('小麦粉'), cell('万吨'), cell('23.79')],
        [cell('饮料'), cell('万吨'), cell('176.20')],
      ],
    };
    const tables = read(text, { format: 'html', tables: [table] });
    expect(tables.map((t) => [t.caption, t.columns])).toEqual([
      ['表1 主要产品产量', ['产品名称', '单位', '产量']],
    ]);
    expect(rowsOf(tables)).toEqual([
      ['小麦粉', '万吨', null, ['小麦粉', '万吨', '23.79']],
      ['饮料', '万吨', null, ['饮料', '万吨', '176.20']],
    ]);
    expect(tables[0]!.rows[0]!.raw).toBe('小麦粉\t万吨\t23.79');
  });
});
