// The report as a Word file laid out after GB/T 9704-2012 (A4, 37/35/28/26 mm, 仿宋 三号 body, "— N —" page numbers).
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { Diagnostic } from '../diagnostics.js';
import { renderChart } from './charts.js';
import type { Block, Cell, ReportModel, Run } from './model.js';

/** The fonts GB/T 9704 names; Word and WPS substitute their own when one is missing (Latin text in Times). */
export const REPORT_FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

const MM = 56.7; // twips per millimetre
/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt. */
const SIZE = { title: 44, body: 32, pageNumber: 28, table: 21 } as const;
/** Fixed line spacing of 28 pt (560 twips): 22 lines a page on the 公文 grid. */
const LINE = 560;
/** Text width of A4 less 28 + 26 mm margins, in pixels at 96 dpi, for images. */
const TEXT_WIDTH_PX = Math.round(((210 - 28 - 26) / 25.4) * 96);
/** The same width in twips, for table grids. */
const TEXT_WIDTH_TWIPS = Math.round((210 - 28 - 26) * MM);

function font(name: string) {
  return { ascii: REPORT_FONTS.latin, hAnsi: REPORT_FONTS.latin, eastAsia: name, cs: name };
}

function runs(list: readonly Run[], size: number = SIZE.body): Array<TextRun | FootnoteReferenceRun> {
  const out: Array<TextRun | FootnoteReferenceRun> = [];
  for (const r of list) {
    const options: IRunOptions = { text: r.text, size, ...(r.bold ? { bold: true } : {}) };
    out.push(new TextRun(options));
    if (r.note !== undefined) out.push(new FootnoteReferenceRun(r.note));
  }
  return out;
}

function cellParagraph(cell: Cell, header: boolean): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
    indent: { firstLine: 0 },
    children: [
      new TextRun({
        text: cell.text,
        size: SIZE.table,
        bold: header,
        font: font(header ? REPORT_FONTS.heading1 : REPORT_FONTS.body),
      }),
      ...(cell.note !== undefined ? [new FootnoteReferenceRun(cell.note)] : []),
    ],
  });
}

function table(block: Extract<Block, { type: 'table' }>): Array<Paragraph | Table> {
  const shares = block.widths ?? block.columns.map(() => 1);
  const total = shares.reduce((s, w) => s + w, 0);
  // Widths in twips on the table grid with a fixed layout: LibreOffice ignores percentage cell widths and falls back to
  // the grid, which without widths squeezes a column until its text wraps per character.
  const widths = shares.map((w) => Math.floor((TEXT_WIDTH_TWIPS * w) / total));
  const row = (cells: readonly Cell[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (c, i) =>
          new TableCell({
            width: { size: widths[i] ?? 0, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            margins: { left: 60, right: 60, top: 30, bottom: 30 },
            children: [cellParagraph(c, header)],
          }),
      ),
    });
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      indent: { firstLine: 0 },
      keepNext: true,
      children: [
        new TextRun({ text: block.caption, font: font(REPORT_FONTS.heading1), size: SIZE.table + 3 }),
      ],
    }),
    new Table({
      width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: {
        top: border,
        bottom: border,
        left: border,
        right: border,
        insideHorizontal: border,
        insideVertical: border,
      },
      rows: [
        row(
          block.columns.map((text) => ({ text })),
          true,
        ),
        ...block.rows.map((r) => row(r, false)),
      ],
    }),
    new Paragraph({ children: [] }),
  ];
}

function chart(block: Extract<Block, { type: 'chart' }>, diagnostics: Diagnostic[]): Paragraph[] {
  const rendered = renderChart(block.chart, diagnostics);
  const width = Math.min(TEXT_WIDTH_PX, rendered.width);
  const height = Math.round((rendered.height * width) / rendered.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      indent: { firstLine: 0 },
      // An exact line height would clip the picture.
      spacing: { line: 240, lineRule: LineRuleType.AUTO },
      keepNext: true,
      children: [
        new ImageRun({
          type: 'svg',
          data: Buffer.from(rendered.svg, 'utf8'),
          fallback: { type: 'png', data: rendered.png },
          transformation: { width, height },
          altText: { name: block.chart.id, title: block.chart.title, description: block.chart.title },
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      indent: { firstLine: 0 },
      children: [
        new TextRun({
          text: `图：${block.chart.title}`,
          size: SIZE.table + 3,
          font: font(REPORT_FONTS.heading2),
        }),
      ],
    }),
  ];
}

/** The Word file of a report; chart problems (a missing CJK font) land in `diagnostics`, never as a failure. */
export async function renderDocx(model: ReportModel, diagnostics: Diagnostic[] = []): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      indent: { firstLine: 0 },
      spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: 280 },
      children: [new TextRun({ text: model.title, size: SIZE.title, font: font(REPORT_FONTS.title) })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      indent: { firstLine: 0 },
      children: [new TextRun({ text: model.subtitle, font: font(REPORT_FONTS.heading2) })],
    }),
  ];
  for (const block of model.blocks) {
    if (block.type === 'heading')
      children.push(
        new Paragraph({
          heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
          keepNext: true,
          children: [new TextRun({ text: block.text })],
        }),
      );
    else if (block.type === 'paragraph') children.push(new Paragraph({ children: runs(block.runs) }));
    else if (block.type === 'table') children.push(...table(block));
    else children.push(...chart(block, diagnostics));
  }
  const footnotes = Object.fromEntries(
    model.footnotes.map((f) => [
      f.n,
      {
        children: [
          new Paragraph({
            spacing: { line: 240, lineRule: LineRuleType.AUTO },
            indent: { firstLine: 0 },
            children: [new TextRun({ text: f.text, size: 18, font: font(REPORT_FONTS.body) })],
          }),
        ],
      },
    ]),
  );
  const document = new Document({
    creator: '蓝图 Lantu',
    title: model.title,
    description: `${model.title}（${model.year}年）`,
    styles: {
      default: {
        document: {
          run: { font: font(REPORT_FONTS.body), size: SIZE.body },
          paragraph: {
            spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
            indent: { firstLine: 640 },
            alignment: AlignmentType.JUSTIFIED,
          },
        },
        heading1: {
          run: { font: font(REPORT_FONTS.heading1), size: SIZE.body, bold: false, color: '000000' },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT }, indent: { firstLine: 640 } },
        },
        heading2: {
          run: { font: font(REPORT_FONTS.heading2), size: SIZE.body, bold: false, color: '000000' },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT }, indent: { firstLine: 640 } },
        },
      },
    },
    footnotes,
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: {
              top: Math.round(37 * MM),
              bottom: Math.round(35 * MM),
              left: Math.round(28 * MM),
              right: Math.round(26 * MM),
              footer: Math.round(21 * MM),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                indent: { firstLine: 0 },
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    size: SIZE.pageNumber,
                    font: font(REPORT_FONTS.pageNumber),
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
