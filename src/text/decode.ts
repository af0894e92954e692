// Turns the bytes of a text file into a string, naming the encoding used (UTF-8, UTF-16, GB18030) and refusing binary input.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { LantuError, type Diagnostic } from '../diagnostics.js';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  /** The file's text exactly as stored (line breaks untouched, BOM removed). */
  text: string;
  encoding: TextEncodingName;
  diagnostics: Diagnostic[];
}

/** File signatures of formats that are never plain text, with what to tell the user. */
const BINARY_SIGNATURES: readonly { bytes: readonly number[]; looksLike: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], looksLike: 'a ZIP archive (.docx, .xlsx or .zip)' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], looksLike: 'an empty ZIP archive' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], looksLike: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], looksLike: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], looksLike: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], looksLike: 'a GIF image' },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    looksLike: 'a legacy Office file (.doc, .xls or .wps)',
  },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], looksLike: 'an ELF executable' },
  { bytes: [0x1f, 0x8b], looksLike: 'a gzip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], looksLike: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], looksLike: 'a 7-Zip archive' },
];

const EXPECTED_TEXT = 'UTF-8, UTF-16 with BOM or GB18030/GBK text';
const OTHER_ENCODING_HINT = 'is it in another encoding such as Big5 or Latin-1? Save it as UTF-8';
/** Share of control bytes above which a file is binary rather than text with a few stray controls. */
const MAX_CONTROL_SHARE = 0.01;
/** Share of non-ASCII lines that may be undecodable (kept with U+FFFD and a warning) before the file is refused. */
const MAX_BAD_LINE_SHARE = 0.01;
/** Lines named in one diagnostic message before "and N more". */
const LINES_NAMED = 20;

/** Decodes a text file; throws LantuError `read/empty`, `decode/binary` or `decode/undecodable` when it cannot. */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length === 0)
    throw new LantuError({ code: 'read/empty', file, message: 'file is empty (0 bytes)' });
  const decoded = decodeByBom(bytes, file) ?? decodeUnmarked(bytes, file);
  if (!/\S/.test(decoded.text)) {
    throw new LantuError({
      code: 'read/empty',
      file,
      message: `file holds no text (${bytes.length} bytes of whitespace or byte-order mark only)`,
    });
  }
  return decoded;
}

function decodeByBom(bytes: Uint8Array, file: string): DecodedText | undefined {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const decoded = decodeUnmarked(bytes.subarray(3), file, 3);
    return { ...decoded, encoding: decoded.encoding === 'utf-8' ? 'utf-8-bom' : decoded.encoding };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes, 'utf-16le', file);
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes, 'utf-16be', file);
  return undefined;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', file: string): DecodedText {
  const body = bytes.subarray(2);
  if (body.length % 2 !== 0) {
    throw new LantuError({
      code: 'decode/undecodable',
      file,
      message: `${encoding.toUpperCase()} file has an odd number of bytes (${bytes.length}); it is truncated or not UTF-16`,
      expected: 'an even number of bytes after the byte-order mark',
    });
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const offset = firstBadUtf16(body, encoding === 'utf-16le') + 2;
    throw new LantuError({
      code: 'decode/undecodable',
      file,
      message: `invalid ${encoding.toUpperCase()} (unpaired surrogate) at byte offset ${offset}`,
      expected: 'well-formed UTF-16 text',
    });
  }
  if (text.includes('\0') || countControlChars(text) > text.length * MAX_CONTROL_SHARE) {
    throw new LantuError({
      code: 'decode/binary',
      file,
      message: `file starts with a ${encoding.toUpperCase()} byte-order mark but holds binary data`,
      expected: EXPECTED_TEXT,
    });
  }
  return { text, encoding, diagnostics: [] };
}

