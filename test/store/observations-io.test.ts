import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  exportObservations,
  importObservations,
  listObservations,
  observationTemplate,
  parseCsv,
  parseDecimal,
  parseXlsx,
  storeRecord,
  type Store,
} from '../../src/store/index.js';
import { ENGINES, freshStore } from './engines.js';
import { goldRecord } from './corpus.js';

const HEADER = 'region,indicator,year,value,unit,source,note';
const csv = (...rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join('\n'));

async function xlsx(rows: (string | number | null)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('observations');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('parsing helpers', () => {
  it('reads quoted CSV fields and exact decimals', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n1,2,3')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['1', '2', '3'],
    ]);
    expect(parseDecimal('1,234.50')).toBe('1234.50');
    expect(parseDecimal('-2.5')).toBe('-2.5');
    expect(parseDecimal('４５１.９')).toBe('451.9');
    expect(parseDecimal('12亿')).toBeNull();
    expect(parseDecimal('1,23')).toBeNull();
  });
});

describe.each(ENGINES)('observations import/export on %s', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(engine);
    const { record, bytes } = goldRecord('luoyang-jianxi-plan-2021-2025');
    await storeRecord(store, record, bytes);
  });
  const run = (bytes: Uint8Array, validRowsOnly = false) =>
    importObservations(store.db, bytes, 'test.csv', { by: 'tester', validRowsOnly });

  it('imports a clean CSV with provenance (file, row, who)', async () => {
    const result = await run(
      csv('涧西区,gdp,2021,420.3,亿元,2021年统计公报,', '涧西区,城镇化率,2021,99.1,%,,估算'),
    );
    expect(result).toMatchObject({ rows: 2, valid: 2, errors: [], imported: 2 });
    const stored = await listObservations(store.db, { source_kind: 'import', year: 2021 });
    const gdp = stored.find((o) => o.indicator_id === 'gdp');
    expect(gdp).toMatchObject({
      value: '420.3',
      unit: '亿元',
      recorded_by: 'tester',
      source: { import_file: 'test.csv', import_row: 2 },
    });
    expect(stored.find((o) => o.note === '估算')?.indicator).toMatch(/城镇化率/);
  });

  it('refuses a file with wrong headers, naming the column', async () => {
    const result = await run(new TextEncoder().encode('地区,指标,年,数值\n涧西区,gdp,2021,1'));
    expect(result.imported).toBe(0);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 1, message: expect.stringContaining('年') }),
        expect.objectContaining({ row: 1, column: 'year', message: expect.stringContaining('missing') }),
      ]),
    );
  });

  it('stores nothing from a file with bad numbers, unknown indicators or missing years', async () => {
    const before = (await listObservations(store.db)).length;
    const result = await run(
      csv(
        '涧西区,gdp,2022,460.1,亿元,,',
        '涧西区,gdp,2022,四百六十,亿元,,',
        '涧西区,火星殖民指数,2022,3,,,',
        '涧西区,gdp,,460,亿元,,',
        '涧西区,gdp,22,460,亿元,,',
        '火星区,gdp,2022,1,亿元,,',
        '涧西区,gdp,2022,460,%,,',
      ),
    );
    expect(result.imported).toBe(0);
    expect(result.valid).toBe(1);
    const byRow = Object.fromEntries(result.errors.map((e) => [e.row, e]));
    expect(byRow[3]).toMatchObject({ column: 'value', value: '四百六十' });
    expect(byRow[3]!.expected).toMatch(/number/);
    expect(byRow[4]).toMatchObject({ column: 'indicator' });
    expect(byRow[5]).toMatchObject({ column: 'year', message: 'year is missing' });
    expect(byRow[6]).toMatchObject({ column: 'year' });
    expect(byRow[7]).toMatchObject({ column: 'region' });
    expect(byRow[8]).toMatchObject({ column: 'unit' });
    expect((await listObservations(store.db)).length).toBe(before);

    const partial = await run(csv('涧西区,gdp,2022,460.1,亿元,,', '涧西区,gdp,2022,abc,亿元,,'), true);
    expect(partial).toMatchObject({ valid: 1, imported: 1 });
    expect((await listObservations(store.db)).length).toBe(before + 1);
  });

  it('reads XLSX (numbers and Chinese headers) and reports a garbage file', async () => {
    const result = await run(
      await xlsx([
        ['地区', '指标', '年份', '数值', '单位', '来源', '备注'],
        ['涧西区', 'gdp', 2020, 380.4, '亿元', null, null],
      ]),
    );
    expect(result).toMatchObject({ valid: 1, imported: 1, errors: [] });
    const garbage = await run(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(garbage.imported).toBe(0);
    expect(garbage.errors[0]!.message).toMatch(/cannot read/);
  });

  it('exports what it imports, and writes a template with the catalog', async () => {
    const exported = await exportObservations(store.db, 'xlsx', { indicator_id: 'gdp' });
    const rows = await parseXlsx(exported);
    expect(rows[0]).toEqual(
      expect.arrayContaining(['region', 'indicator', 'year', 'value', 'unit', 'source', 'note']),
    );
    expect(rows.slice(1).some((r) => r.includes('420.3'))).toBe(true);
    const template = await parseXlsx(await observationTemplate(store.db, 'xlsx'));
    expect(template[0]).toEqual(['region', 'indicator', 'year', 'value', 'unit', 'source', 'note']);
    const roundTrip = await run(await observationTemplate(store.db, 'csv'));
    expect(roundTrip.errors).toEqual([]);
  });
});
