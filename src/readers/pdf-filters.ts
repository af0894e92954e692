// The PDF stream filters that expand data, decoded under the document's inflate budget: ASCII85, ASCIIHex,
// RunLength and LZW (and flate, through zip.inflateCapped), so no filter or chain of filters can be a bomb.
import type { InflateBudget } from './limits.js';
import { inflateCapped } from './zip.js';

/** Output gathered before it is counted against the budget: a bomb stops within this much of the limit. */
const CHUNK = 64 * 1024;

/** Collects decoded bytes, counting each chunk against the budget as it fills. */
class BudgetedOutput {
  private readonly chunks: Uint8Array[] = [];
  private current = new Uint8Array(CHUNK);
  private at = 0;
  constructor(
    private readonly budget: InflateBudget,
    private readonly what: string,
  ) {}

  push(byte: number): void {
    if (this.at === CHUNK) this.flush();
    this.current[this.at++] = byte;
  }

  /** The first `n` bytes of `from`, copied in bulk. */
  pushAll(from: Uint8Array, n: number): void {
    let done = 0;
    while (done < n) {
      if (this.at === CHUNK) this.flush();
      const take = Math.min(n - done, CHUNK - this.at);
      this.current.set(from.subarray(done, done + take), this.at);
      this.at += take;
      done += take;
    }
  }

  private flush(): void {
    this.budget.take(this.at, this.what);
    this.chunks.push(this.current.subarray(0, this.at));
    this.current = new Uint8Array(CHUNK);
    this.at = 0;
  }

  done(): Uint8Array {
    this.flush();
    if (this.chunks.length === 1) return this.chunks[0]!;
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const c of this.chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  }
}

const isSpace = (c: number) =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;

/** ASCII85 (`z` is four zero bytes, `~>` ends); a damaged group ends the data, as pdfjs does. */
export function decodeAscii85(data: Uint8Array, budget: InflateBudget, what: string): Uint8Array {
  const out = new BudgetedOutput(budget, what);
  const group: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (isSpace(c)) continue;
    if (c === 0x7e) break; // ~>
    if (c === 0x7a && group.length === 0) {
      for (let k = 0; k < 4; k++) out.push(0);
      continue;
    }
    if (c < 0x21 || c > 0x75) break;
    group.push(c - 0x21);
    if (group.length === 5) {
      emitGroup(group, 4, out);
      group.length = 0;
    }
  }
  if (group.length > 1) {
    const bytes = group.length - 1;
    while (group.length < 5) group.push(84);
    emitGroup(group, bytes, out);
  }
  return out.done();
}

function emitGroup(group: number[], bytes: number, out: BudgetedOutput): void {
  let value = 0;
  for (const digit of group) value = value * 85 + digit;
  for (let k = 0; k < bytes; k++) out.push((value >>> (24 - 8 * k)) & 0xff);
}

/** ASCIIHex: two hex digits a byte, `>` ends, an odd last digit is followed by 0. */
export function decodeAsciiHex(data: Uint8Array, budget: InflateBudget, what: string): Uint8Array {
  const out = new BudgetedOutput(budget, what);
  let high = -1;
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === 0x3e) break;
    const digit =
      c >= 0x30 && c <= 0x39
        ? c - 0x30
        : c >= 0x41 && c <= 0x46
          ? c - 55
          : c >= 0x61 && c <= 0x66
            ? c - 87
            : -1;
    if (digit < 0) continue;
    if (high < 0) high = digit;
    else {
      out.push((high << 4) | digit);
      high = -1;
    }
  }
  if (high >= 0) out.push(high << 4);
  return out.done();
}

/** RunLength: a length byte n < 128 copies n + 1 bytes, n > 128 repeats the next byte 257 − n times, 128 ends. */
export function decodeRunLength(data: Uint8Array, budget: InflateBudget, what: string): Uint8Array {
  const out = new BudgetedOutput(budget, what);
  let i = 0;
  while (i < data.length) {
    const n = data[i++]!;
    if (n === 128) break;
    if (n < 128) {
      for (let k = 0; k <= n && i < data.length; k++) out.push(data[i++]!);
    } else if (i < data.length) {
      const byte = data[i++]!;
      for (let k = 0; k < 257 - n; k++) out.push(byte);
    }
  }
  return out.done();
}

