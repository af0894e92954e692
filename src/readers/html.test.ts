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
