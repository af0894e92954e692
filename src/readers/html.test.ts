import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { LantuError } from '../diagnostics.js';
import { collapseWhitespace, readHtml } from './html.js';

const read = (html: string) => readHtml(Buffer.from(html), 'page.html');

describe('readHtml text', () => {
  it('breaks lines at block elements and <br>, keeps inline text together, decodes entities', () => {
    const doc = read(
      '<html><body><h1>第一章&nbsp;发展环境</h1><p>2020年<b>生产总值</b>达到&ldquo;380.4亿元&rdquo;<br>第二行</p>' +
        '<ul><li>甲 &amp; 乙</li><li>R&amp;D &lt;3%&gt;</li></ul><div>末尾</div></body></html>',
    );
    expect(doc.text.split('\n')).toEqual([
      '第一章 发展环境',
      '2020年生产总值达到“380.4亿元”',
      '第二行',
      '甲 & 乙',
      'R&D <3%>',
      '末尾',
    ]);
    expect(doc).toMatchObject({ format: 'html', encoding: 'utf-8', tables: [] });
  });

  it('drops head, script, style, noscript, template and hidden elements', () => {
    const doc = read(
      '<!doctype html><html><head><title>标题</title><style>p{}</style></head><body>' +
        '<script>var a = "<p>脚本</p>";</script><noscript>无脚本</noscript><template><p>模板</p></template>' +
        '<p hidden>隐藏</p><p style="display: none">不显示</p><p>正文</p></body></html>',
    );
    expect(doc.text).toBe('正文');
  });

  it('reads the body of a page whose <head> is never closed', () => {
    expect(read('<html><head><meta charset="utf-8"><title>标题</title><p>正文段落</p>').text).toBe(
      '正文段落',
    );
  });

  it('keeps preformatted spacing and lines', () => {
    expect(read('<pre>指标   目标\n增长  7%</pre>').text).toBe('指标   目标\n增长  7%');
  });

  it('refuses a page without visible text', () => {
    expect(() => read('<html><head><script>x()</script></head><body> </body></html>')).toThrow(LantuError);
  });
});

describe('collapseWhitespace', () => {
  it('removes a line break between two hanzi but keeps one space elsewhere', () => {
    expect(collapseWhitespace('  科学编制\n    并有效实施 ')).toBe('科学编制并有效实施');
    expect(collapseWhitespace('开工，\n  53个项目')).toBe('开工， 53个项目');
    expect(collapseWhitespace('GDP\n  growth   rate')).toBe('GDP growth rate');
  });
});

describe('readHtml tables', () => {
  it('expands rowspan and colspan onto a full grid and flattens nested tables', () => {
    const doc = read(
      '<p>专栏1</p><table><caption>主要指标</caption>' +
        '<tr><th>序号</th><th colspan="2">指标</th><th>目标</th></tr>' +
        '<tr><td rowspan="2">9</td><td rowspan="2">城镇<br>就业</td><td>新增就业</td><td>〔10〕</td></tr>' +
        '<tr><td>失业率</td><td>&lt;5.5</td></tr>' +
        '<tr><td colspan="4">注：<table><tr><td>甲</td><td>乙</td></tr></table></td></tr>' +
        '</table><p>正文</p>',
    );
    expect(doc.text.split('\n')).toEqual([
      '专栏1',
      '主要指标',
      '序号\t指标\t\t目标',
      '9\t城镇就业\t新增就业\t〔10〕',
      '\t\t失业率\t<5.5',
      '注：甲乙\t\t\t',
      '正文',
    ]);
    const [table] = doc.tables;
    expect(table).toMatchObject({ startLine: 3, endLine: 6 });
    expect(table!.rows[2]![1]).toEqual({ text: '城镇就业', covered: true, rowSpan: 1, colSpan: 1 });
    expect(table!.rows[1]![1]).toEqual({ text: '城镇就业', covered: false, rowSpan: 2, colSpan: 1 });
  });

  it('handles unclosed cells and rows, and rowspan="0" or past the end', () => {
    const doc = read('<table><tr><td rowspan=0>甲<td>乙<tr><td>丙<tr><td rowspan=9>丁</table>');
    expect(doc.text.split('\n')).toEqual(['甲\t乙', '\t丙', '\t丁']);
    expect(doc.tables[0]!.rows[0]![0]).toMatchObject({ rowSpan: 3 });
  });
});

describe('readHtml charsets', () => {
  it('honours <meta charset=gbk>', () => {
    const html = '<html><head><meta charset="gbk"></head><body><p>规划纲要</p></body></html>';
    const doc = readHtml(iconv.encode(html, 'gbk'), 'gbk.html');
    expect(doc).toMatchObject({ text: '规划纲要', encoding: 'gb18030', diagnostics: [] });
  });

  it('honours the http-equiv form and detects GBK without a declaration', () => {
    const declared = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>发展目标</p>';
    expect(readHtml(iconv.encode(declared, 'gbk'), 'a.html').text).toBe('发展目标');
    expect(readHtml(iconv.encode('<p>发展目标</p>', 'gbk'), 'b.html').encoding).toBe('gb18030');
  });

  it('warns when the declared charset is wrong', () => {
    const doc = readHtml(Buffer.from('<meta charset="gbk"><p>规划纲要</p>'), 'c.html');
    expect(doc.text).toBe('规划纲要');
    expect(doc.diagnostics).toEqual([expect.objectContaining({ code: 'html/charset-mismatch' })]);
  });
});

