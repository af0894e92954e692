import { describe, expect, it } from 'vitest';
import type { GoldExtraction } from '../extract/index.js';
import { normalizeText, withoutUnitSuffix } from './normalize.js';
import { microAverage, pairBest, scoreDocument } from './score.js';
import { similarity } from './similarity.js';

describe('similarity (difflib ratio)', () => {
  // Expected values computed with Python's difflib.SequenceMatcher(None, a, b).ratio().
  it.each([
    ['abcd', 'bcde', 0.75],
    ['地区生产总值增长', '地区生产总值', 0.8571428571428571],
    ['城镇新增就业人数', '城镇调查失业率', 0.4],
    ['研发经费投入强度', '研究与实验发展经费投入强度', 0.7619047619047619],
    ['qabxcd', 'abycdf', 0.6666666666666666],
    ['', '', 1],
  ])('%s ~ %s = %f', (a, b, expected) => {
    expect(similarity(a, b)).toBeCloseTo(expected, 12);
  });
});

describe('normalizeText', () => {
  it('applies NFKC, drops whitespace and maps brackets', () => {
    expect(normalizeText('〔13.5〕')).toBe('[13.5]');
    expect(normalizeText('【1.1】')).toBe('[1.1]');
    expect(normalizeText('＜4')).toBe('<4');
    expect(normalizeText(' 70 以上 ')).toBe('70以上');
    expect(normalizeText('９．８％')).toBe('9.8%');
  });
  it('treats dashes, slash, empty and null as the same empty cell', () => {
    for (const empty of ['—', '-', '/', '', null, undefined]) expect(normalizeText(empty)).toBe('');
  });
  it('drops only the trailing unit in parentheses', () => {
    expect(withoutUnitSuffix('每千人口拥有执业（助理）医师数（人）')).toBe('每千人口拥有执业（助理）医师数');
  });
});

describe('pairBest', () => {
  it('pairs one-to-one, best score first', () => {
    const pairs = pairBest([1, 2], [1, 2, 3], (p, g) => (Math.abs(p - g) <= 1 ? 10 - Math.abs(p - g) : null));
    expect(pairs).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });
});

function doc(partial: Partial<GoldExtraction>): GoldExtraction {
  return {
    doc: 'x.txt',
    title: 't',
    region: 'r',
    parent_region: 'p',
    province: 'v',
    doc_type: 'plan',
    period: '2021-2025',
    vision_year: 2035,
    outline: [],
    indicator_tables: [],
    targets: [],
    achievements: [],
    projects: [],
    ...partial,
  };
}

describe('scoreDocument', () => {
  it('matches outline entries by line ±1 and title similarity ≥ 0.8, and scores levels', () => {
    const gold = doc({
      outline: [
        { level: 1, label: '第一章', title: '发展环境', line: 10 },
        { level: 2, label: '第一节', title: '过去五年取得的成就', line: 12 },
      ],
    });
    const predicted = doc({
      outline: [
        { level: 1, label: '第一章', title: '发展 环境', line: 11 },
        { level: 3, label: '第一节', title: '过去五年取得的成就', line: 14 },
      ],
    });
    const score = scoreDocument(predicted, gold).sections.outline!;
    expect([score.tp, score.fp, score.fn]).toEqual([1, 1, 1]);
    expect(score.accuracy.level).toEqual({ right: 1, total: 1 });
  });

  it('matches targets on value, unit and line ±2, accepting either sign', () => {
    const target = {
      indicator: 'GDP',
      comparator: '达到',
      value: 800,
      value_max: null,
      unit: '亿元',
      year: 2025,
      aspirational: false,
      quote: 'q',
      line: 5,
    };
    const gold = doc({ targets: [target, { ...target, value: -9.2, unit: '%', line: 40 }] });
    const predicted = doc({
      targets: [
        { ...target, line: 7, year: 2024 },
        { ...target, value: 9.2, unit: '%', line: 41 },
        { ...target, line: 90 },
      ],
    });
    const score = scoreDocument(predicted, gold).sections.targets!;
    expect([score.tp, score.fp, score.fn]).toEqual([2, 1, 0]);
    expect(score.accuracy.year).toEqual({ right: 1, total: 2 });
  });

  it('scores printed cells and parents of statistical rows, and role cells only where the gold row has them', () => {
    const row = {
      category: null,
      seq: null,
      name: '其中：新能源汽车',
      unit: '万辆',
      base_raw: null,
      target_raw: null,
      growth_raw: null,
      attribute: null,
      parent: '汽车',
      line: 9,
    };
    const { base_raw: _b, target_raw: _t, growth_raw: _g, attribute: _a, ...statistical } = row;
    const gold = doc({
      indicator_tables: [
        {
          caption: '表2',
          line: 1,
          columns: ['产品名称', '单位', '产量', '比上年增长（%）'],
          rows: [
            {
              ...statistical,
              cells: ['其中：新能源汽车', '万辆', '105.14', '-6.5'],
            } as unknown as typeof row,
            {
              ...row,
              name: '地区生产总值',
              unit: '亿元',
              target_raw: '〔20〕',
              actual_raw: '19428',
              line: 20,
            },
          ],
        },
      ],
    });
    const predicted = doc({
      indicator_tables: [
        {
          caption: '表2',
          line: 1,
          columns: [],
          rows: [
            { ...row, parent: null, cells: ['其中：新能源汽车', '万辆', '105.14', '-6.5'] },
            { ...row, name: '地区生产总值', unit: '亿元', target_raw: '[20]', actual_raw: '19428', line: 20 },
          ],
        },
      ],
    });
    const score = scoreDocument(predicted, gold).sections.table_rows!;
    expect([score.tp, score.fp, score.fn]).toEqual([2, 0, 0]);
    expect(score.accuracy.cells).toEqual({ right: 1, total: 1 });
    expect(score.accuracy.parent).toEqual({ right: 0, total: 1 });
    expect(score.accuracy.target_raw).toEqual({ right: 1, total: 1 });
    expect(score.accuracy.actual_raw).toEqual({ right: 1, total: 1 });
    expect(score.accuracy.full_row).toEqual({ right: 1, total: 2 });
  });

  it('micro-averages counts over documents', () => {
    const gold = doc({ outline: [{ level: 1, label: null, title: '甲乙丙丁', line: 1 }] });
    const a = scoreDocument(gold, gold);
    const b = scoreDocument(doc({}), gold);
    const micro = microAverage([a, b]).outline;
    expect([micro.tp, micro.fp, micro.fn]).toEqual([1, 0, 1]);
    expect(micro.recall).toBe(0.5);
  });
});
