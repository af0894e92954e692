// The exchange ("gold") format of indicator tables: raw cell text per column, as EXTRACTION.md describes.
import type { ColumnMap, IndicatorRowOut, IndicatorTableOut } from '../../extract/index.js';
import type { ColumnRole, IndicatorRow, IndicatorTable, ValueRole } from './types.js';

const MAPPED: readonly [keyof ColumnMap, ValueRole][] = [
  ['base_raw', 'base'],
  ['target_raw', 'target'],
  ['growth_raw', 'growth'],
  ['actual_raw', 'actual'],
  ['actual_growth_raw', 'actual_growth'],
];

/** `period` is the document's, for tables whose caption and header name none. */
export function toExchangeTables(
  tables: readonly IndicatorTable[],
  period: string | null = null,
): IndicatorTableOut[] {
  return tables.map((table) => {
    const hasActual = table.columns.some((c) => c.role === 'actual' || c.role === 'actual_growth');
    const out: IndicatorTableOut = {
      caption: table.caption,
      line: table.line,
      period: table.period ?? period,
      columns: table.columns.map((c) => c.header),
      rows: table.rows.map((row): IndicatorRowOut => {
        const out: IndicatorRowOut = {
          category: row.category,
          seq: row.seq,
          name: row.name,
          unit: row.unit,
          base_raw: row.cells.base?.raw ?? null,
          target_raw: row.cells.target?.raw ?? null,
          growth_raw: row.cells.growth?.raw ?? null,
          attribute: row.cells.attribute?.raw ?? null,
          parent: row.parent,
          line: row.line,
        };
        if (hasActual) {
          out.actual_raw = row.cells.actual?.raw ?? null;
          out.actual_growth_raw = row.cells.actual_growth?.raw ?? null;
        }
        out.cells = row.printed ? row.printed.map((c) => c.raw) : printedCells(row, table.columns);
        if (row.text !== null) out.raw = row.text;
        return out;
      }),
    };
    if (table.kind === 'indicator') out.column_map = columnMap(table.columns, hasActual);
    if (table.footnotes.length > 0) out.footnotes = table.footnotes.map((f) => f.text);
    return out;
  });
}

function columnMap(columns: readonly ColumnRole[], hasActual: boolean): ColumnMap {
  const map: ColumnMap = {};
  for (const [field, role] of MAPPED) {
    if (!hasActual && (role === 'actual' || role === 'actual_growth')) continue;
    map[field] = columns.find((c) => c.role === role)?.header ?? null;
  }
  return map;
}

/** An indicator row's cells in the order its table prints them; a sequence number is printed even without a 序号 header. */
function printedCells(row: IndicatorRow, columns: readonly ColumnRole[]): string[] {
  const cells = columns.map((column): string => {
    switch (column.role) {
      case 'seq':
        return row.seq ?? '';
      case 'category':
        return row.category ?? '';
      case 'name':
        return row.nameRaw;
      case 'unit':
        return row.unit ?? '';
      case 'other':
        return '';
      default:
        return row.cells[column.role]?.raw ?? '';
    }
  });
  const hasSeqColumn = columns.some((c) => c.role === 'seq');
  return row.seq !== null && !hasSeqColumn ? [row.seq, ...cells] : cells;
}
