// Hostile documents generated at test time (zip bombs, flate bombs, nested PDFs, huge texts), sized by the caller.
import { deflateSync, strToU8, zlibSync } from 'fflate';

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

interface ZipMember {
  name: string;
  data: Uint8Array;
  /** The uncompressed size written in the headers; a lie when it differs from `data.length`. */
  declaredSize?: number;
}

/** A deflated ZIP; `declaredSize` lets a member lie about how large it inflates. */
export function zip(members: readonly ZipMember[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const member of members) {
    const name = strToU8(member.name);
    const packed = deflateSync(member.data, { level: 6 });
    const crc = crc32(member.data);
    const size = member.declaredSize ?? member.data.length;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, 8, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, packed.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, packed.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, packed);
    centrals.push(central);
    offset += local.length + packed.length;
  }
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, members.length, true);
  ev.setUint16(10, members.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  return concat([...locals, ...centrals, end]);
}

const RELS =
  '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** word/document.xml of `bytes` bytes: one paragraph, then padding of spaces (deflates ~1000:1). */
function documentXml(bytes: number): Uint8Array {
  const head = strToU8(
    '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>第一章 发展环境</w:t></w:r></w:p>',
  );
  const tail = strToU8('</w:body></w:document>');
  const out = new Uint8Array(Math.max(bytes, head.length + tail.length)).fill(0x20);
  out.set(head, 0);
  out.set(tail, out.length - tail.length);
  return out;
}

/** A .docx whose document part inflates to `inflatedBytes` but whose headers claim 1 KB. */
export function lyingDocx(inflatedBytes: number): Uint8Array {
  return zip([
    { name: '_rels/.rels', data: strToU8(RELS) },
    { name: 'word/document.xml', data: documentXml(inflatedBytes), declaredSize: 1024 },
  ]);
}

/** A .docx zip bomb that is honest about its size: its document part inflates to `inflatedBytes`. */
export function zipBombDocx(inflatedBytes: number): Uint8Array {
  return zip([
    { name: '_rels/.rels', data: strToU8(RELS) },
    { name: 'word/document.xml', data: documentXml(inflatedBytes) },
  ]);
}

