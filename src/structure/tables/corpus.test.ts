import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { microAverage, scoreDocument } from '../../eval/index.js';
import type { GoldExtraction } from '../../extract/index.js';
import { cleanLayout } from '../../layout/index.js';
import { makeSourceText } from '../../text/source-text.js';
import { findIndicatorTables, toExchangeTables, type IndicatorTable } from './index.js';

const fixture = (path: string): string =>
  fileURLToPath(new URL(`../../../fixtures/${path}`, import.meta.url));

function tablesOf(doc: string): { text: string; tables: IndicatorTable[] } {
  const text = readFileSync(fixture(`corpus/${doc}`), 'utf8');
  return { text, tables: findIndicatorTables(cleanLayout(makeSourceText(text))) };
}

const GOLD_DOCS = [
  'luoyang-jianxi-plan-2021-2025',
  'luoyang-jianxi-work-report-2022',
  'luoyang-luolong-plan-2021-2025',
  'luoyang-yanshi-plan-2021-2025',
];

describe('indicator tables of the gold documents', () => {
  const scores = GOLD_DOCS.map((name) => {
    const gold = JSON.parse(readFileSync(fixture(`gold/${name}.json`), 'utf8')) as GoldExtraction;
    const { tables } = tablesOf(gold.doc);
    return scoreDocument({ ...gold, indicator_tables: toExchangeTables(tables) }, gold);
  });

  it('meets the row F1 and cell accuracy targets', () => {
    const rows = microAverage(scores).table_rows;
    const cells = ['unit', 'base_raw', 'target_raw', 'growth_raw', 'attribute'].map((k) => rows.accuracy[k]!);
    const accuracy = cells.reduce((s, a) => s + a.right, 0) / cells.reduce((s, a) => s + a.total, 0);
    expect(rows.tp).toBe(102);
    expect(rows.f1).toBeGreaterThanOrEqual(0.98);
    expect(accuracy).toBeGreaterThanOrEqual(0.97);
  });

  it('finds no table in a work report', () => {
    expect(tablesOf('luoyang-jianxi-work-report-2022.txt').tables).toEqual([]);
  });

  it('reads the TAB-per-cell table with its merged parents and empty attribute cells (涧西)', () => {
    const { tables } = tablesOf('luoyang-jianxi-plan-2021-2025.txt');
    expect(tables.map((t) => [t.shape, t.line, t.endLine, t.rows.length])).toEqual([
      ['tab-cells', 146, 341, 23],
    ]);
    const nurses = tables[0]!.rows.find((r) => r.name === '每千人口注册护士数')!;
    expect([
      nurses.seq,
      nurses.parent,
      nurses.line,
      nurses.cells.target?.raw,
      nurses.cells.attribute?.raw,
    ]).toEqual(['13', '每千人口卫生技术人员数', 267, '按市下达目标', '']);
  });

  it('keeps the planned and actual columns of the 十三五 completion table (偃师)', () => {
    const { tables } = tablesOf('luoyang-yanshi-plan-2021-2025.txt');
    expect(tables.map((t) => [t.caption, t.rows.length])).toEqual([
      ['专栏 1-1 “十三五”时期主要经济社会发展目标完成情况', 29],
      ['专栏 3-1 “十四五”经济社会发展主要指标', 27],
    ]);
    const energy = tables[0]!.rows.find((r) => r.name === '万元生产总值能耗')!;
    expect([energy.cells.growth?.raw, energy.cells.actual?.raw, energy.cells.attribute?.raw]).toEqual([
      '五年下降18%',
      '五年下降39%',
      '约束性',
    ]);
    const volume = tables[0]!.rows.find((r) => r.name === '森林蓄积量')!;
    expect([volume.seq, volume.parent, volume.unit, volume.cells.attribute?.raw]).toEqual([
      '19',
      '森林增长',
      '亿立方米',
      '约束性',
    ]);
    const nurses = tables[1]!.rows.find((r) => r.name === '注册护士数')!;
    expect([nurses.seq, nurses.parent, nurses.cells.attribute?.raw]).toEqual([
      '14',
      '每千人口卫生技术人员数',
      '预期性',
    ]);
  });

  it('carries a typed value in every cell', () => {
    const kinds = new Set<string>();
    for (const doc of [
      'luoyang-jianxi-plan-2021-2025.txt',
      'luoyang-luolong-plan-2021-2025.txt',
      'luoyang-yanshi-plan-2021-2025.txt',
    ]) {
      for (const row of tablesOf(doc).tables.flatMap((t) => t.rows)) {
        for (const [role, cell] of Object.entries(row.cells)) {
          expect(cell.typed.raw).toBe(cell.raw);
          if (role !== 'attribute') kinds.add(cell.typed.kind);
        }
      }
    }
    expect(tablesOf('luoyang-yanshi-plan-2021-2025.txt').tables.flatMap((t) => t.diagnostics)).toEqual([]);
    expect([...kinds].sort()).toEqual([
      'bound',
      'cumulative',
      'delegated',
      'empty',
      'growth',
      'level',
      'qualitative',
    ]);
  });

  it('points every cell at its text in the source', () => {
    const { text, tables } = tablesOf('luoyang-luolong-plan-2021-2025.txt');
    for (const row of tables[0]!.rows) {
      expect(text.slice(row.evidence.start, row.evidence.end)).toBe(row.nameRaw);
      for (const cell of Object.values(row.cells))
        expect(text.slice(cell.evidence.start, cell.evidence.end)).toBe(cell.raw);
    }
  });
});

describe('the Weibin plan (no gold): a flattened PDF table', () => {
  const { tables } = tablesOf('xinxiang-weibin-plan-2021-2025.txt');
  const rows = tables[0]?.rows ?? [];

  it('reads all 19 numbered rows in order, through the page footer', () => {
    expect(tables).toHaveLength(1);
    expect(tables[0]!.caption).toBe('专栏 1-1 “十四五”期间经济社会主要发展目标');
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 19 }, (_, i) => String(i + 1)));
    expect([...new Set(rows.map((r) => r.category))]).toEqual([
      '经济发展',
      '民生福祉',
      '绿色生态',
      '安全保障',
    ]);
  });

  it('joins wrapped names and values and keeps missing cells missing', () => {
    const byName = (name: string) => rows.find((r) => r.name === name)!;
    expect(byName('居民人均可支配收入增长率').cells.growth?.raw).toBe('与经济增长基本同步');
    expect(byName('城镇新增就业人数')).toMatchObject({ parent: '城镇就业', unit: '万人' });
    expect(byName('城镇新增就业人数').cells.target?.raw).toBe('[2.9]');
    expect(byName('城镇调查失业率').cells.attribute).toBeUndefined();
    expect(byName('学前三年毛入园率').cells.growth).toBeUndefined();
    expect(byName('人均体育场地设施面积').unit).toBe('平方米');
    expect(byName('单位GDP能源消耗降幅').cells.growth?.raw).toBe('按市下达目标');
    expect(byName('达到或好于Ⅲ类水体占地表水比例').cells.target?.raw).toBe('按市下达目标');
  });
});
