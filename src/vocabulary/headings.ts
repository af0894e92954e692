// Heading forms of Chinese plans and reports, from the largest unit to the smallest (rules as data).
import { isWhitespaceCode } from '../text/width.js';

export type HeadingKind =
  | 'pian' // 第一篇
  | 'zhang' // 第一章
  | 'jie' // 第一节
  | 'cn-enum' // 一、
  | 'cn-paren' // （一） (一)
  | 'arabic' // 1. 1．
  | 'arabic-paren' // （1） (1)
  | 'dash'; // ——大力实施“四大战略” (a stand-alone dash heading)

export interface HeadingPattern {
  kind: HeadingKind;
  /** Groups: 1 = the label as written, 2 = the number, 3 = the title (may be empty when it wrapped). */
  pattern: RegExp;
  /** Rank from the largest unit (0) down; levels are assigned from the ranks a document uses. */
  rank: number;
}

const CN_DIGITS = '一二三四五六七八九十百零〇两';
const NUMBER = `[${CN_DIGITS}]+|\\d{1,3}`;

export const HEADING_PATTERNS: readonly HeadingPattern[] = [
  { kind: 'pian', rank: 1, pattern: new RegExp(`^(第(${NUMBER})篇)\\s*(.*)$`) },
  { kind: 'zhang', rank: 2, pattern: new RegExp(`^(第(${NUMBER})章)\\s*(.*)$`) },
  { kind: 'jie', rank: 3, pattern: new RegExp(`^(第(${NUMBER})节)\\s*(.*)$`) },
  { kind: 'cn-enum', rank: 4, pattern: new RegExp(`^(([${CN_DIGITS}]+)\\s*[、.．])\\s*(.+)$`) },
  { kind: 'cn-paren', rank: 5, pattern: new RegExp(`^([（(]\\s*([${CN_DIGITS}]+)\\s*[）)])\\s*(.+)$`) },
  { kind: 'arabic', rank: 6, pattern: /^((\d{1,2})\s*[.．、](?!\d))\s*(.+)$/ },
  { kind: 'arabic-paren', rank: 7, pattern: /^([（(]\s*(\d{1,2})\s*[）)])\s*(.+)$/ },
  { kind: 'dash', rank: 8, pattern: /^(——)\s*(.+)$/ },
];

/** Front and back matter headings that are not numbered: kept as structure, left out of the numbered outline. */
export const MATTER_HEADING =
  /^(?:序\s*言|前\s*言|引\s*言|导\s*言|说\s*明|结\s*束\s*语|结\s*语|附\s*件\s*\d*|附\s*录|名\s*词\s*[解注]\s*释)$/;

/** Table category rows look like `一、` headings: 一、经济发展 inside an indicator table is a category, not a heading. */
export const TABLE_CATEGORY =
  /^(?:[一二三四五六七八九十]+\s*[、.．]\s*)?(?:经济发展|创新驱动|民生福祉|绿色生态|生态文明|安全保障|改革开放|社会发展|资源环境|城乡发展|科技创新|人民生活|社会民生|公共服务|文化建设|开放合作)(?:类)?$|^[一二三四五六七八九十]+\s*[、.．][^，。；]{1,16}[（(]\s*\d+\s*项\s*[）)]$/;

/** Notes and sources closing a bulletin (`注释：`, `资料来源：`): headings of their own, without a number. */
export const NOTE_HEADING = /^(?:注\s*释|附\s*注|资\s*料\s*来\s*源|数\s*据\s*来\s*源)\s*[:：]?$/;

/** The heading of a table of contents. */
export const TOC_HEADING = /^目\s*[录錄次]$/;

/**
 * A table-of-contents entry ends with its page number (Arabic or Roman) after dot leaders or a wide gap:
 * `第一章 发展基础………… 1`, `一、指导思想……7`, `第三章  总体要求    9`, `前言 …… II`.
 */
export const TOC_PAGE_REF =
  /(?:(?:[.·．•]{2,}|[…⋯]+)\s*|\s{2,}|\t+)(?:\d{1,4}|[IVXLCDM]{1,8}|[ivxlcdm]{1,8}|[\u2160-\u217f]{1,4})$/;

const CN_VALUE: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
/** CN_VALUE by char code (-1 elsewhere): every line that looks numbered is read, so no string lookups per character. */
const CN_VALUE_BY_CODE = new Int8Array(65536).fill(-1);
for (const [ch, value] of Object.entries(CN_VALUE)) CN_VALUE_BY_CODE[ch.charCodeAt(0)] = value;
const TEN = '十'.charCodeAt(0);
const HUNDRED = '百'.charCodeAt(0);

/** Value of a heading number written in Chinese (一 … 九十九, 一百…) or Arabic digits; NaN when it is neither. */
export function headingNumber(token: string): number {
  if (/^\d+$/.test(token)) return Number(token);
  let total = 0;
  let digit = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c === TEN) {
      total += (digit || 1) * 10;
      digit = 0;
    } else if (c === HUNDRED) {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (CN_VALUE_BY_CODE[c]! >= 0) {
      digit = CN_VALUE_BY_CODE[c]!;
    } else {
      return Number.NaN;
    }
  }
  return total + digit;
}

/** The characters every heading form starts with, by char code (a lookup per line instead of a regex run). */
const HEADING_START = new Uint8Array(0x10000);
for (const ch of `第（(—0123456789${CN_DIGITS}`) HEADING_START[ch.charCodeAt(0)] = 1;

export interface HeadingMatch {
  kind: HeadingKind;
  rank: number;
  label: string;
  number: number;
  title: string;
}

/** The heading form a line starts with, if any (the caller decides whether the line really is a heading). */
export function matchHeading(line: string): HeadingMatch | null {
  // Every heading form starts with one of these characters: most lines are rejected before a trim or a regex.
  const first = line.charCodeAt(0);
  if (HEADING_START[first] !== 1 && !isWhitespaceCode(first)) return null;
  const text = line.trim();
  if (HEADING_START[text.charCodeAt(0)] !== 1) return null;
  for (const { kind, rank, pattern } of HEADING_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    if (kind === 'dash') return { kind, rank, label: '——', number: Number.NaN, title: m[2]!.trim() };
    const number = headingNumber(m[2]!);
    if (Number.isNaN(number)) continue;
    return { kind, rank, label: m[1]!.replace(/\s+/g, ''), number, title: m[3]!.trim() };
  }
  return null;
}
