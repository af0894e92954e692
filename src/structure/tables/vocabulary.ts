// The words and shapes of indicator tables (captions, header labels, attributes, categories, cell forms) as data.

/** Captions of boxes and tables (`专栏1`, `专栏 3-1`, `表1`): the layout stage's pattern, one definition for both. */
export { CAPTION } from '../../vocabulary/index.js';

/** Words that make a caption an indicator table's caption rather than a project box. */
export const INDICATOR_CAPTION = /指标|发展目标|主要目标|目标完成情况/;

/** A five-year plan named in a caption or header: `“十四五”`, `十五五时期`, `十三五规划`. */
export const PLAN_IN_CAPTION =
  /[“"‘]([一二三四五六七八九十]+五)[”"’]|([一二三四五六七八九十]+五)(?=规划|时期|期间|末)/;

/** The attribute of an indicator. */
export const ATTRIBUTE = /^(?:预期性|约束性|预期|约束)(?:指标)?$/;
/** An attribute word glued to the front of the next cell (`约束性森林蓄积量(亿立`). */
export const ATTRIBUTE_PREFIX = /^(预期性|约束性)(?=\S)/;

/** Category labels of indicator tables (14th/15th plans and the 13th-plan groupings); matched without numbering. */
export const CATEGORY_WORDS: readonly string[] = [
  '经济发展',
  '创新驱动',
  '民生福祉',
  '绿色生态',
  '安全保障',
  '结构调整',
  '结构优化',
  '改革开放',
  '基础支撑',
  '人民生活',
  '资源环境',
  '生态环境',
  '生态文明',
  '绿色发展',
  '协调发展',
  '开放发展',
  '共享发展',
  '创新发展',
  '社会发展',
  '综合实力',
  '科技创新',
  '城乡发展',
  '公共服务',
  '社会民生',
  '质量效益',
  '经济增长',
  '经济结构',
  '转型升级',
  '文化发展',
  '社会治理',
];

/** The count after a category (`经济强（12项）`, `创新发展(5项)`): dropped from the label; it makes a label a category. */
export const CATEGORY_COUNT = /[（(]\s*\d{1,2}\s*项\s*[)）]$/;

/** Numbering in front of a category (`一、经济发展`, `（二）创新驱动`, `3.`); stripped from the label. */
export const CATEGORY_NUMBERING =
  /^(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[)）]|\d{1,2}\s*[、．]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\s*[、.．]?)\s*/;

/** Lines that end a table: a note under it, a heading, another caption. */
export const TABLE_END =
  /^(?:注\s*[:：1１]|备注|说明\s*[:：]|资料来源|数据来源|第[一二三四五六七八九十百\d]+[篇章节])/;

/** The first line of the notes under a table. */
export const FOOTNOTE_START = /^(?:注\s*[:：]|注\s*\d|备注\s*[:：]?|说明\s*[:：])/;
/** A numbered note after the first (`2．`, `3.`, `（2）`). */
export const FOOTNOTE_ITEM = /^(?:\d{1,2}\s*[.．、]|[（(]\d{1,2}[)）])/;

/** Footnote markers after an indicator name or value. */
export const FOOTNOTE_MARKERS = /[*∗＊※△▲]+|[①②③④⑤⑥⑦⑧⑨⑩]/g;

/** A cell that only says "nothing here". */
export const EMPTY_MARKER = /^(?:[—–\-－―─~～/／]{1,3}|无|暂无|\/)$/;

/**
 * A value cell written with digits: `412.1`, `-5.54`, `>10`, `≥2.5`, `＜4`, `[2.9]`, `〔13.5〕`, `70以上`, `7左右`,
 * `3.01亿`, `6-8`, `6%—7%`, `98%`, `1,100`.
 */
export const NUMERIC_CELL =
  /^[<>≤≥＜＞≦≧约超低高]?[=＝]?[[〔【(（]?[-+−－]?\d[\d,，.．]*\s*(?:[%％‰]|[万亿千百]{0,2}[元人个件家所座项亩吨斤次户套张台辆床岁年天]{0,2})?(?:\s*[-—–~～至]\s*[-+]?\d[\d,.]*\s*[%％‰]?)?[\]〕】)）]?\s*(?:以上|以下|以内|左右|及以上|及以下|或以上)?$/;

/**
 * A value cell written in words: a delegated target, a qualitative target, a cumulative or declining phrase, or a
 * note that the figure is not collected any more.
 */
export const VALUE_PHRASE =
  /按.{0,6}下达|下达目标|上级下达|完成.{0,4}任务|与.{0,8}同步|基本同步|中高速|保持.{0,6}增长|稳步(?:提高|提升|增长)|持续(?:提高|提升|改善|下降)|逐步(?:提高|提升)|不再统计|控制在|确保完成|五年(?:累计)?(?:下降|降低|提高)/;

/** A phrase ending in a change or bound word, still waiting for its number (`五年下降` / `18%`). */
export const CHANGE_WORD_END =
  /(?:下降|降低|提高|提升|增长|增加|减少|累计|达到|超过|不低于|不高于|不超过|控制在|年均)$/;

/** Units written as a column cell (`%`, `亿元`, `万人`, `立方米/万元`), for tables with a 单位 column. */
export const UNIT_CELL =
  /^(?:[%％‰]|个百分点|[万亿千百]?(?:元|美元|人|人次|户|个|件|家|所|座|项|亩|吨|斤|公斤|次|套|张|台|辆|床|岁|年|天|小时|公里|千米|米|平方米|平方公里|立方米|千瓦|千瓦时|吨标准煤|标准煤)(?:\s*[/／]\s*[万亿千百]?(?:元|人|户|平方米|千人|万人|年))?|微克\/立方米)$/;

