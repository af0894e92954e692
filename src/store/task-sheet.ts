// The 任务分解表 as offices exchange it (序号, 任务, 目标, 牵头单位, 配合单位, 责任人, 完成时限, 备注): export,
// and an all-or-nothing import with row-level errors, as the observations import does.
import type { Kysely } from 'kysely';
import { DATE_FORMS, parseDeadline } from '../ledger/index.js';
import { appendAudit } from './repositories/audit.js';
import { createTask, ensureUnit, listUnits, pageTasks, type TaskFilter } from './repositories/ledger.js';
import { readSheet, type RowError } from './observations-io.js';
import type { Database } from './schema.js';
import { toTabular, type TabularFormat } from './tabular.js';
import { unitKind } from './unit-sheet.js';

// The 完成时限 rule is the ledger's one date rule; the store's face keeps offering it.
export { parseDeadline };

type Db = Kysely<Database>;

export const TASK_SHEET_COLUMNS = [
  '序号',
  '任务',
  '目标',
  '牵头单位',
  '配合单位',
  '责任人',
  '完成时限',
  '备注',
] as const;

/** Several supporting units in one cell, the way offices write them. */
const UNIT_SEPARATORS = /[、，,；;\s]+/;

export async function exportTaskSheet(db: Db, filter: TaskFilter, format: TabularFormat): Promise<Buffer> {
  const [{ items }, units] = await Promise.all([pageTasks(db, filter), listUnits(db)]);
  const nameOf = new Map(units.map((u) => [u.id, u.short_name ?? u.name]));
  const rows = items.map((task, i) => ({
    序号: i + 1,
    任务: task.title,
    目标: task.goal,
    牵头单位: task.lead_unit_id === null ? null : nameOf.get(task.lead_unit_id),
    配合单位: task.supporting_unit_ids
      .map((id) => nameOf.get(id))
      .filter(Boolean)
      .join('、'),
    责任人: task.responsible,
    完成时限: task.due_date,
    备注: task.note,
  }));
  return toTabular(format, rows, { columns: TASK_SHEET_COLUMNS, sheet: '任务分解表' });
}

export interface TaskImportResult {
  rows: number;
  errors: Array<Omit<RowError, 'column'> & { column: string | null }>;
  imported: number;
  units_created: number;
}

/**
 * Import a 任务分解表 into a region (and a plan): units named in it are created in the region when missing;
 * nothing is stored when any row has an error.
 */
export async function importTaskSheet(
  db: Db,
  bytes: Uint8Array,
  target: { region_id: number | null; document_id?: number | null },
  by: string,
): Promise<TaskImportResult> {
  let rows: string[][];
  try {
    rows = await readSheet(bytes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      rows: 0,
      errors: [
        {
          row: 0,
          column: null,
          value: null,
          message: `文件无法读取 / unreadable file: ${message}`,
          expected: 'an XLSX or UTF-8 CSV 任务分解表',
        },
      ],
      imported: 0,
      units_created: 0,
    };
  }
  const [header = [], ...body] = rows.filter((r) => r.some((c) => c.trim() !== ''));
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  const errors: TaskImportResult['errors'] = [];
  for (const column of ['任务', '牵头单位', '完成时限'])
    if (!index.has(column))
      errors.push({
        row: 1,
        column,
        value: null,
        message: `缺少列「${column}」/ missing column ${column}`,
        expected: TASK_SHEET_COLUMNS.join(', '),
      });
  if (errors.length) return { rows: body.length, errors, imported: 0, units_created: 0 };
  if (body.length === 0)
    return {
      rows: 0,
      errors: [
        {
          row: 1,
          column: null,
          value: null,
          message: '表中没有任务 / the sheet has no task rows',
          expected: 'one row per task below the header',
        },
      ],
      imported: 0,
      units_created: 0,
    };

  const cell = (row: string[], column: string): string => (row[index.get(column) ?? -1] ?? '').trim();
  const parsed = body.map((row, i) => {
    const line = i + 2;
    const title = cell(row, '任务');
    const lead = cell(row, '牵头单位');
    const dueText = cell(row, '完成时限');
    const due = parseDeadline(dueText);
    if (!title)
      errors.push({
        row: line,
        column: '任务',
        value: null,
        message: '任务为空 / no task',
        expected: 'the task as the plan states it',
      });
    if (!lead)
      errors.push({
        row: line,
        column: '牵头单位',
        value: null,
        message: '牵头单位为空 / no lead unit',
        expected: 'one unit, e.g. 发改委',
      });
    if (!due)
      errors.push({
        row: line,
        column: '完成时限',
        value: dueText || null,
        message: `完成时限「${dueText}」无法识别 / not a deadline`,
        expected: DATE_FORMS,
      });
    return {
      title,
      goal: cell(row, '目标') || null,
      lead,
      supporting: cell(row, '配合单位').split(UNIT_SEPARATORS).filter(Boolean),
      responsible: cell(row, '责任人') || null,
      due: due ?? '',
      note: cell(row, '备注') || null,
    };
  });
  if (errors.length) return { rows: body.length, errors, imported: 0, units_created: 0 };

  return db.transaction().execute(async (tx) => {
    const known = await listUnits(tx, target.region_id === null ? {} : { region_id: target.region_id });
    const byName = new Map<string, number>();
    for (const u of known) {
      byName.set(u.name, u.id);
      if (u.short_name) byName.set(u.short_name, u.id);
    }
    let created = 0;
    const unitId = async (name: string): Promise<number> => {
      const found = byName.get(name);
      if (found !== undefined) return found;
      const id = await ensureUnit(tx, target.region_id, { name, short: name, kind: unitKind(name) }, by);
      byName.set(name, id);
      created++;
      return id;
    };
    for (const row of parsed) {
      const supporting: number[] = [];
      for (const name of row.supporting) supporting.push(await unitId(name));
      await createTask(
        tx,
        {
          region_id: target.region_id,
          document_id: target.document_id ?? null,
          title: row.title,
          goal: row.goal,
          lead_unit_id: await unitId(row.lead),
          supporting_unit_ids: supporting,
          responsible: row.responsible,
          due_date: row.due,
          note: row.note,
        },
        by,
      );
    }
    await appendAudit(tx, {
      actor: by,
      action: 'tasks.import',
      entity: 'region',
      entity_id: target.region_id,
      detail: { tasks: parsed.length, units_created: created },
    });
    return { rows: body.length, errors: [], imported: parsed.length, units_created: created };
  });
}
