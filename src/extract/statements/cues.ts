// Words that tell a target from a reported value, and the relation a statement sets (rules as data).
import { planName } from '../../quantity/index.js';

/** Bound words after the value; the last one wins (`达到97%以上` → 以上). `余` reads as 以上 in a target. */
export const TRAILING_COMPARATORS: readonly { pattern: RegExp; comparator: string }[] = [
  { pattern: /^\s*(?:以上|及以上|之上)/, comparator: '以上' },
  { pattern: /^\s*(?:以内|之内|以下)/, comparator: '以内' },
  { pattern: /^\s*左右/, comparator: '左右' },
];

/** Relation words before the value, nearest first; the first that ends right before the value wins. */
export const LEADING_COMPARATORS: readonly { pattern: RegExp; comparator: string }[] = [
  { pattern: /(?:不低于|不少于|至少|不小于)\s*$/, comparator: '不低于' },
  // A lower bound of a share of something (不少于编制总额85%): a short noun stands between the word and the value.
  { pattern: /(?:不低于|不少于|至少|不小于)[\u4e00-\u9fff]{1,6}\s*$/, comparator: '不低于' },
  // 不超过 is an upper bound, so it is tested before 超过.
  { pattern: /(?:不超过|不高于|不大于|不多于)\s*$/, comparator: '以内' },
  { pattern: /(?:超过|超)\s*$/, comparator: '超过' },
  { pattern: /突破\s*$/, comparator: '突破' },
  { pattern: /控制在\s*$/, comparator: '控制在' },
  { pattern: /(?:保持在?|稳定在)\s*$/, comparator: '保持' },
  // A level reached by falling (降至, 缩小到) is a 达到; only a bare amount of reduction is a 下降.
  {
    pattern: /(?:降至|降到|下降到|下降至|减少到|减少至|缩小到|缩小至|压减至|压减到)\s*$/,
    comparator: '达到',
  },
  { pattern: /(?:下降|降低|减少|压减|减量)\s*$/, comparator: '下降' },
  { pattern: /(?:达到|达|实现|增加到|增至|提高到|提升到|提升至|提高至|超出)\s*$/, comparator: '达到' },
];

/** A lower bound that governs a 、-list of counts (至少1所卫生服务中心、1所养老机构、1所幼儿园): every item is bounded. */
export const LIST_LOWER_BOUND = /(?:不低于|不少于|至少|不小于)\s*(?:\d[\d.]*[^\d、，,；;。：:]{1,16}、\s*)+$/;

/**
 * Action verbs that make a count the result of an action (新增10万个学位, 建成3个基地): the comparator is
 * `其他(<verb>)`, the verb phrase as written. Longer words first, so 建设提升 is read whole, not as 建设.
 */
export const ACTION_VERBS: readonly string[] = [
  '改造提升',
  '建设提升',
  '提升改造',
  '谋划实施',
  '谋划新建',
  '规划新建',
  '规划建设',
  '试点建设',
  '推动建设',
  '布局建设',
  '培育引进',
  '引进培育',
  '建设改造',
  '改造建设',
  '新建改建',
  '改扩建',
  '新增',
  '新建',
  '建成',
  '建设',
  '实施',
  '打造',
  '培育',
  '引进',
  '引育',
  '完成',
  '实现',
  '突破',
  '遴选',
  '落地',
  '申报',
  '启动',
  '帮助',
  '培训',
  '带动',
  '组建',
  '推进',
  '形成',
  '构建',
  '建立',
  '创建',
  '设立',
  '开通',
  '改造',
  '整治',
  '治理',
  '造林',
  '种植',
  '开工',
  '投用',
  '举办',
  '吸引',
  '招引',
  '培养',
  '织密',
  '完善',
  '拓宽到',
  '聚集',
  '集聚',
  '承接',
  '开展',
  '推出',
  '发展',
  '扩建',
  '续建',
  '修建',
  '提升',
  '推广',
  '成立',
];

/** Adverbs written as part of the verb phrase (基本建成, 累计完成); other adverbs (加快, 重点) are dropped. */
export const VERB_PREFIXES: readonly string[] = ['基本', '累计'];

/** An action-verb phrase: a kept adverb, the longest verb at its place, and one more joined by 并/和/及. */
export const ACTION_VERB = new RegExp(
  `(?:${VERB_PREFIXES.join('|')})?(?:${[...ACTION_VERBS].sort((a, b) => b.length - a.length).join('|')})` +
    `(?:[并和及](?:${ACTION_VERBS.join('|')}))?`,
);

/** Aspiration: the value is a stretch goal. */
export const ASPIRATIONAL = /力争|争取/;

/** A sentence that opens with 力争 makes every clause of it aspirational. */
export const ASPIRATIONAL_SENTENCE = /^[^，,]{0,12}?(?:力争|争取)/;

