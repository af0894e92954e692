// A chart's font cut down to the glyphs it draws: one face of a CJK collection with every other CFF outline emptied.
//
// resvg-js (2.6, native) re-reads the font file for every glyph it lays out (thx/resvg-js#367) and cannot take a
// font from memory, so the file's size is the cost: a 19 MB Noto CJK collection costs ~3.5 ms per glyph. Keeping
// glyph ids and every table but emptying the outlines a chart does not use gives a ~1.5 MB face that draws the same
// pixels. Pure: bytes in, bytes out; the caller writes the file.

/** A face of a font file, read once per process and trimmed per chart. */
export interface CffFace {
  /** The face's tables (tag → bytes), shared with the collection's buffer. */
  tables: Map<string, Uint8Array>;
  family: string;
}

/** What trimming needs of a face, parsed on first use (only the face a chart uses is parsed). */
const parsed = new WeakMap<CffFace, { glyphOf: (codePoint: number) => number; cff: ParsedCff }>();

function prepare(face: CffFace) {
  let p = parsed.get(face);
  if (!p) {
    p = { glyphOf: cmapLookup(face.tables.get('cmap')!), cff: parseCff(face.tables.get('CFF ')!) };
    parsed.set(face, p);
  }
  return p;
}

interface ParsedCff {
  bytes: Uint8Array;
  /** Bytes from the header to the end of the Global Subr INDEX, with the Top DICT INDEX cut out. */
  head: Uint8Array;
  nameIndexEnd: number;
  topDict: DictEntry[];
  charStrings: Uint8Array[];
}

interface DictEntry {
  op: number;
  operands: Uint8Array[];
  values: number[];
}

const u16 = (b: Uint8Array, p: number): number => (b[p]! << 8) | b[p + 1]!;
const u32 = (b: Uint8Array, p: number): number =>
  ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
const tag = (b: Uint8Array, p: number): string => String.fromCharCode(b[p]!, b[p + 1]!, b[p + 2]!, b[p + 3]!);

interface CffIndex {
  items: Uint8Array[];
  end: number;
}

function readIndex(b: Uint8Array, p: number): CffIndex {
  const count = u16(b, p);
  if (count === 0) return { items: [], end: p + 2 };
  const offSize = b[p + 2]!;
  const offsetAt = (i: number): number => {
    let v = 0;
    for (let k = 0; k < offSize; k++) v = v * 256 + b[p + 3 + i * offSize + k]!;
    return v;
  };
  const data = p + 3 + (count + 1) * offSize - 1;
  const items: Uint8Array[] = [];
  for (let i = 0; i < count; i++) items.push(b.subarray(data + offsetAt(i), data + offsetAt(i + 1)));
  return { items, end: data + offsetAt(count) };
}

function writeIndex(items: Uint8Array[]): Uint8Array {
  if (items.length === 0) return new Uint8Array([0, 0]);
  const dataSize = items.reduce((s, i) => s + i.length, 0);
  const out = new Uint8Array(3 + (items.length + 1) * 4 + dataSize);
  const view = new DataView(out.buffer);
  view.setUint16(0, items.length);
  out[2] = 4;
  let offset = 1;
  let p = 3 + (items.length + 1) * 4;
  items.forEach((item, i) => {
    view.setUint32(3 + i * 4, offset);
    out.set(item, p);
    p += item.length;
    offset += item.length;
  });
  view.setUint32(3 + items.length * 4, offset);
  return out;
}

/** A DICT as operator entries, each operand kept as its bytes (reals included) and as a number when an integer. */
function readDict(b: Uint8Array): DictEntry[] {
  const entries: DictEntry[] = [];
  let operands: Uint8Array[] = [];
  let values: number[] = [];
  let p = 0;
  while (p < b.length) {
    const b0 = b[p]!;
    const start = p;
    if (b0 <= 21) {
      const op = b0 === 12 ? 1200 + b[p + 1]! : b0;
      p += b0 === 12 ? 2 : 1;
      entries.push({ op, operands, values });
      operands = [];
      values = [];
      continue;
    }
    let value = NaN;
    if (b0 === 28) {
      value = ((b[p + 1]! << 24) | (b[p + 2]! << 16)) >> 16;
      p += 3;
    } else if (b0 === 29) {
      value = (b[p + 1]! << 24) | (b[p + 2]! << 16) | (b[p + 3]! << 8) | b[p + 4]!;
      p += 5;
    } else if (b0 === 30) {
      p++;
      while (p < b.length && (b[p]! & 0x0f) !== 0x0f && b[p]! >> 4 !== 0x0f) p++;
      p++;
    } else if (b0 >= 32 && b0 <= 246) {
      value = b0 - 139;
      p += 1;
    } else if (b0 >= 247 && b0 <= 250) {
      value = (b0 - 247) * 256 + b[p + 1]! + 108;
      p += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      value = -(b0 - 251) * 256 - b[p + 1]! - 108;
      p += 2;
    } else throw new Error(`CFF DICT: unexpected byte ${b0}`);
    operands.push(b.subarray(start, p));
    values.push(value);
  }
  return entries;
}

