// Delegated targets (按市下达目标) as a sheet: a plan's rows that wait for a higher level's value, written out to fill
// in and read back row by row; a row that will not do is named (row, column, what was expected) before anything is
// stored, as the observations import does.
import type { Kysely } from 'kysely';
import { LantuError } from '../diagnostics.js';
import { readCell } from '../monitor/index.js';
import { currentIndicatorRows } from './evaluation.js';
import { readSheet } from './observations-io.js';
import {
  addAssignedTarget,
  delegatedCell,
  listAssignedTargets,
  type AssignedTarget,
} from './repositories/assigned.js';
import { listIndicatorRows } from './repositories/facts.js';
import type { Database } from './schema.js';
import { toTabular, type TabularFormat } from './tabular.js';

type Db = Kysely<Database>;

/** One plan row whose target a higher level assigns, with every value entered for it (the last one counts). */
export interface DelegatedRow {
  row_id: number;
  name: string;
  unit: string | null;
  attribute: string | null;
  indicator_id: string | null;
  cell: 'target_raw' | 'growth_raw' | null;
  /** The plan's own words in the delegated cell (按市下达目标). */
  delegated: string | null;
  line: number;
  quote: string;
  assigned: AssignedTarget | null;
  history: AssignedTarget[];
}

/** The delegated rows of a plan's current indicator table, in table order. */
export async function delegatedTargets(db: Db, planId: number): Promise<DelegatedRow[]> {
  const current = new Set((await currentIndicatorRows(db, [planId])).get(planId)?.map((r) => r.id) ?? []);
  const rows = (await listIndicatorRows(db, { document_id: planId })).filter(
    (r) => current.has(r.id) && delegatedCell(r.raw) !== null,
  );
  const entries = await listAssignedTargets(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const cell = delegatedCell(r.raw);
    const history = entries.filter((a) => a.row_id === r.id);
    return {
      row_id: r.id,
      name: r.name,
      unit: r.unit,
      attribute: r.attribute,
      indicator_id: r.indicator_id,
      cell,
      delegated: cell ? (r.raw[cell] ?? null) : null,
      line: r.line,
      quote: r.quote,
      assigned: history.at(-1) ?? null,
      history,
    };
  });
}

/** The sheet's columns: 行号 ties a line to the plan's row; a person fills 下达目标值 and 下达文件. */
export const DELEGATED_COLUMNS = [
  '行号',
  '指标',
  '单位',
  '规划表述',
  '下达目标值',
  '下达文件',
  '备注',
] as const;
const REQUIRED = ['行号', '下达目标值', '下达文件'] as const;

/** The plan's delegated targets as a sheet to fill in, the values in force already in it. */
export async function delegatedSheet(db: Db, planId: number, format: TabularFormat): Promise<Buffer> {
  const rows = (await delegatedTargets(db, planId)).map((r) => ({
    行号: r.row_id,
    指标: r.name,
    单位: r.unit,
    规划表述: r.delegated,
    下达目标值: r.assigned?.raw ?? null,
    下达文件: r.assigned?.source_document ?? null,
    备注: r.assigned?.note ?? null,
  }));
  return toTabular(format, rows, { columns: DELEGATED_COLUMNS, sheet: '下达目标' });
}

export interface SheetRowError {
  row: number;
  column: string | null;
  value: string | null;
  message: string;
  expected: string;
}

export interface DelegatedImport {
  rows: number;
  valid: number;
  errors: SheetRowError[];
  imported: number;
  /** Lines that repeat the value already in force (not entered again). */
  duplicates: number;
  /** Plan rows given a new value (to judge again). */
  changed: number[];
}

interface Entry {
  row_id: number;
  raw: string;
  source_document: string;
  note: string | null;
}

