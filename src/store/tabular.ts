// Lists as files: CSV (RFC 4180, UTF-8 with BOM so Excel reads Chinese) and XLSX (exceljs), written and read as
// streams within budgets, so neither a huge list nor a hostile spreadsheet can exhaust the server.
import { once } from 'node:events';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { LantuError } from '../diagnostics.js';
import { firstInvalidUtf8 } from '../text/decode.js';

export type TabularFormat = 'csv' | 'xlsx';

export type Cell = string | number | boolean | null | undefined;

/** Rows given all at once or produced page by page. */
export type RowSource = Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;

/** Nested values (components, citations) are written as JSON text in one cell. */
function cellText(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return value as Cell;
}

/** What a spreadsheet would run as a formula (OWASP CSV injection), and what is only a signed number. */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A text cell made inert: a leading `= + - @`, tab or CR gets an apostrophe; -2.5 stays a number. */
export function inertCell(value: Cell): Cell {
  if (typeof value !== 'string' || !FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(inertCell(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The column names of a list: the keys of its first row, or the given ones. */
export function columnsOf(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string[] {
  return columns ? [...columns] : Object.keys(rows[0] ?? {});
}

function csvLine(columns: readonly string[], row: Record<string, unknown>): string {
  return columns.map((c) => csvField(cellText(row[c]))).join(',');
}

const CSV_BOM = '\uFEFF';

export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const cols = columnsOf(rows, columns);
  const lines = [cols.map((c) => csvField(c)).join(',')];
  for (const row of rows) lines.push(csvLine(cols, row));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/** Lines of CSV per pass through the event loop (one chunk of the download). */
const CSV_LINES_PER_CHUNK = 1000;

/** A CSV as chunks of text, rows read as they come (the columns are known before the first row). */
export async function* csvChunks(columns: readonly string[], rows: RowSource): AsyncGenerator<string> {
  let chunk = `${CSV_BOM}${columns.map((c) => csvField(c)).join(',')}\r\n`;
  let lines = 0;
  for await (const row of rows) {
    chunk += `${csvLine(columns, row)}\r\n`;
    if (++lines % CSV_LINES_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** One sheet of a workbook to write; without columns, the keys of its first row. */
export interface SheetSpec {
  name: string;
  rows: RowSource;
  columns?: readonly string[];
}

/** Minimal view of a writable from archiver's readable-stream (v2: no `writableNeedDrain` getter). */
interface ZipInput {
  _writableState?: { needDrain?: boolean };
  once(event: 'drain', listener: () => void): unknown;
}

/**
 * The stream a sheet's XML goes through into the zip (exceljs pipes its buffer into a PassThrough that archiver
 * reads): exceljs ignores its backpressure, so the writer has to look at it.
 */
function zipInput(sheet: ExcelJS.Worksheet): ZipInput | undefined {
  return (sheet as unknown as { stream?: { pipes?: ZipInput[] } }).stream?.pipes?.[0];
}

/**
 * Write a workbook to `out` with exceljs' streaming writer: each row is committed as it is added, and the
 * writer waits while `out` is full, so memory holds a few pages whatever the number of rows.
 */
export async function writeXlsx(out: Writable, sheets: readonly SheetSpec[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Lantu';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    let columns = spec.columns ? [...spec.columns] : null;
    const header = (cols: string[]) => {
      const row = sheet.addRow(cols);
      row.font = { bold: true };
      row.commit();
    };
    if (columns) header(columns);
    for await (const record of spec.rows) {
      if (!columns) header((columns = Object.keys(record)));
      // XLSX cells are typed: text is never a formula, so only CSV needs the apostrophe.
      sheet.addRow(columns.map((c) => cellText(record[c]))).commit();
      // The zip compresses slower than rows come: wait for it as for the reader, or its input grows unbounded.
      const input = zipInput(sheet);
      if (input?._writableState?.needDrain)
        await new Promise<void>((resolve) => input.once('drain', resolve));
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    if (!columns) header([]);
    sheet.commit();
  }
  await workbook.commit();
}

/** A download as a stream: CSV chunks, or an XLSX written while it is read. */
export function tabularStream(format: TabularFormat, sheet: SheetSpec): Readable {
  if (format === 'csv') {
    const columns = sheet.columns;
    if (columns) return Readable.from(csvChunks(columns, sheet.rows));
    // Columns from the first row: peek at it, then write it and the rest.
    return Readable.from(
      (async function* () {
        const iterator = (async function* () {
          yield* sheet.rows;
        })();
        const first = await iterator.next();
        const cols = first.done ? [] : Object.keys(first.value);
        yield* csvChunks(
          cols,
          (async function* () {
            if (!first.done) yield first.value;
            yield* iterator;
          })(),
        );
      })(),
    );
  }
  const out = new PassThrough();
  writeXlsx(out, [sheet]).catch((error: unknown) => out.destroy(error as Error));
  return out;
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

export async function toXlsx(
  rows: readonly Record<string, unknown>[],
  options: {
    columns?: readonly string[];
    sheet?: string;
    extraSheets?: Array<{ name: string; rows: Record<string, unknown>[] }>;
  } = {},
): Promise<Buffer> {
  const out = new PassThrough();
  const written = writeXlsx(out, [
    { name: options.sheet ?? 'data', rows, columns: columnsOf(rows, options.columns) },
    ...(options.extraSheets ?? []).map((s) => ({ ...s, columns: columnsOf(s.rows) })),
  ]);
  const [body] = await Promise.all([collect(out), written]);
  return body;
}

export async function toTabular(
  format: TabularFormat,
  rows: readonly Record<string, unknown>[],
  options: { columns?: readonly string[]; sheet?: string } = {},
): Promise<Buffer> {
  return format === 'csv' ? Buffer.from(toCsv(rows, options.columns), 'utf8') : toXlsx(rows, options);
}

// ── reading ──────────────────────────────────────────────────────────────

/** How much of a spreadsheet is read at most; a file past any budget is refused with the limit named. */
export interface SheetLimits {
  /** Rows read (XLSX row elements, CSV records), empty ones included. */
  rows: number;
  /** Columns: a value beyond this column is refused, not silently dropped. */
  columns: number;
  /** Cells with a value. */
  cells: number;
  /** Characters in one cell (Excel's own limit). */
  cellLength: number;
  /** Bytes of an XLSX once unzipped, as its directory declares them. */
  unzipped: number;
  /** Bytes of its shared-string table unzipped: the reader holds every shared string while it reads. */
  sharedStrings: number;
}

export const SHEET_LIMITS: SheetLimits = {
  rows: 1_000_000,
  columns: 64,
  cells: 10_000_000,
  cellLength: 32_767,
  unzipped: 512 * 1024 * 1024,
  sharedStrings: 128 * 1024 * 1024,
};

/** One row of a sheet: its 1-based number in the file (the XLSX row, the CSV line it starts on) and its cells. */
export interface SheetRow {
  line: number;
  cells: string[];
}

const n = (x: number) => x.toLocaleString('en-US');

function tooManyRows(limits: SheetLimits, line: number): LantuError {
  return new LantuError({
    code: 'sheet/too-many-rows',
    line,
    message: `表格超过 ${n(limits.rows)} 行的上限 / the sheet has more than ${n(limits.rows)} rows (the limit)`,
    expected: `at most ${n(limits.rows)} rows: split the file`,
  });
}

function tooManyCells(limits: SheetLimits, line: number): LantuError {
  return new LantuError({
    code: 'sheet/too-many-cells',
    line,
    message: `表格超过 ${n(limits.cells)} 个单元格的上限 / the sheet has more than ${n(limits.cells)} cells with a value (the limit)`,
    expected: `at most ${n(limits.cells)} cells: split the file`,
  });
}

function tooManyColumns(limits: SheetLimits, line: number, where: { zh: string; en: string }): LantuError {
  return new LantuError({
    code: 'sheet/too-many-columns',
    line,
    message: `${where.zh}超出 ${limits.columns} 列的上限 / ${where.en} is beyond the limit of ${limits.columns} columns`,
    expected: `values in the first ${limits.columns} columns only (delete stray cells far to the right)`,
  });
}

/** Counts what a read has used of its budgets; throws the error naming the first one passed. */
class SheetBudget {
  rows = 0;
  cells = 0;
  constructor(readonly limits: SheetLimits) {}
  row(line: number): void {
    if (++this.rows > this.limits.rows) throw tooManyRows(this.limits, line);
  }
  cell(line: number): void {
    if (++this.cells > this.limits.cells) throw tooManyCells(this.limits, line);
  }
}

/** Characters decoded and parsed per pass through the event loop (64K: a few ms, so health checks stay quick). */
const CSV_CHARS_PER_TURN = 1 << 16;

/** An incremental CSV parser: text goes in piece by piece, records come out with the line they start on. */
export class CsvRecords {
  #field = '';
  #row: string[] = [];
  #quoted = false;
  /** A `"` seen inside a quoted field: the next character says whether it closes the field or is doubled. */
  #quotePending = false;
  #afterQuote = false;
  #pendingCr = false;
  #prevCr = false;
  #quoteLine = 0;
  #line = 1;
  #rowLine = 1;
  #started = false;
  constructor(readonly limits: Pick<SheetLimits, 'cellLength'> = SHEET_LIMITS) {}

  #endField(): void {
    this.#row.push(this.#field);
    this.#field = '';
    this.#afterQuote = false;
  }

  #endRow(out: SheetRow[]): void {
    this.#endField();
    out.push({ line: this.#rowLine, cells: this.#row });
    this.#row = [];
    this.#started = false;
  }

  #add(ch: string): void {
    this.#field += ch;
    if (this.#field.length > this.limits.cellLength) throw this.#tooLong();
  }

  #tooLong(): LantuError {
    const quoted = this.#quoted;
    return new LantuError({
      code: quoted ? 'sheet/unterminated-quote' : 'sheet/cell-too-long',
      line: quoted ? this.#quoteLine : this.#rowLine,
      message: quoted
        ? `第 ${this.#quoteLine} 行的引号字段超过 ${n(this.limits.cellLength)} 个字符，引号可能没有闭合 / the quoted field opened on line ${this.#quoteLine} runs past ${n(this.limits.cellLength)} characters: an unterminated quote?`
        : `第 ${this.#rowLine} 行有单元格超过 ${n(this.limits.cellLength)} 个字符 / a cell on line ${this.#rowLine} is longer than ${n(this.limits.cellLength)} characters`,
      expected: quoted
        ? 'a closing " for every opening "'
        : `cells of at most ${n(this.limits.cellLength)} characters`,
    });
  }

  /** Parse the next piece of text; returns the records it completed. */
  push(text: string): SheetRow[] {
    const out: SheetRow[] = [];
    for (const ch of text) {
      const crlf = ch === '\n' && this.#prevCr;
      this.#prevCr = ch === '\r';
      if (this.#pendingCr) {
        this.#pendingCr = false;
        if (crlf) continue;
      }
      if (this.#quoted) {
        if (this.#quotePending) {
          this.#quotePending = false;
          if (ch === '"') {
            this.#add('"');
            continue;
          }
          this.#quoted = false;
          this.#afterQuote = true;
        } else {
          if (ch === '"') this.#quotePending = true;
          else {
            if ((ch === '\n' && !crlf) || ch === '\r') this.#line++;
            this.#add(ch);
          }
          continue;
        }
      }
      if (!this.#started) {
        this.#started = true;
        this.#rowLine = this.#line;
      }
      if (ch === '"' && this.#field === '' && !this.#afterQuote) {
        this.#quoted = true;
        this.#quoteLine = this.#line;
      } else if (ch === ',') this.#endField();
      else if (ch === '\n' || ch === '\r') {
        this.#line++;
        this.#pendingCr = ch === '\r';
        this.#endRow(out);
      } else this.#add(ch);
    }
    return out;
  }

  /** The last record (a file need not end with a newline); throws on a quote never closed. */
  end(): SheetRow[] {
    if (this.#quoted && !this.#quotePending) {
      throw new LantuError({
        code: 'sheet/unterminated-quote',
        line: this.#quoteLine,
        message: `第 ${this.#quoteLine} 行的引号没有闭合 / the quote opened on line ${this.#quoteLine} is never closed`,
        expected: 'a closing " for every opening " (a " inside a quoted cell is written "")',
      });
    }
    this.#quoted = false;
    const out: SheetRow[] = [];
    if (this.#started) this.#endRow(out);
    return out;
  }
}

/** Parse CSV text into rows of cells (quotes, doubled quotes, CRLF, a leading BOM). */
export function parseCsv(text: string): string[][] {
  const records = new CsvRecords({ cellLength: Number.MAX_SAFE_INTEGER });
  const rows = records.push(text.replace(/^\uFEFF/, ''));
  return [...rows, ...records.end()].map((r) => r.cells);
}

/** The 1-based line of a byte offset. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function notUtf8(bytes: Uint8Array, offset: number): LantuError {
  const line = lineAt(bytes, offset);
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const guess = utf16 ? 'UTF-16' : 'GBK/GB18030';
  return new LantuError({
    code: 'sheet/not-utf8',
    line,
    message: `文件不是 UTF-8 编码（第 ${line} 行起，可能是 ${guess}）/ the file is not UTF-8 (from line ${line}; ${guess}?)`,
    expected: '在 Excel 中另存为“CSV UTF-8（逗号分隔）” / save it as "CSV UTF-8 (Comma delimited)"',
  });
}

/** Keep a row's cells within the column budget; counts its values. */
function boundedCells(cells: string[], line: number, budget: SheetBudget): string[] {
  let last = cells.length - 1;
  while (last >= 0 && cells[last] === '') last--;
  if (last >= budget.limits.columns)
    throw tooManyColumns(budget.limits, line, {
      zh: `第 ${line} 行第 ${last + 1} 列`,
      en: `column ${last + 1} of line ${line}`,
    });
  for (let c = 0; c <= last; c++) if (cells[c] !== '') budget.cell(line);
  return cells.length > last + 1 ? cells.slice(0, last + 1) : cells;
}

async function* readCsvRows(bytes: Uint8Array, limits: SheetLimits): AsyncGenerator<SheetRow> {
  // Fatal: a byte that is not UTF-8 stops the read; only then is the whole file scanned for where it is.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false, fatal: true });
  const records = new CsvRecords(limits);
  const budget = new SheetBudget(limits);
  for (let at = 0; at <= bytes.length; at += CSV_CHARS_PER_TURN) {
    const last = at + CSV_CHARS_PER_TURN >= bytes.length;
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(at, at + CSV_CHARS_PER_TURN), { stream: !last });
    } catch {
      throw notUtf8(bytes, Math.max(0, firstInvalidUtf8(bytes)));
    }
    const rows = [...records.push(text), ...(last ? records.end() : [])];
    for (const row of rows) {
      budget.row(row.line);
      yield { line: row.line, cells: boundedCells(row.cells, row.line, budget) };
    }
    if (last) break;
    await nextTurn();
  }
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

function unreadableXlsx(why: string): LantuError {
  return new LantuError({
    code: 'sheet/unreadable',
    message: `无法读取 XLSX 文件：${why} / cannot read the XLSX file: ${why}`,
    expected: 'an XLSX saved by Excel, WPS or LibreOffice, or a CSV (UTF-8)',
  });
}

/** Refuse a ZIP whose parts declare more bytes than the budget (a zip bomb) before inflating anything. */
function checkUnzippedSize(bytes: Uint8Array, limits: SheetLimits): void {
  let total = 0;
  let strings = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (/sharedStrings\.xml$/i.test(file.name)) strings += file.originalSize;
        return false;
      },
    });
  } catch (error) {
    throw unreadableXlsx(error instanceof Error ? error.message : String(error));
  }
  if (strings > limits.sharedStrings) {
    const mb = Math.round(limits.sharedStrings / 1024 / 1024);
    throw new LantuError({
      code: 'sheet/too-large',
      message: `XLSX 的共享字符串表解压后超过 ${mb} MB 的上限 / the XLSX's shared strings unzip to more than ${mb} MB (the limit)`,
      expected: `shared strings of at most ${mb} MB unzipped: split the file or save it as CSV`,
    });
  }
  if (total > limits.unzipped) {
    const mb = Math.round(limits.unzipped / 1024 / 1024);
    throw new LantuError({
      code: 'sheet/too-large',
      message: `XLSX 解压后超过 ${mb} MB 的上限 / the XLSX unzips to more than ${mb} MB (the limit)`,
      expected: `an XLSX of at most ${mb} MB unzipped: split the file or save it as CSV`,
    });
  }
}

/** The first sheet of an XLSX, row by row with exceljs' streaming reader: only rows and cells present are seen. */
async function* readXlsxRows(bytes: Uint8Array, limits: SheetLimits): AsyncGenerator<SheetRow> {
  checkUnzippedSize(bytes, limits);
  const budget = new SheetBudget(limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        budget.row(row.number);
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          const text = excelValue(cell.value);
          if (text === '') return;
          if (column > limits.columns)
            throw tooManyColumns(limits, row.number, {
              zh: `单元格 ${cell.address}（第 ${column} 列）`,
              en: `cell ${cell.address} (column ${column})`,
            });
          if (text.length > limits.cellLength) {
            throw new LantuError({
              code: 'sheet/cell-too-long',
              line: row.number,
              message: `单元格 ${cell.address} 超过 ${n(limits.cellLength)} 个字符 / cell ${cell.address} is longer than ${n(limits.cellLength)} characters`,
              expected: `cells of at most ${n(limits.cellLength)} characters`,
            });
          }
          budget.cell(row.number);
          while (cells.length < column - 1) cells.push('');
          cells[column - 1] = text;
        });
        yield { line: row.number, cells };
      }
      return; // the first sheet only: the template's
    }
  } catch (error) {
    if (error instanceof LantuError) throw error;
    throw unreadableXlsx(error instanceof Error ? error.message : String(error));
  }
}

/** A CSV (UTF-8) or XLSX file, row by row within the budgets. */
export function readSheetRows(
  bytes: Uint8Array,
  limits: SheetLimits = SHEET_LIMITS,
): AsyncGenerator<SheetRow> {
  return isZip(bytes) ? readXlsxRows(bytes, limits) : readCsvRows(bytes, limits);
}

/** The first sheet of an XLSX file as rows of cell texts (numbers as JS prints them), blank rows kept. */
export async function parseXlsx(bytes: Uint8Array, limits: SheetLimits = SHEET_LIMITS): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of readXlsxRows(bytes, limits)) {
    while (rows.length < row.line - 1) rows.push([]);
    rows.push(row.cells);
  }
  return rows;
}

/** True for a ZIP container (XLSX), which must not be read as CSV text. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}
