// Document metadata: title, region and its parents, document type, period and vision year.
import {
  NATION,
  NATION_NAMES,
  PREFECTURE_LIST,
  PROVINCES,
  provinceShort,
  type Prefecture,
} from '../catalog/gazetteer.js';
import { logicalText } from '../layout/index.js';
import { TERMINAL_PUNCTUATION } from '../vocabulary/index.js';
import type { Layout } from '../layout/index.js';
import { fiveYearPlanPeriod } from '../quantity/index.js';
import { cleanTitle } from '../structure/outline/index.js';
import type { DocType, DocumentMetadata } from './model.js';

/** Words that end a document title, by document type (rules as data). */
const TITLE_KINDS: readonly { type: DocType; pattern: RegExp }[] = [
  { type: 'bulletin', pattern: /统计公报/ },
  { type: 'work_report', pattern: /政府工作报告/ },
  { type: 'plan', pattern: /(?:规划|纲要)/ },
];

/** A title ends with its document word, perhaps followed by a note such as （节选） or （草案）. */
const TITLE_END = /(?:纲要|规划|政府工作报告|统计公报)(?:[（(][^（）()]{1,12}[）)])?$/;
const TITLE_WORD = /(?:国民经济|规划|纲要|政府工作报告|统计公报)/;
/** A web page's breadcrumb or a line quoting the title (`当前位置：首页 > …`, `《政府工作报告》全文`): never the title. */
const CHROME_LINE = /当前位置|[>›»]|《[^》]*》./;
/** How much of the text is searched for the parent city's name. */
const PARENT_SEARCH_CHARS = 30_000;
/** How far into the text a title fused into the first paragraph may start. */
const TITLE_SEARCH_CHARS = 4000;
const CN_YEAR_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** 二〇三五 → 2035; Arabic years pass through. */
export function yearValue(token: string): number {
  const digits = [...token].map((ch) => CN_YEAR_DIGITS[ch] ?? ch).join('');
  return /^\d{4}$/.test(digits) ? Number(digits) : Number.NaN;
}

export function extractMetadata(layout: Layout): DocumentMetadata {
  const title = findTitle(layout);
  const docType = documentType(title, layout.text);
  const names = regionNames(title, layout.text, docType);
  const planPeriod = period(title, layout.text, docType);
  return {
    title,
    ...names,
    doc_type: docType,
    period: planPeriod,
    vision_year: visionYear(layout.text, docType, planPeriod),
  };
}

function findTitle(layout: Layout): string | null {
  const texts = layout.lines.map((l) => logicalText(layout, l));
  const bodyStart = texts.findIndex((t) => TERMINAL_PUNCTUATION.test(t));
  const block = texts.slice(0, bodyStart < 0 ? Math.min(texts.length, 12) : bodyStart);
  for (const line of block) {
    const notice = /关于印发《?(.+?)》?的通知/.exec(line);
    if (notice) return cleanTitle(notice[1]!);
  }
  const first = block.findIndex((t) => TITLE_WORD.test(t) && !CHROME_LINE.test(t));
  if (first >= 0) {
    let title = '';
    let i = first;
    for (; i < block.length; i++) {
      title += block[i];
      if (TITLE_END.test(cleanTitle(title))) break;
    }
    // A work report's subtitle (——2022年4月23日在…会议上) is part of its title.
    for (i += 1; i < block.length && /^——/.test(block[i]!); i++) title += block[i];
    if (TITLE_END.test(cleanTitle(title)) || /——/.test(title)) return cleanTitle(title);
  }
  const head = layout.text.slice(0, TITLE_SEARCH_CHARS);
  const quoted = /《([^《》]{4,80}?(?:纲要|规划|政府工作报告|统计公报))》/.exec(head);
  return quoted ? cleanTitle(quoted[1]!) : null;
}

function documentType(title: string | null, text: string): DocType {
  for (const { type, pattern } of TITLE_KINDS) if (title && pattern.test(title)) return type;
  const head = text.slice(0, TITLE_SEARCH_CHARS);
  for (const { type, pattern } of TITLE_KINDS) if (pattern.test(head)) return type;
  return 'plan';
}

/** The administrative name a title is about: the words before 国民经济…, or 在…第N届人民代表大会 in a report. */
function nameZone(title: string, docType: DocType): string | null {
  if (docType === 'work_report') {
    const congress = /在(.*?)第[一二三四五六七八九十百\d]+届(全国)?人民代表大会/.exec(title);
    if (congress) return congress[2] ?? congress[1]!;
  }
  // A bulletin may put its year first (2025年苏州市国民经济…).
  const prefix =
    /^(?:\d{4}\s*年)?(.+?)(?:\d{4}\s*年)?(?:国民经济|政府工作报告|统计公报|第[一二三四五六七八九十]+个五年|“十)/.exec(
      title,
    );
  return prefix && !/^\d{4}\s*年$/.test(prefix[1]!) ? prefix[1]! : null;
}

function stripPrefix(zone: string, names: readonly string[]): [string | null, string] {
  for (const name of names) if (name && zone.startsWith(name)) return [name, zone.slice(name.length)];
  return [null, zone];
}

interface RegionNames {
  region: string | null;
  parent_region: string | null;
  province: string | null;
}

