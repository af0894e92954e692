// One verdict per indicator when it has several targets (a level path and an average growth rate, say).
import { labelText, warningFor } from './labels.js';
import type { LagDegree, StatusLabel, Warning } from './types.js';

/** One judged target of an indicator: what the verdict is made of. */
export interface VerdictPart {
  kind: string;
  label: StatusLabel;
  lag: LagDegree | null;
}

export interface Verdict {
  label: StatusLabel;
  lag: LagDegree | null;
  /** 轻度滞后, 基本符合预期, …: the label as printed. */
  text: string;
  warning: Warning | null;
  /** The rule that chose it, in the words an evaluation report prints. */
  rule: string;
  /** The target kind whose label became the verdict; null when nothing was judged. */
  decidedBy: string | null;
}

/** The stated rule: the least favourable judged target decides, so a lag on either path is never hidden. */
export const VERDICT_RULE = '多项目标取进展最慢者（就低原则），各项结论并列列示';

/** Least favourable first; 数据缺失 and 待人工评估 decide only when nothing else was judged. */
function rank(part: VerdictPart): number {
  switch (part.label) {
    case '未达标':
      return 0;
    case '滞后':
      return part.lag === '逆向' ? 1 : part.lag === '严重' ? 2 : 3;
    case '基本符合预期':
    case '达标':
      return 4;
    case '快于预期':
      return 5;
    case '提前实现':
      return 6;
    case '待人工评估':
      return 7;
    default:
      return 8;
  }
}

/** The verdict of one indicator from the labels of its targets (binding indicators escalate any lag to red). */
export function verdictOf(parts: readonly VerdictPart[], binding: boolean): Verdict {
  if (parts.length === 0) {
    return {
      label: '数据缺失',
      lag: null,
      text: '数据缺失',
      warning: null,
      rule: VERDICT_RULE,
      decidedBy: null,
    };
  }
  const decisive = [...parts].sort((a, b) => rank(a) - rank(b))[0]!;
  return {
    label: decisive.label,
    lag: decisive.lag,
    text: labelText(decisive.label, decisive.lag),
    warning: warningFor(decisive.label, decisive.lag, binding),
    rule: parts.length > 1 ? VERDICT_RULE : '单项目标，按该目标结论',
    decidedBy: decisive.kind,
  };
}