/** Decodes bytes with no BOM (or after a UTF-8 BOM); `base` is how many bytes were cut off before them. */
function decodeUnmarked(bytes: Uint8Array, file: string, base = 0): DecodedText {
  refuseBinary(bytes, file, base);
  // isUtf8 validates as strictly as a fatal TextDecoder (simdutf) and decoding known-good bytes is cheaper.
  if (isUtf8(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
    // In UTF-8 every byte below 0x80 is a character of its own: the text holds exactly the file's control bytes.
    const control = CONTROL_CHAR.test(text) ? countControlChars(text) : 0;
    refuseControlBytes(control, bytes.length, file);
    return { text, encoding: 'utf-8', diagnostics: control > 0 ? controlCharWarnings(bytes, file) : [] };
  }
  let control = 0;
  for (let i = 0; i < bytes.length; i++) control += CONTROL_BYTE[bytes[i]!]!;
  refuseControlBytes(control, bytes.length, file);
  const diagnostics = control > 0 ? controlCharWarnings(bytes, file) : [];
  // Not clean UTF-8: decide line by line between UTF-8 and GB18030.
  const decoded = decodeLineByLine(bytes, file, base);
  return { ...decoded, diagnostics: [...diagnostics, ...decoded.diagnostics] };
}

/** Throws when the bytes carry the signature of a binary format or a NUL byte. */
function refuseBinary(bytes: Uint8Array, file: string, base: number): void {
  const signature = BINARY_SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (signature) {
    throw new LantuError({
      code: 'decode/binary',
      file,
      message: `not a text file: the bytes look like ${signature.looksLike}`,
      expected: EXPECTED_TEXT,
    });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const looksLike = startsWith(bytes, [0x4d, 0x5a]) ? 'a Windows executable' : 'binary data';
    throw new LantuError({
      code: 'decode/binary',
      file,
      line: lineOfByte(bytes, nul),
      message: `not a text file: NUL byte at byte offset ${nul + base}; the bytes look like ${looksLike}`,
      expected: `${EXPECTED_TEXT} (UTF-16 needs a byte-order mark)`,
    });
  }
}

/** Throws when more than MAX_CONTROL_SHARE of the bytes are control bytes: binary data, not text with a few strays. */
function refuseControlBytes(control: number, length: number, file: string): void {
  if (control > length * MAX_CONTROL_SHARE) {
    throw new LantuError({
      code: 'decode/binary',
      file,
      message: `not a text file: ${control} of ${length} bytes are control characters`,
      expected: EXPECTED_TEXT,
    });
  }
}

function controlCharWarnings(bytes: Uint8Array, file: string): Diagnostic[] {
  const lines: number[] = [];
  let line = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) line++;
    else if (isControlByte(b) && lines[lines.length - 1] !== line) lines.push(line);
  }
  if (lines.length === 0) return [];
  return [
    {
      severity: 'warning',
      code: 'decode/control-chars',
      file,
      line: lines[0],
      message: `stray control characters kept on ${describeLines(lines)}`,
    },
  ];
}

type LineVerdict = 'ascii' | 'utf-8' | 'gb18030' | 'bad';

interface ByteLine {
  start: number;
  end: number;
  utf8Error: number;
  gbText: string | undefined;
}

/** Slow path for text that is not clean UTF-8: GB18030 files, and files mixing UTF-8 and GBK lines. */
function decodeLineByLine(bytes: Uint8Array, file: string, base: number): DecodedText {
  const lines = splitByteLines(bytes);
  let utf8Lines = 0;
  let gbLines = 0;
  for (const line of lines) {
    if (isAscii(bytes, line.start, line.end)) continue;
    line.utf8Error = firstInvalidUtf8(bytes, line.start, line.end);
    if (line.utf8Error === -1) {
      utf8Lines++;
      continue;
    }
    line.gbText = iconv.decode(
      Buffer.from(bytes.buffer, bytes.byteOffset + line.start, line.end - line.start),
      'gb18030',
    );
    if (isPlausibleGb(line.gbText)) gbLines++;
  }
  const majority: 'utf-8' | 'gb18030' = utf8Lines >= gbLines ? 'utf-8' : 'gb18030';
  if (majority === 'gb18030') refuseUnlikelyGb(bytes, file, base);

  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  const minorityLines: number[] = [];
  const badLines: number[] = [];
  let nonAscii = 0;
  const parts: string[] = [];
  lines.forEach((line, index) => {
    const verdict = judgeLine(bytes, line, majority);
    if (verdict !== 'ascii') nonAscii++;
    if (verdict === 'bad') badLines.push(index + 1);
    else if (verdict !== 'ascii' && verdict !== majority) minorityLines.push(index + 1);
    const slice = bytes.subarray(line.start, line.end);
    const asGb = verdict === 'gb18030' || (verdict === 'bad' && majority === 'gb18030');
    parts.push(asGb ? (line.gbText ?? iconv.decode(Buffer.from(slice), 'gb18030')) : utf8.decode(slice));
  });

  if (badLines.length > 0 && badLines.length > nonAscii * MAX_BAD_LINE_SHARE) {
    const first = lines[badLines[0]! - 1]!;
    const offset = first.utf8Error === -1 ? first.start : first.utf8Error;
    throw new LantuError({
      code: 'decode/undecodable',
      file,
      line: badLines[0],
      message:
        `cannot decode line ${badLines[0]} (byte 0x${hex(bytes[offset]!)} at byte offset ${offset + base}); ` +
        `${badLines.length} undecodable lines (${describeLines(badLines)}); ${OTHER_ENCODING_HINT}`,
      expected: EXPECTED_TEXT,
    });
  }

  const diagnostics: Diagnostic[] = [];
  const other = majority === 'utf-8' ? 'GB18030/GBK' : 'UTF-8';
  if (minorityLines.length > 0) {
    diagnostics.push({
      severity: 'warning',
      code: 'decode/mixed-encoding',
      file,
      line: minorityLines[0],
      message: `mixed encodings: decoded as ${majority.toUpperCase()}, but ${describeLines(minorityLines)} are ${other} and were decoded as such`,
      expected: `every line in ${majority.toUpperCase()}`,
    });
  }
  if (badLines.length > 0) {
    diagnostics.push({
      severity: 'warning',
      code: 'decode/invalid-bytes',
      file,
      line: badLines[0],
      message: `invalid bytes replaced by U+FFFD on ${describeLines(badLines)}`,
      expected: EXPECTED_TEXT,
    });
  }
  return { text: parts.join('\n'), encoding: majority, diagnostics };
}

