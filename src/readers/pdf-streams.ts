// A pre-check of a PDF's streams before pdfjs sees them: decompression bombs (flate, LZW, ASCII85 … and chains of
// them) and deeply nested content streams are refused.
import { LantuError } from '../diagnostics.js';
import { InflateBudget, limitError, READ_LIMIT_ENV, type ReadLimits } from './limits.js';
import { decodable, decodeStream, streamFilters } from './pdf-filters.js';

/** How far before `stream` its dictionary may start (dictionaries of real PDFs are a few hundred bytes). */
const DICT_WINDOW = 4096;
/** Streams that are not page content: images and fonts are not decoded by the text layer; binary data is no syntax. */
const NOT_CONTENT =
  /\/Subtype\s*\/(Image|Type1C|CIDFontType0C|OpenType|XML)\b|\/Length[123]\b|\/Type\s*\/(XRef|Metadata|EmbeddedFile)\b/;
const IMAGE = /\/Subtype\s*\/Image\b/;
const STREAM = Buffer.from('stream');
const END_STREAM = Buffer.from('endstream');

/**
 * Decodes every stream that is not an image through its filters (flate, LZW, ASCII85, ASCIIHex, RunLength, and
 * chains of them) under the document's budget, and scans content streams for
 * nesting depth (q/Q, arrays, dictionaries) past `maxNesting`; pdfjs slows down quadratically on deep q nesting.
 */
export function checkPdfStreams(
  bytes: Uint8Array,
  path: string,
  limits: Pick<ReadLimits, 'maxInflatedBytes' | 'maxNesting'>,
): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const budget = new InflateBudget(limits.maxInflatedBytes, path);
  let from = 0;
  let index = 0;
  for (;;) {
    const at = buffer.indexOf(STREAM, from);
    if (at < 0) return;
    from = at + STREAM.length;
    if (at >= 3 && buffer.toString('latin1', at - 3, at) === 'end') continue;
    let start = from;
    if (buffer[start] === 0x0d) start++;
    if (buffer[start] === 0x0a) start++;
    if (start === from) continue; // `stream` inside a name or string, not the keyword
    const dict = buffer.toString('latin1', Math.max(0, at - DICT_WINDOW), at);
    const dictStart = dict.lastIndexOf(' obj');
    const header = dictStart >= 0 ? dict.slice(dictStart) : dict;
    const end = buffer.indexOf(END_STREAM, start);
    const stop = end < 0 ? buffer.length : end;
    from = stop;
    index++;
    const filters = streamFilters(header);
    // Images and the codecs the text layer never decodes (DCT, JPX, JBIG2, CCITT, Crypt) are not read here.
    if (IMAGE.test(header) || !decodable(filters)) continue;
    const data = bytes.subarray(start, stop);
    const scanner = NOT_CONTENT.test(header) ? null : new NestingScanner(limits.maxNesting, path, index);
    if (filters.length > 0) {
      try {
        scanner?.feed(decodeStream(data, filters, budget, `stream ${index} (at byte ${at})`));
      } catch (error) {
        if (error instanceof LantuError) throw error;
        // A damaged stream is pdfjs's to judge (it recovers what it can); only size and depth are ours.
      }
    } else scanner?.feed(data);
  }
}

/** Tracks nesting in content-stream syntax across chunks: strings and comments skipped, q/Q, [ ], << >> counted. */
class NestingScanner {
  private q = 0;
  private brackets = 0;
  private stringDepth = 0;
  private escaped = false;
  private comment = false;
  private hex = false;
  private lessThan = false;
  private greaterThan = false;
  private previous = 0x20;
  private pending = -1;

  constructor(
    private readonly limit: number,
    private readonly file: string,
    private readonly stream: number,
  ) {}

  feed(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) this.byte(chunk[i]!);
  }

  private byte(c: number): void {
    if (this.pending >= 0) {
      // A lone q or Q is an operator only when a delimiter follows it.
      if (isDelimiter(c)) {
        if (this.pending === 0x71) this.deeper('q/Q');
        else if (this.q > 0) this.q--;
      }
      this.pending = -1;
    }
    if (this.lessThan) {
      this.lessThan = false;
      if (c === 0x3c) {
        this.deeper('dictionary');
        this.previous = 0x20;
        return;
      }
      this.hex = true;
    }
    if (this.greaterThan) {
      this.greaterThan = false;
      if (c === 0x3e) {
        this.brackets = Math.max(0, this.brackets - 1);
        this.previous = 0x20;
        return;
      }
    }
    if (this.stringDepth > 0) {
      if (this.escaped) this.escaped = false;
      else if (c === 0x5c) this.escaped = true;
      else if (c === 0x28) this.stringDepth++;
      else if (c === 0x29) this.stringDepth--;
    } else if (this.comment) {
      if (c === 0x0a || c === 0x0d) this.comment = false;
    } else if (this.hex) {
      if (c === 0x3e) this.hex = false;
    } else if (c === 0x28) this.stringDepth = 1;
    else if (c === 0x25) this.comment = true;
    else if (c === 0x5b) this.deeper('array');
    else if (c === 0x5d) this.brackets = Math.max(0, this.brackets - 1);
    else if (c === 0x3c) this.lessThan = true;
    else if (c === 0x3e) this.greaterThan = true;
    else if ((c === 0x71 || c === 0x51) && isDelimiter(this.previous)) this.pending = c;
    this.previous = c;
  }

  private deeper(what: 'q/Q' | 'array' | 'dictionary'): void {
    const depth = what === 'q/Q' ? ++this.q : ++this.brackets;
    if (depth > this.limit) {
      throw limitError(
        this.file,
        'nesting',
        `content stream ${this.stream} nests ${what === 'q/Q' ? 'graphics states (q … Q)' : `${what === 'array' ? 'arrays' : 'dictionaries'}`} deeper than the limit of ${this.limit}`,
        `a PDF whose content nests at most ${this.limit} levels (${READ_LIMIT_ENV.maxNesting} raises it)`,
      );
    }
  }
}

function isDelimiter(c: number): boolean {
  // whitespace (NUL, TAB, LF, FF, CR, space) and the PDF delimiters ( ) < > [ ] { } / %
  return (
    c === 0x20 ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0x09 ||
    c === 0x0c ||
    c === 0x00 ||
    c === 0x28 ||
    c === 0x29 ||
    c === 0x3c ||
    c === 0x3e ||
    c === 0x5b ||
    c === 0x5d ||
    c === 0x7b ||
    c === 0x7d ||
    c === 0x2f ||
    c === 0x25
  );
}
