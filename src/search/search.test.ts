import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SearchIndex, mergeRanges, planningDictionary, queryTerms, tokenize } from './index.js';

const corpus = (name: string) =>
  readFileSync(new URL(`../../fixtures/corpus/${name}`, import.meta.url), 'utf8');

describe('segmentation', () => {
  it('keeps planning terms whole and drops punctuation and stopwords', () => {
    const tokens = tokenize('“十四五”时期，研发经费投入强度达到3%的养老服务体系');
    expect(tokens).toContain('十四五');
    expect(tokens).toContain('研发经费投入强度');
    expect(tokens).toContain('养老服务');
    expect(tokens).not.toContain('，');
    expect(tokens).not.toContain('的');
  });
  it('folds full-width letters so ＧＤＰ finds GDP', () => {
    expect(tokenize('单位ＧＤＰ能耗')).toContain('gdp');
    expect(queryTerms('GDP')).toEqual(['gdp']);
  });
  it('the dictionary holds catalog indicator names', () => {
    expect(planningDictionary()).toContain('常住人口城镇化率');
  });
});

describe('SearchIndex', () => {
  const index = new SearchIndex();
  index.add({
    id: 1,
    title: '甲规划',
    text: '第一章 总体要求\n完善养老服务体系，发展普惠托育。\n加快城市更新。',
  });
  index.add({ id: 2, title: '乙报告', text: '养老机构床位达到500张。\n老旧小区改造完成12个。' });

  it('finds every line holding the word, with the hit in context', () => {
    const result = index.search('养老');
    expect(result.total).toBe(2);
    const hit = result.hits.find((h) => h.document_id === 1)!;
    expect(hit.line).toBe(2);
    expect(hit.snippet).toBe('完善养老服务体系，发展普惠托育。');
    expect(hit.highlights).toEqual([[2, 4]]);
    expect(hit.start).toBe('第一章 总体要求\n'.length + 2);
  });
  it('requires every word of a multi-word query', () => {
    expect(index.search('养老 托育').hits.map((h) => h.document_id)).toEqual([1]);
    expect(index.search('养老 床位').hits.map((h) => h.document_id)).toEqual([2]);
    expect(index.search('养老 高铁').total).toBe(0);
  });
  it('finds single characters inside longer words', () => {
    expect(index.search('老').total).toBe(3);
  });
  it('filters by document and pages', () => {
    expect(index.search('养老', { documentIds: [2] }).hits.map((h) => h.line)).toEqual([1]);
    expect(index.search('养老', { limit: 1 }).hits).toHaveLength(1);
  });
  it('returns nothing for an empty query', () => {
    expect(index.search('  ，').total).toBe(0);
  });
});

describe('search on the corpus', () => {
  const index = new SearchIndex();
  const files = ['luoyang-jianxi-plan-2021-2025.txt', 'luoyang-luolong-plan-2021-2025.txt'];
  files.forEach((f, i) => index.add({ id: i + 1, title: f, text: corpus(f) }));

  it('养老 is found in both plans and every hit really contains it', () => {
    const result = index.search('养老', { limit: 1000 });
    expect(new Set(result.hits.map((h) => h.document_id))).toEqual(new Set([1, 2]));
    for (const hit of result.hits) {
      const text = corpus(files[hit.document_id - 1]!);
      expect(text.slice(hit.start, hit.end)).toBe('养老');
    }
  });
  it('ranks a line with the whole phrase above lines with its words apart', () => {
    const [first] = index.search('研发经费投入强度').hits;
    expect(first!.snippet).toContain('研发经费投入强度');
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
