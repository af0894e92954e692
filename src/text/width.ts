// Display width of text as a typesetter sees it: a CJK or full-width character is 1, a half-width one 0.5.

export function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    width += code < 0x1100 || (code >= 0xff61 && code <= 0xffdc) ? 0.5 : 1;
  }
  return width;
}

/** True for Latin letters and digits, which need a space when a wrap separated two words. */
export function isLatinWord(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0) | 32;
  return code >= 97 && code <= 122;
}
