// The kind of a reported value: a level, a growth rate, a share, or a count of things.
import type { AchievementMetric } from '../model.js';

/** Units that count things (个, 家, 项 …), possibly with a magnitude (万人, 万家). */
const COUNT_UNIT =
  /^(?:万|千|百)?(?:个|家|项|所|人|名|件|次|条|处|座|户|套|只|批次|批|列|柜|起|场|栋|辆|台|位|张|年|天|村|镇|支|届|期|余个|人次|万人次)$/;
/** Words right before a percentage that make it a rate of change. */
const GROWTH_BEFORE =
  /(?:增长|增速|增幅|年均|提高|提升|下降|降低|减少|上升|增加|翻)\s*(?:了|率|分别|为|达到?|达)?\s*$/;
/** Words of the clause that make a percentage a share or a rate. */
const SHARE_WORDS = /占|比重|比例|率|覆盖|结构|贡献/;

export function metricOf(unit: string | null, before: string): AchievementMetric {
  const u = (unit ?? '').replace(/\s+/g, '');
  if (u === '倍') return 'growth';
  if (u === '%' || u === '％' || u === '个百分点' || u === '百分点') {
    if (GROWTH_BEFORE.test(before.slice(-10))) return 'growth';
    if (SHARE_WORDS.test(before)) return 'share';
    return /增长|增速|年均/.test(before.slice(-16)) ? 'growth' : 'share';
  }
  if (COUNT_UNIT.test(u)) return 'count';
  return 'level';
}
