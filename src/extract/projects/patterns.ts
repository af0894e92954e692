// Word lists and patterns that find project boxes and the named items inside them (rules as data).

/** A box caption: `专栏2`, `专栏 3-1`, `专栏11—3`, with or without a space before the title. */
export const BOX_CAPTION = /^\s*专栏\s*\d+(?:\s*[-—－–]\s*\d+)?/;

/** Captions of indicator tables, which are boxes too but hold no projects. */
export const INDICATOR_BOX = /指标|完成情况|目标表/;

/** A group summary inside a box: `创新平台建设重点项目：共7个项目，总投资24.8亿元…`. */
export const GROUP_SUMMARY = [
  /^[^，。]{2,30}[:：]\s*(?:共有?|项目共|主要项目)\s*\d+\s*个/,
  /共有?\s*\d+\s*个(?:项目)?\s*[，,]\s*(?:总)?投资/,
];

/** Numbering in front of a box item: `1.`, `1．`, `（1）`, `一、`. */
export const ITEM_NUMBER =
  /^\s*(?:\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[）)]|[一二三四五六七八九十]{1,3}\s*、)\s*/;

/** A box line that names the investment first: `投资60亿元的洛阳…项目`. */
export const INVESTMENT_FIRST = /^投资\s*(约?\s*\d+(?:\.\d+)?\s*[亿万千]?(?:美)?元)\s*的?\s*/;

/** Investment text anywhere in an item: `总投资20亿元`. */
export const INVESTMENT = /(?:总)?投资\s*(约?\s*\d+(?:\.\d+)?\s*[亿万千]?(?:美)?元)/;

/** Verbs that open a list of projects, longest first so `重点实施` wins over `实施`. */
export const LIST_VERBS: readonly string[] = [
  '大力实施',
  '加快实施',
  '主要建设包括',
  '重点实施',
  '重点建设',
  '重点推进',
  '加快推进',
  '加快建设',
  '积极推进',
  '开工建设',
  '谋划实施',
  '谋划建设',
  '推进实施',
  '主要包括',
  '改造提升',
  '加快',
  '实施',
  '建设',
  '推进',
  '推动',
  '完成',
  '新建',
  '谋划',
  '包括',
  '启动',
  '建成',
];

/** Verbs whose list may also name actions; their list counts only when closed by `等…项目/工程/建设`. */
export const WEAK_VERBS: ReadonlySet<string> = new Set([
  '推进',
  '推动',
  '加快',
  '积极推进',
  '加快推进',
  '启动',
  '谋划',
  '建成',
]);

/** How far into a clause a verb may start (after an adverb such as 高质量, 大力). */
export const VERB_SEARCH = 4;

/** A run-in label that is itself a project or programme even when it lists items (`大数据发展行动计划。重点实施…`). */
export const PROGRAMME_LABEL = /(?:工程|计划|行动)[”"]?$/;

/** List items that are traits, not names: `一批创新能力强`. */
export const NOT_A_NAME = /^(?:一批|一系列|各类|各种|多个)/;

/** What may follow `等` at the end of a list of projects (`等项目`, `等十大重点平台建设`, `等道路建设`). */
export const LIST_TAIL =
  /^(?:[\d一二三四五六七八九十百]*[个大项]?)?[^，。；]{0,10}?(?:项目|工程|建设|平台|设施|行动|计划|改造|提升|园区|道路|路网|绿地)|^$/;

/** A tail that says outright the items are projects. */
export const PROJECT_TAIL = /项目|工程/;

/** Endings of names of projects, facilities and programmes. */
export const NAME_SUFFIX =
  /(?:项目|工程|计划|中心|园|馆|库|平台|基地|学校|小学|中学|幼儿园|医院|院|站|厂|场|路|桥|线|街|城|楼|大厦|广场|公园|游园|综合体|社区|小镇|系统|网络|设施|改造|建设|治理|提升|修复|二期|三期|一期)[）)]?[”"]?$/;

/** A run-in label that only names a kind of measure; its list items are the projects, not the label itself. */
export const LABEL_MAX_LENGTH = 25;

/** Shortest and longest plausible project name. */
export const NAME_LENGTH = { min: 2, max: 60 } as const;