const int32 = (v: number): Uint8Array =>
  new Uint8Array([29, (v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]);

function writeDict(entries: DictEntry[]): Uint8Array {
  const parts: number[] = [];
  for (const e of entries) {
    for (const o of e.operands) parts.push(...o);
    if (e.op >= 1200) parts.push(12, e.op - 1200);
    else parts.push(e.op);
  }
  return new Uint8Array(parts);
}

const OP = {
  charset: 15,
  encoding: 16,
  charStrings: 17,
  private: 18,
  subrs: 19,
  fdArray: 1236,
  fdSelect: 1237,
};

function parseCff(bytes: Uint8Array): ParsedCff {
  const name = readIndex(bytes, bytes[2]!);
  const top = readIndex(bytes, name.end);
  const strings = readIndex(bytes, top.end);
  const gsubrs = readIndex(bytes, strings.end);
  const head = new Uint8Array(name.end + (gsubrs.end - top.end));
  head.set(bytes.subarray(0, name.end));
  head.set(bytes.subarray(top.end, gsubrs.end), name.end);
  const topDict = readDict(top.items[0]!);
  const at = (op: number) => topDict.find((e) => e.op === op)?.values;
  const charStrings = readIndex(bytes, at(OP.charStrings)![0]!).items;
  return { bytes, head, nameIndexEnd: name.end, topDict, charStrings };
}

/** The bytes of a charset or FDSelect structure at `p` (their length follows from their format and the glyph count). */
function charsetBytes(b: Uint8Array, p: number, glyphs: number): Uint8Array {
  const format = b[p]!;
  if (format === 0) return b.subarray(p, p + 1 + 2 * (glyphs - 1));
  let q = p + 1;
  for (let covered = 1; covered < glyphs;) {
    covered += 1 + (format === 1 ? b[q + 2]! : u16(b, q + 2));
    q += format === 1 ? 3 : 4;
  }
  return b.subarray(p, q);
}

function fdSelectBytes(b: Uint8Array, p: number, glyphs: number): Uint8Array {
  if (b[p] === 0) return b.subarray(p, p + 1 + glyphs);
  if (b[p] === 3) return b.subarray(p, p + 5 + 3 * u16(b, p + 1));
  throw new Error(`CFF FDSelect format ${b[p]} is not supported`);
}

/** A Private DICT followed by its local Subrs (whose offset, relative to the DICT, is rewritten to follow it). */
function privateBlock(b: Uint8Array, size: number, offset: number): { bytes: Uint8Array; size: number } {
  const dict = readDict(b.subarray(offset, offset + size));
  const subrs = dict.find((e) => e.op === OP.subrs)?.values[0];
  if (subrs === undefined) return { bytes: b.subarray(offset, offset + size), size };
  const local = b.subarray(offset + subrs, readIndex(b, offset + subrs).end);
  const encode = (at: number) =>
    writeDict(dict.map((e) => (e.op === OP.subrs ? { ...e, operands: [int32(at)] } : e)));
  const own = encode(encode(0).length);
  const bytes = new Uint8Array(own.length + local.length);
  bytes.set(own);
  bytes.set(local, own.length);
  return { bytes, size: own.length };
}

/** The CFF table with only the given glyphs' outlines (the others an empty `endchar`), glyph ids unchanged. */
function trimCff(cff: ParsedCff, keep: Set<number>): Uint8Array {
  const b = cff.bytes;
  const at = (op: number) => cff.topDict.find((e) => e.op === op)?.values;
  const glyphs = cff.charStrings.length;
  const endchar = new Uint8Array([14]);
  const charStrings = writeIndex(cff.charStrings.map((c, gid) => (keep.has(gid) ? c : endchar)));
  const charsetOffset = at(OP.charset)?.[0];
  const charset =
    charsetOffset !== undefined && charsetOffset > 2 ? charsetBytes(b, charsetOffset, glyphs) : null;
  const fdSelectOffset = at(OP.fdSelect)?.[0];
  const fdSelect = fdSelectOffset !== undefined ? fdSelectBytes(b, fdSelectOffset, glyphs) : null;
  const fdArrayOffset = at(OP.fdArray)?.[0];
  const fontDicts = fdArrayOffset !== undefined ? readIndex(b, fdArrayOffset).items.map(readDict) : [];
  const topPrivate = at(OP.private);
  const privates = (
    topPrivate ? [topPrivate] : fontDicts.map((d) => d.find((e) => e.op === OP.private)!.values)
  ).map(([size, offset]) => privateBlock(b, size!, offset!));
  const withOffsets = (dict: DictEntry[], offsets: Map<number, number[]>): DictEntry[] =>
    dict.map((e) => (offsets.has(e.op) ? { ...e, operands: offsets.get(e.op)!.map(int32) } : e));
  // Every rewritten operand is a 5-byte integer, so sizes are known before the offsets are.
  const layout = (topOffsets: Map<number, number[]>, fdOffsets: number[][]) => {
    const top = writeIndex([writeDict(withOffsets(cff.topDict, topOffsets))]);
    const fdArray = writeIndex(
      fontDicts.map((d, i) => writeDict(withOffsets(d, new Map([[OP.private, fdOffsets[i] ?? [0, 0]]])))),
    );
    return { top, fdArray };
  };
  const placeholder = new Map<number, number[]>(
    cff.topDict
      .filter((e) => Object.values(OP).includes(e.op) && e.op !== OP.encoding)
      .map((e) => [e.op, e.values]),
  );
  const sized = layout(placeholder, []);
  let p = cff.head.length + sized.top.length;
  const offsets = new Map<number, number[]>();
  const parts: Uint8Array[] = [];
  const place = (bytes: Uint8Array): number => {
    const at = p;
    parts.push(bytes);
    p += bytes.length;
    return at;
  };
  if (charset) offsets.set(OP.charset, [place(charset)]);
  if (fdSelect) offsets.set(OP.fdSelect, [place(fdSelect)]);
  offsets.set(OP.charStrings, [place(charStrings)]);
  const fdArrayAt = fontDicts.length ? p : -1;
  if (fontDicts.length) {
    offsets.set(OP.fdArray, [fdArrayAt]);
    p += sized.fdArray.length;
  }
  const privateOffsets = privates.map((span) => [span.size, place(span.bytes)]);
  if (topPrivate) offsets.set(OP.private, privateOffsets[0]!);
  for (const e of cff.topDict) if (placeholder.has(e.op) && !offsets.has(e.op)) offsets.set(e.op, e.values);
  const final = layout(offsets, topPrivate ? [] : privateOffsets);
  const out = new Uint8Array(p);
  out.set(cff.head.subarray(0, cff.nameIndexEnd));
  out.set(final.top, cff.nameIndexEnd);
  out.set(cff.head.subarray(cff.nameIndexEnd), cff.nameIndexEnd + final.top.length);
  let q = cff.head.length + final.top.length;
  for (const part of parts) {
    if (fontDicts.length && q === fdArrayAt) {
      out.set(final.fdArray, q);
      q += final.fdArray.length;
    }
    out.set(part, q);
    q += part.length;
  }
  return out;
}

function cmapLookup(cmap: Uint8Array): (cp: number) => number {
  const count = u16(cmap, 2);
  let format4 = -1;
  let format12 = -1;
  for (let i = 0; i < count; i++) {
    const platform = u16(cmap, 4 + i * 8);
    const encoding = u16(cmap, 6 + i * 8);
    const offset = u32(cmap, 8 + i * 8);
    const format = u16(cmap, offset);
    if (format === 12 && (platform === 0 || (platform === 3 && encoding === 10))) format12 = offset;
    if (format === 4 && (platform === 0 || (platform === 3 && encoding === 1))) format4 = offset;
  }
  if (format12 >= 0) {
    const groups = u32(cmap, format12 + 12);
    return (cp) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const g = format12 + 16 + mid * 12;
        if (cp < u32(cmap, g)) hi = mid - 1;
        else if (cp > u32(cmap, g + 4)) lo = mid + 1;
        else return u32(cmap, g + 8) + cp - u32(cmap, g);
      }
      return 0;
    };
  }
  if (format4 >= 0) {
    const segX2 = u16(cmap, format4 + 6);
    const ends = format4 + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const ranges = deltas + segX2;
    return (cp) => {
      if (cp > 0xffff) return 0;
      for (let s = 0; s < segX2; s += 2) {
        if (cp > u16(cmap, ends + s)) continue;
        const start = u16(cmap, starts + s);
        if (cp < start) return 0;
        const rangeOffset = u16(cmap, ranges + s);
        if (rangeOffset === 0) return (cp + u16(cmap, deltas + s)) & 0xffff;
        const gid = u16(cmap, ranges + s + rangeOffset + (cp - start) * 2);
        return gid ? (gid + u16(cmap, deltas + s)) & 0xffff : 0;
      }
      return 0;
    };
  }
  return () => 0;
}

