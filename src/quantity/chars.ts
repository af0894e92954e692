// Character classes the quantity grammar tests at every step, on char codes so that scanning stays fast.

/** 0–9 for an ASCII or full-width digit, else −1. */
export function digitValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10;
  return -1;
}

/** The char code at `p`, 0 outside the text (so that code tables can be indexed without a bounds check). */
export function codeAt(text: string, p: number): number {
  return text.charCodeAt(p) | 0;
}

export function isDigitCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19);
}

/** Latin, Greek or Cyrillic letters (ASCII and full-width): a digit touching one belongs to a code (5G, PM2.5, О2О). */
export function isLetterCode(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 0xff21 && code <= 0xff3a) ||
    (code >= 0xff41 && code <= 0xff5a) ||
    (code >= 0x0370 && code <= 0x03ff && code !== 0x03bc) ||
    (code >= 0x0400 && code <= 0x04ff)
  );
}

/** CJK unified ideographs (the running text of the documents). */
export function isIdeographCode(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || code === 0x3007;
}

/** Horizontal whitespace allowed between a number and its unit or comparator (PDF-ish `440.2 亿元`). */
export function isSpaceCode(code: number): boolean {
  return code === 32 || code === 9 || code === 0xa0 || code === 0x3000 || code === 0x2002 || code === 0x2003;
}

/** Index of the first non-space character at or after `pos` (spaces as in `isSpaceCode`). */
export function skipSpaces(text: string, pos: number, limit = 3): number {
  let p = pos;
  while (p < text.length && p - pos < limit && isSpaceCode(text.charCodeAt(p))) p++;
  return p;
}

/** Index just after the last non-space character before `pos`. */
export function skipSpacesBack(text: string, pos: number, limit = 3): number {
  let p = pos;
  while (p > 0 && pos - p < limit && isSpaceCode(text.charCodeAt(p - 1))) p--;
  return p;
}

/** Folds one character for dictionary look-ups: full-width ASCII → ASCII, upper → lower case, ²³ → 23, μ → u. */
export function foldChar(ch: string): string {
  if (ch === '') return ch;
  const code = ch.charCodeAt(0);
  const folded = foldCode(code);
  return folded === code ? ch : String.fromCharCode(folded);
}

/** `foldChar` on a char code, so that dictionary walks allocate no strings. */
export function foldCode(code: number): number {
  const ascii = code >= 0xff01 && code <= 0xff5e ? code - 0xfee0 : code;
  if (ascii >= 65 && ascii <= 90) return ascii + 32;
  switch (ascii) {
    case 0xb2: // ²
      return 50;
    case 0xb3: // ³
      return 51;
    case 0x3bc: // μ
    case 0xb5: // µ
      return 117;
    case 0xfe6a: // ﹪
      return 37;
    default:
      return ascii;
  }
}

/** A table indexed by UTF-16 code holding 1 for each of `chars` (one-character strings), for scans on char codes. */
export function codeSet(chars: Iterable<string>): Uint8Array {
  const table = new Uint8Array(65536);
  for (const ch of chars) table[singleCode(ch)] = 1;
  return table;
}

/** A table indexed by UTF-16 code holding each character's value, −1 elsewhere (values fit in 16 bits). */
export function codeValues(values: Readonly<Record<string, number>>): Int16Array {
  const table = new Int16Array(65536).fill(-1);
  for (const [ch, value] of Object.entries(values)) table[singleCode(ch)] = value;
  return table;
}

function singleCode(ch: string): number {
  if (ch.length !== 1) throw new Error(`not a single UTF-16 character: "${ch}"`);
  return ch.charCodeAt(0);
}

/** Opening quotation marks: a number right after one starts a quoted name (“13710”, “9+2”). */
export const OPENING_QUOTES = new Set(['“', '‘', '「', '『', '"', '＂', '《', '〈']);
/** The closing mark of each opening quotation mark. */
export const CLOSING_QUOTES: Record<string, string> = {
  '“': '”',
  '‘': '’',
  '「': '」',
  '『': '』',
  '"': '"',
  '＂': '＂',
  '《': '》',
  '〈': '〉',
};

/** Range separators between two numbers (6—8个, 6%-7%, 6~8, 6至8). */
export const RANGE_SEPARATORS = new Set(['-', '－', '—', '–', '~', '～', '〜', '至', '到', '−']);

/** Signs that make a number negative when they touch it from the left (-2.9). */
export const MINUS_SIGNS = new Set(['-', '－', '−']);

/** `OPENING_QUOTES`, `RANGE_SEPARATORS` and `MINUS_SIGNS` by char code. */
export const OPENING_QUOTE_CODES = codeSet(OPENING_QUOTES);
export const RANGE_SEPARATOR_CODES = codeSet(RANGE_SEPARATORS);
export const MINUS_SIGN_CODES = codeSet(MINUS_SIGNS);
