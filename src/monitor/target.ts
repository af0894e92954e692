// Turning an indicator-table row into the targets the monitor judges (level, growth, cumulative, bound, qualitative).
import type { IndicatorDef } from '../catalog/index.js';
import type { IndicatorRowOut } from '../extract/index.js';
import { readCell, type MonitorCell } from './cell.js';
import type { Observation, SourceRef, TargetSpec } from './types.js';

export interface TableYears {
  baseYear: number | null;
  targetYear: number | null;
  /** Year of an "actual/completed" column (十三五完成情况：2020年), if the table has one. */
  actualYear: number | null;
}

const FIVE_YEAR_PLAN = /十([一二三四五六七八九])五/;
const ORDINAL = '一二三四五六七八九';

/** 十四五 → [2020, 2025]: the base and end years of a numbered five-year plan. */
export function fiveYearPlanYears(text: string): [number, number] | null {
  const m = FIVE_YEAR_PLAN.exec(text);
  if (!m) return null;
  const n = 10 + ORDINAL.indexOf(m[1]!) + 1;
  const end = 2010 + 5 * (n - 11);
  return [end - 5, end];
}

function yearIn(header: string): number | null {
  const m = /((?:19|20)\d\d)\s*年?/.exec(header);
  return m ? Number(m[1]) : null;
}

/** The base, target and actual years of a table, from its headers, else its caption, else the plan period. */
export function tableYears(
  // Only the caption and headers matter: a stored table or an extracted one (with its rows) will do.
  table: { caption: string | null; columns: readonly string[]; line?: number; rows?: readonly unknown[] },
  period?: string | null,
): TableYears {
  let baseYear: number | null = null;
  let targetYear: number | null = null;
  let actualYear: number | null = null;
  for (const header of table.columns) {
    const h = header.normalize('NFKC');
    if (/年均|增长|累计/.test(h) && !/基数|基期/.test(h)) continue;
    const year = yearIn(h);
    if (year === null) continue;
    if (/基数|基期|基础|现状/.test(h)) baseYear ??= year;
    else if (/完成|实际|实现/.test(h)) actualYear ??= year;
    else if (/目标|规划|预期/.test(h)) targetYear ??= year;
  }
  const fromPlan = fiveYearPlanYears(`${table.caption ?? ''}${table.columns.join('')}`);
  const fromPeriod = /^(\d{4})\D+(\d{4})$/.exec(period ?? '');
  baseYear ??= fromPlan?.[0] ?? (fromPeriod ? Number(fromPeriod[1]) - 1 : null);
  targetYear ??= fromPlan?.[1] ?? (fromPeriod ? Number(fromPeriod[2]) : null);
  return { baseYear, targetYear, actualYear };
}

function comparatorOf(cell: MonitorCell): string | null {
  if (cell.type !== 'number') return null;
  if (cell.reduction) return '下降';
  return cell.bound === 'floor'
    ? '以上'
    : cell.bound === 'ceiling'
      ? '以内'
      : cell.bound === 'about'
        ? '左右'
        : null;
}

export interface RowTargets {
  base: Observation | null;
  targets: TargetSpec[];
}

/**
 * The targets of one table row. The target cell gives a level (`820`, `70以上` from a lower base), a bound
 * (`<4.5`, `97以上` already met by the base), a cumulative total (`[2.9]`) or a qualitative/delegated target
 * (`按市下达目标`); the growth cell gives an average annual growth (`>10`, `7左右`), a cumulative total
 * (`[1.1]`, `五年下降18%`) or a qualitative target (`与经济增长基本同步`).
 */
export function targetsFromRow(
  row: IndicatorRowOut,
  years: TableYears,
  indicator?: IndicatorDef | null,
  source?: SourceRef,
): RowTargets {
  const cells = {
    base: readCell(row.base_raw),
    target: readCell(row.target_raw),
    growth: readCell(row.growth_raw),
  };
  return targetsFromCells(cells, years, indicator, source);
}

/** A row's cells as already read (the store keeps them typed, so derive does not parse them again). */
export interface RowCellsRead {
  base: MonitorCell;
  target: MonitorCell;
  growth: MonitorCell;
}

/** The targets of one row from its typed cells: what `targetsFromRow` does after reading the raw cells. */
export function targetsFromCells(
  cells: RowCellsRead,
  years: TableYears,
  indicator?: IndicatorDef | null,
  source?: SourceRef,
): RowTargets {
  const baseCell = cells.base;
  const base: Observation | null =
    baseCell.type === 'number' && !baseCell.cumulative && years.baseYear !== null
      ? { year: years.baseYear, value: baseCell.value, raw: baseCell.raw, ...(source ? { source } : {}) }
      : null;
  const targets: TargetSpec[] = [];
  const year = years.targetYear;
  if (year === null) return { base, targets };
  const cumulateOf = (cell: MonitorCell) =>
    cell.type === 'number' && cell.reduction ? 'reduction' : (indicator?.cumulate ?? 'sum');

  const targetCell = cells.target;
  if (targetCell.type === 'number') {
    const common = {
      year,
      raw: targetCell.raw,
      comparator: comparatorOf(targetCell),
      ...(source ? { source } : {}),
    };
    if (targetCell.cumulative) {
      targets.push({
        ...common,
        kind: 'cumulative',
        value: targetCell.value,
        cumulate: cumulateOf(targetCell),
      });
    } else if (targetCell.bound === 'ceiling') {
      targets.push({
        ...common,
        kind: 'bound',
        value: targetCell.value,
        bound: 'ceiling',
        strict: targetCell.strict,
      });
    } else if (targetCell.bound === 'floor' && (base === null || base.value >= targetCell.value)) {
      // A floor the base already meets is a line to hold each year, not a path to walk.
      targets.push({
        ...common,
        kind: 'bound',
        value: targetCell.value,
        bound: 'floor',
        strict: targetCell.strict,
      });
    } else {
      targets.push({ ...common, kind: 'level', value: targetCell.value });
    }
  } else if (targetCell.type === 'delegated' || targetCell.type === 'text') {
    targets.push({
      kind: 'qualitative',
      value: null,
      year,
      raw: targetCell.raw,
      ...(source ? { source } : {}),
    });
  }

  const growthCell = cells.growth;
  if (growthCell.type === 'number') {
    const common = {
      year,
      raw: growthCell.raw,
      comparator: comparatorOf(growthCell),
      ...(source ? { source } : {}),
    };
    if (growthCell.cumulative) {
      targets.push({
        ...common,
        kind: 'cumulative',
        value: growthCell.value,
        cumulate: cumulateOf(growthCell),
      });
    } else {
      targets.push({ ...common, kind: 'growth', value: growthCell.value });
    }
  } else if ((growthCell.type === 'delegated' || growthCell.type === 'text') && targets.length === 0) {
    targets.push({
      kind: 'qualitative',
      value: null,
      year,
      raw: growthCell.raw,
      ...(source ? { source } : {}),
    });
  }
  return { base, targets };
}
