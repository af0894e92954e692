// A reviewed exchange file read back into the native model: each table cell is placed where it is written.
import { describe, expect, it } from 'vitest';
import { fromGoldFormat } from './exchange.js';
import type { GoldExtraction, IndicatorRowOut } from './model.js';

function row(cells: Partial<IndicatorRowOut>): IndicatorRowOut {
  return {
    category: null,
    seq: null,
    name: '',
    unit: null,
    base_raw: null,
    target_raw: null,
    growth_raw: null,
    attribute: null,
    parent: null,
    line: 1,
    ...cells,
  };
}

const gold = (rows: IndicatorRowOut[]): GoldExtraction => ({
  doc: 'plan.txt',
  title: null,
  region: null,
  parent_region: null,
  province: null,
  doc_type: 'plan',
  period: null,
  vision_year: null,
  outline: [],
  indicator_tables: [{ caption: null, line: 1, columns: [], rows }],
  targets: [],
  achievements: [],
  projects: [],
});

describe('fromGoldFormat table cells', () => {
  it('places each cell on the lines of its row, with its spacing, never inside a longer number', () => {
    const text = '指标\n研发投入强度\n\t3.23\n\t3\n城镇登记失业率 0.78 4.5 以内 [2.9]\n';
    const x = fromGoldFormat(
      gold([
        row({ name: '研发投入强度', base_raw: '3.23', target_raw: '3', line: 2 }),
        row({
          name: '城镇登记失业率',
          base_raw: '0.78',
          target_raw: '4.5以内',
          growth_raw: '[2.9]',
          line: 5,
        }),
      ]),
      text,
    );
    const places = x.tables[0]!.rows.map((r) =>
      Object.fromEntries(
        Object.entries(r.cells).map(([role, c]) => [role, [c!.evidence.line, c!.evidence.quote]]),
      ),
    );
    expect(places).toEqual([
      { base: [3, '3.23'], target: [4, '3'] },
      { base: [5, '0.78'], target: [5, '4.5 以内'], growth: [5, '[2.9]'] },
    ]);
    for (const r of x.tables[0]!.rows)
      for (const c of Object.values(r.cells))
        expect(text.slice(c!.evidence.start, c!.evidence.end)).toBe(c!.evidence.quote);
  });

  it("gives a cell its row's evidence when the row's lines do not hold it", () => {
    const x = fromGoldFormat(
      gold([row({ name: '地区生产总值', target_raw: '820', line: 2 })]),
      '指标\n地区生产总值\n',
    );
    const r = x.tables[0]!.rows[0]!;
    expect(r.cells.target!.evidence).toEqual(r.evidence);
  });
});
