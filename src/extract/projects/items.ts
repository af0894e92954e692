// The named items of one box line: `投资X亿元的<名称>`, `1.类别。实施A、B、C等项目。`, or a run-in label `X工程。…`.
import {
  GROUP_SUMMARY,
  INVESTMENT,
  INVESTMENT_FIRST,
  ITEM_NUMBER,
  LABEL_MAX_LENGTH,
  LIST_TAIL,
  LIST_VERBS,
  NAME_LENGTH,
  NAME_SUFFIX,
  PROJECT_TAIL,
  NOT_A_NAME,
  PLACE_MAX_LENGTH,
  PROGRAMME_LABEL,
  TASK_OPENING,
  VERB_SEARCH,
  WEAK_VERBS,
  WORK_TAIL,
} from './patterns.js';

export interface ProjectItem {
  name: string;
  /** Offset of the name's first character in the line text. */
  offset: number;
  investment: string | null;
}

export interface Piece {
  text: string;
  offset: number;
}

/** Character classes of the splitter, one bit each, looked up by char code (a table beats string searches per character). */
const OPEN = 1;
const CLOSE = 2;
/** Separators of list items, of sentences and of clauses. */
export const ITEMS = 4;
export const SENTENCES = 8;
export const CLAUSES = 16;
type Separators = typeof ITEMS | typeof SENTENCES | typeof CLAUSES;

const CHAR_CLASS = new Uint8Array(0x10000);
const mark = (chars: string, kind: number): void => {
  for (const c of chars) CHAR_CLASS[c.charCodeAt(0)]! |= kind;
};
mark('（(“‘《「', OPEN);
mark('）)”’》」', CLOSE);
mark('、', ITEMS);
mark('。；;', SENTENCES);
mark('，,：:', CLAUSES);

/** Splits on the `separators` class at bracket depth 0, keeping offsets. */
export function splitTop(text: string, offset: number, separators: Separators): Piece[] {
  const pieces: Piece[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const kind = CHAR_CLASS[text.charCodeAt(i)]!;
    if (kind === 0) continue;
    if (kind & OPEN) depth++;
    else if (kind & CLOSE) depth = Math.max(0, depth - 1);
    else if (depth === 0 && kind & separators) {
      pieces.push({ text: text.slice(start, i), offset: offset + start });
      start = i + 1;
    }
  }
  pieces.push({ text: text.slice(start), offset: offset + start });
  return pieces;
}

