// Projects named in running text (a work report's `加快东旭氢能产业园、氢能汽车产业园等重点项目建设`): one clause at a time.
import {
  ITEMS,
  bareLength,
  compact,
  openingVerb,
  splitTop,
  stripLeading,
  trimPiece,
  verbsByFirst,
  type Piece,
  type ProjectItem,
} from './items.js';
import {
  ACTION_SUFFIX,
  GENERIC_KIND,
  BUILD_VERBS,
  EVENT_TIME,
  GENERIC_NAME,
  MENTION_SUFFIX,
  MENTION_TAIL,
  MENTION_VERBS,
  PLACE_MAX_LENGTH,
  PROJECT_EVENT,
  SUBJECT_LEAD,
  TAIL_COUNT,
  WORK_TAIL,
} from './patterns.js';

/** A quoted programme such as `“三名工程”`: a slogan, not a project. */
const SLOGAN = /^“[^”]*(?:工程|项目)”$/;

/** What follows `等` when the listed items are firms or institutions, not projects. */
const ORGANISATION_TAIL =
  /^\s*(?:[\d一二三四五六七八九十百]+\s*家)?(?:企业|龙头企业|高校|院校|单位|部门|机构|集团|公司|头部企业)/;

/** What a named project may undergo as a subject besides an event: an award or a listing. */
const SUBJECT_OF = new RegExp(`^(?:${PROJECT_EVENT.source.replace(/^\^/, '')}|入选|获评|荣获|列入|纳入)`);

/** What follows `等` when the listed items are projects: a short kind ending in a project word (`等11个重大工业项目`). */
const KIND_TAIL = /^[^\d，。；、]{0,10}?(?:项目|工程|建设)/;

const MENTION_VERB_INDEX = verbsByFirst(MENTION_VERBS);

/** How far into a clause its verb may start (after an adverb such as 着力, 大力, 持续). */
const MENTION_VERB_SEARCH = 3;

/** Longest name read from prose: longer spans are descriptions, not names. */
const MENTION_MAX_LENGTH = 40;

/** A run-in enumerator in front of a clause: `一是`, `二是`. */
const ENUMERATOR = /^[一二三四五六七八九十]+是/;

/** `投资 6亿元的A、20亿元的B`: an amount and `的` in front of each name. */
const INVESTED_ITEM = /^(?:总?投资\s*)?(约?\s*\d+(?:\.\d+)?\s*[亿万千]?(?:美)?元)\s*的/;

/** How the names of a clause end: at `等`, at a count, at an event, at a closing `建设`, after `项目`, or not at all. */
type Cut = 'etc' | 'count' | 'event' | 'build' | 'after' | 'none';

interface Names {
  names: Piece;
  cut: Cut;
  /** The text after the names (after `等` for `etc`). */
  rest: string;
}

const OPENERS = '（(“‘《「';
const CLOSERS = '）)”’》」';
const HAS_BRACKET = /[（(“‘《「]/;

/** Bracket depth at each position, or null when the text has no brackets (most clauses). */
function bracketDepths(text: string): Uint8Array | null {
  if (!HAS_BRACKET.test(text)) return null;
  const depths = new Uint8Array(text.length);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (OPENERS.includes(ch)) depths[i] = ++depth;
    else if (CLOSERS.includes(ch)) depths[i] = depth-- > 0 ? 1 : ((depth = 0), 0);
    else depths[i] = depth;
  }
  return depths;
}

/** Global copies of the patterns that end names, searched once per clause (a regex scan beats a loop per character). */
const EVENT_ANYWHERE = new RegExp(
  `(?:${EVENT_TIME.source.replace(/^\^/, '')})?(?:${PROJECT_EVENT.source.replace(/^\^/, '')})`,
  'g',
);
const COUNT_ANYWHERE = new RegExp(`(?<![\\d.])${TAIL_COUNT.source.replace(/^\^\\s\*/, '')}`, 'g');
const PROJECT_WORD = /(?:项目|工程)”?(?!技术|师|院|学|、)/g;

/** The first match of a global pattern from `from` that lies outside brackets. */
function firstTop(
  pattern: RegExp,
  text: string,
  depths: Uint8Array | null,
  from = 2,
): RegExpExecArray | null {
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (!depths || depths[m.index] === 0) return m;
    pattern.lastIndex = m.index + 1;
  }
  return null;
}

