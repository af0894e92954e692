// Observations in and out of spreadsheets: the template, row-level validation, all-or-nothing import, export.
import type { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { LantuError } from '../diagnostics.js';
import { indicatorById, regionAncestors, resolveRegion, unitsCompatible } from '../catalog/index.js';
import { sha256Of } from './analysis.js';
import { linkName } from './linking.js';
import { now } from './json.js';
import {
  checkEntry,
  enterApproval,
  enterObservationApprovals,
  type Revision,
} from './repositories/approvals.js';
import { appendAudit } from './repositories/audit.js';
import {
  insertObservations,
  listObservations,
  type Observation,
  type ObservationCursor,
  type ObservationFilter,
} from './repositories/observations.js';
import { ensureRegion, findRegion } from './repositories/regions.js';
import type { Database, NewObservation } from './schema.js';
import {
  readSheetRows,
  tabularStream,
  toTabular,
  toXlsx,
  type SheetLimits,
  type SheetRow,
  type TabularFormat,
} from './tabular.js';
import { listCatalog, syncCatalog } from './repositories/catalog.js';
import { oweDerivation } from './owed.js';
import { deriveRegions } from './derive.js';

type Db = Kysely<Database>;

/** The template's columns, in order, with the Chinese headers also accepted. */
export const OBSERVATION_COLUMNS = [
  'region',
  'indicator',
  'year',
  'value',
  'unit',
  'source',
  'note',
] as const;
export type ObservationColumn = (typeof OBSERVATION_COLUMNS)[number];

const HEADER_SYNONYMS: Record<ObservationColumn, readonly string[]> = {
  region: ['region', '地区', '区域', '行政区'],
  indicator: ['indicator', '指标', '指标名称'],
  year: ['year', '年份', '年度'],
  value: ['value', '数值', '值', '实际值'],
  unit: ['unit', '单位'],
  source: ['source', '来源', '数据来源'],
  note: ['note', '备注', '说明'],
};

const REQUIRED: readonly ObservationColumn[] = ['region', 'indicator', 'year', 'value'];

export interface RowError {
  /** 1-based row of the file (row 1 is the header). */
  row: number;
  column: ObservationColumn | null;
  value: string | null;
  message: string;
  expected: string;
}

export interface ImportResult {
  filename: string;
  rows: number;
  valid: number;
  errors: RowError[];
  /** Rows stored (0 when the file had errors and `validRowsOnly` was not asked). */
  imported: number;
  /** Valid rows not stored because the store already holds them (a retry) or the file repeats them. */
  duplicates: number;
  import_id: number | null;
}

export interface ImportOptions {
  by: string;
  /** Store the valid rows of a file that has errors (otherwise nothing is stored). */
  validRowsOnly?: boolean;
  /** Recompute statuses of the regions touched now (default true); otherwise they stay owed to the next derive. */
  derive?: boolean;
  /** Why the importing user may not enter a row's value (outside its regions or unit), or null: a refused row is a row error. */
  refuse?: (row: {
    region: string;
    region_id: number | null;
    indicator_id: string;
  }) => Promise<string | null>;
}

const YEAR = /^\d{4}$/;
const DECIMAL = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

/** Exact decimal text from what a person typed (thousands separators dropped, full-width digits folded). */
export function parseDecimal(text: string): string | null {
  const s = text.normalize('NFKC').trim();
  if (!DECIMAL.test(s)) return null;
  return s.replace(/,/g, '').replace(/^\+/, '');
}

function headerIndex(
  header: readonly string[],
  row: number,
): {
  index: Map<ObservationColumn, number>;
  errors: RowError[];
} {
  const index = new Map<ObservationColumn, number>();
  const errors: RowError[] = [];
  header.forEach((cell, i) => {
    const name = cell.normalize('NFKC').trim().toLowerCase();
    const column = OBSERVATION_COLUMNS.find((c) => HEADER_SYNONYMS[c].includes(name));
    if (column && !index.has(column)) index.set(column, i);
    else if (name) {
      errors.push({
        row,
        column: null,
        value: cell,
        message: `unknown column "${cell}"`,
        expected: `one of ${OBSERVATION_COLUMNS.join(', ')}`,
      });
    }
  });
  for (const column of REQUIRED) {
    if (!index.has(column)) {
      errors.push({
        row,
        column,
        value: null,
        message: `missing column "${column}"`,
        expected: `a header row with ${OBSERVATION_COLUMNS.join(', ')}`,
      });
    }
  }
  return { index, errors };
}

interface ValidRow {
  row: number;
  region: string;
  /** The stored region; null for a gazetteer region the import creates. */
  region_id: number | null;
  indicator_id: string;
  year: number;
  value: string;
  unit: string | null;
  source: string | null;
  note: string | null;
}

async function resolveIndicator(
  text: string,
  unit: string | null,
): Promise<{ id: string } | { error: string }> {
  const byId = indicatorById(text);
  if (byId) return { id: byId.id };
  const link = linkName(text, unit);
  if (link.indicator_id) return { id: link.indicator_id };
  const hint = link.candidates.slice(0, 3).map((c) => `${c.indicator_id} (${c.name})`);
  return { error: hint.length ? `closest: ${hint.join(', ')}` : 'no similar indicator in the catalog' };
}

/** Errors listed at most; past this, checking stops (the file needs fixing, not a longer list). */
export const MAX_ROW_ERRORS = 1000;
/** Rows checked per pass through the event loop, so a big file never stalls other requests. */
const ROWS_PER_TURN = 500;

const noHeader = (): RowError => ({
  row: 1,
  column: null,
  value: null,
  message: '文件没有表头行 / the file has no header row',
  expected: OBSERVATION_COLUMNS.join(', '),
});

/** Rows of a table held in memory, numbered from 1 as a spreadsheet does. */
async function* tableRows(table: string[][]): AsyncGenerator<SheetRow> {
  for (const [i, cells] of table.entries()) yield { line: i + 1, cells };
}

/** What a scan of a sheet found: its data rows, how many are valid, and the errors (at most MAX_ROW_ERRORS + 1). */
export interface RowScan {
  rows: number;
  valid: number;
  errors: RowError[];
  /** False when checking stopped at the error cap: the rows after it were not seen. */
  complete: boolean;
}

/**
 * Check every row, one at a time, handing each valid row to `take` as it is found: nothing but the errors (capped)
 * is held, so memory does not grow with the sheet. One error per problem (row, column, what was expected).
 */
export async function scanObservationRows(
  db: Db,
  table: string[][] | AsyncIterable<SheetRow>,
  take: (row: ValidRow) => void | Promise<void> = () => {},
): Promise<RowScan> {
  const source = Array.isArray(table) ? tableRows(table) : table;
  let index: Map<ObservationColumn, number> | null = null;
  const errors: RowError[] = [];
  let valid = 0;
  let rows = 0;
  const regionCache = new Map<string, number | null | undefined>();
  const indicatorCache = new Map<string, { id: string } | { error: string }>();
  for await (const { line: rowNumber, cells } of source) {
    if (index === null) {
      // The header is the first row with any text (Excel users sometimes leave a blank row on top).
      if (cells.every((c) => !c.trim())) continue;
      const header = headerIndex(cells, rowNumber);
      if (header.errors.length > 0) return { valid: 0, errors: header.errors, rows: 0, complete: true };
      index = header.index;
      continue;
    }
    const at = index;
    const get = (c: ObservationColumn) => {
      const i = at.get(c);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    if (OBSERVATION_COLUMNS.every((c) => get(c) === '')) continue;
    if (++rows % ROWS_PER_TURN === 0) await nextTurn();
    const rowErrors: RowError[] = [];
    const fail = (column: ObservationColumn, message: string, expected: string) =>
      rowErrors.push({ row: rowNumber, column, value: get(column) || null, message, expected });

    // A NUL is refused by PostgreSQL and invisible in every tool: the row is refused on both engines.
    const withNul = OBSERVATION_COLUMNS.filter((c) => get(c).includes('\u0000'));
    for (const column of withNul)
      fail(column, '含有 NUL 字符 / contains a NUL character', 'text without control characters');
    if (withNul.length === 0) {
      const region = get('region');
      let regionId: number | null | undefined;
      if (!region) fail('region', 'region is empty', 'a region name, e.g. 涧西区');
      else {
        if (!regionCache.has(region))
          regionCache.set(
            region,
            (await findRegion(db, region))?.id ?? (resolveRegion(region) ? null : undefined),
          );
        regionId = regionCache.get(region);
        if (regionId === undefined)
          fail(
            'region',
            `unknown region "${region}"`,
            'a region already in the store (GET /api/regions) or in the gazetteer',
          );
      }
      const unit = get('unit') || null;
      const indicatorText = get('indicator');
      let indicatorId: string | null = null;
      if (!indicatorText) fail('indicator', 'indicator is empty', 'a catalog indicator id or name');
      else {
        const key = `${indicatorText}\u0001${unit ?? ''}`;
        if (!indicatorCache.has(key)) indicatorCache.set(key, await resolveIndicator(indicatorText, unit));
        const resolved = indicatorCache.get(key)!;
        if ('id' in resolved) indicatorId = resolved.id;
        else
          fail(
            'indicator',
            `unknown indicator "${indicatorText}" (${resolved.error})`,
            'a catalog indicator id or name (GET /api/catalog)',
          );
      }
      const yearText = get('year').replace(/年$/, '');
      if (!yearText) fail('year', 'year is missing', 'a four-digit year, e.g. 2021');
      else if (!YEAR.test(yearText) || Number(yearText) < 1949 || Number(yearText) > 2100) {
        fail('year', `"${get('year')}" is not a year`, 'a four-digit year between 1949 and 2100');
      }
      const valueText = get('value');
      const value = valueText ? parseDecimal(valueText) : null;
      if (!valueText) fail('value', 'value is empty', 'a number, e.g. 451.9');
      else if (value === null)
        fail(
          'value',
          `"${valueText}" is not a number`,
          'a plain decimal number without unit, e.g. 451.9 or -2.5',
        );
      if (indicatorId && unit) {
        const def = indicatorById(indicatorId);
        if (def?.unit && !unitsCompatible(unit, def.unit)) {
          fail(
            'unit',
            `unit "${unit}" does not fit ${def.name} (${def.unit})`,
            `a unit comparable with ${def.unit}`,
          );
        }
      }
      if (rowErrors.length === 0) {
        valid++;
        await take({
          row: rowNumber,
          region,
          region_id: regionId ?? null,
          indicator_id: indicatorId!,
          year: Number(yearText),
          value: value!,
          unit: unit ?? indicatorById(indicatorId!)?.unit ?? null,
          source: get('source') || null,
          note: get('note') || null,
        });
        continue;
      }
    }
    errors.push(...rowErrors);
    if (errors.length >= MAX_ROW_ERRORS) {
      errors.push({
        row: rowNumber,
        column: null,
        value: null,
        message: `错误超过 ${MAX_ROW_ERRORS} 个，第 ${rowNumber} 行之后未检查 / more than ${MAX_ROW_ERRORS} errors: rows after ${rowNumber} were not checked`,
        expected: 'fix the errors listed and check the file again',
      });
      return { valid, errors, rows, complete: false };
    }
  }
  if (index === null) return { valid: 0, errors: [noHeader()], rows: 0, complete: true };
  if (rows === 0) {
    errors.push({
      row: 2,
      column: null,
      value: null,
      message: '文件只有表头，没有数据行 / the file has a header but no data rows',
      expected: 'one row per value under the header',
    });
  }
  return { valid, errors, rows, complete: true };
}

/** Check every row and keep the valid ones (small sheets and tests; an import streams them instead). */
export async function validateObservationRows(
  db: Db,
  table: string[][] | AsyncIterable<SheetRow>,
): Promise<{ valid: ValidRow[]; errors: RowError[]; rows: number }> {
  const valid: ValidRow[] = [];
  const scan = await scanObservationRows(db, table, (row) => void valid.push(row));
  return { valid: scan.complete ? valid : [], errors: scan.errors, rows: scan.rows };
}

/** Read a CSV or XLSX file into rows of cell texts (blank rows kept, so row i is line i + 1). */
export async function readSheet(bytes: Uint8Array, limits?: SheetLimits): Promise<string[][]> {
  const table: string[][] = [];
  for await (const row of readSheetRows(bytes, limits)) {
    while (table.length < row.line - 1) table.push([]);
    table.push(row.cells);
  }
  return table;
}

/** A filled template read and checked: its data rows, how many are valid, and the row errors. */
export type SheetCheck = RowScan;

/** An unreadable file (not UTF-8, an unclosed quote, bad XML, past a budget) as one error on the line it names. */
function unreadableSheet(error: unknown): RowScan {
  if (!(error instanceof LantuError) || !error.code.startsWith('sheet/')) throw error;
  return {
    rows: 0,
    valid: 0,
    complete: true,
    errors: [
      {
        row: error.line ?? 0,
        column: null,
        value: null,
        message: `cannot read the file: ${error.message.replace(/^\d+: /, '').replace(/ \(expected .*\)$/, '')}`,
        expected: error.expected ?? 'a CSV (UTF-8) or XLSX file',
      },
    ],
  };
}

/**
 * Read and check a filled template without storing anything: the rows, how many are valid, and every row error.
 * Rows are read as a stream and not kept, so a 600k-row sheet costs its file and a few pages, not its rows.
 */
export async function checkObservationSheet(
  db: Db,
  bytes: Uint8Array,
  limits?: SheetLimits,
  take?: (row: ValidRow) => void | Promise<void>,
): Promise<SheetCheck> {
  try {
    return await scanObservationRows(db, readSheetRows(bytes, limits), take);
  } catch (error) {
    return unreadableSheet(error);
  }
}

/**
 * Import observations from a CSV/XLSX file. With any error nothing is stored, unless `validRowsOnly` is set;
 * every stored value keeps who imported it, from which file and which row.
 *
 * The file is read twice as a stream: once to check every row (nothing stored), once to store the valid rows in
 * chunks, each its own short transaction with a turn of the event loop between them. No pass holds the rows, so
 * memory does not grow with the file, and a big file never blocks other requests for long.
 *
 * A value already stored by an import (same region, indicator, year, value and source: its natural key) is not
 * stored again, so a retry, or a file sent twice, adds nothing: each chunk is checked against the store, which
 * by then holds the file's earlier chunks too.
 */
export async function importObservations(
  db: Db,
  bytes: Uint8Array,
  filename: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const check = await checkObservationSheet(db, bytes);
  const result: ImportResult = {
    filename,
    rows: check.rows,
    valid: check.valid,
    errors: check.errors,
    imported: 0,
    duplicates: 0,
    import_id: null,
  };
  if (check.valid === 0 || !check.complete || (check.errors.length > 0 && !options.validRowsOnly))
    return result;

  // Rows the importer may not enter (outside its account's scope) or of a published, locked region-year are row
  // errors, found in a pass of their own before anything is stored.
  const locked = await lockedYears(db);
  const scopeAnswers = new Map<string, string | null>();
  const refusal = async (v: ValidRow): Promise<RowError | null> => {
    if (options.refuse) {
      const key = `${v.region}\u0000${v.indicator_id}`;
      if (!scopeAnswers.has(key)) scopeAnswers.set(key, await options.refuse(v));
      const why = scopeAnswers.get(key);
      if (why)
        return {
          row: v.row,
          column: 'region',
          value: v.region,
          message: why,
          expected: 'a region and indicator in the scope of your account',
        };
    }
    return locked.years.size > 0 ? lockedRowError(db, locked, v) : null;
  };
  const refuses = options.refuse !== undefined || locked.years.size > 0;
  if (refuses) {
    const refused: RowError[] = [];
    let count = 0;
    await checkObservationSheet(db, bytes, undefined, async (v) => {
      const error = await refusal(v);
      if (!error) return;
      count += 1;
      // Past the cap a refused row is still not stored; it is just not listed.
      if (refused.length < MAX_ROW_ERRORS) refused.push(error);
    });
    if (count > 0) {
      result.errors = [...result.errors, ...refused].sort((a, b) => a.row - b.row);
      result.valid -= count;
      if (!options.validRowsOnly) return result;
    }
  }

  // Observations reference the catalog: a store nobody has ingested into yet has none to reference.
  await syncCatalog(db);
  const regionIds = new Map<string, number>();
  const regionOf = async (v: ValidRow): Promise<number> => {
    if (v.region_id !== null) return v.region_id;
    let id = regionIds.get(v.region);
    if (id === undefined) {
      // The whole chain up to the province, so a prefecture named by one row and as the parent of another is one.
      const known = resolveRegion(v.region);
      const chain = known ? regionAncestors(known) : [];
      const province = chain.find((r) => r.level === 'province')?.name ?? null;
      const parent = chain[1]?.name ?? null;
      id = (await ensureRegion(db, { region: v.region, parent_region: parent, province }))!;
      regionIds.set(v.region, id);
    }
    return id;
  };
  const sha256 = sha256Of(bytes);
  const touched = new Set<number>();
  let chunk: StoredRow[] = [];
  const store = async () => {
    const fresh = await withoutDuplicates(db, chunk);
    result.duplicates += chunk.length - fresh.length;
    chunk = [];
    if (fresh.length === 0) return;
    result.import_id = await db.transaction().execute(async (trx) => {
      const id = result.import_id ?? (await newImport(trx, filename, sha256, check, options.by));
      const ids = await insertObservations(
        trx,
        fresh.map((v) => newObservation(v, id, options.by)),
      );
      // Every imported value is entered (填报), as a typed one is: statuses count it once it is approved.
      await enterObservationApprovals(
        trx,
        ids.map((o, k) => ({ id: o, region_id: fresh[k]!.region_id, year: fresh[k]!.year })),
        options.by,
      );
      // The import's own count grows with its rows, so a crash between chunks leaves it true.
      await trx
        .updateTable('imports')
        .set((eb) => ({ imported: eb('imported', '+', fresh.length) }))
        .where('id', '=', id)
        .execute();
      // Owed with the rows: a crash before the derive below leaves work the next start finishes.
      for (const region of new Set(fresh.map((v) => v.region_id))) {
        touched.add(region);
        await oweDerivation(trx, region, null);
      }
      return id;
    });
    result.imported += fresh.length;
    await nextTurn();
  };
  const second = await checkObservationSheet(db, bytes, undefined, async (v) => {
    if (refuses && (await refusal(v))) return;
    chunk.push({ ...v, region_id: await regionOf(v) });
    if (chunk.length >= IMPORT_CHUNK) await store();
  });
  await store();
  // The two passes differ only if the store changed between them (a region removed): the second one was stored.
  if (second.valid !== check.valid) Object.assign(result, { valid: second.valid, errors: second.errors });
  if (result.import_id !== null) {
    const importId = result.import_id;
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        actor: options.by,
        action: 'observations.import',
        entity: 'import',
        entity_id: importId,
        detail: {
          filename,
          rows: check.rows,
          imported: result.imported,
          duplicates: result.duplicates,
          rejected: check.errors.length,
        },
      }),
    );
  }
  // Values change statuses, never findings: the linter reads documents only.
  if (options.derive !== false && touched.size > 0)
    await deriveRegions(db, [...touched], options.by, { lint: false });
  return result;
}