function regionNames(title: string | null, text: string, docType: DocType): RegionNames {
  const zone = title ? nameZone(title, docType) : null;
  if (!zone) return { region: null, parent_region: null, province: null };
  if (NATION_NAMES.includes(zone)) return { region: NATION, parent_region: null, province: null };
  let rest = zone;
  let province: string | null = null;
  const provinceMatch = PROVINCES.find((p) => rest.startsWith(p) || rest.startsWith(provinceShort(p)));
  if (provinceMatch) {
    province = provinceMatch;
    rest = stripPrefix(rest, [provinceMatch, provinceShort(provinceMatch)])[1];
  }
  let prefecture: Prefecture | null =
    PREFECTURE_LIST.find((p) => (!province || p.province === province) && rest.startsWith(p.name)) ?? null;
  if (prefecture) rest = rest.slice(prefecture.name.length);
  if (rest === '') {
    // The document is about the prefecture (or province) itself.
    if (prefecture)
      return { region: prefecture.name, parent_region: prefecture.province, province: prefecture.province };
    return { region: province, parent_region: null, province };
  }
  prefecture ??= mostMentionedPrefecture(text, province);
  return {
    region: rest,
    parent_region: prefecture?.name ?? null,
    province: province ?? prefecture?.province ?? null,
  };
}

/** The prefecture a county-level document names most often (洛阳市 / 洛阳), when its title omits it. */
function mostMentionedPrefecture(text: string, province: string | null): Prefecture | null {
  const counts = new Map<Prefecture, number>();
  // A plan names its city in its preface and review, so the head of the text is enough.
  const end = Math.min(text.length, PARENT_SEARCH_CHARS);
  // One pass: only positions whose character starts some prefecture name are checked.
  for (let i = 0; i < end; i++) {
    if (NAME_START[text.charCodeAt(i)] === 0) continue;
    const candidates = NAMES_BY_FIRST_CHAR.get(text[i]!);
    if (!candidates) continue;
    for (const { name, prefecture } of candidates) {
      if ((province && prefecture.province !== province) || !text.startsWith(name, i)) continue;
      counts.set(prefecture, (counts.get(prefecture) ?? 0) + 1);
      i += name.length - 1;
      break;
    }
  }
  let best: Prefecture | null = null;
  let bestCount = 0;
  for (const [prefecture, count] of counts) if (count > bestCount) [best, bestCount] = [prefecture, count];
  return best;
}

/** Full and short prefecture names by first character, longest first so 洛阳市 wins over 洛阳. */
const NAMES_BY_FIRST_CHAR: Map<string, { name: string; prefecture: Prefecture }[]> = (() => {
  const index = new Map<string, { name: string; prefecture: Prefecture }[]>();
  for (const prefecture of PREFECTURE_LIST) {
    for (const name of new Set([prefecture.name, prefecture.short])) {
      if (name.length < 2) continue;
      const list = index.get(name[0]!) ?? [];
      list.push({ name, prefecture });
      index.set(name[0]!, list);
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.name.length - a.name.length);
  return index;
})();

/** 1 for the char codes that start some prefecture name: a cheap test before the map look-up. */
const NAME_START: Uint8Array = (() => {
  const table = new Uint8Array(0x10000);
  for (const first of NAMES_BY_FIRST_CHAR.keys()) table[first.charCodeAt(0)] = 1;
  return table;
})();

function period(title: string | null, text: string, docType: DocType): string | null {
  const head = `${title ?? ''}\n${text.slice(0, TITLE_SEARCH_CHARS)}`;
  if (docType === 'plan') {
    const named =
      /第[一二三四五六七八九十]+个五年规划/.exec(head) ?? /“[一二三四五六七八九十]+五”/.exec(head);
    const plan = named ? fiveYearPlanPeriod(named[0]) : null;
    if (plan) return `${plan.start}-${plan.end}`;
    const span = /(\d{4})\s*年?\s*[—\-－~～至到]\s*(\d{4})\s*年/.exec(head);
    return span ? `${span[1]}-${span[2]}` : null;
  }
  const year = /(\d{4})\s*年/.exec(title ?? '') ?? /(\d{4})\s*年/.exec(head);
  return year ? year[1]! : null;
}

/** A forward-looking phrase naming a year: 到2035年, 为2035年, 展望2035年, 至2035年. */
const HORIZON_YEAR = /(?:到|为|展望|至|面向)\s*((?:19|20)\d{2})\s*年/g;
/** How far beyond its own period a plan's outlook reaches (十四五 → 2035, 十五五 → 2035). */
const MAX_OUTLOOK_YEARS = 15;

function visionYear(text: string, docType: DocType, planPeriod: string | null): number | null {
  const m = /((?:19|20)\d{2}|[一二][〇零九][一二三四五六七八九〇零]{2})\s*年[^。；，\n]{0,16}?远景目标/.exec(
    text,
  );
  if (m) return yearValue(m[1]!);
  return docType === 'plan' ? outlookYear(text, planPeriod) : null;
}

/** A plan without a 远景目标 title looks ahead to the nearest year it names beyond its period (到2035年…). */
function outlookYear(text: string, planPeriod: string | null): number | null {
  const end = planPeriod ? Number(planPeriod.slice(-4)) : Number.NaN;
  if (Number.isNaN(end)) return null;
  let nearest: number | null = null;
  for (const m of text.matchAll(HORIZON_YEAR)) {
    const year = Number(m[1]);
    if (year > end && year <= end + MAX_OUTLOOK_YEARS && (nearest === null || year < nearest)) nearest = year;
  }
  return nearest;
}
