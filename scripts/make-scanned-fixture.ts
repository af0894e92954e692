// Builds fixtures/formats/scanned-xian-bulletin.pdf: the top of page 1 of a real bulletin as an image-only PDF (a scan).
// Run: npx tsx scripts/make-scanned-fixture.ts   (needs pdftoppm from poppler-utils)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(ROOT, 'fixtures/originals/xian-bulletin-2025.pdf');
const TARGET = join(ROOT, 'fixtures/formats/scanned-xian-bulletin.pdf');
/** A scanner's usual resolution; the page's top part holds the heading and the first figures. */
const DPI = 200;
const PAGE_POINTS = { width: 595.3, height: 841.9 };
const TOP_SHARE = 0.66;

/** Width, height and colour components of a JPEG, from its SOF0/SOF2 marker (pdftoppm -gray still writes 3). */
function jpegSize(jpeg: Buffer): { width: number; height: number; components: number } {
  for (let at = 2; at < jpeg.length;) {
    const marker = jpeg.readUInt16BE(at);
    const length = jpeg.readUInt16BE(at + 2);
    if (marker === 0xffc0 || marker === 0xffc2)
      return {
        height: jpeg.readUInt16BE(at + 5),
        width: jpeg.readUInt16BE(at + 7),
        components: jpeg[at + 9]!,
      };
    at += 2 + length;
  }
  throw new Error(`${SOURCE}: pdftoppm wrote a JPEG without a frame header`);
}

/** A one-page PDF that only draws the image (no text layer), with a correct cross-reference table. */
function imagePdf(jpeg: Buffer): Buffer {
  const { width, height, components } = jpegSize(jpeg);
  const colours = components === 1 ? '/DeviceGray' : '/DeviceRGB';
  const w = ((width * 72) / DPI).toFixed(2);
  const h = ((height * 72) / DPI).toFixed(2);
  const content = `q ${w} 0 0 ${h} 0 0 cm /Scan Do Q`;
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Contents 4 0 R /Resources << /XObject << /Scan 5 0 R >> >> >>`,
    ),
    Buffer.from(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`),
    Buffer.concat([
      Buffer.from(
        `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace ${colours} /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`,
      ),
      jpeg,
      Buffer.from('\nendstream'),
    ]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(object);
    length += object.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref));
  return Buffer.concat(parts);
}

const dir = mkdtempSync(join(tmpdir(), 'lantu-scan-'));
try {
  const heightPx = Math.round(((PAGE_POINTS.height * DPI) / 72) * TOP_SHARE);
  const widthPx = Math.round((PAGE_POINTS.width * DPI) / 72);
  const out = join(dir, 'page');
  execFileSync('pdftoppm', [
    ...['-r', String(DPI), '-gray', '-jpeg', '-jpegopt', 'quality=60', '-singlefile'],
    ...['-f', '1', '-l', '1', '-x', '0', '-y', '0', '-W', String(widthPx), '-H', String(heightPx)],
    SOURCE,
    out,
  ]);
  const pdf = imagePdf(readFileSync(`${out}.jpg`));
  writeFileSync(TARGET, pdf);
  process.stdout.write(`${TARGET}: ${pdf.length} bytes\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