/** A one-page PDF around a content stream (raw, or flate-compressed when `deflate`). */
export function pdfWithContent(content: Uint8Array, options: { deflate?: boolean } = {}): Uint8Array {
  const stream = options.deflate ? zlibSync(content, { level: 6 }) : content;
  const filter = options.deflate ? ' /Filter /FlateDecode' : '';
  const objects: Array<Uint8Array | string> = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    concat([strToU8(`<< /Length ${stream.length}${filter} >>\nstream\n`), stream, strToU8('\nendstream')]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  return pdfOf(objects);
}

/** A one-page PDF whose content stream is `stream` as written, under the filter (chain) `filter`. */
export function pdfWithFilteredContent(stream: Uint8Array, filter: string): Uint8Array {
  const objects: Array<Uint8Array | string> = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    concat([
      strToU8(`<< /Length ${stream.length} /Filter ${filter} >>\nstream\n`),
      stream,
      strToU8('\nendstream'),
    ]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  return pdfOf(objects);
}

/** Codes of `width` bits, most significant first, packed into bytes (LZW as PDF writes it). */
class BitWriter {
  private readonly bytes: number[] = [];
  private bits = 0;
  private count = 0;
  write(code: number, width: number): void {
    this.bits = (this.bits << width) | code;
    this.count += width;
    while (this.count >= 8) {
      this.bytes.push((this.bits >>> (this.count - 8)) & 0xff);
      this.count -= 8;
      this.bits &= (1 << this.count) - 1;
    }
  }
  done(): Uint8Array {
    if (this.count > 0) this.bytes.push((this.bits << (8 - this.count)) & 0xff);
    return Uint8Array.from(this.bytes);
  }
}

/**
 * An LZW stream (EarlyChange 1) that decodes to at least `bytes` copies of `byte`: after the byte itself, each code
 * is the newest table entry, one byte longer than the last (≈1,300:1), the table cleared before it fills.
 */
export function lzwRun(byte: number, bytes: number): Uint8Array {
  const out = new BitWriter();
  let produced = 0;
  while (produced < bytes) {
    out.write(256, 9);
    let width = 9;
    out.write(byte, width);
    produced += 1;
    for (let code = 258; code < 4000 && produced < bytes; code++) {
      out.write(code, width);
      produced += code - 256;
      if (code + 1 + 1 >= 1 << width && width < 12) width++;
    }
    out.write(256, width);
  }
  out.write(257, 9);
  return out.done();
}

/** ASCII85 of `data` (groups of four zero bytes as `z`), ended by `~>`. */
export function ascii85(data: Uint8Array): Uint8Array {
  let text = '';
  for (let i = 0; i < data.length; i += 4) {
    const group = data.subarray(i, i + 4);
    const padded = new Uint8Array(4);
    padded.set(group);
    const value = ((padded[0]! << 24) | (padded[1]! << 16) | (padded[2]! << 8) | padded[3]!) >>> 0;
    if (value === 0 && group.length === 4) {
      text += 'z';
      continue;
    }
    const digits: string[] = [];
    let v = value;
    for (let k = 0; k < 5; k++) {
      digits.unshift(String.fromCharCode((v % 85) + 33));
      v = Math.floor(v / 85);
    }
    text += digits.slice(0, group.length + 1).join('');
  }
  return strToU8(`${text}~>`);
}

/** A .docx whose word/document.xml is `xml` as given (a DOCTYPE with entities, say). */
export function docxWithDocument(xml: string): Uint8Array {
  return zip([
    { name: '_rels/.rels', data: strToU8(RELS) },
    { name: 'word/document.xml', data: strToU8(xml) },
  ]);
}

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Billion laughs: ten levels of entities, each ten of the one below (10^9 "lol"s if a parser expanded them). */
export function billionLaughsDocx(): Uint8Array {
  const levels = Array.from(
    { length: 9 },
    (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
  ).join('');
  return docxWithDocument(
    `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol">${levels}]>` +
      `<w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>第一章 &lol9;</w:t></w:r></w:p></w:body></w:document>`,
  );
}

/** XXE: an external entity naming `path` (a parser that resolved it would put the file's text in the document). */
export function xxeDocx(path: string): Uint8Array {
  return docxWithDocument(
    `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://${path}">]>` +
      `<w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>第一章 &xxe;</w:t></w:r></w:p></w:body></w:document>`,
  );
}

/** An HTML page with `depth` nested open tags around one paragraph of text. */
export function nestedHtml(depth: number): Uint8Array {
  return strToU8(
    `<!doctype html><html><head><title>规划</title></head><body>${'<div>'.repeat(depth)}` +
      `<p>第一章 发展环境。到2025年，地区生产总值达到800亿元。</p>${'</div>'.repeat(depth)}</body></html>`,
  );
}

/** A PDF of `pages` pages, each with one line of text (a page count bomb when large). */
export function manyPagesPdf(pages: number): Uint8Array {
  const content = strToU8('BT /F1 12 Tf 72 720 Td (page) Tj ET');
  const kids = Array.from({ length: pages }, (_, i) => `${i + 5} 0 R`).join(' ');
  const objects: Array<Uint8Array | string> = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    concat([strToU8(`<< /Length ${content.length} >>\nstream\n`), content, strToU8('\nendstream')]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  for (let i = 0; i < pages; i++) {
    objects.push(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>',
    );
  }
  return pdfOf(objects);
}

/** A content stream nesting `depth` arrays inside a text object (pdfjs reads such operands recursively). */
export function nestedContent(depth: number): Uint8Array {
  return strToU8(`BT /F1 12 Tf 72 720 Td (x) Tj ${'['.repeat(depth)}${']'.repeat(depth)} TJ ET`);
}

function pdfOf(objects: ReadonlyArray<Uint8Array | string>): Uint8Array {
  const parts: Uint8Array[] = [strToU8('%PDF-1.7\n')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    const body = typeof object === 'string' ? strToU8(object) : object;
    const framed = concat([strToU8(`${i + 1} 0 obj\n`), body, strToU8('\nendobj\n')]);
    offsets.push(offset);
    parts.push(framed);
    offset += framed.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(strToU8(xref));
  return concat(parts);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const MB = 1024 * 1024;

/** Limits small enough that every file of hostileSet() is over one, so tests stay fast. */
export const SMALL_LIMITS = {
  maxInflatedBytes: 8 * MB,
  maxPages: 50,
  maxNesting: 256,
  maxLineChars: 100_000,
  seconds: 20,
  heapMb: 512,
} as const;

export interface HostileFile {
  name: string;
  bytes: Uint8Array;
  /** The error code the file must get under SMALL_LIMITS. */
  code: string;
}

let built: HostileFile[] | undefined;

/** One file per hostile kind, each over one of SMALL_LIMITS (sizes 3× the inflate budget); built once per run. */
export function hostileSet(): HostileFile[] {
  built ??= buildHostileSet();
  return built;
}

function buildHostileSet(): HostileFile[] {
  const text = strToU8('BT /F1 12 Tf 72 720 Td (x) Tj ET ');
  const padded = new Uint8Array(3 * SMALL_LIMITS.maxInflatedBytes).fill(0x20);
  padded.set(text, 0);
  return [
    {
      name: 'lying-sizes.docx',
      bytes: lyingDocx(3 * SMALL_LIMITS.maxInflatedBytes),
      code: 'limit/inflated-size',
    },
    {
      name: 'zip-bomb.docx',
      bytes: zipBombDocx(3 * SMALL_LIMITS.maxInflatedBytes),
      code: 'limit/inflated-size',
    },
    { name: 'flate-bomb.pdf', bytes: pdfWithContent(padded, { deflate: true }), code: 'limit/inflated-size' },
    {
      name: 'nested-q.pdf',
      bytes: pdfWithContent(strToU8(`${'q '.repeat(20_000)}BT /F1 12 Tf 72 720 Td (x) Tj ET`)),
      code: 'limit/nesting',
    },
    { name: 'nested-arrays.pdf', bytes: pdfWithContent(nestedContent(5000)), code: 'limit/nesting' },
    { name: 'many-pages.pdf', bytes: manyPagesPdf(3 * SMALL_LIMITS.maxPages), code: 'limit/pages' },
    {
      name: 'lzw-bomb.pdf',
      bytes: pdfWithFilteredContent(lzwRun(0x20, 3 * SMALL_LIMITS.maxInflatedBytes), '/LZWDecode'),
      code: 'limit/inflated-size',
    },
    {
      // ASCII85 around flate: the chain a filter check that skips ASCII85 would never inflate.
      name: 'ascii85-flate-bomb.pdf',
      bytes: pdfWithFilteredContent(ascii85(zlibSync(padded, { level: 6 })), '[/ASCII85Decode /FlateDecode]'),
      code: 'limit/inflated-size',
    },
    {
      name: 'one-line.txt',
      bytes: new Uint8Array(3 * SMALL_LIMITS.maxLineChars).fill(0x41),
      code: 'limit/line-length',
    },
  ];
}
