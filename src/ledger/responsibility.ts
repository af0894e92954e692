// Which department (责任单位) usually leads the work on an indicator or task, from the words of its field.
// Kept as data: a planning office reviews the suggestion and confirms or changes it.

/** The kinds of units a county or city government assigns tasks to. */
export type UnitKind = '局' | '委' | '办' | '镇街' | '其他';

export interface UnitDef {
  /** Full name without the region prefix, as in a 任务分解表 (`科学技术局`). */
  name: string;
  /** The short name offices write in tables (`科技局`). */
  short: string;
  kind: UnitKind;
}

/** The planning office: lead unit when no field word matches, and the owner of the plan as a whole. */
export const PLANNING_UNIT: UnitDef = { name: '发展和改革委员会', short: '发改委', kind: '委' };

/**
 * Field words → lead unit, most specific first (能耗 before 能源, 养老保险 before 养老). The words are the
 * ones main-indicator tables and plan texts use across regions; a match is a suggestion, never a decision.
 */
export const RESPONSIBILITY_MAP: ReadonlyArray<{ words: readonly string[]; unit: UnitDef }> = [
  {
    words: ['养老保险', '医疗保险', '社会保险', '参保', '就业', '失业', '技能人才'],
    unit: { name: '人力资源和社会保障局', short: '人社局', kind: '局' },
  },
  {
    words: ['研发', '研究与试验发展', '研究与实验发展', '专利', '高新技术', '科技', '创新'],
    unit: { name: '科学技术局', short: '科技局', kind: '局' },
  },
  {
    words: ['医师', '护士', '预期寿命', '托位', '婴幼儿', '卫生', '医疗', '健康'],
    unit: { name: '卫生健康委员会', short: '卫健委', kind: '委' },
  },
  {
    words: ['受教育年限', '入学', '入园', '幼儿园', '学前', '教育', '学校'],
    unit: { name: '教育局', short: '教育局', kind: '局' },
  },
  { words: ['体育', '健身'], unit: { name: '体育局', short: '体育局', kind: '局' } },
  { words: ['文化', '旅游', '文旅'], unit: { name: '文化广电和旅游局', short: '文广旅局', kind: '局' } },
  {
    words: ['空气', '细颗粒物', 'PM2.5', '水体', '地表水', '污染', '污水', '生态环境', '二氧化碳', '碳排放'],
    unit: { name: '生态环境局', short: '生态环境局', kind: '局' },
  },
  {
    words: ['能耗', '能源消耗', '节能', '能源'],
    unit: PLANNING_UNIT,
  },
  { words: ['用水', '水资源', '水利', '河湖'], unit: { name: '水利局', short: '水利局', kind: '局' } },
  {
    words: ['耕地', '建设用地', '森林', '林木', '绿化', '国土', '自然资源'],
    unit: { name: '自然资源和规划局', short: '自然资源局', kind: '局' },
  },
  { words: ['粮食', '农业', '农村', '乡村'], unit: { name: '农业农村局', short: '农业农村局', kind: '局' } },
  {
    words: ['工业', '制造业', '数字经济', '信息化', '5G'],
    unit: { name: '工业和信息化局', short: '工信局', kind: '局' },
  },
  {
    words: ['消费品零售', '消费', '进出口', '外贸', '外资', '商贸', '电子商务'],
    unit: { name: '商务局', short: '商务局', kind: '局' },
  },
  { words: ['一般公共预算', '财政', '税收'], unit: { name: '财政局', short: '财政局', kind: '局' } },
  {
    words: ['住房', '棚户区', '城镇化', '老旧小区', '城乡建设'],
    unit: { name: '住房和城乡建设局', short: '住建局', kind: '局' },
  },
  { words: ['养老', '社会救助', '低保', '民政'], unit: { name: '民政局', short: '民政局', kind: '局' } },
  { words: ['公路', '交通', '轨道', '道路'], unit: { name: '交通运输局', short: '交通局', kind: '局' } },
  { words: ['安全生产', '事故', '应急'], unit: { name: '应急管理局', short: '应急局', kind: '局' } },
  {
    words: ['食品', '药品', '市场主体', '质量'],
    unit: { name: '市场监督管理局', short: '市场监管局', kind: '局' },
  },
  { words: ['垃圾', '市容', '城市管理'], unit: { name: '城市管理局', short: '城管局', kind: '局' } },
  // Whole-economy aggregates last: 单位地区生产总值用水量 belongs to water, not to GDP.
  {
    words: ['可支配收入', '劳动生产率', '固定资产投资', '地区生产总值', 'GDP', '重大项目'],
    unit: PLANNING_UNIT,
  },
];

export interface LeadSuggestion {
  unit: UnitDef;
  /** The field word that decided it, or null when the planning office is the fallback. */
  matched: string | null;
}

/**
 * The lead unit a planner would most likely assign, and the word that suggests it. The name decides first;
 * the category (创新驱动, 绿色生态) only when the name has no field word, since 文化产业 sits under 创新驱动 too.
 */
export function suggestLeadUnit(name: string, category: string | null = null): LeadSuggestion {
  for (const text of category ? [name, category] : [name]) {
    for (const { words, unit } of RESPONSIBILITY_MAP) {
      const word = words.find((w) => text.includes(w));
      if (word) return { unit, matched: word };
    }
  }
  return { unit: PLANNING_UNIT, matched: null };
}
