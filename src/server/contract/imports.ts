// Checking and importing a filled observation template: row-level errors that name the row, column and rule.
import { Type, type Static } from 'typebox';
import { Nullable } from './common.js';

export const RowError = Type.Object({
  /** 1-based row of the file (row 1 is the header). */
  row: Type.Integer(),
  column: Nullable(Type.String()),
  value: Nullable(Type.String()),
  message: Type.String(),
  expected: Type.String(),
});
export type RowError = Static<typeof RowError>;

/** POST /api/observations/check: what an import would say, nothing stored. */
export const CheckResult = Type.Object({
  filename: Type.String(),
  rows: Type.Integer(),
  valid: Type.Integer(),
  errors: Type.Array(RowError),
});
export type CheckResult = Static<typeof CheckResult>;

/** POST /api/observations/import */
export const ImportResult = Type.Object({
  ...CheckResult.properties,
  /** Rows stored (0 when the file had errors and valid_rows_only was not asked). */
  imported: Type.Integer(),
  /** Valid rows not stored because the store already holds them (a retry) or the file repeats them. */
  duplicates: Type.Integer(),
  import_id: Nullable(Type.Integer()),
});
export type ImportResult = Static<typeof ImportResult>;
