// Lists as files: CSV (RFC 4180, UTF-8 with BOM so Excel reads Chinese) and XLSX (exceljs), and reading them back.
import ExcelJS from 'exceljs';

export type TabularFormat = 'csv' | 'xlsx';

export type Cell = string | number | boolean | null | undefined;

/** Nested values (components, citations) are written as JSON text in one cell. */
function cellText(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return value as Cell;
}

function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The column names of a list: the keys of its first row, or the given ones. */
export function columnsOf(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string[] {
  return columns ? [...columns] : Object.keys(rows[0] ?? {});
}

export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const cols = columnsOf(rows, columns);
  const lines = [cols.map((c) => csvField(c)).join(',')];
  for (const row of rows) lines.push(cols.map((c) => csvField(cellText(row[c]))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx(
  rows: readonly Record<string, unknown>[],
  options: {
    columns?: readonly string[];
    sheet?: string;
    extraSheets?: Array<{ name: string; rows: Record<string, unknown>[] }>;
  } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lantu';
  const sheets = [
    { name: options.sheet ?? 'data', rows: [...rows], columns: options.columns },
    ...(options.extraSheets ?? []),
  ];
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name);
    const cols = columnsOf(s.rows, 'columns' in s ? s.columns : undefined);
    sheet.addRow(cols);
    sheet.getRow(1).font = { bold: true };
    for (const row of s.rows) sheet.addRow(cols.map((c) => cellText(row[c])));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function toTabular(
  format: TabularFormat,
  rows: readonly Record<string, unknown>[],
  options: { columns?: readonly string[]; sheet?: string } = {},
): Promise<Buffer> {
  return format === 'csv' ? Buffer.from(toCsv(rows, options.columns), 'utf8') : toXlsx(rows, options);
}

/** Parse CSV text into rows of cells (quotes, doubled quotes, CRLF, a leading BOM). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function excelValue(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString();
    if ('result' in value) return excelValue(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/** The first sheet of an XLSX file as rows of cell texts (numbers as JS prints them). */
export async function parseXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(excelValue(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

/** True for a ZIP container (XLSX), which must not be read as CSV text. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}
