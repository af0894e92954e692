import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GoldExtraction } from '../extract/index.js';
import { parseCell } from './cell.js';
import type { CellColumn, CellKind } from './types.js';

describe('parseCell: one case per kind', () => {
  it.each<[string, CellColumn | undefined, CellKind, string | undefined]>([
    ['820', 'target', 'level', '820'],
    ['达到13.3万元', 'target', 'level', '13.3'],
    ['>10', 'growth', 'growth', '10'],
    ['7左右', 'growth', 'growth', '7'],
    ['[2.9]', 'target', 'cumulative', '2.9'],
    ['〔13.5〕', 'growth', 'cumulative', '13.5'],
    ['【1.1】', 'growth', 'cumulative', '1.1'],
    ['<4.5', 'target', 'bound', '4.5'],
    ['≥2.5', 'target', 'bound', '2.5'],
    ['97以上', 'target', 'bound', '97'],
    ['控制在5.5%以内', 'target', 'bound', '5.5'],
    ['与经济增长基本同步', 'growth', 'qualitative', undefined],
    ['同步增长', 'growth', 'qualitative', undefined],
    ['按市下达目标', 'target', 'delegated', undefined],
    ['按洛阳市下达目标', 'target', 'delegated', undefined],
    ['控制在下达目标内', 'target', 'delegated', undefined],
    ['完成省市下达任务', 'target', 'delegated', undefined],
    ['—', 'base', 'empty', undefined],
    ['-', 'base', 'empty', undefined],
    ['－', 'base', 'empty', undefined],
    ['/', 'base', 'empty', undefined],
    ['', 'base', 'empty', undefined],
    ['1.2.3', 'base', 'unknown', undefined],
  ])('%s in a %s column → %s', (raw, column, kind, value) => {
    const cell = parseCell(raw, { column });
    expect(cell.kind).toBe(kind);
    expect(cell.value).toBe(value);
    expect(cell.raw).toBe(raw);
  });

  it.each([
    ['70 以上', 'bound', '70', '以上'],
    ['4.5 以内', 'bound', '4.5', '以内'],
    ['＜4', 'bound', '4', '以内'],
    ['-2.9', 'level', '-2.9', undefined],
    ['10.0', 'level', '10', undefined],
    ['６—８', 'level', '6', undefined],
    ['6-8', 'level', '6', undefined],
    ['五年下降18%', 'cumulative', '18', '下降'],
  ])('%s → %s %s', (raw, kind, value, label) => {
    const cell = parseCell(raw, { column: 'target' });
    expect(cell.kind).toBe(kind);
    expect(cell.value).toBe(value);
    expect(cell.comparator?.label).toBe(label);
  });

  it('reads a range and takes the row unit when the cell has none', () => {
    expect(parseCell('6-8', { column: 'target', unit: '个' })).toMatchObject({
      value: '6',
      valueMax: '8',
      unit: { symbol: '个' },
    });
    expect(parseCell('18.5', { unit: '立方米/万元' }).unit!.dimension).toBe('volume/currency');
    expect(parseCell('5%', { unit: '亿元' }).unit!.symbol).toBe('%');
  });
});

describe('parseCell on every raw cell of the gold tables', () => {
  const dir = new URL('../../fixtures/gold/', import.meta.url);
  const columns: [keyof GoldExtraction['indicator_tables'][number]['rows'][number], CellColumn][] = [
    ['base_raw', 'base'],
    ['target_raw', 'target'],
    ['growth_raw', 'growth'],
    ['actual_raw', 'actual'],
    ['actual_growth_raw', 'actual_growth'],
  ];
  const cells: { doc: string; name: string; column: CellColumn; raw: string; unit: string | null }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const gold = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as GoldExtraction;
    for (const table of gold.indicator_tables)
      for (const row of table.rows)
        for (const [key, column] of columns) {
          const raw = row[key];
          if (typeof raw === 'string') cells.push({ doc: file, name: row.name, column, raw, unit: row.unit });
        }
  }

  it('has cells to check', () => expect(cells.length).toBeGreaterThan(200));

  it('reads none of them as unknown, and every number-looking cell to a value', () => {
    const problems = cells
      .map((c) => ({ ...c, cell: parseCell(c.raw, { column: c.column, unit: c.unit ?? undefined }) }))
      .filter(
        ({ raw, cell }) =>
          cell.kind === 'unknown' ||
          (/^[-<>≥≤＜＞[\]〔〕【】\d.]+$/.test(raw) &&
            raw.length > 1 &&
            /\d/.test(raw) &&
            cell.value === undefined),
      )
      .map(({ doc, name, raw, cell }) => `${doc} ${name}: ${raw} → ${cell.kind}`);
    expect(problems).toEqual([]);
  });

  it('keeps the exact decimal of every plain number cell', () => {
    for (const c of cells.filter((x) => /^-?\d+(\.\d+)?$/.test(x.raw))) {
      const cell = parseCell(c.raw, { column: c.column });
      expect(Number(cell.value)).toBe(Number(c.raw));
      expect(cell.value).toBe(c.raw.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''));
    }
  });
});

describe('parseCell on cells of 十五五 tables', () => {
  it('reads a value through its footnote marker and a bare marker as no value', () => {
    expect(parseCell('>46.5∗', { column: 'base' })).toMatchObject({ kind: 'bound', raw: '>46.5∗' });
    expect(parseCell('6.691∗', { column: 'base' }).kind).toBe('level');
    expect(parseCell('*', { column: 'actual' }).kind).toBe('empty');
  });
  it('keeps the values of two indicators in one cell together', () => {
    expect(parseCell('8358/244', { column: 'base' })).toMatchObject({ kind: 'multiple', text: '8358/244' });
  });
});
