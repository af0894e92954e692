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

/** Verbs of action that open a task sentence (`推进土地经营权入股…`, `深入开展…行动`). */
export const TASK_OPENING =
  /^(?:推进|推动|加强|加大|加快|开展|深入|支持|鼓励|引导|完善|健全|强化|提升|培育|发展|积极|大力|持续|全面|着力|实施|建设|建立)/;

/** List items that are traits, not names: `一批创新能力强`. */
export const NOT_A_NAME = /^(?:一批|一系列|各类|各种|多个)/;

/** What may follow `等` at the end of a list of projects (`等项目`, `等十大重点平台建设`, `等道路建设`). */
export const LIST_TAIL =
  /^(?:[\d一二三四五六七八九十百]*[个大项]?)?[^，。；]{0,10}?(?:项目|工程|建设|平台|设施|行动|计划|改造|提升|整治|治理|园区|道路|路网|绿地)|^$/;

/** A tail that says outright the items are projects. */
export const PROJECT_TAIL = /项目|工程/;

/** Endings of names of projects, facilities and programmes. */
export const NAME_SUFFIX =
  /(?:项目|工程|计划|中心|园|馆|库|平台|基地|学校|小学|中学|幼儿园|医院|院|站|厂|场|路|桥|线|街|城|楼|大厦|广场|公园|游园|综合体|社区|小镇|系统|网络|设施|改造|建设|治理|提升|修复|二期|三期|一期)[）)]?[”"]?$/;

/** A run-in label that only names a kind of measure; its list items are the projects, not the label itself. */
export const LABEL_MAX_LENGTH = 25;

/** Shortest and longest plausible project name. */
export const NAME_LENGTH = { min: 2, max: 60 } as const;

// ── Projects named in running text (work reports) ──────────────────────────────────────────────────────────

/** Verbs that open a clause whose object may name projects (`加快推进X`, `启动X建设`), longest first where they share a start. */
export const MENTION_VERBS: readonly string[] = [
  '加快推进',
  '加快实施',
  '加快建设',
  '大力推进',
  '积极推进',
  '统筹实施',
  '重点实施',
  '重点推进',
  '重点支持',
  '推进实施',
  '开工建设',
  '提升改造',
  '改造提升',
  '成功签约',
  '实施好',
  '抓好',
  '推进',
  '推动',
  '加快',
  '实施',
  '启动',
  '建设',
  '建成',
  '新建',
  '完成',
  '谋划',
  '签约',
  '支持',
  '吸引',
  '引进',
  '开工',
  '对',
  '把',
];

/** Verbs that on their own say the object is built: a facility name after them is a project without `项目`. */
export const BUILD_VERBS: ReadonlySet<string> = new Set([
  '加快建设',
  '开工建设',
  '提升改造',
  '改造提升',
  '建成',
  '新建',
  '签约',
  '成功签约',
  '开工',
]);

/** What a named project does in a report (`建成投用`, `竣工通车`), read right after its name. */
export const PROJECT_EVENT =
  /^(?:已|已经|成功|顺利|全面|基本|正式|如期|即将)?(?:建成投用|建成投产|建成|竣工通车|竣工投产|竣工交付|竣工|投产|投用|通车|打通|开工|落地|签约|运行|投入使用|开业|完工|主体完工|加快推进|有序推进|铺开|大头落地|入驻)/;

/** A clause opened by `确保` or a time phrase still has its project as subject (`确保工农卫生院年底前完工`). */
export const SUBJECT_LEAD = /^(?:确保|力争|争取)/;

/** Time phrases between a name and its event (`年底前完工`). */
export const EVENT_TIME = /^(?:年底前|年内|上半年|下半年|\d{1,2}月底前)/;

/** Endings of names of facilities and projects in running text: stricter than box items, since prose names kinds too. */
export const MENTION_SUFFIX =
  /(?:项目|工程|产业园|科技园|园区|园|基地|中心|研究院|实验室|学校|小学|中学|幼儿园|医院|卫生院|馆|电站|水库|堆场|市场|集市|广场|公园|乐园|大桥|桥|大道|路|号线|街区|步行街|商业区|社区|小镇|综合体|酒店|大厦|港|机场|码头|隧道|二期|三期|一期|[（(][一二三四]期[）)])[”"]?$/;

/** Names that end in a nominal action (`秦岭防洪渠治理`): projects only when an event follows. */
export const ACTION_SUFFIX = /(?:治理|整治|改造|修复|搬迁|打通)$/;

/** Project words in what follows `等`: the listed items are projects (`等11个重大工业项目`, `等园区建设`). */
export const MENTION_TAIL = /项目|工程|建设$/;

/** A count in front of the tail (`等 133 个在建项目`, `2个绿色改造项目`). */
export const TAIL_COUNT = /^\s*[\d一二三四五六七八九十百]+\s*个/;

/** A tail that is work done at the listed places (`等5个村庄垃圾分类项目`), not the kind of the items. */
export const WORK_TAIL = /治理|整治|改造|修复|分类|打通|提升|安置|更新|建设|项目|工程/;

/** Items this short in a list before `等` are bare places (`八里槐、潘村等城中村改造项目`): the tail is the project. */
export const PLACE_MAX_LENGTH = 4;

/** Names that stand for a kind or a scope, never one project. */
export const GENERIC_NAME =
  /^(?:我市|我区|我县|本市|本区|全区|全市|全省|全县|全国|各类|各级|一批|一系列|一些|多个|首个|首批|第一批|新一轮|重点|重大|相关|有关|上述|其他|政府投资|产业|招商)|^[\d一二三四五六七八九十百千]+\s*(?:个|项|条|座|处|家|所|套|批)|(?:重点|重大|相关|各类|民生|投资|债券|建设|储备|招商|用于)(?:项目|工程)$/;

/** Heads of names of a kind of facility (`青年主题游园`, `智慧社区`): a facility name needs `项目`/`工程` to count then. */
export const GENERIC_KIND =
  /^(?:智慧|数字|特色|主题|时尚|青年|健康|高品质|高标准|新型|现代|综合|小|口袋|企业|工业文化|科技产业|社区|街道|乡村|村级|城市|公共|便民|示范|标准化)/;