/** A section that sets the plan's goals (主要目标, 指导思想和发展目标): what it lists is for the period's end year. */
export const GOAL_SECTION = /(?:主要|发展)目标\s*$/;

/** Heading words of a section that reviews the past. */
export const PAST_SECTION =
  // 推动…取得决定性进展 is an aim, not a review.
  /回顾|成就|成绩|决定性胜利|过去五年|发展基础|(?<!(?:推动|确保|力争|奋力|努力)[^，,。]{0,24})取得(?:的)?(?:重大|显著|决定性|历史性)/;

/** Heading words of sections whose numbers are definitions, not statements. */
export const NO_STATEMENT_SECTION = /名词解释|附\s*件|附\s*表|附\s*录|名词注释/;

export interface TenseCues {
  /** Sentence cues of a reported value inside a forward-looking section. */
  past: RegExp;
  /** Sentence cues of a future statement inside a review section. */
  future: RegExp;
}

/**
 * Tense cues for a document of the plan with ordinal `plan` (14 for a 十四五 plan or a 2022 report): the plan
 * before it is the past, its own plan lies ahead, so a 十五五 plan reads 十四五期间 as a review.
 */
export function tenseCues(plan: number | null): TenseCues {
  // Plans usually quote the name (“十三五”期间), so a closing quote may stand before the period word.
  const past = plan === null ? '' : `${planName(plan - 1)}[”"’]?(?:期间|时期|以来|末)|`;
  const future = plan === null ? '' : `|${planName(plan)}[”"’]?(?:期间|末|期末|时期)`;
  return {
    past: new RegExp(`${past}五年来|过去五年|以来[，,]|截至|目前[，,]?|现有|已(?:经|有|达|建成|完成|累计)`),
    future: new RegExp(`到\\s*20\\d\\d\\s*年|力争|争取|预计到${future}|今后五年|未来五年`),
  };
}

/** Words around a value that make it a policy parameter or a threshold, not a target. */
export const NOT_A_TARGET =
  /给予|奖励|奖补|补贴|补助|资助|一次性|年满|周岁以上|岁以上|厚度|[相]?距(?:离)?|原有|现有|已有|年产|延长|半径/;

/** A sentence that defines a term (“15+8”产业是指…, 分为三个层级): its numbers describe the term, not a goal. */
export const DEFINITION = /是指|系指|指的是|分为|[”"」]\s*(?:指|即)/;

/** A paragraph of notes under a table or a text (注：1.…). */
export const NOTE_PARAGRAPH = /^\s*注\s*[：:]/;

/** Counts of a plan draft (《纲要（草案）》提出20项主要指标): they describe the document, not a goal. */
export const DOCUMENT_COUNT = /(?:提出|列出|明确|设置|设定|确定)\s*$/;

/** Verbs that frame a set of ideas (把握四个战略重点, 统筹…两个大局, 聚焦…三个关键对象), not a count to reach. */
export const FRAMING_BEFORE =
  /(?:把握|体现|统筹|聚焦|落实|坚持|围绕|贯彻|树立|坚定|做到|突出|优化细化|涵盖|包括|包含|分为|形成)[^，,。；;：:]{0,12}$/;

/** Text right after a count that names what is counted (…个副中心): the count is followed by a noun. */
export const NOUN_AFTER = /^\s*[\u4e00-\u9fff“"（(]/;

/** Words right after a count that bound it (以上, 左右 …): such a count is a goal even after a list. */
export const BOUND_AFTER = /^\s*(?:以上|以内|以下|左右|及以上|之上|余)/;

/** Words right after a value that make it a qualifier of a kind of thing (10亿元以上项目, 规模以上企业), not a target. */
export const QUALIFIER_AFTER =
  /^\s*(?:级|(?:以上|以下)?\s*(?:的)?\s*(?:项目|企业|工业企业|重大项目|产业项目|龙头企业|大项目))/;

/** An age with a noun after it (3岁以下婴幼儿, 35岁以下青年) sets who is meant; 预期寿命85岁以上 ends its clause. */
export const AGE_QUALIFIER_AFTER = /^\s*(?:及)?(?:以上|以下)?\s*(?!以上|以下|左右)[\u4e00-\u9fff]/;

/** Clause words that attach the value to every year rather than to a target year. */
export const EVERY_YEAR = /每年(?!度)|年年|逐年/;

/** 十四五末, 十四五期间: the plan period's end year. */
export const PLAN_PERIOD = /十[一二三四五六七八九]五(?:期间|末|期末|时期)?|规划期(?:内|末)|(?:今后|未来)五年/;

/** A year that is a comparison base, not the year of the statement: `较2020年`, `比2015年`, `在2020年基础上`. */
export const BASE_YEAR_BEFORE = /(?:较|比|相比|与|同|对比|在|是|为)\s*$/;
export const BASE_YEAR_AFTER = /^\s*(?:基础上|的基础|相比|水平|的\s*\d|的\s*[一二两三四五六七八九十])/;
