// Character classes the quantity grammar tests at every step, on char codes so that scanning stays fast.

/** 0–9 for an ASCII or full-width digit, else −1. */
export function digitValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10;
  return -1;
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
  const code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return foldChar(String.fromCharCode(code - 0xfee0));
  if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
  switch (ch) {
    case '²':
      return '2';
    case '³':
      return '3';
    case 'μ':
    case 'µ':
      return 'u';
    case '﹪':
      return '%';
    default:
      return ch;
  }
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
