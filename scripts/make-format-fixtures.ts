// Builds the format fixtures (DOCX, HTML, PDF of one sample plan) and the bad-input fixtures from committed sources.
// Run: npx tsx scripts/make-format-fixtures.ts   (needs LibreOffice `soffice` on PATH for the PDF)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import iconv from 'iconv-lite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FORMATS = join(ROOT, 'fixtures/formats');
const BAD = join(ROOT, 'fixtures/bad');

type Block = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: SpanCell[][] };

/** A cell of the sample table with its merge; covered grid positions are left out. */
interface SpanCell {
  text: string;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** Paragraphs are non-empty lines; a run of lines holding TABs is one table (one row per line, covered cells empty). */
function parseSample(text: string): Block[] {
  const blocks: Block[] = [];
  let tableLines: string[][] = [];
  const flush = (): void => {
    if (tableLines.length > 0) blocks.push({ kind: 'table', rows: inferMerges(tableLines) });
    tableLines = [];
  };
  for (const line of text.split('\n')) {
    if (line.includes('\t')) tableLines.push(line.split('\t'));
    else {
      flush();
      if (line.trim() !== '') blocks.push({ kind: 'paragraph', text: line });
    }
  }
  flush();
  return blocks;
}

/**
 * Recovers the merges of the sample's indicator table from its flat rows: a row with only its first cell filled is a
 * category row spanning the width; an empty cell right of a filled indicator name widens the name; empty leading key
 * cells above a filled sub-indicator belong to the parent cell above (a vertical merge).
 */
function inferMerges(lines: string[][]): SpanCell[][] {
  const width = Math.max(...lines.map((l) => l.length));
  const grid = lines.map((l) => Array.from({ length: width }, (_, c) => l[c] ?? ''));
  const origin: (SpanCell | undefined)[][] = grid.map((r) => r.map(() => undefined));
  const rows: SpanCell[][] = grid.map(() => []);
  grid.forEach((cells, r) => {
    if (cells[0] !== '' && cells.slice(1).every((c) => c === '')) {
      rows[r]!.push({ text: cells[0]!, col: 0, rowSpan: 1, colSpan: width });
      return;
    }
    cells.forEach((text, c) => {
      const left = c > 0 ? origin[r]![c - 1] : undefined;
      const above = r > 0 ? origin[r - 1]![c] : undefined;
      if (text === '' && c === 2 && left && left.text !== '') {
        left.colSpan++;
        origin[r]![c] = left;
      } else if (text === '' && c < 2 && above && cells[2] !== '' && grid[r - 1]![2] !== '') {
        above.rowSpan++;
        origin[r]![c] = above;
      } else {
        const cell = { text, col: c, rowSpan: 1, colSpan: 1 };
        rows[r]!.push(cell);
        origin[r]![c] = cell;
      }
    });
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------- DOCX

const TABLE_COLUMN_CM = [1.0, 2.8, 4.0, 2.1, 2.1, 3.4, 1.6];
const cm = (x: number): number => Math.round((x / 2.54) * 1440);

function headingOf(
  text: string,
  index: number,
): (typeof HeadingLevel)[keyof typeof HeadingLevel] | undefined {
  if (index === 0) return HeadingLevel.TITLE;
  if (/^第[一二三四五六七八九十百]+篇/.test(text)) return HeadingLevel.HEADING_1;
  if (/^第[一二三四五六七八九十百]+章/.test(text)) return HeadingLevel.HEADING_2;
  if (/^第[一二三四五六七八九十百]+节/.test(text)) return HeadingLevel.HEADING_3;
  return undefined;
}

function docxTable(rows: SpanCell[][]): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    columnWidths: TABLE_COLUMN_CM.map(cm),
    rows: rows.map(
      (cells) =>
        new TableRow({
          cantSplit: true,
          children: cells.map((cell) => {
            const width = TABLE_COLUMN_CM.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0);
            return new TableCell({
              width: { size: cm(width), type: WidthType.DXA },
              columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
              rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
              verticalAlign: VerticalAlign.TOP,
              children: [new Paragraph({ children: [new TextRun({ text: cell.text, size: 16 })] })],
            });
          }),
        }),
    ),
  });
}

