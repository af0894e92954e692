// Where two text fragments meet: Chinese text takes no space between glyphs, Latin words and numbers take one.

/** Code point ranges of scripts and punctuation written without spaces between characters. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x2014, 0x2014], // — em dash used as 破折号
  [0x2018, 0x201f], // curly quotes “ ” ‘ ’
  [0x2026, 0x2026], // … ellipsis
  [0x2e80, 0x2fdf], // radicals
  [0x3000, 0x30ff], // CJK punctuation, kana
  [0x3100, 0x31bf], // bopomofo
  [0x3200, 0x33ff], // enclosed CJK, compatibility
  [0x3400, 0x4dbf], // extension A
  [0x4e00, 0x9fff], // unified ideographs
  [0xf900, 0xfaff], // compatibility ideographs
  [0xfe30, 0xfe4f], // vertical forms
  [0xff00, 0xffef], // full-width forms （），：
  [0x20000, 0x3134f], // extensions B–G
];

/** True for a character of Chinese text that takes no space next to its neighbours. */
export function isWideChar(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.codePointAt(0)!;
  return WIDE_RANGES.some(([lo, hi]) => c >= lo && c <= hi);
}

/** Whether a space belongs between text ending in `before` and text starting with `after`. */
export function needsSpace(before: string | undefined, after: string | undefined): boolean {
  if (!before || !after || /\s/.test(before) || /\s/.test(after)) return false;
  return !isWideChar(before) && !isWideChar(after);
}

/** Joins fragments of one logical text (cell paragraphs, PDF items): a space between Latin words, none in Chinese. */
export function joinFragments(fragments: readonly string[]): string {
  let out = '';
  for (const fragment of fragments) {
    if (fragment === '') continue;
    out += needsSpace(lastChar(out), firstChar(fragment)) ? ` ${fragment}` : fragment;
  }
  return out;
}

export function firstChar(text: string): string | undefined {
  const c = text.codePointAt(0);
  return c === undefined ? undefined : String.fromCodePoint(c);
}

export function lastChar(text: string): string | undefined {
  if (text.length === 0) return undefined;
  const low = text.charCodeAt(text.length - 1);
  const cut = low >= 0xdc00 && low <= 0xdfff && text.length > 1 ? 2 : 1;
  return text.slice(text.length - cut);
}
