// Tables flattened into lines of text (PDF extraction): rows rebuilt from a stream of words with a small state machine.
import type { PhysicalLine } from '../../layout/index.js';
import {
  awaitsNumber,
  categoryLabel,
  compact,
  endsWithUnitGroup,
  isAttribute,
  isCategoryCount,
  isClosedValue,
  isEmptyMarker,
  isNumberedCategory,
  isNumericValue,
  isSeq,
  isUnitCell,
  parenBalance,
  rawOf,
  seqText,
  width,
} from './cells.js';
import type { Cell, Draft, RowDraft } from './draft.js';
import type { Piece } from './types.js';
import { ATTRIBUTE_PREFIX, CAPTION, TABLE_END } from './vocabulary.js';

/** A word of a table line: text between spaces or TABs. */
interface Word {
  piece: Piece;
  /** Position in its line. */
  first: boolean;
  last: boolean;
  /** Separated from the previous word of its line by a TAB (a cell border) rather than a space. */
  afterTab: boolean;
}

/** Words a number is written with, split off by a space in flattened text (`70 以上`, `4.5 以内`). */
const BOUND_WORD = /^(?:以上|以下|以内|左右|及以上|及以下|[%％‰])$/;

/** A word of a line; global, so it is read with `exec` from `lastIndex` (no per-call copy as `matchAll` makes). */
const WORD = /[^\s]+/g;
const TAB = 9;
const SPACE = 32;
const IDEOGRAPHIC_SPACE = 0x3000;

/** The spaces before `at` end a TAB (`\t` followed only by spaces): the word starts a new cell. */
function followsTab(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === IDEOGRAPHIC_SPACE)) k--;
  return k >= 0 && text.charCodeAt(k) === TAB;
}

/** The words of a line; a bound word joins its number and an attribute glued to a name is split off. */
export function lineWords(line: PhysicalLine): Word[] {
  const words: Word[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(line.text); match !== null; match = WORD.exec(line.text)) {
    const start = line.start + match.index;
    const afterTab = followsTab(line.text, match.index);
    let text = match[0];
    const previous = words[words.length - 1];
    if (previous && !afterTab && BOUND_WORD.test(text) && isNumericValue(previous.piece.text)) {
      previous.piece = {
        ...previous.piece,
        text: `${previous.piece.text}${line.text.slice(previous.piece.end - line.start, start - line.start)}${text}`,
        end: start + text.length,
      };
      continue;
    }
    const glued = ATTRIBUTE_PREFIX.exec(text);
    if (glued) {
      const head = glued[1]!;
      words.push({
        piece: { text: head, start, end: start + head.length, line: line.line },
        first: false,
        last: false,
        afterTab,
      });
      text = text.slice(head.length);
      words.push({
        piece: { text, start: start + head.length, end: start + head.length + text.length, line: line.line },
        first: false,
        last: false,
        afterTab: true,
      });
      continue;
    }
    words.push({
      piece: { text, start, end: start + text.length, line: line.line },
      first: false,
      last: false,
      afterTab,
    });
  }
  if (words.length > 0) {
    words[0]!.first = true;
    words[words.length - 1]!.last = true;
  }
  return words;
}

/** A fragment of a label: the words of one line (or one TAB cell) in the name part of a row. */
interface Fragment {
  pieces: Piece[];
  /** Shares its line with the fragment before it (a separate cell, never a wrap). */
  sameLine: boolean;
}

interface OpenRow {
  seq: Piece | null;
  continuesGroup: boolean;
  fragments: Fragment[];
  values: Cell[];
  /** The last value is text cut at a line end and may continue on the next line. */
  valueOpen: boolean;
  attribute: Cell | null;
  unit: Cell | null;
}

export interface StreamOptions {
  valueCount: number;
  hasUnitColumn: boolean;
  /** Compact caption text, to skip a caption repeated after a page break. */
  caption: string | null;
  /** Compact header text, to skip a header repeated after a page break. */
  header: string;
}

export interface StreamRead {
  drafts: Draft[];
  /** Index into the lines given of the first line after the table. */
  end: number;
  /** 1-based source line of the table's last line. */
  lastLine: number;
}

/** Lines from `from` that repeat the table's header (or its caption and header), as a count; 0 when they do not. */
function repeatedHeader(lines: readonly PhysicalLine[], from: number, options: StreamOptions): number {
  let i = from;
  const skipBlank = (): void => {
    while (i < lines.length && lines[i]!.text === '') i++;
  };
  skipBlank();
  let captionSkipped = false;
  if (options.caption && i < lines.length && compact(lines[i]!.text) === options.caption) {
    i++;
    captionSkipped = true;
    skipBlank();
  }
  let matched = '';
  let after = i;
  while (i < lines.length) {
    const raw = lines[i]!.text;
    const text = compact(raw.includes('|') ? raw.replace(/\|/g, '') : raw);
    if (text === '') {
      i++;
      continue;
    }
    if (!options.header.startsWith(matched + text)) break;
    matched += text;
    i++;
    after = i;
  }
  const enough = matched.length >= Math.max(4, options.header.length / 2) && /[\u4e00-\u9fff]/.test(matched);
  if (enough) return after - from;
  return captionSkipped ? after - from : 0;
}

