// The exchange ("gold") format of indicator tables: raw cell text per column, as EXTRACTION.md describes.
import type { IndicatorRowOut, IndicatorTableOut } from '../../extract/model.js';
import type { IndicatorTable } from './types.js';

export function toExchangeTables(tables: readonly IndicatorTable[]): IndicatorTableOut[] {
  return tables.map((table) => {
    const hasActual = table.columns.some((c) => c.role === 'actual' || c.role === 'actual_growth');
    return {
      caption: table.caption,
      line: table.line,
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
        return out;
      }),
    };
  });
}
