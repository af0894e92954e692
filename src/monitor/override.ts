// A person's judgement on a status: kept beside the computed label, never instead of it, and kept for audit.
import { LantuError } from '../diagnostics.js';
import type { IndicatorStatus, LagDegree, StatusLabel, StatusOverride } from './types.js';

/** Returns the status with `override` shown beside its computed label; earlier overrides stay in `overrides`. */
export function applyOverride(status: IndicatorStatus, override: StatusOverride): IndicatorStatus {
  if (!override.reason.trim()) {
    throw new LantuError({
      code: 'monitor/override-without-reason',
      message: `人工调整“${status.name}”的状态必须说明理由`,
      expected: 'a non-empty reason',
    });
  }
  if (!override.by.trim()) {
    throw new LantuError({
      code: 'monitor/override-without-author',
      message: `人工调整“${status.name}”的状态必须记录调整人`,
      expected: 'who made the change',
    });
  }
  if (override.label === '滞后' && !override.lag) {
    throw new LantuError({
      code: 'monitor/override-lag-degree',
      message: `人工将“${status.name}”调整为滞后时须注明程度`,
      expected: '轻度, 严重 or 逆向',
    });
  }
  const kept: StatusOverride = {
    ...override,
    lag: override.label === '滞后' ? (override.lag ?? null) : null,
  };
  return { ...status, override: kept, overrides: [...status.overrides, kept] };
}

/** The label to count and show first: the override's when a person set one, else the computed label. */
export function effectiveLabel(status: IndicatorStatus): { label: StatusLabel; lag: LagDegree | null } {
  return status.override
    ? { label: status.override.label, lag: status.override.lag ?? null }
    : { label: status.label, lag: status.lag };
}
