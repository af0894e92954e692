// Status labels and warnings from a progress ratio (the labels of China's national mid-term evaluation).
import { tidy } from './path.js';
import type { LagDegree, StatusLabel, Thresholds, Warning } from './types.js';

/** 快于预期 / 基本符合预期 / 轻度·严重·逆向滞后 for a progress ratio r. */
export function labelForRatio(
  ratio: number,
  thresholds: Thresholds,
): { label: StatusLabel; lag: LagDegree | null } {
  const r = tidy(ratio);
  if (r >= thresholds.ahead) return { label: '快于预期', lag: null };
  if (r >= thresholds.onTrack) return { label: '基本符合预期', lag: null };
  if (r >= thresholds.mild) return { label: '滞后', lag: '轻度' };
  if (r >= thresholds.severe) return { label: '滞后', lag: '严重' };
  return { label: '滞后', lag: '逆向' };
}

/**
 * green: achieved, ahead, on track, bound met; yellow: mild lag; red: severe or reverse lag, a missed
 * bound, and any lag of a binding (约束性) indicator. No warning without data or before a person judges.
 */
export function warningFor(label: StatusLabel, lag: LagDegree | null, binding: boolean): Warning | null {
  switch (label) {
    case '提前实现':
    case '快于预期':
    case '基本符合预期':
    case '达标':
      return 'green';
    case '滞后':
      return binding || lag !== '轻度' ? 'red' : 'yellow';
    case '未达标':
      return 'red';
    default:
      return null;
  }
}

/** The label as people write it: 轻度滞后, 严重滞后, 逆向滞后, or the label itself. */
export function labelText(label: StatusLabel, lag: LagDegree | null): string {
  return label === '滞后' && lag ? `${lag}滞后` : label;
}
