// The table of contents (目录): its entries repeat the body's headings (often with page numbers) and are never headings.
import { SENTENCE_PUNCTUATION } from '../../vocabulary/index.js';
import {
  MATTER_HEADING,
  matchHeading,
  NOTE_HEADING,
  TOC_HEADING,
  TOC_PAGE_REF,
} from '../../vocabulary/index.js';

/** A run of headings without a 目录 heading counts as a table of contents from this many entries on. */
const MIN_UNTITLED_ENTRIES = 3;
/** Characters of a title that identify an entry (a TOC may shorten or wrap the body's title). */
const KEY_TITLE_CHARS = 6;
/** Longest wrapped piece of a TOC title on a line of its own (`示范区`). */
const MAX_WRAPPED_PIECE = 30;

/** Longest line that can be a TOC entry; longer lines are prose and skip the entry patterns. */
const MAX_ENTRY_LENGTH = 160;

const DOT_LEADERS = /[.·．•]{2,}|[…⋯]/;

const ROMAN_PAGE_LETTERS = 'IVXLCDMivxlcdm';
/** One character of the leaders (and spaces) that may trail an entry. */
const LEADER_CHAR = /[\s.·．•…⋯]/;

/**
 * True when the text ends with a page reference (TOC_PAGE_REF). The last character must be a digit or a Roman
 * numeral; checking it first spares the unanchored pattern's scan from every start position on almost every line.
 */
function hasPageRef(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  const numeral =
    (last >= 48 && last <= 57) ||
    (last >= 0x2160 && last <= 0x217f) ||
    ROMAN_PAGE_LETTERS.includes(text[text.length - 1] ?? ' ');
  return numeral && TOC_PAGE_REF.test(text);
}

/** The entry text without its leaders and page number. */
export function withoutPageRef(text: string): string {
  const bare = hasPageRef(text) ? text.replace(TOC_PAGE_REF, '') : text;
  return LEADER_CHAR.test(bare[bare.length - 1] ?? '') ? bare.replace(/[\s.·．•…⋯]+$/, '') : bare;
}

/** What identifies a heading line across the TOC and the body: its form, number and the start of its title. */
export function entryKey(text: string): string | null {
  const bare = withoutPageRef(text.trim());
  if (MATTER_HEADING.test(bare) || NOTE_HEADING.test(bare)) return bare.replace(/\s+/g, '');
  const match = matchHeading(bare);
  if (!match || match.kind === 'dash') return null;
  return `${match.kind}${match.number}:${match.title.replace(/\s+/g, '').slice(0, KEY_TITLE_CHARS)}`;
}

/** A line that lists a heading with its page number, or a wrapped title piece ending in leaders and a page. */
function isPagedEntry(text: string): boolean {
  if (text.length > MAX_ENTRY_LENGTH || !hasPageRef(text)) return false;
  return entryKey(text) !== null || DOT_LEADERS.test(text);
}

/**
 * Flags (by logical line index) the lines of every table of contents: entries with page numbers anywhere, the
 * block after a 目录 heading, and a run of headings that the body repeats (a TOC whose heading was lost).
 * A block ends at prose or where the body repeats one of its entries.
 */
export function tableOfContents(texts: readonly string[]): Uint8Array {
  const toc = new Uint8Array(texts.length);
  const keys = texts.map((t) =>
    t.length > MAX_ENTRY_LENGTH || SENTENCE_PUNCTUATION.test(t) ? null : entryKey(t),
  );
  const lastSeen = new Map<string, number>();
  keys.forEach((key, i) => key && lastSeen.set(key, i));
  for (let i = 0; i < texts.length; i++) if (isPagedEntry(texts[i]!)) toc[i] = 1;
  for (let i = 0; i < texts.length; i++) {
    const titled = TOC_HEADING.test(texts[i]!.trim());
    const key = keys[i];
    if (!titled && !(key && lastSeen.get(key)! > i)) continue;
    const start = titled ? i + 1 : i;
    const { end, entries } = blockEnd(texts, keys, toc, start);
    // Without a 目录 heading, the run must be long and its first entry must come back in the body after it.
    if (titled || (entries >= MIN_UNTITLED_ENTRIES && lastSeen.get(key!)! >= end)) {
      toc.fill(1, i, end);
      i = end - 1;
    }
  }
  return toc;
}

function blockEnd(
  texts: readonly string[],
  keys: readonly (string | null)[],
  toc: Uint8Array,
  start: number,
): { end: number; entries: number } {
  const listed = new Set<string>();
  let entries = 0;
  let j = start;
  for (; j < texts.length; j++) {
    const text = texts[j]!;
    if (SENTENCE_PUNCTUATION.test(text)) break;
    const key = keys[j];
    if (key) {
      // The body starts where its first heading repeats an entry.
      if (listed.has(key) && toc[j] === 0) break;
      listed.add(key);
      entries += 1;
    } else if (toc[j] === 0 && (text.length > MAX_WRAPPED_PIECE || entries === 0)) break;
  }
  return { end: j, entries };
}

/** The titles the table of contents gives, by entry key (a wrapped entry's pieces joined). */
export function tocTitles(texts: readonly string[], toc: Uint8Array): Map<string, string> {
  const titles = new Map<string, string>();
  let key: string | null = null;
  for (let i = 0; i < texts.length; i++) {
    if (toc[i] === 0) continue;
    const bare = withoutPageRef(texts[i]!.trim());
    const entry = entryKey(bare);
    if (entry) {
      key = entry;
      titles.set(key, matchHeading(bare)?.title ?? bare);
    } else if (key && !TOC_HEADING.test(bare)) titles.set(key, titles.get(key)! + bare);
  }
  return titles;
}
