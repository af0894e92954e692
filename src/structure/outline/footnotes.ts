// Footnote reference numbers glued to a heading's words (`“一带一轴、三核四极”114城市空间结构`) are not its title.

/** Digits glued between the words of a title; a number before a unit or a count word is part of the title. */
const GLUED_NUMBER = /(?<=[\u4e00-\u9fff”」』）)])(\d{1,3})(?=[\u4e00-\u9fff“「『（(]|$)/g;
/** A note of a glossary or footnote list: `114. 一带一轴、三核四极：…`, `[3]各类金融机构：…`, `注3：…`. */
const NOTE_LINE = /^(?:\[(\d{1,3})\]|(\d{1,3})\s*[.．、]|注\s*(\d{1,3})\s*[:：.．、]?)\s*([^：:]{1,40})[：:]/;
const QUOTES = /[“”「」『』"'‘’《》]/g;

/** The note terms of a document by their number, read once per document. */
const notesByTexts = new WeakMap<readonly string[], Map<number, string>>();

function noteTerms(texts: readonly string[]): Map<number, string> {
  let notes = notesByTexts.get(texts);
  if (!notes) {
    notes = new Map();
    for (const text of texts) {
      const m = NOTE_LINE.exec(text);
      if (m) notes.set(Number(m[1] ?? m[2] ?? m[3]), m[4]!.replace(QUOTES, '').trim());
    }
    notesByTexts.set(texts, notes);
  }
  return notes;
}

/**
 * The title without glued reference numbers whose note exists: a number counts as a reference only when the
 * document has a note with that number for the words just before it (a number in the name, `5G`, `15分钟`, stays).
 */
export function withoutFootnoteRefs(title: string, texts: readonly string[]): string {
  if (!/\d/.test(title)) return title;
  return title.replace(GLUED_NUMBER, (digits: string, _group: string, offset: number) => {
    const term = noteTerms(texts).get(Number(digits));
    if (!term) return digits;
    return title.slice(0, offset).replace(QUOTES, '').endsWith(term) ? '' : digits;
  });
}
