// The 责任单位名单 (unit list) as offices keep it — 单位名称, 简称, 类别, 上级单位, 联系人 — imported all or nothing
// with row-level errors, as the observations import and the 任务分解表 are.
import type { Kysely } from 'kysely';
import type { UnitKind } from '../ledger/index.js';
import { appendAudit } from './repositories/audit.js';
import { ensureUnit, listUnits } from './repositories/ledger.js';
import { readSheet, type RowError } from './observations-io.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/** A row error naming the list's own (Chinese) column. */
type SheetError = Omit<RowError, 'column'> & { column: string | null };

type UnitColumn = 'name' | 'short_name' | 'kind' | 'parent' | 'contact' | 'phone';

/** The headers a unit list may use for each column (the first is the template's). */
const UNIT_HEADERS: Record<UnitColumn, readonly string[]> = {
  name: ['单位名称', '名称', '单位', '责任单位', 'name'],
  short_name: ['简称', 'short_name', 'short'],
  kind: ['类别', '类型', '单位类别', 'kind'],
  parent: ['上级单位', '主管单位', '所属单位', 'parent'],
  contact: ['联系人', 'contact'],
  phone: ['联系电话', '电话', 'phone'],
};

export const UNIT_SHEET_COLUMNS = ['单位名称', '简称', '类别', '上级单位', '联系人', '联系电话'] as const;

const UNIT_KINDS: readonly UnitKind[] = ['局', '委', '办', '镇街', '其他'];

export interface UnitImportResult {
  rows: number;
  errors: SheetError[];
  /** Units the list added to the region. */
  created: number;
  /** Units already in the region whose short name, kind, parent or contact the list changed. */
  updated: number;
}

interface UnitLine {
  row: number;
  name: string;
  short: string | null;
  kind: UnitKind;
  parent: string | null;
  contact: string | null;
}

/** The kind of a unit from the end of its name (科技局 → 局, 卫健委 → 委, 某某街道 → 镇街). */
export function unitKind(name: string): UnitKind {
  if (/(镇|乡|街道|街办)$/.test(name)) return '镇街';
  if (/局$/.test(name)) return '局';
  if (/委(员会)?$/.test(name)) return '委';
  if (/办(公室)?$/.test(name)) return '办';
  return '其他';
}

const failed = (rows: number, errors: SheetError[]): UnitImportResult => ({
  rows,
  errors,
  created: 0,
  updated: 0,
});

/** The parent named by each line, followed upwards: a unit that is its own ancestor is an error. */
function cycleOf(line: UnitLine, listed: (name: string) => UnitLine | undefined): string[] | null {
  const path = [line.name];
  let parent = listed(line.parent ?? '') ?? null;
  while (parent !== null) {
    if (path.includes(parent.name)) return [...path, parent.name];
    path.push(parent.name);
    parent = listed(parent.parent ?? '') ?? null;
  }
  return null;
}

/**
 * Import a unit list into a region: a unit is known by its name in the region, so a list sent again updates
 * rather than repeats; a 上级单位 must be a unit of the list or of the region. Nothing is stored when a row is wrong.
 */