function familyOf(name: Uint8Array): string {
  const count = u16(name, 2);
  const strings = u16(name, 4);
  for (let i = 0; i < count; i++) {
    const r = 6 + i * 12;
    if (u16(name, r) !== 3 || u16(name, r + 6) !== 1) continue;
    const length = u16(name, r + 8);
    const offset = strings + u16(name, r + 10);
    let text = '';
    for (let k = 0; k < length; k += 2) text += String.fromCharCode(u16(name, offset + k));
    return text;
  }
  return '';
}

/**
 * The CFF faces of a font file (a .ttc collection or one .otf); none for TrueType outlines (glyf), which this module
 * does not trim.
 */
export function cffFaces(file: Uint8Array): CffFace[] {
  const offsets =
    tag(file, 0) === 'ttcf' ? Array.from({ length: u32(file, 8) }, (_, i) => u32(file, 12 + i * 4)) : [0];
  const faces: CffFace[] = [];
  for (const offset of offsets) {
    if (tag(file, offset) !== 'OTTO') continue;
    const tables = new Map<string, Uint8Array>();
    for (let i = 0; i < u16(file, offset + 4); i++) {
      const r = offset + 12 + i * 16;
      tables.set(tag(file, r), file.subarray(u32(file, r + 8), u32(file, r + 8) + u32(file, r + 12)));
    }
    const cff = tables.get('CFF ');
    const cmap = tables.get('cmap');
    const name = tables.get('name');
    if (!cff || !cmap || !name) continue;
    faces.push({ tables, family: familyOf(name) });
  }
  return faces;
}