async function writeDocx(blocks: Block[], path: string): Promise<void> {
  const children = blocks.map((block, i) => {
    if (block.kind === 'table') return docxTable(block.rows);
    const heading = headingOf(block.text, i);
    return new Paragraph({
      heading,
      alignment: heading === HeadingLevel.TITLE ? AlignmentType.CENTER : undefined,
      children: [new TextRun(block.text)],
    });
  });
  const doc = new Document({
    creator: 'Lantu fixtures',
    title: 'sample-plan',
    styles: {
      default: { document: { run: { font: { ascii: 'Noto Serif CJK SC', eastAsia: 'Noto Serif CJK SC' } } } },
    },
    sections: [
      {
        properties: { page: { margin: { top: cm(2), bottom: cm(2), left: cm(1.8), right: cm(1.8) } } },
        children,
      },
    ],
  });
  writeFileSync(path, await Packer.toBuffer(doc));
}

// ---------------------------------------------------------------------------------------------------------------- HTML

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/“/g, '&ldquo;')
    .replace(/”/g, '&rdquo;');
}

/** Long paragraphs are wrapped in the HTML source between two hanzi, as editors do; readers must not add a space. */
function wrapSource(html: string): string {
  const at = html.search(/(?<=^.{60,}[\u4e00-\u9fff])(?=[\u4e00-\u9fff])/u);
  return at === -1 ? html : `${html.slice(0, at)}\n      ${html.slice(at)}`;
}