export async function importUnitSheet(
  db: Db,
  bytes: Uint8Array,
  regionId: number | null,
  by: string,
): Promise<UnitImportResult> {
  let table: string[][];
  try {
    table = await readSheet(bytes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failed(0, [
      {
        row: 0,
        column: null,
        value: null,
        message: `文件无法读取 / unreadable file: ${message}`,
        expected: 'an XLSX or UTF-8 CSV 责任单位名单',
      },
    ]);
  }
  // Row numbers as the file has them: blank rows are skipped, never renumbered.
  const lines = table.map((cells, i) => ({ row: i + 1, cells })).filter((r) => r.cells.some((c) => c.trim()));
  const [header, ...body] = lines;
  if (!header)
    return failed(0, [
      {
        row: 1,
        column: null,
        value: null,
        message: '文件没有表头行 / no header row',
        expected: UNIT_SHEET_COLUMNS.join(', '),
      },
    ]);
  const index = new Map<UnitColumn, number>();
  const errors: SheetError[] = [];
  header.cells.forEach((cell, i) => {
    const name = cell.normalize('NFKC').trim().toLowerCase();
    const column = (Object.keys(UNIT_HEADERS) as UnitColumn[]).find((c) => UNIT_HEADERS[c].includes(name));
    if (column && !index.has(column)) index.set(column, i);
    else if (name)
      errors.push({
        row: header.row,
        column: null,
        value: cell,
        message: `未知的列「${cell}」/ unknown column "${cell}"`,
        expected: `one of ${UNIT_SHEET_COLUMNS.join(', ')}`,
      });
  });
  if (!index.has('name'))
    errors.push({
      row: header.row,
      column: '单位名称',
      value: null,
      message: '缺少列「单位名称」/ missing column 单位名称',
      expected: UNIT_SHEET_COLUMNS.join(', '),
    });
  if (errors.length) return failed(body.length, errors);
  if (body.length === 0)
    return failed(0, [
      {
        row: header.row + 1,
        column: null,
        value: null,
        message: '名单中没有单位 / the list has no units',
        expected: 'one row per unit below the header',
      },
    ]);

  const known = await listUnits(db, regionId === null ? {} : { region_id: regionId });
  const inRegion = known.filter((u) => u.region_id === regionId);
  const knownNames = new Set(inRegion.flatMap((u) => [u.name, ...(u.short_name ? [u.short_name] : [])]));
  const byName = new Map<string, UnitLine>();
  const parsed: UnitLine[] = [];
  for (const { row, cells } of body) {
    const get = (c: UnitColumn) => (cells[index.get(c) ?? -1] ?? '').normalize('NFKC').trim();
    const fail = (column: string, value: string | null, message: string, expected: string) =>
      errors.push({ row, column, value, message, expected });
    const name = get('name');
    const kindText = get('kind');
    const parent = get('parent') || null;
    if (!name) fail('单位名称', null, '单位名称为空 / no unit name', 'the unit’s full name, e.g. 科学技术局');
    else if (byName.has(name))
      fail(
        '单位名称',
        name,
        `「${name}」在第 ${byName.get(name)!.row} 行已列出 / listed twice`,
        'each unit once',
      );
    if (kindText && !UNIT_KINDS.includes(kindText as UnitKind))
      fail('类别', kindText, `类别「${kindText}」无法识别 / unknown kind`, UNIT_KINDS.join(', '));
    if (parent !== null && parent === name)
      fail(
        '上级单位',
        parent,
        '上级单位不能是本单位 / a unit cannot be its own parent',
        'another unit, or empty',
      );
    const contact = [get('contact'), get('phone')].filter(Boolean).join(' ') || null;
    const line: UnitLine = {
      row,
      name,
      short: get('short_name') || null,
      kind: (kindText || unitKind(name)) as UnitKind,
      parent: parent === name ? null : parent,
      contact,
    };
    parsed.push(line);
    if (name && !byName.has(name)) byName.set(name, line);
  }
  // A 上级单位 may be written by its full or its short name, as offices do.
  const byShort = new Map(parsed.flatMap((l) => (l.short && l.name ? [[l.short, l] as const] : [])));
  const listed = (name: string) => byName.get(name) ?? byShort.get(name);
  for (const line of parsed) {
    if (line.parent === null || !line.name) continue;
    if (!listed(line.parent) && !knownNames.has(line.parent))
      errors.push({
        row: line.row,
        column: '上级单位',
        value: line.parent,
        message: `上级单位「${line.parent}」不在名单中，也不是本地区已有单位 / unknown parent unit`,
        expected: 'a unit listed in the file or already in the region (GET /api/units)',
      });
    else {
      const cycle = cycleOf(line, listed);
      if (cycle)
        errors.push({
          row: line.row,
          column: '上级单位',
          value: line.parent,
          message: `上级单位形成循环 / the parent units go round in a circle: ${cycle.join(' → ')}`,
          expected: 'a chain of parents that ends at a unit without one',
        });
    }
  }
  if (errors.length)
    return failed(
      parsed.length,
      errors.sort((a, b) => a.row - b.row),
    );

  return db.transaction().execute(async (tx) => {
    const ids = new Map<string, number>();
    for (const u of inRegion) {
      ids.set(u.name, u.id);
      if (u.short_name && !ids.has(u.short_name)) ids.set(u.short_name, u.id);
    }
    const before = new Map(inRegion.map((u) => [u.id, u]));
    let created = 0;
    for (const line of parsed) {
      if (ids.has(line.name)) continue;
      const id = await ensureUnit(
        tx,
        regionId,
        { name: line.name, kind: line.kind, short: line.short, contact: line.contact },
        by,
      );
      ids.set(line.name, id);
      created++;
    }
    for (const line of parsed)
      if (line.short && !ids.has(line.short)) ids.set(line.short, ids.get(line.name)!);
    let updated = 0;
    for (const line of parsed) {
      const id = ids.get(line.name)!;
      const change = {
        short_name: line.short,
        kind: line.kind,
        contact: line.contact,
        parent_id: line.parent === null ? null : ids.get(line.parent)!,
      };
      const old = before.get(id);
      const fresh = old === undefined;
      // A unit created above has all but its parent already; one already stored changes only what differs.
      const differs = fresh
        ? change.parent_id !== null
        : old.short_name !== change.short_name ||
          old.kind !== change.kind ||
          old.contact !== change.contact ||
          old.parent_id !== change.parent_id;
      if (!differs) continue;
      await tx.updateTable('units').set(change).where('id', '=', id).execute();
      if (!fresh) {
        updated++;
        await appendAudit(tx, {
          actor: by,
          action: 'unit.update',
          entity: 'unit',
          entity_id: id,
          detail: change,
        });
      }
    }
    await appendAudit(tx, {
      actor: by,
      action: 'units.import',
      entity: 'region',
      entity_id: regionId,
      detail: { rows: parsed.length, created, updated },
    });
    return { rows: parsed.length, errors: [], created, updated };
  });
}