/** Check a filled sheet against the plan's delegated rows: the entries to store and every row error. */
export function checkDelegatedRows(
  table: readonly (readonly string[])[],
  delegated: readonly DelegatedRow[],
): { rows: number; entries: Entry[]; errors: SheetRowError[]; duplicates: number } {
  const header = (table[0] ?? []).map((c) => c.trim());
  const at = (name: string) => header.indexOf(name);
  const missing = REQUIRED.filter((c) => at(c) < 0);
  if (missing.length > 0)
    return {
      rows: 0,
      entries: [],
      duplicates: 0,
      errors: [
        {
          row: 1,
          column: missing.join('、'),
          value: null,
          message: `表头缺少“${missing.join('”“')}”列 / the header lacks ${missing.join(', ')}`,
          expected: `the header of the downloaded sheet: ${DELEGATED_COLUMNS.join(', ')}`,
        },
      ],
    };
  const byId = new Map(delegated.map((d) => [d.row_id, d]));
  const entries: Entry[] = [];
  const errors: SheetRowError[] = [];
  let rows = 0;
  let duplicates = 0;
  table.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const cell = (name: string) => (cells[at(name)] ?? '').trim();
    if (cells.every((c) => !c.trim())) return;
    rows++;
    const error = (column: string, message: string, expected: string) =>
      errors.push({ row: line, column, value: cell(column) || null, message, expected });
    const id = Number(cell('行号'));
    const row = Number.isInteger(id) ? byId.get(id) : undefined;
    if (!row) {
      error(
        '行号',
        `行号“${cell('行号')}”不是本规划的待下达目标 / not a delegated row of this plan`,
        `one of ${[...byId.keys()].join(', ')} (keep the 行号 of the downloaded sheet)`,
      );
      return;
    }
    const raw = cell('下达目标值');
    // A line left blank is a target not yet assigned: nothing to enter.
    if (!raw) return;
    if (readCell(raw).type !== 'number') {
      error(
        '下达目标值',
        `下达目标值“${raw}”不是数值 / not a number`,
        '按表格写法填写数值，如 5.5以内、〔13.5〕、80 / a number as a table cell writes it',
      );
      return;
    }
    const source = cell('下达文件');
    if (!source) {
      error('下达文件', '缺少下达文件 / the assigning document is missing', '下达该目标的文件名或文号');
      return;
    }
    // The value already in force is not entered again, so a sheet sent twice adds nothing.
    if (row.assigned && row.assigned.raw === raw && row.assigned.source_document === source) {
      duplicates++;
      return;
    }
    entries.push({ row_id: row.row_id, raw, source_document: source, note: cell('备注') || null });
  });
  return { rows, entries, errors, duplicates };
}

/** Import a filled sheet; with any row error nothing is stored unless `validRowsOnly`. */
export async function importDelegatedSheet(
  db: Db,
  planId: number,
  bytes: Uint8Array,
  options: { by: string; validRowsOnly?: boolean },
): Promise<DelegatedImport> {
  let table: string[][];
  try {
    table = await readSheet(bytes);
  } catch (error) {
    if (!(error instanceof LantuError) || !error.code.startsWith('sheet/')) throw error;
    return {
      rows: 0,
      valid: 0,
      imported: 0,
      duplicates: 0,
      changed: [],
      errors: [
        {
          row: error.line ?? 0,
          column: null,
          value: null,
          message: `cannot read the file: ${error.message}`,
          expected: error.expected ?? 'a CSV (UTF-8) or XLSX file',
        },
      ],
    };
  }
  const { rows, entries, errors, duplicates } = checkDelegatedRows(table, await delegatedTargets(db, planId));
  const result = { rows, valid: entries.length, errors, imported: 0, duplicates, changed: [] as number[] };
  if (errors.length > 0 && !options.validRowsOnly) return result;
  await db.transaction().execute(async (trx) => {
    for (const entry of entries) await addAssignedTarget(trx, { ...entry, by: options.by });
  });
  return { ...result, imported: entries.length, changed: entries.map((e) => e.row_id) };
}
