import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { columnRoles, isHeaderLine, scanHeader, valueRoles, type HeaderScan } from './header.js';
import {
  CELL_BORDER,
  CELL_BORDER_MARK,
  HEADER_FILLER,
  HEADER_HINT,
  HEADER_TOKENS,
  SENTENCE_MARKS,
} from './vocabulary.js';

/** The header scan as the labels define it: each label tried in turn at each position, then the filler. */
function scanOneByOne(text: string, maxUnknown = Infinity): HeaderScan {
  const compact = text.replace(CELL_BORDER, CELL_BORDER_MARK).replace(/[\s|]+/g, '');
  const tokens: HeaderScan['tokens'] = [];
  let unknown = 0;
  let at = 0;
  outer: while (at < compact.length) {
    for (const { kind, pattern } of HEADER_TOKENS) {
      pattern.lastIndex = at;
      const match = pattern.exec(compact);
      if (match && match[0].length > 0) {
        const year = match.slice(1).find((g) => g !== undefined);
        tokens.push({ kind, text: match[0], year: year ? Number(year) : null });
        at += match[0].length;
        continue outer;
      }
    }
    HEADER_FILLER.lastIndex = at;
    const filler = HEADER_FILLER.exec(compact);
    if (filler && filler[0].length > 0) {
      at += filler[0].length;
      continue;
    }
    unknown += 1;
    if (unknown > maxUnknown) break;
    at += 1;
  }
  return { tokens, unknown };
}

const corpusDir = fileURLToPath(new URL('../../../fixtures/corpus/', import.meta.url));
const corpusLines = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => readFileSync(`${corpusDir}${f}`, 'utf8').split('\n'));

describe('scanHeader', () => {
  it('reads the same labels as trying each label in turn, on every corpus line and run of lines', () => {
    const differ: string[] = [];
    corpusLines.forEach((line, i) => {
      const run = corpusLines.slice(i, i + 4).join('');
      for (const text of [line, run])
        for (const max of [Infinity, 1])
          if (JSON.stringify(scanHeader(text, max)) !== JSON.stringify(scanOneByOne(text, max)))
            differ.push(text);
    });
    expect(differ).toEqual([]);
  });
});

describe('scanHeader on cells at column positions', () => {
  it('keeps two cells apart where removing the spaces would glue their labels', () => {
    const kinds = (text: string) => scanHeader(text).tokens.map((t) => t.kind);
    expect(kinds('分类    序号    指标    属性    2030年目标值')).toEqual([
      'category',
      'seq',
      'name',
      'attribute',
      'target',
    ]);
    expect(kinds('指标属性')).toEqual(['attribute']);
  });
});

const roles = (header: string): string[] =>
  columnRoles(scanHeader(header).tokens).map((c) => `${c.role}${c.year ? `/${c.year}` : ''}`);

describe('columnRoles', () => {
  it.each([
    [
      '指标|2020年基数|2025年目标|五年年均增长或累计|指标属性',
      ['name', 'base/2020', 'target/2025', 'growth', 'attribute'],
    ],
    [
      '指 标 | 2020年 基 数 | 2025年 目 标 | 年均增长 (%) | 属性 | 类别 | |',
      ['name', 'base/2020', 'target/2025', 'growth', 'attribute', 'category'],
    ],
    [
      '序号 指标名称 2025年基数 2030年目标 年均增长或累计（%） 指标属性',
      ['seq', 'name', 'base/2025', 'target/2030', 'growth', 'attribute'],
    ],
    // A spanning label interleaved with the split attribute label (a flattened PDF header).
    [
      '序号类别指标名称2020年基数“十四五”规划指标属性2025年目标五年年均增长或累计',
      ['seq', 'category', 'name', 'base/2020', 'target/2025', 'growth', 'attribute'],
    ],
    // Two spanning labels printed before their sub-labels: shared out in order.
    [
      '序号指标名称2015年基数“十三五”规划目标“十三五”完成情况指标属性2020年年均增长（%）2020年年均增长（%）',
      ['seq', 'name', 'base/2015', 'target/2020', 'growth', 'actual/2020', 'actual_growth', 'attribute'],
    ],
    [
      '指标 单位 2020年 2025年 年均增长 属性',
      ['name', 'unit', 'base/2020', 'target/2025', 'growth', 'attribute'],
    ],
    [
      '指标|2015年|2020年规划目标|2020年完成情况|属性',
      ['name', 'base/2015', 'target/2020', 'actual/2020', 'attribute'],
    ],
    // A 十四五 table's estimated 2020 value is its base.
    [
      '指标名称|单位|2020年预计|2025年目标|年均增速|指标性质',
      ['name', 'unit', 'base/2020', 'target/2025', 'growth', 'attribute'],
    ],
    ['类别|序号|指标|基期值|目标值|属性', ['category', 'seq', 'name', 'base', 'target', 'attribute']],
  ])('%s', (header, expected) => {
    expect(roles(header)).toEqual(expected);
  });

  it('keeps the spanning label in the header text of a bare year', () => {
    const columns = columnRoles(
      scanHeader('指标“十三五”规划目标“十三五”完成情况2020年年均增长2020年年均增长').tokens,
    );
    expect(columns.map((c) => c.header)).toEqual([
      '指标',
      '“十三五”规划目标：2020年',
      '年均增长',
      '“十三五”完成情况：2020年',
      '年均增长',
    ]);
  });

  it('falls back to base, target and growth when the header names no value column', () => {
    expect(valueRoles(columnRoles(scanHeader('指标名称').tokens))).toEqual(['base', 'target', 'growth']);
  });
});

describe('isHeaderLine', () => {
  it.each([
    ['指 标 名 称', false, true],
    ['号 指 标 名 称 2015年', false, true],
    ['（%） 2020年 年均增长', false, true],
    ['序', true, true],
    ['“十三五”', true, true],
    ['序', false, false],
    ['一、经济发展', true, false],
    ['1 地区生产总值（亿元） 412.1 - 中高速增长 440.2 6.7 预期性', true, false],
    ['到2025年，主要指标完成下达目标。', false, false],
    ['2020年', true, true],
  ])('%s (fragment %s) → %s', (text, fragment, expected) => {
    expect(isHeaderLine(text, fragment)).toBe(expected);
  });

  it('rules lines out by punctuation and hint words exactly as the patterns do, on every corpus line', () => {
    const sentence = new RegExp(`[${SENTENCE_MARKS}]`);
    const strong = new Set(['seq', 'name', 'base', 'target', 'growth', 'attribute']);
    const byPatterns = (text: string, fragment: boolean): boolean => {
      if (text.length > 90 || sentence.test(text) || (!fragment && !HEADER_HINT.test(text))) return false;
      const compact = text.replace(/[\s|]+/g, '');
      if (compact === '' || compact.length > 60) return false;
      const { tokens, unknown } = scanOneByOne(compact, 1);
      if (unknown > 1 || (unknown === 1 && compact.length < 6)) return false;
      return fragment || tokens.some((t) => strong.has(t.kind));
    };
    const differ: string[] = [];
    let headers = 0;
    for (const line of corpusLines)
      for (const fragment of [false, true]) {
        const read = isHeaderLine(line, fragment);
        if (read) headers += 1;
        if (read !== byPatterns(line, fragment)) differ.push(line);
      }
    expect(differ).toEqual([]);
    expect(headers).toBeGreaterThan(50);
  });
});