/** The names an object starts with and what ends them: the first of `等`, a count, an event, a closing `建设`. */
function cutNames(object: Piece): Names {
  const text = object.text;
  const head = (end: number): Piece => trimPiece({ text: text.slice(0, end), offset: object.offset });
  const depths = bracketDepths(text);
  let etc = text.indexOf('等', 2);
  while (etc >= 0 && depths && depths[etc] !== 0) etc = text.indexOf('等', etc + 1);
  let cutAt = etc >= 0 ? etc : text.length;
  let cut: Cut = etc >= 0 ? 'etc' : 'none';
  const count = firstTop(COUNT_ANYWHERE, text, depths);
  if (count && count.index < cutAt && MENTION_TAIL.test(text.slice(count.index))) {
    cutAt = count.index;
    cut = 'count';
  }
  const event = firstTop(EVENT_ANYWHERE, text, depths);
  if (event && event.index < cutAt) {
    cutAt = event.index;
    cut = 'event';
  }
  if (
    cut === 'none' &&
    text.length >= 4 &&
    text.endsWith('建设') &&
    (!depths || depths[text.length - 2] === 0)
  )
    return { names: head(text.length - 2), cut: 'build', rest: '建设' };
  if (cut === 'etc') return { names: head(cutAt), cut, rest: text.slice(cutAt + 1) };
  if (cut !== 'none') return { names: head(cutAt), cut, rest: text.slice(cutAt) };
  // `X项目入选…`: the names end after 项目 when nothing else ends them.
  const word = firstTop(PROJECT_WORD, text, depths, 0);
  const after = word ? word.index + word[0].length : -1;
  if (word && after < text.length && after >= 2)
    return { names: head(after), cut: 'after', rest: text.slice(after) };
  return { names: trimPiece(object), cut: 'none', rest: '' };
}

function isGeneric(name: string): boolean {
  return GENERIC_NAME.test(name) || SLOGAN.test(name) || /的|是指/.test(name.replace(/“[^”]*”/g, ''));
}

function plausibleMention(item: Piece): boolean {
  const length = item.text.replace(/\s/g, '').length;
  if (length < 3 || length > MENTION_MAX_LENGTH || /[，,。；;：:]/.test(item.text)) return false;
  return !isGeneric(item.text) && (strong(item) || !GENERIC_KIND.test(item.text));
}

/** Items of a list of names: split on `、`, and on `和`/`及` when both sides are names. */
function listedNames(names: Piece): Piece[] {
  return splitTop(names.text, names.offset, ITEMS)
    .map(trimPiece)
    .flatMap((item) => {
      const m = /^(.+?[^\s])\s*[和及]\s*(.+)$/.exec(item.text);
      if (!m || !MENTION_SUFFIX.test(m[1]!) || !MENTION_SUFFIX.test(m[2]!)) return [item];
      const second = item.text.lastIndexOf(m[2]!);
      return [
        { text: m[1]!, offset: item.offset },
        { text: m[2]!, offset: item.offset + second },
      ];
    })
    .filter((item) => item.text.length > 0);
}

/** A name of a facility, not of a kind of facility (`青年主题游园`). */
const named = (item: Piece): boolean =>
  MENTION_SUFFIX.test(item.text) && (strong(item) || !GENERIC_KIND.test(item.text));
