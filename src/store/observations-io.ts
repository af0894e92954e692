// Observations in and out of spreadsheets: the template, row-level validation, all-or-nothing import, export.
import type { Kysely } from 'kysely';
import { indicatorById, resolveRegion, unitsCompatible } from '../catalog/index.js';
import { sha256Of } from './analysis.js';
import { linkName } from './linking.js';
import { now } from './json.js';
import { appendAudit } from './repositories/audit.js';
import { insertObservations, listObservations, type ObservationFilter } from './repositories/observations.js';
import { ensureRegion, findRegion } from './repositories/regions.js';
import type { Database, NewObservation } from './schema.js';
import { isZip, parseCsv, parseXlsx, toTabular, toXlsx, type TabularFormat } from './tabular.js';
import { listCatalog } from './repositories/catalog.js';
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
  import_id: number | null;
}

export interface ImportOptions {
  by: string;
  /** Store the valid rows of a file that has errors (otherwise nothing is stored). */
  validRowsOnly?: boolean;
  /** Recompute statuses of the regions touched (default true). */
  derive?: boolean;
}

const YEAR = /^\d{4}$/;
const DECIMAL = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

/** Exact decimal text from what a person typed (thousands separators dropped, full-width digits folded). */
export function parseDecimal(text: string): string | null {
  const s = text.normalize('NFKC').trim();
  if (!DECIMAL.test(s)) return null;
  return s.replace(/,/g, '').replace(/^\+/, '');
}

function headerIndex(header: readonly string[]): {
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
        row: 1,
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
        row: 1,
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
  regionId: number | null;
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

/** Check every row; returns the valid rows and one error per problem (row, column, what was expected). */
export async function validateObservationRows(
  db: Db,
  table: string[][],
): Promise<{ valid: ValidRow[]; errors: RowError[]; rows: number }> {
  const [header, ...body] = table;
  if (!header || header.every((c) => !c.trim())) {
    return {
      valid: [],
      errors: [
        {
          row: 1,
          column: null,
          value: null,
          message: 'the file has no header row',
          expected: OBSERVATION_COLUMNS.join(', '),
        },
      ],
      rows: 0,
    };
  }
  const { index, errors } = headerIndex(header);
  if (errors.length > 0) return { valid: [], errors, rows: body.length };
  const valid: ValidRow[] = [];
  const regionCache = new Map<string, number | null | undefined>();
  for (const [i, cells] of body.entries()) {
    const rowNumber = i + 2;
    const get = (c: ObservationColumn) => {
      const at = index.get(c);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    if (OBSERVATION_COLUMNS.every((c) => get(c) === '')) continue;
    const rowErrors: RowError[] = [];
    const fail = (column: ObservationColumn, message: string, expected: string) =>
      rowErrors.push({ row: rowNumber, column, value: get(column) || null, message, expected });

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
      const resolved = await resolveIndicator(indicatorText, unit);
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
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    valid.push({
      row: rowNumber,
      region,
      regionId: regionId ?? null,
      indicator_id: indicatorId!,
      year: Number(yearText),
      value: value!,
      unit: unit ?? indicatorById(indicatorId!)?.unit ?? null,
      source: get('source') || null,
      note: get('note') || null,
    });
  }
  return { valid, errors, rows: body.length };
}

/** Read a CSV or XLSX file into rows of cell texts. */
export async function readSheet(bytes: Uint8Array): Promise<string[][]> {
  return isZip(bytes) ? parseXlsx(bytes) : parseCsv(Buffer.from(bytes).toString('utf8'));
}

/** A filled template read and validated: its data rows, the valid ones and every row error. */
export type SheetCheck = Awaited<ReturnType<typeof validateObservationRows>>;

/**
 * Read and validate a filled template without storing anything: the rows, the valid ones and every row error.
 * An unreadable file is one error on row 0.
 */
export async function checkObservationSheet(db: Db, bytes: Uint8Array): Promise<SheetCheck> {
  let table: string[][];
  try {
    table = await readSheet(bytes);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const expected = 'a CSV (UTF-8) or XLSX file';
    return {
      rows: 0,
      valid: [],
      errors: [{ row: 0, column: null, value: null, message: `cannot read the file: ${why}`, expected }],
    };
  }
  return validateObservationRows(db, table);
}

/**
 * Import observations from a CSV/XLSX file. With any error nothing is stored, unless `validRowsOnly` is set;
 * every stored value keeps who imported it, from which file and which row.
 */
export async function importObservations(
  db: Db,
  bytes: Uint8Array,
  filename: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const { valid, errors, rows } = await checkObservationSheet(db, bytes);
  const result: ImportResult = { filename, rows, valid: valid.length, errors, imported: 0, import_id: null };
  if (valid.length === 0 || (errors.length > 0 && !options.validRowsOnly)) return result;

  const regions = new Set<number>();
  await db.transaction().execute(async (trx) => {
    const { id: importId } = await trx
      .insertInto('imports')
      .values({
        filename,
        sha256: sha256Of(bytes),
        rows,
        imported: valid.length,
        rejected: rows - valid.length,
        imported_by: options.by,
        imported_at: now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const observations: NewObservation[] = [];
    for (const v of valid) {
      const regionId =
        v.regionId ??
        (await ensureRegion(trx, {
          region: v.region,
          parent_region: resolveRegion(v.region)?.parent ?? null,
        }));
      regions.add(regionId!);
      observations.push({
        region_id: regionId!,
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
        recorded_by: options.by,
        recorded_at: now(),
      });
    }
    await insertObservations(trx, observations);
    await appendAudit(trx, {
      actor: options.by,
      action: 'observations.import',
      entity: 'import',
      entity_id: importId,
      detail: { filename, rows, imported: valid.length, rejected: errors.length },
    });
    result.import_id = importId;
  });
  result.imported = valid.length;
  // Values change statuses, never findings: the linter reads documents only.
  if (options.derive !== false) await deriveRegions(db, [...regions], options.by, { lint: false });
  return result;
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

/** Observations as rows of the template's columns plus their provenance. */
export async function observationRows(
  db: Db,
  filter: ObservationFilter = {},
): Promise<Record<string, unknown>[]> {
  return (await listObservations(db, filter)).map((o) => ({
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
  }));
}

export async function exportObservations(
  db: Db,
  format: TabularFormat,
  filter: ObservationFilter = {},
): Promise<Buffer> {
  return toTabular(format, await observationRows(db, filter), { sheet: 'observations' });
}

/** Record one value a person typed (source kind `person`), then recompute the region's statuses. */
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
  },
): Promise<number> {
  const [id] = await db.transaction().execute(async (trx) => {
    const ids = await insertObservations(trx, [
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
    await appendAudit(trx, {
      actor: input.by,
      action: 'observation.create',
      entity: 'observation',
      entity_id: ids[0],
      detail: input,
    });
    return ids;
  });
  await deriveRegions(db, [input.region_id], input.by, { lint: false });
  return id!;
}