describe('readHtml article of a page with site chrome', () => {
  const paragraph = (n: number) =>
    `<p>全年地区生产总值${n}00亿元，比上年增长5.${n}%。其中，第一产业增加值${n}0亿元，增长3.${n}%；第二产业增加值` +
    `${n}1亿元，增长4.${n}%；第三产业增加值${n}2亿元，增长6.${n}%。三次产业结构调整为8:42:50，发展质量稳步提升。</p>`;
  const page =
    '<html><head><title>某市统计公报_某市人民政府</title></head><body>' +
    '<div><ul><li><a href="/">首页</a></li><li><a href="/a">政务公开</a></li><li><a href="/b">办事服务</a></li></ul>' +
    '<form><input placeholder="搜索"><button>搜索</button></form></div>' +
    '<div>当前位置：<a href="/">首页</a> &gt; <a href="/c">统计数据</a></div>' +
    '<div><div><h1>2025年某市国民经济和社会发展统计公报</h1>' +
    '<div><span>时间：2026-03-01</span> <span>来源：某市统计局</span></div>' +
    '<div><a href="#">分享</a> <a href="#">打印</a><img src="qr.png"></div>' +
    '<div><p>一、综合</p>' +
    paragraph(1) +
    paragraph(2) +
    '<p><img src="chart.png"></p>' +
    '<table><tr><td colspan="3">表1 主要产品产量</td></tr><tr><td>产品</td><td>单位</td><td>产量</td></tr>' +
    '<tr><td>汽车</td><td>万辆</td><td>148.27</td></tr></table>' +
    '<p>二、农业</p>' +
    paragraph(3) +
    paragraph(4) +
    '</div></div>' +
    '<div><h3>相关新闻</h3><ul><li><a href="/n1">2024年某市国民经济和社会发展统计公报</a></li>' +
    '<li><a href="/n2">某市统计局召开统计工作会议</a></li></ul></div></div>' +
    '<div><p>版权所有：某市人民政府&nbsp;&nbsp;主办单位：某市人民政府办公室</p><p>网站标识码：1234567890</p>' +
    '<p>未经授权，请勿转载。</p></div>' +
    '<script>var visits = 0;</script></body></html>';

  it('keeps the headline, its date and source, and the body; drops navigation, links and footer', () => {
    const doc = read(page);
    const lines = doc.text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '2025年某市国民经济和社会发展统计公报',
      '时间：2026-03-01 来源：某市统计局',
      '一、综合',
      expect.stringMatching(/^全年地区生产总值100亿元/),
    ]);
    expect(lines).toContain('二、农业');
    expect(lines).toHaveLength(11);
    expect(doc.text).not.toMatch(/首页|政务公开|搜索|分享|相关新闻|版权所有|网站标识码|请勿转载/);
  });

  it('turns a first row across the whole table into its title line and renumbers the kept table', () => {
    const doc = read(page);
    const lines = doc.text.split('\n');
    const [table] = doc.tables;
    expect(lines[table!.startLine - 2]).toBe('表1 主要产品产量');
    expect(lines.slice(table!.startLine - 1, table!.endLine)).toEqual([
      '产品\t单位\t产量',
      '汽车\t万辆\t148.27',
    ]);
    expect(table!.rows).toHaveLength(2);
  });

  it('keeps a page without chrome whole', () => {
    expect(read('<body><h1>规划纲要</h1><p>第一章 发展基础</p><p>正文</p></body>').text).toBe(
      '规划纲要\n第一章 发展基础\n正文',
    );
  });

  it('never cuts off a data table beside the prose, nor the caption above a table-only article', () => {
    const table =
      '<table><tr><td>指标</td><td>目标</td></tr><tr><td>地区生产总值</td><td>1000</td></tr>' +
      '<tr><td>城镇化率</td><td>70</td></tr></table>';
    const sections = read(
      `<body><div>${paragraph(1)}${paragraph(2)}${paragraph(3)}</div><div>${table}</div></body>`,
    );
    expect(sections.tables).toHaveLength(1);
    const tableOnly = read(
      `<body><div><a href="/">首页</a></div><div><p>专栏1 主要指标</p>${table}</div></body>`,
    );
    expect(tableOnly.text.split('\n')).toEqual([
      '专栏1 主要指标',
      '指标\t目标',
      '地区生产总值\t1000',
      '城镇化率\t70',
    ]);
  });
});

describe('readHtml text that carries its own line breaks', () => {
  it('splits a text run whose breaks end sentences or stand after titles', () => {
    const doc = read(
      '<div>第一章 总体要求\n全面贯彻新发展理念，推动高质量发展。\n第一节 发展目标\n' +
        '到2030年，地区生产总值达到1000亿元。\n</div>',
    );
    expect(doc.text.split('\n')).toEqual([
      '第一章 总体要求',
      '全面贯彻新发展理念，推动高质量发展。',
      '第一节 发展目标',
      '到2030年，地区生产总值达到1000亿元。',
    ]);
  });

  it('still joins source-wrapped text, and keeps breaks under white-space: pre-line', () => {
    expect(
      read(
        '<p>科学编制并有效实施规划，\n对巩固全面建成小康社会成果，加快社会主义\n现代化建设具有重大意义。</p>',
      ).text,
    ).toBe('科学编制并有效实施规划，对巩固全面建成小康社会成果，加快社会主义现代化建设具有重大意义。');
    expect(read('<div style="white-space: pre-line">一、综合\n全年增长5%</div>').text).toBe(
      '一、综合\n全年增长5%',
    );
  });
});