const strong = (item: Piece): boolean => /(?:项目|工程)[”"]?(?:[（(][^（）()]{1,4}[）)])?$/.test(item.text);

/**
 * Words without which a clause names no project (a project word, an event, a verb of building, an amount before
 * 的): one regex scan turns away most clauses of a report before any parsing.
 */
const PROJECT_SIGNAL = new RegExp(
  ['项目|工程|建设|元\\s*的', PROJECT_EVENT.source.replace(/^\^/, ''), [...BUILD_VERBS].join('|')].join('|'),
);

/** The names of projects in one clause of running text. */
export function clauseMentions(clause: string): ProjectItem[] {
  if (!PROJECT_SIGNAL.test(clause)) return [];
  let piece = trimPiece({ text: clause.replace(/[，,。；;：:！？\s]+$/, ''), offset: 0 });
  piece = stripLeading(piece, ENUMERATOR);
  piece = trimPiece(stripLeading(piece, SUBJECT_LEAD));
  if (piece.text.length < 3) return [];

  const invested = investedItems(piece);
  if (invested.length > 0) return invested;

  let verb = openingVerb(piece.text, MENTION_VERB_INDEX, MENTION_VERB_SEARCH);
  let object = piece;
  if (verb) {
    object = { text: piece.text.slice(verb.end), offset: piece.offset + verb.end };
    // `新建、改造上发集市`: a second verb joined to the first.
    if (object.text.startsWith('、')) {
      const second = openingVerb(object.text.slice(1), MENTION_VERB_INDEX, 0);
      if (second) {
        object = { text: object.text.slice(1 + second.end), offset: object.offset + 1 + second.end };
        verb = BUILD_VERBS.has(second.verb) ? second : verb;
      }
    }
    object = trimPiece(object);
  }

  return projectsJoined(object).flatMap((part) => objectMentions(part, verb));
}

/** `A项目和B项目`: two objects of one verb. */
function projectsJoined(object: Piece): Piece[] {
  const parts: Piece[] = [];
  let start = 0;
  for (const m of object.text.matchAll(/(?:项目|工程)[”"]?和/g)) {
    const end = m.index + m[0].length - 1;
    parts.push(trimPiece({ text: object.text.slice(start, end), offset: object.offset + start }));
    start = end + 1;
  }
  parts.push(trimPiece({ text: object.text.slice(start), offset: object.offset + start }));
  return parts;
}

/** The projects named in the object of a clause (or in the whole clause when it has no verb). */
function objectMentions(object: Piece, verb: { verb: string } | null): ProjectItem[] {
  const { names, cut, rest } = cutNames(object);
  if (names.text.length < 2) return [];
  const items = listedNames(names);
  if (items.length === 0) return [];
  const allNamed = items.every(named);
  const allStrong = items.every(strong);

  let found: Piece[] = [];
  switch (cut) {
    case 'etc':
    case 'count': {
      // A list with neither a verb before it nor an event after it describes; it does not report on projects.
      if (!verb && tailBeforeEvent(rest) === rest) break;
      // `中信、中航光电等企业…`: the items are organisations.
      if (ORGANISATION_TAIL.test(rest)) break;
      const tail = rest.replace(TAIL_COUNT, '');
      const tailEnd = tailBeforeEvent(tail);
      if (items.every((i) => bareLength(i.text) <= PLACE_MAX_LENGTH) && WORK_TAIL.test(tailEnd)) {
        // Bare places before `等…改造项目`: the work at all of them is one project, named as written.
        const end = object.text.length - tail.length + tailEnd.length;
        if (cut === 'etc')
          found = [
            trimPiece({ text: object.text.slice(names.offset - object.offset, end), offset: names.offset }),
          ];
      } else if (KIND_TAIL.test(tailEnd)) found = items;
      else if (allNamed && (tailEnd !== tail || (verb && BUILD_VERBS.has(verb.verb)))) found = items;
      break;
    }
    case 'event':
      if (items.every((i) => named(i) || ACTION_SUFFIX.test(i.text))) found = items;
      break;
    case 'build':
      if (allNamed) found = items;
      else if (verb && named(items[items.length - 1]!)) found = [names];
      if (!verb) found = [];
      break;
    case 'after':
      // Without a verb, a project is the subject of what happened to it (`X项目入选…`).
      if (allStrong && !TAIL_COUNT.test(rest) && (verb || SUBJECT_OF.test(rest))) found = items;
      break;
    case 'none':
      if (verb && (allStrong || (allNamed && BUILD_VERBS.has(verb.verb)))) found = items;
      break;
  }
  return found
    .filter(plausibleMention)
    .map((item) => ({ name: item.text, offset: item.offset, investment: null }));
}

/** The part of a tail before an event word: `11个重大工业项目开工建设` → `11个重大工业项目`. */
function tailBeforeEvent(tail: string): string {
  const event = firstTop(EVENT_ANYWHERE, tail, null, 1);
  return event ? tail.slice(0, event.index) : tail;
}

/** `投资 6亿元的中科慧远总部基地、20亿元的涧西信息技术产业园等…`: each name with its amount. */
function investedItems(piece: Piece): ProjectItem[] {
  const start = piece.text.search(/(?:总?投资\s*)?\d+(?:\.\d+)?\s*[亿万千]?(?:美)?元\s*的/);
  if (start < 0) return [];
  const list = { text: piece.text.slice(start), offset: piece.offset + start };
  const etc = list.text.lastIndexOf('等');
  const body = etc > 0 ? { text: list.text.slice(0, etc), offset: list.offset } : list;
  const items: ProjectItem[] = [];
  for (const item of splitTop(body.text, body.offset, ITEMS).map(trimPiece)) {
    const m = INVESTED_ITEM.exec(item.text);
    if (!m) continue;
    const name = trimPiece({ text: item.text.slice(m[0].length), offset: item.offset + m[0].length });
    if (named(name) && plausibleMention(name))
      items.push({ name: name.text, offset: name.offset, investment: compact(m[1]!) });
  }
  return items;
}