const LZW_CLEAR = 256;
const LZW_END = 257;
const LZW_TABLE = 4096;

/**
 * LZW as PDF writes it (9–12-bit codes, most significant bit first; `earlyChange` 1 widens a code early).
 * One 12-bit code can stand for 4,000 bytes, so the output is counted as it is written, never after.
 */
export function decodeLzw(
  data: Uint8Array,
  budget: InflateBudget,
  what: string,
  earlyChange = 1,
): Uint8Array {
  const out = new BudgetedOutput(budget, what);
  const prefix = new Int32Array(LZW_TABLE);
  const suffix = new Uint8Array(LZW_TABLE);
  const length = new Int32Array(LZW_TABLE);
  const first = new Uint8Array(LZW_TABLE);
  for (let c = 0; c < 256; c++) {
    prefix[c] = -1;
    suffix[c] = c;
    length[c] = 1;
    first[c] = c;
  }
  const scratch = new Uint8Array(LZW_TABLE + 1);
  let next = 258;
  let width = 9;
  let previous = -1;
  let bits = 0;
  let bitCount = 0;
  const emit = (code: number) => {
    let n = length[code]!;
    for (let c = code; c >= 0; c = prefix[c]!) scratch[--n] = suffix[c]!;
    out.pushAll(scratch, length[code]!);
  };
  for (let i = 0; i < data.length; i++) {
    bits = ((bits << 8) | data[i]!) >>> 0;
    bitCount += 8;
    while (bitCount >= width) {
      const code = (bits >>> (bitCount - width)) & ((1 << width) - 1);
      bitCount -= width;
      bits &= (1 << bitCount) - 1;
      if (code === LZW_CLEAR) {
        next = 258;
        width = 9;
        previous = -1;
        continue;
      }
      if (code === LZW_END) return out.done();
      if (previous < 0) {
        if (code > 255) return out.done(); // damaged: pdfjs's to judge
        emit(code);
        previous = code;
        continue;
      }
      if (code > next) return out.done();
      if (next < LZW_TABLE) {
        // code === next: the string of the previous code plus its own first byte (the KwKwK case).
        prefix[next] = previous;
        suffix[next] = code === next ? first[previous]! : first[code]!;
        length[next] = length[previous]! + 1;
        first[next] = first[previous]!;
        next++;
        if (next + earlyChange >= 1 << width && width < 12) width++;
      } else if (code === next) return out.done();
      emit(code);
      previous = code;
    }
  }
  return out.done();
}

/** Filters decoded here, by their full and abbreviated names. */
const DECODERS: Record<string, (data: Uint8Array, budget: InflateBudget, what: string) => Uint8Array> = {
  FlateDecode: (data, budget, what) => inflateCapped(data, budget, what, { zlib: true }),
  Fl: (data, budget, what) => inflateCapped(data, budget, what, { zlib: true }),
  ASCII85Decode: decodeAscii85,
  A85: decodeAscii85,
  ASCIIHexDecode: decodeAsciiHex,
  AHx: decodeAsciiHex,
  RunLengthDecode: decodeRunLength,
  RL: decodeRunLength,
  LZWDecode: (data, budget, what) => decodeLzw(data, budget, what),
  LZW: (data, budget, what) => decodeLzw(data, budget, what),
};

/** The filters of a stream dictionary, in the order they apply (`/Filter /A` or `/Filter [/A /B]`). */
export function streamFilters(dictionary: string): string[] {
  const match = /\/Filter\s*(\[[^\]]*\]|\/[^\s/[\]<>()]+)/.exec(dictionary);
  if (!match) return [];
  return [...match[1]!.matchAll(/\/([^\s/[\]<>()]+)/g)].map((m) => m[1]!);
}

/** Whether every filter of the chain is one decoded here (image codecs and Crypt are not). */
export function decodable(filters: readonly string[]): boolean {
  return filters.every((f) => f in DECODERS);
}

/**
 * Apply the chain under the budget (the LZW EarlyChange parameter is taken as its default, 1). Throws the
 * budget's limit error past it; a damaged stream gives what decoded (the text layer judges the rest).
 */
export function decodeStream(
  data: Uint8Array,
  filters: readonly string[],
  budget: InflateBudget,
  what: string,
): Uint8Array {
  let out = data;
  for (const filter of filters) out = DECODERS[filter]!(out, budget, `${what} (${filter})`);
  return out;
}
