// The planning dictionary: words of Chinese development plans that search keeps whole.
import { INDICATORS } from '../catalog/index.js';

/**
 * Terms of the planning trade (policy phrases, programme names, statistical measures). Each stays one word
 * when segmented, so a search for 养老服务 is not read as 养老 + 服务 only and 十四五 is not 十 + 四五.
 */
export const PLANNING_TERMS: readonly string[] = [
  '十三五',
  '十四五',
  '十五五',
  '规划纲要',
  '远景目标',
  '主要指标',
  '约束性',
  '预期性',
  '高质量发展',
  '新发展理念',
  '新发展格局',
  '双循环',
  '供给侧结构性改革',
  '乡村振兴',
  '新型城镇化',
  '城乡融合',
  '城市更新',
  '老旧小区改造',
  '营商环境',
  '放管服',
  '一网通办',
  '数字经济',
  '数字政府',
  '智慧城市',
  '新基建',
  '专精特新',
  '高新技术企业',
  '科技型中小企业',
  '先进制造业',
  '战略性新兴产业',
  '现代服务业',
  '规上工业',
  '规模以上工业',
  '碳达峰',
  '碳中和',
  '节能减排',
  '生态文明',
  '河长制',
  '林长制',
  '蓝天保卫战',
  '碧水保卫战',
  '净土保卫战',
  '养老服务',
  '养老机构',
  '居家养老',
  '医养结合',
  '托育服务',
  '婴幼儿照护',
  '义务教育',
  '学前教育',
  '基本医疗保险',
  '基本养老保险',
  '公共服务',
  '社会保障',
  '共同富裕',
  '一般公共预算收入',
  '地区生产总值',
  '固定资产投资',
  '社会消费品零售总额',
  '城镇化率',
  '研发经费',
  '都市圈',
  '一带一路',
  '黄河流域生态保护和高质量发展',
];

/** Every term of the dictionary: the trade terms and every catalog indicator name and synonym. */
export function planningDictionary(): string[] {
  const words = new Set<string>(PLANNING_TERMS);
  for (const indicator of INDICATORS) {
    words.add(indicator.name);
    for (const synonym of indicator.synonyms) words.add(synonym);
  }
  // Names with spaces are found by their parts anyway.
  return [...words].filter((w) => w.length >= 2 && !/\s/.test(w));
}