/** Length of a name without brackets, quotes and spaces: `卫国路(军民路至学院路段)` counts 3. */
export function bareLength(name: string): number {
  return name.replace(/[（(][^）)]*[）)]|[“”"‘’\s]/g, '').length;
}

/** A count in front of what follows 等: `40个`, `16条`. */
const LEADING_COUNT = /^\s*[\d一二三四五六七八九十百]+\s*[个条座处所项家]/;

/** Removes leading and trailing spaces, moving the offset along. */
export function trimPiece(piece: Piece): Piece {
  const lead = piece.text.length - piece.text.trimStart().length;
  return { text: piece.text.trim(), offset: piece.offset + lead };
}

export function stripLeading(piece: Piece, pattern: RegExp): Piece {
  const m = pattern.exec(piece.text);
  return m ? { text: piece.text.slice(m[0].length), offset: piece.offset + m[0].length } : piece;
}

function plausibleName(name: string): boolean {
  const length = name.replace(/\s/g, '').length;
  return length >= NAME_LENGTH.min && length <= NAME_LENGTH.max && !/[，,。；;：:]/.test(name);
}

/** Verbs by their first character, longest first (`加快实施` is tried before `加快`). */
export function verbsByFirst(list: readonly string[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const verb of list) {
    const verbs = index.get(verb[0]!) ?? [];
    verbs.push(verb);
    index.set(verb[0]!, verbs);
  }
  for (const verbs of index.values()) verbs.sort((a, b) => b.length - a.length);
  return index;
}

const LIST_VERB_INDEX = verbsByFirst(LIST_VERBS);

/**
 * The verb that opens a clause within its first `search` characters, and where the text after it starts: the
 * earliest verb, the longest of those starting there.
 */
export function openingVerb(
  text: string,
  index: ReadonlyMap<string, readonly string[]> = LIST_VERB_INDEX,
  search = VERB_SEARCH,
): { verb: string; end: number } | null {
  const last = Math.min(search, text.length - 1);
  for (let at = 0; at <= last; at++) {
    const verbs = index.get(text[at]!);
    if (!verbs) continue;
    for (const verb of verbs) if (text.startsWith(verb, at)) return { verb, end: at + verb.length };
  }
  return null;
}

/** `小学6所(A、B)` stands for the names inside its parentheses. */
function expandParenthesised(piece: Piece): Piece[] {
  const m = /^[^（(]*?[\d一二三四五六七八九十]+\s*[个所座家条处项][（(](.+、.+)[）)]$/.exec(piece.text);
  if (!m) return [piece];
  const inner = piece.text.indexOf(m[1]!);
  return splitTop(m[1]!, piece.offset + inner, ITEMS).map(trimPiece);
}

interface ListContext {
  /** The clause is a whole sentence and the only sentence of its group: a bare list may stand alone. */
  bareAllowed: boolean;
  /** The group is prose of several sentences, where lists of actions are common. */
  prose: boolean;
}

/** The items of a list clause `实施A、B、C等项目`, or [] when the clause is not a list of projects. */
function listItems(clause: Piece, context: ListContext): Piece[] {
  let body = trimPiece(clause);
  const verb = openingVerb(body.text);
  if (verb) body = { text: body.text.slice(verb.end), offset: body.offset + verb.end };
  const parts = splitTop(body.text, body.offset, ITEMS).map(trimPiece);
  const last = parts[parts.length - 1]!;
  const etc = last.text.lastIndexOf('等');
  let tail: string | null = null;
  if (etc > 0) {
    tail = last.text.slice(etc + 1);
    if (!LIST_TAIL.test(tail)) return [];
    parts[parts.length - 1] = { text: last.text.slice(0, etc), offset: last.offset };
  }
  // `实施八里槐、潘村等40个“城中村”改造项目`: bare places sharing the work named after 等, one project each.
  const places = parts.every((p) => bareLength(p.text) <= PLACE_MAX_LENGTH && !NAME_SUFFIX.test(p.text));
  if (verb && tail && parts.length >= 2 && places) {
    const work = tail.replace(LEADING_COUNT, '').trim();
    if (WORK_TAIL.test(work)) return parts.map((p) => ({ text: p.text + work, offset: p.offset }));
  }
  const nameLike = parts.every((p) => NAME_SUFFIX.test(p.text.trim()));
  const projectTail = tail !== null && PROJECT_TAIL.test(tail);
  if (!verb && !(context.bareAllowed && parts.length >= 2)) return [];
  if (verb && WEAK_VERBS.has(verb.verb) && !tail && !nameLike) return [];
  if (parts.length < 2 && !(verb && (tail || nameLike))) return [];
  if (context.prose && !projectTail && !nameLike) return [];
  // A list of traits ending in `…的X` describes one thing; it names nothing.
  if (parts.length >= 2 && /的/.test(parts[parts.length - 1]!.text)) return [];
  if (NOT_A_NAME.test(parts[0]!.text)) return [];
  return (
    parts
      .flatMap(expandParenthesised)
      .map(trimPiece)
      // `国内有影响力的…示范基地` describes what to become; a listed name has no 的 of its own.
      .filter((p) => plausibleName(p.text) && !/的/.test(p.text.replace(/“[^”]*”/g, '')))
  );
}

/** A short lead sentence without commas that names the item (`高新技术企业倍增工程。…`). */
function isLabel(sentence: string): boolean {
  const text = sentence.replace(/[。；]\s*$/, '').trim();
  return text.length > 0 && text.length <= LABEL_MAX_LENGTH && !/[，,：:]/.test(text);
}

/** Items of one box body line. */
export function boxLineItems(line: string): ProjectItem[] {
  if (GROUP_SUMMARY.some((p) => p.test(line.trim()))) return [];
  let piece = trimPiece({ text: withoutTrailingPipes(line), offset: 0 });
  piece = stripLeading(piece, ITEM_NUMBER);

  const invest = INVESTMENT_FIRST.exec(piece.text);
  if (invest) {
    const name = trimPiece({
      text: piece.text.slice(invest[0].length).replace(/[。；;]+$/, ''),
      offset: piece.offset + invest[0].length,
    });
    return plausibleName(name.text)
      ? [{ name: name.text, offset: name.offset, investment: compact(invest[1]!) }]
      : [];
  }

  const sentences = splitTop(piece.text, piece.offset, SENTENCES)
    .map(trimPiece)
    .filter((s) => s.text.length > 0)
    .flatMap(splitColonLabel);
  // Group sentences under their run-in labels; a label is a short sentence followed by more text.
  const groups: { label: Piece | null; sentences: Piece[] }[] = [];
  sentences.forEach((sentence, index) => {
    // Inside a paragraph, a short sentence opened by a verb of action is a task (`加大秸秆资源化利用。`), not a label.
    const task = index > 0 && TASK_OPENING.test(sentence.text);
    if (index < sentences.length - 1 && !task && isLabel(sentence.text))
      groups.push({ label: sentence, sentences: [] });
    else if (groups.length === 0) groups.push({ label: null, sentences: [sentence] });
    else groups[groups.length - 1]!.sentences.push(sentence);
  });

  const items: ProjectItem[] = [];
  for (const group of groups) {
    const found: Piece[] = [];
    const prose = group.label !== null && group.sentences.length > 1;
    for (const sentence of group.sentences) {
      const clauses = splitTop(sentence.text, sentence.offset, CLAUSES);
      const bareAllowed = clauses.length === 1 && group.sentences.length === 1;
      for (const clause of clauses) found.push(...listItems(clause, { bareAllowed, prose }));
    }
    if (group.label && (found.length === 0 || PROGRAMME_LABEL.test(group.label.text)))
      found.unshift(group.label);
    for (const item of found) {
      const investment = INVESTMENT.exec(item.text);
      items.push({
        name: item.text,
        offset: item.offset,
        investment: investment ? compact(investment[1]!) : null,
      });
    }
  }
  return items;
}

/** `城中村改造工程:实施…` reads as the label `城中村改造工程` followed by its sentence. */
function splitColonLabel(sentence: Piece): Piece[] {
  const m = /^([^，,：:]{2,25})[：:]/.exec(sentence.text);
  if (!m) return [sentence];
  return [
    { text: m[1]!, offset: sentence.offset },
    trimPiece({ text: sentence.text.slice(m[0].length), offset: sentence.offset + m[0].length }),
  ];
}

/** The line without the cell borders of a box printed as a pipe table (most lines have none: no regex then). */
function withoutTrailingPipes(line: string): string {
  return line.includes('|') ? line.replace(/\s*\|[\s|]*$/, '') : line;
}

export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}
