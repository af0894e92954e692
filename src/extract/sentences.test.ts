import { describe, it, expect } from 'vitest';
import { cleanLayout } from '../layout/index.js';
import { makeSourceText } from '../text/source-text.js';
import { quoteAround, sourceLine, splitSentences } from './sentences.js';

describe('splitSentences', () => {
  it('splits on 。 and ；, and clauses on ，', () => {
    const text = '到2025年，地区生产总值达到800亿元；人均达到13.3万元。力争达到1000亿元。';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      '到2025年，地区生产总值达到800亿元；',
      '人均达到13.3万元。',
      '力争达到1000亿元。',
    ]);
    expect(sentences[0]!.clauses.map((c) => text.slice(c.start, c.end))).toEqual([
      '到2025年，',
      '地区生产总值达到800亿元；',
    ]);
  });

  it('never ends a sentence inside （…） or 《…》', () => {
    const text = '建设A（一期。二期）项目。读《纲要。》后。';
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      '建设A（一期。二期）项目。',
      '读《纲要。》后。',
    ]);
  });

  it('keeps closing marks with the sentence they close, ends one at a line break, and splits on ASCII marks', () => {
    const text = '他说：“达到100%。”然后增长!(注;说明)后续\n第二行，继续';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      '他说：“达到100%。”',
      '然后增长!',
      '(注;说明)后续',
      '第二行，继续',
    ]);
    expect(sentences[0]!.clauses.map((c) => text.slice(c.start, c.end))).toEqual(['他说：', '“达到100%。”']);
    expect(sentences[3]!.clauses.map((c) => text.slice(c.start, c.end))).toEqual(['第二行，', '继续']);
  });

  it('splits only the range asked for', () => {
    const text = '甲。乙，丙。丁。';
    expect(splitSentences(text, 2, 7).map((s) => text.slice(s.start, s.end))).toEqual(['乙，丙。', '丁']);
  });
});

describe('quoteAround', () => {
  it('quotes the line that holds the number when a sentence wraps across lines', () => {
    const source = makeSourceText('到2025年，力争地区生产总值突破\n\n700亿元，年均增长8%。\n');
    const layout = cleanLayout(source);
    const at = layout.text.indexOf('700');
    const start = layout.text.indexOf('力争');
    const { line, quote } = quoteAround(layout, start, at + 5, at);
    expect(line).toBe(3);
    expect(quote).toBe('700亿元');
    expect(source.text.split('\n')[line - 1]).toContain(quote);
    expect(sourceLine(layout, start)).toBe(1);
  });
});