/** Header labels, tried in this order at each position of a header's compact text (first match wins). */
export type HeaderTokenKind =
  | 'seq'
  | 'category'
  | 'attribute'
  | 'unit'
  | 'base'
  | 'target'
  | 'actual'
  | 'plan-group'
  | 'actual-group'
  | 'growth'
  | 'name'
  | 'year';

const PERIOD = '(?:[“"]?十[一二三四五六七八九]五[”"]?)';

export const HEADER_TOKENS: readonly { kind: HeaderTokenKind; pattern: RegExp }[] = [
  { kind: 'seq', pattern: /序号|编号/y },
  { kind: 'category', pattern: /类别|分类|领域|类型/y },
  { kind: 'attribute', pattern: /(?:指标)?属性|指标性质/y },
  { kind: 'unit', pattern: /计量单位|单位/y },
  { kind: 'base', pattern: /(\d{4})年?(?:基数|基期值?|现状值?|基准值?)|基数|基期值?|现状值?|基准值/y },
  { kind: 'target', pattern: /(\d{4})年?(?:规划)?目标值?|(\d{4})年?预期(?:目标|值)?|目标值?/y },
  { kind: 'actual', pattern: /(\d{4})年?(?:完成情况|实际完成|完成值|实现值|预计完成|预计数?|完成|实际值?)/y },
  { kind: 'plan-group', pattern: new RegExp(`${PERIOD}?规划(?:目标|指标)?(?!属性)`, 'y') },
  {
    kind: 'actual-group',
    pattern: new RegExp(`${PERIOD}?(?:完成情况|实际完成|完成值|实现值|预计完成)`, 'y'),
  },
  {
    kind: 'growth',
    pattern:
      /(?:五年)?年均增(?:长)?(?:率|速度?)?(?:或累计)?(?:[（(][%％][)）])?|年均增速|累计(?:增长|下降|降低)?|增长率|增速/y,
  },
  { kind: 'name', pattern: /指标名称|指标(?!属性)|名称|项目/y },
  { kind: 'year', pattern: /(\d{4})年/y },
];

/** Words every strong header line contains one of: a cheap test before the full scan. */
export const HEADER_HINT =
  /序\s*号|编号|指\s*标|名\s*称|项目|基\s*[数期准]|现状|目\s*标|预期|年\s*均|累计|增长率|增速|属\s*性|性质/;

/** Sentence punctuation: never in a header line. */
export const SENTENCE_MARKS = '，。；！？';

/** Spaces between the cells of a line at column positions, and the mark the header scan keeps in their place. */
export const CELL_BORDER = / {2,}|\u3000+/g;
export const CELL_BORDER_MARK = '\u0001';

/** Header text that carries no column of its own: unit notes, the plan period, fragments of split labels. */
export const HEADER_FILLER = new RegExp(
  `[（(][%％‰][)）]|${PERIOD}|五年|[序号或年长%％()（）“”"、|:：/\u0001]`,
  'y',
);

/** Captions of the statistical tables of bulletins: `表1`, `表 2`, `附表3` (a 专栏 is a plan's box). */
export const STATISTICAL_CAPTION = /^(?:附表|表)\s*\d{1,2}(?=\s|[^\d]|$)/;

/** The first header cell of a statistical table: what its rows are. */
export const STATISTICAL_NAME_HEADER =
  /^(?:指\s*标(?:名称)?|产品名称|产\s*品|项\s*目|名\s*称|品\s*种|类\s*别|行\s*业|地\s*区|分\s*组|组\s*别)$/;

/** The unit column of a statistical table. */
export const STATISTICAL_UNIT_HEADER = /^(?:计量单位|单\s*位)$/;

/**
 * A value column of a statistical table: an amount (`绝对数`, `产量`, `2025年`), a change (`比上年增长（%）`,
 * `涨跌幅度（%）`) or a share (`比重（%）`), with an optional unit in parentheses.
 */
export const STATISTICAL_VALUE_HEADER =
  /^(?:\d{4}\s*年(?:末|底)?)?(?:绝对数|绝对值|数值|数量|产量|总量|金额|总额|本年|全年|年末数|年末|实绩|完成数|完成额|人数|个数|面积|增加值|比重|占比|构成|指数|同比|环比|(?:比上年末?|比上年同期|较上年|同比|与上年相比)?(?:增长|增减|增加|下降|减少|增速|涨跌幅度?|涨幅|[±]|增长速度)?)(?:[（(][^（）()]{1,12}[)）])?$/;

/** Header words that make a value column a change (growth rate) rather than an amount. */
export const STATISTICAL_CHANGE_HEADER = /增长|增减|增加|下降|减少|增速|涨跌|涨幅|±|同比|环比/;

/** A statistical value: a signed number (`-1.8`, `23.79`, `1,053`, `2.8倍`) or an empty marker. */
export const STATISTICAL_VALUE = /^(?:[-+−－]?\d[\d,，]*(?:[.．]\d+)?(?:[%％‰]|倍)?|[—–\-－…]{1,2}|\/|—)$/;

/** A row that opens the sub-rows under the one before it: `其中：新能源汽车`. */
export const SUB_ROW_LEAD = /^其中\s*[:：]/;

/** Names of a total whose following rows in the same unit break it down (`货物运输总量` over `公路`, `铁路`). */
export const TOTAL_NAME = /(?:总量|总额|总值|总计|合计|总数|总产量|总指数)$/;