function checksum(b: Uint8Array): number {
  let sum = 0;
  for (let p = 0; p < b.length; p += 4)
    sum =
      (sum + (((b[p] ?? 0) << 24) | ((b[p + 1] ?? 0) << 16) | ((b[p + 2] ?? 0) << 8) | (b[p + 3] ?? 0))) >>>
      0;
  return sum;
}

/** An OpenType file of one face whose CFF keeps only the outlines of `text`'s characters (and .notdef). */
export function subsetFace(face: CffFace, text: string): Uint8Array {
  const { glyphOf, cff } = prepare(face);
  const keep = new Set<number>([0]);
  for (const ch of text) keep.add(glyphOf(ch.codePointAt(0)!));
  const tables = new Map(face.tables);
  tables.set('CFF ', trimCff(cff, keep));
  const tags = [...tables.keys()].sort();
  const headerSize = 12 + tags.length * 16;
  const size = tags.reduce((s, t) => s + ((tables.get(t)!.length + 3) & ~3), headerSize);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set([0x4f, 0x54, 0x54, 0x4f]);
  view.setUint16(4, tags.length);
  const power = 2 ** Math.floor(Math.log2(tags.length));
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, tags.length * 16 - power * 16);
  let p = headerSize;
  tags.forEach((t, i) => {
    const data = tables.get(t)!;
    const r = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[r + k] = t.charCodeAt(k);
    view.setUint32(r + 4, checksum(data));
    view.setUint32(r + 8, p);
    view.setUint32(r + 12, data.length);
    out.set(data, p);
    p += (data.length + 3) & ~3;
  });
  return out;
}
