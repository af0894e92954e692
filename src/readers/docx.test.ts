import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LantuError } from '../diagnostics.js';
import { readDocx } from './docx.js';

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
const RELS =
  '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" ' +
  'Target="PART"/></Relationships>';

function docx(body: string, part = 'word/document.xml'): Uint8Array {
  return zipSync({
    '_rels/.rels': strToU8(RELS.replace('PART', part)),
    [part]: strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document ${NS}><w:body>${body}</w:body></w:document>`,
    ),
  });
}

const p = (...runs: string[]): string =>
  `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>${runs.join('')}</w:p>`;
const r = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const tc = (content: string, props = ''): string => `<w:tc><w:tcPr>${props}</w:tcPr>${content}</w:tc>`;
const tr = (...cells: string[]): string => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]): string => `<w:tbl><w:tblGrid/>${rows.join('')}</w:tbl>`;

function docxError(bytes: Uint8Array): LantuError {
  try {
    readDocx(bytes, 'plan.docx');
  } catch (error) {
    if (error instanceof LantuError) return error;
    throw error;
  }
  throw new Error('expected a LantuError');
}

describe('readDocx paragraphs', () => {
  it('reads runs with tabs and breaks, skipping deleted text and field codes', () => {
    const body =
      p(r('第一章'), '<w:r><w:tab/></w:r>', r('发展环境')) +
      p(
        r('2020年'),
        '<w:del><w:r><w:delText>删除的</w:delText></w:r></w:del>',
        '<w:ins><w:r><w:t>生产总值</w:t></w:r></w:ins>',
        '<w:r><w:instrText> PAGE </w:instrText></w:r>',
        '<w:r><w:br/></w:r>',
        r('第二行'),
      );
    const doc = readDocx(docx(body), 'plan.docx');
    expect(doc.text).toBe('第一章\t发展环境\n2020年生产总值\n第二行');
    expect(doc).toMatchObject({ format: 'docx', encoding: null, tables: [], diagnostics: [] });
  });

  it('reads a text box once (Choice, not its Fallback copy) after its paragraph', () => {
    const box = (text: string): string => `<w:txbxContent>${p(r(text))}</w:txbxContent>`;
    const body = p(
      r('正文'),
      `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${box('文本框')}</w:drawing></mc:Choice>` +
        `<mc:Fallback><w:pict>${box('文本框')}</w:pict></mc:Fallback></mc:AlternateContent></w:r>`,
    );
    expect(readDocx(docx(body), 'plan.docx').text).toBe('正文\n文本框');
  });

  it('finds the main part through the package relationships', () => {
    expect(readDocx(docx(p(r('规划')), 'word/document2.xml'), 'plan.docx').text).toBe('规划');
  });
});

describe('readDocx tables', () => {
  it('expands gridSpan, vMerge and gridBefore onto a full grid', () => {
    const body =
      p(r('专栏1')) +
      tbl(
        tr(tc(p(r('指标')), '<w:gridSpan w:val="2"/>'), tc(p(r('2025年'))), tc(p(r('属性')))),
        tr(
          tc(p(r('城镇就业')), '<w:vMerge w:val="restart"/>'),
          tc(p(r('新增就业'))),
          tc(p(r('〔10〕'))),
          tc(p(r('预期性'))),
        ),
        tr(tc(p(), '<w:vMerge/>'), tc(p(r('失业率'))), tc(p(r('&lt;5.5'))), tc(p(r('预期性')))),
        `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(p(r('注')), '<w:gridSpan w:val="3"/>')}</w:tr>`,
      ) +
      p(r('正文'));
    const doc = readDocx(docx(body), 'plan.docx');
    expect(doc.text.split('\n')).toEqual([
      '专栏1',
      '指标\t\t2025年\t属性',
      '城镇就业\t新增就业\t〔10〕\t预期性',
      '\t失业率\t<5.5\t预期性',
      '\t注\t\t',
      '正文',
    ]);
    const [table] = doc.tables;
    expect(table).toMatchObject({ startLine: 2, endLine: 5 });
    expect(table!.rows[0]![0]).toEqual({ text: '指标', covered: false, rowSpan: 1, colSpan: 2 });
    expect(table!.rows[0]![1]).toEqual({ text: '指标', covered: true, rowSpan: 1, colSpan: 1 });
    expect(table!.rows[1]![0]).toMatchObject({ text: '城镇就业', rowSpan: 2 });
    expect(table!.rows[2]![0]).toMatchObject({ text: '城镇就业', covered: true });
    expect(table!.rows[3]![0]).toEqual({ text: '', covered: false, rowSpan: 1, colSpan: 1 });
    expect(table!.rows[3]![1]).toMatchObject({ text: '注', colSpan: 3 });
  });

  it('joins the paragraphs of a cell (no space between hanzi) and flattens nested tables into the cell', () => {
    const nested = tbl(tr(tc(p(r('甲'))), tc(p(r('乙')))), tr(tc(p(r('GDP'))), tc(p(r('growth')))));
    const body = tbl(tr(tc(p(r('指标')) + p(r('属性'))), tc(p(r('项目')) + nested)));
    const doc = readDocx(docx(body), 'plan.docx');
    expect(doc.text).toBe('指标属性\t项目甲乙GDP growth');
    expect(doc.tables).toHaveLength(1);
    expect(doc.diagnostics).toEqual([
      expect.objectContaining({ code: 'docx/nested-table', severity: 'info' }),
    ]);
  });
});

describe('readDocx errors', () => {
  it('names the file when the zip is truncated', () => {
    const bytes = docx(p(r('规划')));
    const error = docxError(bytes.subarray(0, bytes.length - 30));
    expect(error).toMatchObject({ code: 'docx/corrupt', file: 'plan.docx' });
  });

  it('says when the package has no Word document', () => {
    const error = docxError(zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }));
    expect(error.code).toBe('docx/corrupt');
    expect(error.message).toMatch(/no main document part \(word\/document\.xml\)/);
  });

  it('reports malformed XML and documents without text', () => {
    const broken = zipSync({ 'word/document.xml': strToU8(`<w:document ${NS}><w:body><w:p>`) });
    expect(docxError(broken).code).toBe('docx/corrupt');
    expect(docxError(docx(p())).code).toBe('read/empty');
  });
});
