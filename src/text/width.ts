// Display width of text as a typesetter sees it (a CJK or full-width character is 1, a half-width one 0.5), and whitespace by char code.

export function displayWidth(text: string): number {
  // Counting half-width characters in an integer is cheaper than a float sum per character, and exactly the same.
  let halves = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x1100 || (code >= 0xff61 && code <= 0xffdc)) halves++;
  }
  return text.length - halves / 2;
}

/** The code units `\s` matches and trim() removes (WhiteSpace and LineTerminator of ECMAScript), by char code. */
const WHITESPACE = new Uint8Array(0x10000);
for (const code of [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
])
  WHITESPACE[code] = 1;

/** True when the char code is one `\s` matches. */
export function isWhitespaceCode(code: number): boolean {
  return WHITESPACE[code] === 1;
}

/** True when `text` holds a character `\s` matches. */
export function hasWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (WHITESPACE[text.charCodeAt(i)] === 1) return true;
  return false;
}

/** True when trim() would return the text unchanged: both ends checked, no new string made. */
export function isTrimmed(text: string): boolean {
  return (
    text.length === 0 ||
    (WHITESPACE[text.charCodeAt(0)] === 0 && WHITESPACE[text.charCodeAt(text.length - 1)] === 0)
  );
}

/** True for Latin letters and digits, which need a space when a wrap separated two words. */
export function isLatinWord(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0) | 32;
  return code >= 97 && code <= 122;
}
