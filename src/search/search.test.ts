import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  mergeRanges,
  normalizeForSearch,
  parseQuery,
  planningDictionary,
  queryTerms,
  searchUnitsOfText,
  unitSnippet,
  MAX_TERMS,
  MAX_UNIT,
} from './index.js';

const corpus = (name: string) =>
  readFileSync(new URL(`../../fixtures/corpus/${name}`, import.meta.url), 'utf8');

describe('query words', () => {
  it('keeps planning terms whole and drops punctuation and stopwords', () => {
    expect(queryTerms('“十四五”时期 养老服务，的')).toEqual(['十四五', '时期', '养老服务']);
  });
  it('folds full-width letters so ＧＤＰ finds GDP, keeping every offset', () => {
    expect(queryTerms('ＧＤＰ')).toEqual(['gdp']);
    const text = '单位ＧＤＰ能耗下降（％）㎡';
    const folded = normalizeForSearch(text);
    expect(folded).toHaveLength(text.length);
    expect(folded).toBe('单位gdp能耗下降(%)㎡');
  });
  it('the dictionary holds catalog indicator names', () => {
    expect(planningDictionary()).toContain('常住人口城镇化率');
  });
  it('widens a word by the catalog: 研发 finds 研究与实验发展经费投入强度, GDP finds 地区生产总值', () => {
    const [rd] = parseQuery('研发');
    expect(rd!.alternatives[0]).toBe('研发');
    expect(rd!.alternatives).toContain('研究与实验发展经费投入强度');
    expect(parseQuery('GDP')[0]!.alternatives).toContain('地区生产总值');
  });
  it('does not widen a word shared by indicators of several fields, nor an ordinary word', () => {
    expect(parseQuery('城镇')[0]!.alternatives).toEqual(['城镇']);
    expect(parseQuery('养老')[0]!.alternatives).toEqual(['养老']);
    expect(parseQuery('一个')[0]!.alternatives).toEqual(['一个']);
  });
  it('reads FTS syntax as plain words and caps a pasted page', () => {
    expect(parseQuery('"')).toEqual([]);
    expect(parseQuery('NEAR( OR *').map((t) => t.term)).toEqual(['near', 'or']);
    const long = Array.from({ length: 30 }, (_, i) => `词${i}`).join(' ');
    expect(parseQuery(long)).toHaveLength(MAX_TERMS);
  });
});

describe('search units', () => {
  const text = '第一章 总体要求\n\n完善养老服务体系，发展普惠托育。\n加快城市更新。';
  it('one unit per line with letters, each pointing at its source line and offset', () => {
    const units = searchUnitsOfText(text);
    expect(units.map((u) => u.line)).toEqual([1, 3, 4]);
    for (const u of units) expect(text.slice(u.start, u.start + u.text.length)).toBe(u.text);
  });
  it('a word wrapped across two lines of a hard-wrapped plan is one word of one unit', () => {
    const source = corpus('beijing-plan-2026-2030.txt');
    const units = searchUnitsOfText(source);
    const spans = units
      .filter((u) => u.body.includes('高质量发展'))
      .map((u) => unitSnippet(u, ['高质量发展']))
      .map((shown) => ({ shown, printed: source.slice(shown.start, shown.end) }));
    // The hit's source span is the word as printed, across the line break, starting on the line it names.
    const wrapped = spans.filter(({ printed }) => printed.includes('\n'));
    expect(wrapped.length).toBeGreaterThan(0);
    for (const { shown, printed } of wrapped) {
      expect(printed.replace(/\r?\n/g, '')).toBe('高质量发展');
      expect(source.split('\n')[shown.line - 1]!.endsWith(printed.split('\n')[0]!)).toBe(true);
    }
  });
  it('cuts a very long line into units of at most MAX_UNIT characters, all of it kept', () => {
    const line = '推进高质量发展。'.repeat(600);
    const units = searchUnitsOfText(line);
    expect(units.length).toBeGreaterThan(1);
    expect(units.every((u) => u.text.length <= MAX_UNIT)).toBe(true);
    expect(units.map((u) => u.text).join('')).toBe(line);
  });
});

describe('snippets', () => {
  it('marks every word found and points at the first one', () => {
    const [unit] = searchUnitsOfText('养老机构床位达到500张，养老服务');
    const shown = unitSnippet(unit!, ['养老', '床位']);
    expect(shown.highlights).toEqual([
      [0, 2],
      [4, 6],
      [13, 15],
    ]);
    expect([shown.start, shown.end, shown.line]).toEqual([0, 2, 1]);
  });
  it('shortens a long unit around its first match', () => {
    const text = `${'甲'.repeat(300)}研发${'乙'.repeat(300)}`;
    const [unit] = searchUnitsOfText(text);
    const shown = unitSnippet(unit!, ['研发']);
    expect(shown.snippet.startsWith('…')).toBe(true);
    const [s, e] = shown.highlights[0]!;
    expect(shown.snippet.slice(s, e)).toBe('研发');
    expect(shown.start).toBe(300);
  });
  it('merges overlapping highlight ranges', () => {
    expect(
      mergeRanges([
        [5, 7],
        [0, 2],
        [1, 4],
      ]),
    ).toEqual([
      [0, 4],
      [5, 7],
    ]);
  });
});