function judgeLine(bytes: Uint8Array, line: ByteLine, majority: 'utf-8' | 'gb18030'): LineVerdict {
  if (line.utf8Error === -2) return 'ascii';
  const utf8Ok = line.utf8Error === -1;
  if (majority === 'utf-8' && utf8Ok) return 'utf-8';
  line.gbText ??= iconv.decode(Buffer.from(bytes.subarray(line.start, line.end)), 'gb18030');
  const gbOk = isPlausibleGb(line.gbText);
  if (gbOk) return 'gb18030';
  return utf8Ok ? 'utf-8' : 'bad';
}

/** Simplified-Chinese GB text uses mostly GB2312 level-1 hanzi; Big5 or Latin-1 bytes read as GBK do not. */
function refuseUnlikelyGb(bytes: Uint8Array, file: string, base: number): void {
  let hanzi = 0;
  let common = 0;
  for (let i = 0; i + 1 < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x81) continue;
    const trail = bytes[i + 1]!;
    if (lead >= 0xb0 && lead <= 0xf7 && trail >= 0xa1 && trail <= 0xfe) {
      hanzi++;
      if (lead <= 0xd7) common++;
    } else if ((lead <= 0xa0 || lead >= 0xaa) && trail >= 0x40) hanzi++;
    i++;
  }
  const unlikely = hanzi >= 10 ? common < hanzi * 0.5 : hanzi >= 2 && common === 0;
  if (!unlikely) return;
  const offset = Math.max(0, firstInvalidUtf8(bytes));
  throw new LantuError({
    code: 'decode/undecodable',
    file,
    line: lineOfByte(bytes, offset),
    message:
      `cannot decode: not UTF-8 (byte 0x${hex(bytes[offset]!)} at byte offset ${offset + base}), and read as GB18030 ` +
      `it gives mostly rare characters (${common} of ${hanzi} common); ${OTHER_ENCODING_HINT}`,
    expected: EXPECTED_TEXT,
  });
}

/** A GB18030 decoding is plausible when it has no replacement, private-use or C1 characters and is mostly common script. */
function isPlausibleGb(text: string): boolean {
  let common = 0;
  let total = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff) || (c >= 0x80 && c <= 0x9f)) return false;
    total++;
    if (isCommonTextChar(c)) common++;
  }
  return common >= total * 0.9;
}

/** Ranges of characters found in Chinese documents: ASCII, Latin-1, Greek, punctuation, symbols, CJK, full-width forms. */
const COMMON_TEXT_RANGES: readonly (readonly [number, number])[] = [
  [0x09, 0x0d],
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x391, 0x3c9],
  [0x2000, 0x22ff],
  [0x2460, 0x26ff],
  [0x3000, 0x30ff],
  [0x3200, 0x33ff],
  [0x4e00, 0x9fff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xffef],
];

function isCommonTextChar(c: number): boolean {
  return COMMON_TEXT_RANGES.some(([lo, hi]) => c >= lo && c <= hi);
}

function splitByteLines(bytes: Uint8Array): ByteLine[] {
  const lines: ByteLine[] = [];
  let start = 0;
  for (;;) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl;
    lines.push({ start, end, utf8Error: -2, gbText: undefined });
    if (nl === -1) return lines;
    start = nl + 1;
  }
}

function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/** Offset of the first byte that breaks UTF-8 in [start, end), or -1 when the range is valid (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= end) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function firstBadUtf16(body: Uint8Array, littleEndian: boolean): number {
  for (let i = 0; i + 1 < body.length; i += 2) {
    const unit = littleEndian ? body[i]! | (body[i + 1]! << 8) : (body[i]! << 8) | body[i + 1]!;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = littleEndian ? body[i + 2]! | (body[i + 3]! << 8) : (body[i + 2]! << 8) | body[i + 3]!;
      if (i + 3 < body.length && next >= 0xdc00 && next <= 0xdfff) i += 2;
      else return i;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return i;
  }
  return 0;
}

/** Control bytes other than TAB, LF, VT, FF, CR and the DOS end-of-file mark. */
function isControlByte(b: number): boolean {
  return (b < 0x20 && !(b >= 0x09 && b <= 0x0d) && b !== 0x1a) || b === 0x7f;
}

/** A character isControlByte accepts: one regex run rules out the common file without any. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHAR = /[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]/;

/** 1 for each byte isControlByte accepts: a table lookup keeps the whole-file count one load per byte. */
const CONTROL_BYTE = Uint8Array.from({ length: 256 }, (_, b) => (isControlByte(b) ? 1 : 0));

function countControlChars(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (isControlByte(text.charCodeAt(i))) count++;
  return count;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function hex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}

function describeLines(lines: readonly number[]): string {
  const named = lines.slice(0, LINES_NAMED).join(', ');
  const more = lines.length > LINES_NAMED ? ` and ${lines.length - LINES_NAMED} more` : '';
  return `${lines.length === 1 ? 'line' : 'lines'} ${named}${more}`;
}