/** The row of `imports` a file's first stored chunk creates; its count grows with each chunk. */
async function newImport(
  trx: Db,
  filename: string,
  sha256: string,
  check: RowScan,
  by: string,
): Promise<number> {
  const row = await trx
    .insertInto('imports')
    .values({
      filename,
      sha256,
      rows: check.rows,
      imported: 0,
      rejected: check.rows - check.valid,
      imported_by: by,
      imported_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Valid rows stored per transaction, and rows looked up per duplicate check. */
const IMPORT_CHUNK = 500;

/** Natural keys per duplicate lookup. */
const KEYS_PER_LOOKUP = 200;

type StoredRow = ValidRow & { region_id: number };

/** The natural key of an imported value: region, indicator, year, value and source (the quote column). */
function naturalKey(o: {
  region_id: number;
  indicator_id: string;
  year: number;
  value: string;
  source: string | null;
}): string {
  return [o.region_id, o.indicator_id, o.year, o.value, o.source ?? ''].join('\u0001');
}

/**
 * The rows of one chunk whose natural key neither the store (an earlier import, or an earlier chunk of this
 * file) nor an earlier row of the chunk has, in file order.
 */
async function withoutDuplicates(db: Db, rows: StoredRow[]): Promise<StoredRow[]> {
  if (rows.length === 0) return rows;
  // Exact keys, one indexed lookup each (observations_natural_key): a chunk in file order spans many series,
  // and a superset by column would read them all, every chunk.
  const keys = [...new Map(rows.map((r) => [naturalKey(r), r])).values()];
  const existing = [];
  // SQLite parses an OR of n terms n deep, and refuses past 1000.
  for (let i = 0; i < keys.length; i += KEYS_PER_LOOKUP) {
    const slice = keys.slice(i, i + KEYS_PER_LOOKUP);
    existing.push(
      ...(await db
        .selectFrom('observations')
        .select(['region_id', 'indicator_id', 'year', 'value', 'quote', 'source_kind'])
        .where((eb) =>
          eb.or(
            slice.map((r) =>
              eb.and([
                eb('region_id', '=', r.region_id),
                eb('indicator_id', '=', r.indicator_id),
                eb('year', '=', r.year),
                eb('value', '=', r.value),
              ]),
            ),
          ),
        )
        .execute()),
    );
  }
  const seen = new Set(
    existing.filter((e) => e.source_kind === 'import').map((e) => naturalKey({ ...e, source: e.quote })),
  );
  const fresh: StoredRow[] = [];
  for (const r of rows) {
    const key = naturalKey(r);
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push(r);
  }
  return fresh;
}

function newObservation(v: StoredRow, importId: number, by: string): NewObservation {
  return {
    region_id: v.region_id,
    indicator_id: v.indicator_id,
    year: v.year,
    value: v.value,
    unit: v.unit,
    row_id: null,
    source_kind: 'import',
    document_id: null,
    achievement_id: null,
    line: null,
    quote: v.source,
    start: null,
    end: null,
    import_id: importId,
    import_row: v.row,
    note: v.note,
    recorded_by: by,
    recorded_at: now(),
  };
}

/** The empty template to fill in, with a second sheet listing the catalog indicators (XLSX). */
export async function observationTemplate(db: Db, format: TabularFormat): Promise<Buffer> {
  const example = [
    {
      region: '涧西区',
      indicator: 'gdp-growth',
      year: 2021,
      value: '6.5',
      unit: '%',
      source: '2021年统计公报',
      note: '',
    },
  ];
  if (format === 'csv') return toTabular('csv', example, { columns: OBSERVATION_COLUMNS });
  const catalog = (await listCatalog(db)).map((c) => ({
    id: c.id,
    name: c.name,
    unit: c.unit,
    category: c.category,
  }));
  return toXlsx(example, {
    columns: OBSERVATION_COLUMNS,
    sheet: 'observations',
    extraSheets: [{ name: 'indicators', rows: catalog }],
  });
}

/** The columns of an export: the template's, plus the indicator's name and each value's provenance. */
export const EXPORT_COLUMNS = [
  'region',
  'indicator',
  'indicator_name',
  'year',
  'value',
  'unit',
  'source',
  'note',
  'quote',
  'recorded_by',
  'recorded_at',
] as const;

/** One observation as a row of the export. */
function exportRow(o: Observation): Record<string, unknown> {
  return {
    region: o.region,
    indicator: o.indicator_id,
    indicator_name: o.indicator,
    year: o.year,
    value: o.value,
    unit: o.unit,
    source:
      o.source.kind === 'document'
        ? `document ${o.source.document_id} line ${o.source.line}`
        : o.source.kind === 'import'
          ? `${o.source.import_file ?? 'import'} row ${o.source.import_row}`
          : o.recorded_by,
    note: o.note,
    quote: o.source.quote,
    recorded_by: o.recorded_by,
    recorded_at: o.recorded_at,
  };
}

/** Observations as rows of the template's columns plus their provenance. */
export async function observationRows(
  db: Db,
  filter: ObservationFilter = {},
): Promise<Record<string, unknown>[]> {
  return (await listObservations(db, filter)).map(exportRow);
}

/** Observations read per query of an export. */
const EXPORT_PAGE = 2000;

/** Every observation the filter keeps as export rows, one keyset page (a short query) at a time. */
async function* exportRows(db: Db, filter: ObservationFilter): AsyncGenerator<Record<string, unknown>> {
  let after: ObservationCursor | undefined;
  for (;;) {
    const page = await listObservations(db, filter, { limit: EXPORT_PAGE, offset: 0 }, after);
    for (const o of page) yield exportRow(o);
    const last = page.at(-1);
    if (!last || page.length < EXPORT_PAGE) return;
    after = { region_id: last.region_id, indicator_id: last.indicator_id, year: last.year, id: last.id };
    // SQLite answers synchronously: without a turn of the event loop a fast reader would hold it for the whole export.
    await nextTurn();
  }
}

/** An export as a stream (CSV or XLSX): memory holds a page or two, however many observations there are. */
export function observationExport(db: Db, format: TabularFormat, filter: ObservationFilter = {}): Readable {
  return tabularStream(format, {
    name: 'observations',
    columns: EXPORT_COLUMNS,
    rows: exportRows(db, filter),
  });
}

/** An export as one buffer (small exports and tests; the server and the CLI stream). */
export async function exportObservations(
  db: Db,
  format: TabularFormat,
  filter: ObservationFilter = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of observationExport(db, format, filter))
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * Record one value a person typed (source kind `person`) as 填报 (entered, waiting for review); in a published year
 * only as a revision of a value of the same indicator and year. Statuses count it once it is approved.
 */
export async function recordObservation(
  db: Db,
  input: {
    region_id: number;
    indicator_id: string;
    year: number;
    value: string;
    unit?: string | null;
    note?: string | null;
    by: string;
    /** The observation this value revises (required in a published year), with the reason. */
    revises?: Revision;
  },
): Promise<number> {
  const place = {
    kind: 'observation' as const,
    region_id: input.region_id,
    document_id: null,
    year: input.year,
  };
  if (input.revises) {
    const revised = await db
      .selectFrom('observations')
      .select(['indicator_id'])
      .where('id', '=', input.revises.subject_id)
      .executeTakeFirst();
    if (revised && revised.indicator_id !== input.indicator_id)
      throw new LantuError({
        code: 'approval/revision-elsewhere',
        message: `observation ${input.revises.subject_id} is of ${revised.indicator_id}, the revision of ${input.indicator_id}`,
        expected: 'a revision of a value of the same indicator, region and year',
      });
  }
  const id = await db.transaction().execute(async (trx) => {
    // The write first: on SQLite a transaction that reads first cannot wait for the write lock (SQLITE_BUSY).
    const [created] = await insertObservations(trx, [
      {
        region_id: input.region_id,
        indicator_id: input.indicator_id,
        year: input.year,
        value: input.value,
        unit: input.unit ?? indicatorById(input.indicator_id)?.unit ?? null,
        row_id: null,
        source_kind: 'person',
        document_id: null,
        achievement_id: null,
        line: null,
        quote: null,
        start: null,
        end: null,
        import_id: null,
        import_row: null,
        note: input.note ?? null,
        recorded_by: input.by,
        recorded_at: now(),
      },
    ]);
    const revises = await checkEntry(trx, place, input.revises);
    const { revises: _r, ...detail } = input;
    await appendAudit(trx, {
      actor: input.by,
      action: 'observation.create',
      entity: 'observation',
      entity_id: created,
      detail,
    });
    await enterApproval(trx, {
      ...place,
      subject_id: created!,
      by: input.by,
      revises,
      reason: input.revises?.reason ?? null,
    });
    return created!;
  });
  return id;
}

/** Published region-years (`region_id:year` → publication date): a change to one is a revision, not an import. */
interface LockedYears {
  years: Map<string, string>;
  /** Region names looked up so far (one lookup per name, not per row). */
  regionIds: Map<string, number | undefined>;
}

async function lockedYears(db: Db): Promise<LockedYears> {
  const years = new Map<string, string>();
  const published = await db
    .selectFrom('publications')
    .select(['region_id', 'year', 'published_at'])
    .execute();
  for (const p of published) years.set(`${p.region_id}:${p.year}`, p.published_at.slice(0, 10));
  return { years, regionIds: new Map() };
}

/** The row's error when its region-year is published; a region not stored yet has nothing published. */
async function lockedRowError(
  db: Db,
  locked: LockedYears,
  v: ValidRow,
): Promise<ImportResult['errors'][number] | null> {
  let regionId = v.region_id ?? locked.regionIds.get(v.region);
  if (regionId === undefined && !locked.regionIds.has(v.region)) {
    regionId = (await findRegion(db, v.region))?.id;
    locked.regionIds.set(v.region, regionId);
  }
  const at = regionId === undefined ? undefined : locked.years.get(`${regionId}:${v.year}`);
  if (at === undefined) return null;
  return {
    row: v.row,
    column: 'year',
    value: String(v.year),
    message: `${v.region} ${v.year} was published on ${at} and is locked`,
    expected: 'a revision entered on the data entry page (revises: the published value, with a reason)',
  };
}