function htmlDocument(blocks: Block[]): string {
  const body = blocks.map((block, i) => {
    if (block.kind === 'paragraph') {
      const heading = headingOf(block.text, i);
      const tag = heading === HeadingLevel.TITLE ? 'h1' : heading ? `h${Number(heading.slice(-1)) + 1}` : 'p';
      return `<${tag}>${wrapSource(escapeHtml(block.text))}</${tag}>`;
    }
    const rows = block.rows.map((cells, r) => {
      const tag = r === 0 ? 'th' : 'td';
      const tds = cells.map((c) => {
        const span = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
        return `<${tag}${span}>${escapeHtml(c.text)}</${tag}>`;
      });
      return `    <tr>${tds.join('')}</tr>`;
    });
    return `<table border="1">\n  <tbody>\n${rows.join('\n')}\n  </tbody>\n</table>`;
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<title>涧西区“十四五”规划纲要（节选）</title>',
    '<style>td { border: 1px solid #999; } .hidden-note::after { content: "不应出现"; }</style>',
    '<script>var tracker = "页面统计脚本，不应出现在正文中";</script>',
    '</head>',
    '<body>',
    '<noscript>请启用脚本（不应出现）</noscript>',
    ...body,
    '<script type="text/javascript">document.write("脚本输出，不应出现");</script>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ----------------------------------------------------------------------------------------------------------------- PDF

/** PDF export filter that encrypts the file with an open password. */
const ENCRYPTED_PDF_FILTER =
  'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},' +
  '"DocumentOpenPassword":{"type":"string","value":"lantu"}}';

function convertToPdf(docxPath: string, outDir: string, filter = 'pdf'): void {
  const profile = mkdtempSync(join(tmpdir(), 'lantu-lo-'));
  try {
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--convert-to',
        filter,
        '--outdir',
        outDir,
        docxPath,
      ],
      { stdio: 'pipe', timeout: 180_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Serialises numbered PDF objects (index = object number, 1 = catalog) with a correct xref table. */
function buildPdf(objects: string[]): Buffer {
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const stream = (content: string): string => `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;

/** A PDF whose pages only draw grey rectangles, like a scan: no text layer at all. */
function scannedLikePdf(pages: number): Buffer {
  const objects: string[] = [];
  const pageIds = Array.from({ length: pages }, (_, i) => 3 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`;
  for (const id of pageIds) {
    objects[id] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${id + 1} 0 R /Resources << >> >>`;
    objects[id + 1] = stream('0.85 g 56 80 483 680 re f 0 g 80 700 200 12 re f');
  }
  return buildPdf(objects);
}

/**
 * A PDF whose Chinese text uses the non-embedded STSong-Light font with the predefined UniGB-UCS2-H CMap and no
 * ToUnicode map, as older government PDFs do: only readable when pdfjs finds its packed CMaps.
 */
function predefinedCMapPdf(text: string): Buffer {
  const hex = [...text].map((ch) => ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')).join('');
  return buildPdf([
    '',
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream(`BT /F1 20 Tf 72 720 Td <${hex}> Tj ET`),
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light ' +
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 ' +
      '/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ]);
}

// ----------------------------------------------------------------------------------------------------------- bad input

/** Deterministic bytes (xorshift32) so regenerated fixtures do not churn. */
function pseudoRandomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const CHINESE_LINES = [
  '第一章  发展环境',
  '2020年全区生产总值达到380.4亿元，年均增长6.8%。',
  '“十四五”时期，城镇调查失业率控制在5.5%以内。',
];

function writeBadFixtures(sampleDocx: Buffer, samplePdf: Buffer): void {
  mkdirSync(BAD, { recursive: true });
  const text = CHINESE_LINES.join('\n') + '\n';
  writeFileSync(join(BAD, 'empty.txt'), '');
  writeFileSync(join(BAD, 'random.bin'), pseudoRandomBytes(4096, 0x2545f491));
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  writeFileSync(join(BAD, 'random-as.txt'), Buffer.concat([png, pseudoRandomBytes(2048, 0x9e3779b9)]));
  writeFileSync(join(BAD, 'truncated.docx'), sampleDocx.subarray(0, Math.floor(sampleDocx.length / 2)));
  writeFileSync(join(BAD, 'truncated.pdf'), samplePdf.subarray(0, Math.floor(samplePdf.length / 2)));
  writeFileSync(join(BAD, 'gbk.txt'), iconv.encode(text, 'gbk'));
  writeFileSync(
    join(BAD, 'utf16le.txt'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  );
  writeFileSync(
    join(BAD, 'utf8-bom.txt'),
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
  );
  // Lines 4 and 7 of twelve are GBK inside an otherwise UTF-8 file.
  const mixed = Array.from({ length: 12 }, (_, i) => {
    const line = `${CHINESE_LINES[i % CHINESE_LINES.length]!}（第${i + 1}行）\n`;
    return i === 3 || i === 6 ? iconv.encode(line, 'gbk') : Buffer.from(line, 'utf8');
  });
  writeFileSync(join(BAD, 'mixed-encodings.txt'), Buffer.concat(mixed));
  writeFileSync(join(BAD, 'hostile.html'), hostileHtml());
}

/** Deep nesting, unclosed tags, a huge attribute and scripts: a reader must stay iterative and drop the scripts. */
function hostileHtml(): string {
  const depth = 100_000;
  return [
    '<html><head><script>for(;;){} // 脚本不应出现</script></head><body>',
    '<p>开头正文</p>',
    '<b>'.repeat(depth),
    '<span>深层正文</span>',
    '</b>'.repeat(10),
    `<p title="${'x'.repeat(50_000)}">超长属性后的正文</p>`,
    '<table><tr><td rowspan="65535" colspan="100000">巨大合并单元格<td>右侧</table>',
    '<p>未闭合段落<b>未闭合粗体<i>未闭合斜体',
    '<script>document.write("未闭合脚本不应出现")',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  mkdirSync(FORMATS, { recursive: true });
  const blocks = parseSample(readFileSync(join(FORMATS, 'sample-plan.txt'), 'utf8'));
  const docxPath = join(FORMATS, 'sample-plan.docx');
  await writeDocx(blocks, docxPath);
  writeFileSync(join(FORMATS, 'sample-plan.html'), htmlDocument(blocks));

  const work = mkdtempSync(join(tmpdir(), 'lantu-pdf-'));
  try {
    copyFileSync(docxPath, join(work, 'sample-plan.docx'));
    convertToPdf(join(work, 'sample-plan.docx'), work);
    copyFileSync(join(work, 'sample-plan.pdf'), join(FORMATS, 'sample-plan.pdf'));
    convertToPdf(join(work, 'sample-plan.docx'), work, ENCRYPTED_PDF_FILTER);
    mkdirSync(BAD, { recursive: true });
    copyFileSync(join(work, 'sample-plan.pdf'), join(BAD, 'encrypted.pdf'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  writeFileSync(join(FORMATS, 'scanned-no-text.pdf'), scannedLikePdf(2));
  writeFileSync(join(FORMATS, 'cmap-unigb.pdf'), predefinedCMapPdf('规划纲要2025年目标'));

  writeBadFixtures(readFileSync(docxPath), readFileSync(join(FORMATS, 'sample-plan.pdf')));
  console.log(`wrote fixtures to ${FORMATS} and ${BAD}`);
}

await main();