/** Groups label fragments into cells: a fragment continues the one before when it looks like the rest of a wrap. */
export function groupFragments(fragments: readonly Fragment[]): Cell[] {
  const cells: Cell[] = [];
  let current: Piece[] = [];
  let previous: Fragment | null = null;
  for (const fragment of fragments) {
    const text = rawOf(fragment.pieces);
    const so = rawOf(current);
    const continues =
      previous !== null &&
      !fragment.sameLine &&
      (parenBalance(so) > 0 ||
        /^[（(]/.test(text) ||
        (!endsWithUnitGroup(so) && width(rawOf(previous.pieces)) >= width(text)));
    if (previous !== null && !continues) {
      cells.push(current);
      current = [];
    }
    current.push(...fragment.pieces);
    previous = fragment;
  }
  if (current.length > 0) cells.push(current);
  return cells;
}

interface StreamState {
  options: StreamOptions;
  drafts: Draft[];
  row: OpenRow | null;
  lastSeq: number | null;
}

function openRow(seq: Piece | null, continuesGroup: boolean): OpenRow {
  return { seq, continuesGroup, fragments: [], values: [], valueOpen: false, attribute: null, unit: null };
}

function finishRow(state: StreamState): void {
  if (!state.row) return;
  const draft = toDraft(state.row);
  if (draft) state.drafts.push(draft);
  state.row = null;
}

/** The row has its attribute or every value column: a name that follows starts another row. */
const complete = (state: StreamState, row: OpenRow): boolean =>
  row.attribute !== null || row.values.length >= state.options.valueCount;
/** The row's name is over: values (or the attribute) have begun. */
const started = (row: OpenRow): boolean => row.values.length > 0 || row.attribute !== null;

/** A number first on its line, in sequence and followed by a label, starts a row. */
function startsRow(state: StreamState, word: Word, following: Word | undefined): boolean {
  const t = word.piece.text;
  if (!word.first || !isSeq(t) || !following) return false;
  if (isNumericValue(following.piece.text) || isAttribute(following.piece.text)) return false;
  const n = Number(seqText(t));
  // Rows are numbered in order; the first number read may be any (a table continued from elsewhere).
  const expected = state.lastSeq === null || (n > state.lastSeq && n <= state.lastSeq + 2);
  const row = state.row;
  if (!expected || (row !== null && !started(row) && row.fragments.length > 0)) return false;
  finishRow(state);
  state.row = openRow(word.piece, false);
  state.lastSeq = n;
  return true;
}

function addNumber(state: StreamState, word: Word): void {
  const row = state.row;
  if (!row) return;
  const t = word.piece.text;
  const last = row.values[row.values.length - 1];
  // `五年下降` / `18%`: a number alone on its line completes the phrase above it.
  if (row.valueOpen && last && word.first && word.last && !isEmptyMarker(t) && awaitsNumber(rawOf(last))) {
    last.push(word.piece);
    row.valueOpen = !isClosedValue(rawOf(last));
    return;
  }
  if (state.options.hasUnitColumn && row.values.length === 0 && row.unit === null && isUnitCell(t)) {
    row.unit = [word.piece];
    return;
  }
  row.values.push([word.piece]);
  row.valueOpen = word.last && !isClosedValue(t);
}

/** Text before the values: a piece of the name, of a parent or category cell, or the unit of a 单位 column. */
function addLabel(state: StreamState, row: OpenRow, word: Word): void {
  const fragments = row.fragments;
  if (
    state.options.hasUnitColumn &&
    fragments.length > 0 &&
    row.unit === null &&
    isUnitCell(word.piece.text)
  ) {
    row.unit = [word.piece];
    return;
  }
  const previous = fragments[fragments.length - 1];
  const sameLine =
    !word.first &&
    previous !== undefined &&
    previous.pieces[previous.pieces.length - 1]!.line === word.piece.line;
  if (sameLine && !word.afterTab && !endsWithUnitGroup(rawOf(previous.pieces)))
    previous.pieces.push(word.piece);
  else if (sameLine && !word.afterTab) {
    // Text right after a name that ends in its unit is the first value (`按市下达目标`).
    row.values.push([word.piece]);
    row.valueOpen = word.last;
  } else fragments.push({ pieces: [word.piece], sameLine });
}

/** Text after the values began: the rest of a wrapped value, a value phrase, or the name of the next (sub-)row. */
function addText(state: StreamState, word: Word): void {
  const row = state.row;
  const t = word.piece.text;
  if (row && !started(row)) return addLabel(state, row, word);
  const lastValue = row?.values[row.values.length - 1];
  if (row && row.valueOpen && lastValue && word.first && !/[（(]/.test(t)) {
    lastValue.push(word.piece);
    row.valueOpen = word.last && !isClosedValue(rawOf(lastValue));
    return;
  }
  if (row === null || /[（(]/.test(t) || complete(state, row)) {
    finishRow(state);
    // A name with no number of its own after a finished row: a sub-row of a merged parent, or an unnumbered row.
    state.row = openRow(null, row !== null);
    state.row.fragments.push({ pieces: [word.piece], sameLine: false });
    return;
  }
  row.values.push([word.piece]);
  row.valueOpen = word.last && !isClosedValue(t);
}

/** Reads table rows from flattened lines, starting after the header, until a note, a heading or prose. */
export function readStream(lines: readonly PhysicalLine[], from: number, options: StreamOptions): StreamRead {
  const state: StreamState = { options, drafts: [], row: null, lastSeq: null };
  let lastLine = lines[from - 1]?.line ?? 0;
  // Each line is split into words once: the lookahead for sequence numbers reads the next line's words too.
  const wordCache = new Map<number, Word[]>();
  const wordsAt = (k: number): Word[] => {
    let words = wordCache.get(k);
    if (!words) wordCache.set(k, (words = lineWords(lines[k]!)));
    return words;
  };
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.text === '') continue;
    const repeated = repeatedHeader(lines, i, options);
    if (repeated > 0) {
      i += repeated - 1;
      continue;
    }
    const text = line.text.trim();
    if (isProse(text)) break;
    // A category cell wrapped over lines (`创新` / `发展` / `(5项)`): the label read so far is the category.
    const open = state.row;
    if (isCategoryCount(text) && open && open.seq === null && !started(open) && open.fragments.length > 0) {
      const label = categoryLabel(open.fragments.map((f) => rawOf(f.pieces)).join('') + compact(text));
      if (label !== null) {
        state.row = null;
        state.drafts.push({ kind: 'category', label });
        state.lastSeq = null;
        lastLine = line.line;
        continue;
      }
    }
    // A numbered category has a label too, so a line without one is never a category.
    const category = categoryLabel(text);
    if (category !== null && (isNumberedCategory(text) || state.row === null || complete(state, state.row))) {
      finishRow(state);
      state.drafts.push({ kind: 'category', label: category });
      // Some tables number their rows afresh in every category.
      state.lastSeq = null;
      lastLine = line.line;
      continue;
    }
    const words = wordsAt(i);
    // The next line's first word, to tell a sequence number from a value.
    const nextWord = nextLineWord(lines, i, wordsAt);
    words.forEach((word, w) => {
      const t = word.piece.text;
      if (startsRow(state, word, words[w + 1] ?? nextWord)) return;
      if (isAttribute(t)) {
        if (state.row) {
          state.row.attribute ??= [word.piece];
          state.row.valueOpen = false;
        }
      } else if (isNumericValue(t)) addNumber(state, word);
      else addText(state, word);
    });
    lastLine = line.line;
  }
  finishRow(state);
  return { drafts: state.drafts, end: i, lastLine };
}

function nextLineWord(
  lines: readonly PhysicalLine[],
  i: number,
  wordsAt: (k: number) => Word[],
): Word | undefined {
  for (let k = i + 1; k < lines.length && k <= i + 4; k++) {
    if (lines[k]!.text === '') continue;
    return wordsAt(k)[0];
  }
  return undefined;
}

/** A line that cannot be part of a table: a note, a heading, another caption, or a sentence. */
function isProse(text: string): boolean {
  const t = compact(text);
  if (TABLE_END.test(t) || CAPTION.test(t) || /[。；！？]/.test(t) || t.length > 80) return true;
  // A comma inside a unit (`(万元/人,2020年价格)`) is a table's; one outside parentheses is a sentence's.
  return t.length > 20 && /[，,]/.test(t.replace(/[（(][^（）()]*[)）]/g, ''));
}

function toDraft(row: OpenRow): RowDraft | null {
  if (row.fragments.length === 0) return null;
  const labels = groupFragments(row.fragments);
  return {
    kind: 'row',
    seq: row.seq ? [row.seq] : null,
    labels,
    continuesGroup: row.continuesGroup,
    unit: row.unit,
    values: row.values,
    attribute: row.attribute,
  };
}
