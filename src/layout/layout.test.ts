import { describe, expect, it } from 'vitest';
import { corpusDocument } from '../../test/helpers/corpus.js';
import { lineText, makeSourceText } from '../text/source-text.js';
import { cleanLayout, logicalText, toSourceSpan } from './index.js';

const layoutOf = (text: string) => cleanLayout(makeSourceText(text));
const texts = (text: string) => {
  const layout = layoutOf(text);
  return layout.lines.map((l) => logicalText(layout, l));
};

/** A hard-wrapped, double-spaced page like PDF text: 26 lines of 28 CJK characters. */
function wrappedPage(body: string[]): string {
  const filler = Array.from(
    { length: 26 },
    (_, i) => `${'测试文字内容'.repeat(4)}第${String(i).padStart(2, '0')}行。`,
  );
  return [...filler, ...body].join('\n\n');
}

describe('page artifacts', () => {
  it('drops page numbers, URL lines and stray file names, and records them', () => {
    const layout = layoutOf(
      '第一行文字。\n— 17 —\nhttp://www.example.com/a?b=1\n某某区十四五规划纲要——张三20201022-3.doc\n第二行文字。',
    );
    expect(layout.lines.map((l) => logicalText(layout, l))).toEqual(['第一行文字。', '第二行文字。']);
    expect(layout.artifacts.map((a) => a.kind)).toEqual(['page-number', 'url', 'stray-file-name']);
  });

  it('drops Roman page numbers of the front matter (a table of contents)', () => {
    const layout = layoutOf('目 录\n— II —\n第一章 发展基础…… 1\n- iv -\n— Ⅲ —');
    expect(layout.lines.map((l) => logicalText(layout, l))).toEqual(['目 录', '第一章 发展基础…… 1']);
    expect(layout.artifacts.map((a) => a.kind)).toEqual(['page-number', 'page-number', 'page-number']);
  });

  it('keeps a bare sequence number: in a flattened table it is a row number, not a page number', () => {
    expect(texts('1\n地区生产总值')).toEqual(['1', '地区生产总值']);
  });

  it('marks the page-break space and strips it', () => {
    const layout = layoutOf('甲乙丙丁\n 戊己庚辛');
    expect(layout.physical[1]!.pageBreakBefore).toBe(true);
    expect(layout.physical[1]!.text).toBe('戊己庚辛');
    expect(layout.artifacts).toContainEqual({ kind: 'page-break-space', line: 2, text: ' ' });
  });
});

describe('reflow', () => {
  it('joins lines that a PDF wrapped at the page width, across blank lines and page breaks', () => {
    const body = ['2020 年全市地区生产总值完成 440.2 亿元，同比增长百分之五十三', '元，人均达到五万元。'];
    const out = texts(wrappedPage(body));
    expect(out.at(-1)).toBe(
      '2020 年全市地区生产总值完成 440.2 亿元，同比增长百分之五十三元，人均达到五万元。',
    );
  });

  it('joins a year split from 年 at a page break', () => {
    const out = texts(
      wrappedPage([
        '到 2025 年，全区新增各类市场主体数量达到十万户以上，到 2025',
        ' 年，打造 5 个特色水果示范镇。',
      ]),
    );
    expect(out.at(-1)).toBe(
      '到 2025 年，全区新增各类市场主体数量达到十万户以上，到 2025年，打造 5 个特色水果示范镇。',
    );
  });

  it('never joins across a heading, a caption or a table row', () => {
    const out = texts(
      wrappedPage([
        '全区上下坚持以新发展理念为指导持续推动高质量发展并且取得',
        '第二节 基本原则',
        '专栏 3-1 “十四五”主要指标',
        '1\t地区生产总值\t451.9',
      ]),
    );
    expect(out.slice(-4)).toEqual([
      '全区上下坚持以新发展理念为指导持续推动高质量发展并且取得',
      '第二节 基本原则',
      '专栏 3-1 “十四五”主要指标',
      '1\t地区生产总值\t451.9',
    ]);
  });

  it('keeps one-paragraph-per-line text as it is', () => {
    expect(texts('第一章  发展环境\n综合实力稳步提高。2020年全区生产总值达到380.4亿元\n新的段落。')).toEqual([
      '第一章  发展环境',
      '综合实力稳步提高。2020年全区生产总值达到380.4亿元',
      '新的段落。',
    ]);
  });

  it('joins a heading title wrapped onto a short line', () => {
    expect(texts('第一篇  开启新时代全面建设社会主义\n\n现代化强区新征程\n\n第一章  发展环境')).toEqual([
      '第一篇  开启新时代全面建设社会主义现代化强区新征程',
      '第一章  发展环境',
    ]);
  });

  it('does not join a heading with a line the next one continues after a comma (a PDF break after a quote)', () => {
    expect(texts('二、增强功能圈发展动能\n高质量谱写京津“双城记”\n,推动同城化水平提升。')).toEqual([
      '二、增强功能圈发展动能',
      '高质量谱写京津“双城记”',
      ',推动同城化水平提升。',
    ]);
  });
});

describe('offset map', () => {
  it('maps every clean character back to the same character of the source', () => {
    for (const name of ['luoyang-jianxi-work-report-2022.txt', 'luoyang-yanshi-plan-2021-2025.txt']) {
      const { text } = corpusDocument(name);
      const layout = cleanLayout(makeSourceText(text));
      let mismatches = 0;
      for (let i = 0; i < layout.text.length; i++) {
        const ch = layout.text[i]!;
        if (ch !== '\n' && ch !== ' ' && text[layout.toSource[i]!] !== ch) mismatches++;
      }
      expect(mismatches).toBe(0);
    }
  });

  it('joins the work report across a page footer and maps the span to the original lines', () => {
    const doc = corpusDocument('luoyang-jianxi-work-report-2022.txt');
    const source = makeSourceText(doc.text);
    const layout = cleanLayout(source);
    expect(layout.artifacts.filter((a) => a.kind === 'page-number').map((a) => a.line)).toEqual([
      637, 771, 1034,
    ]);
    const at = layout.text.indexOf('西苑论涧');
    expect(at).toBeGreaterThan(0);
    const span = toSourceSpan(layout, at, at + 4);
    expect(source.text.slice(span.start, span.start + 3)).toBe('西苑论');
    expect(lineText(source, 767)).toContain('西苑论');
    // The number and its unit split over two lines (800 / 亿元) come together.
    expect(layout.text).toMatch(/800\s*亿元/);
  });

  it('removes the stray URLs of the Yanshi plan before joining', () => {
    const layout = cleanLayout(makeSourceText(corpusDocument('luoyang-yanshi-plan-2021-2025.txt').text));
    expect(layout.artifacts.filter((a) => a.kind === 'url')).toHaveLength(7);
    expect(layout.text).not.toMatch(/https?:\/\//);
  });
});
