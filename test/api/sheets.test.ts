// Hostile spreadsheets and uploads through the HTTP API, on both engines: each gets a clear answer within its
// budget and the server stays healthy; an import sent twice stores nothing twice; one upload has a total limit.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/index.js';
import type { Store } from '../../src/store/index.js';
import { ENGINES, freshStore } from '../store/engines.js';
import { multipart } from './multipart.js';
import { signedIn } from '../helpers/accounts.js';

const HOSTILE_DIR = 'fixtures/hostile-sheets/';
/** Longest a hostile file may take to be answered (each is refused within a few hundred ms alone). */
const ANSWER_WITHIN_MS = 10_000;

/** Each file of the hostile folder, the row its error names and what the message must say. */
const HOSTILE: Array<{ file: string; row: number; message: RegExp }> = [
  {
    file: 'far-cell.xlsx',
    row: 1048576,
    message: /cell XFD1048576 \(column 16384\) is beyond the limit of 64 columns/,
  },
  { file: 'bad-xml.xlsx', row: 0, message: /cannot read the XLSX file/ },
  {
    file: 'gbk.csv',
    row: 2,
    message: /文件不是 UTF-8 编码.*the file is not UTF-8 \(from line 2; GBK\/GB18030\?\)/,
  },
  { file: 'unterminated-quote.csv', row: 3, message: /the quote opened on line 3 is never closed/ },
  { file: 'header-only.csv', row: 2, message: /the file has a header but no data rows/ },
  { file: 'header-only.xlsx', row: 2, message: /the file has a header but no data rows/ },
  { file: 'huge-shared-string.xlsx', row: 1, message: /cell A1 is longer than 32,767 characters/ },
  { file: 'shared-strings-bomb.xlsx', row: 0, message: /shared strings unzip to more than 128 MB/ },
  { file: 'zip-bomb.xlsx', row: 0, message: /unzips to more than 512 MB/ },
];

const HEADER = 'region,indicator,year,value,unit,source,note';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

describe.each(ENGINES)('hostile sheets and uploads on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    // Nothing ingested: the first import also proves the catalog is filled before it stores anything.
    store = await freshStore(engine);
    app = await signedIn(await buildServer({ db: store.db, uploadTotalLimit: 1024 * 1024 }), store.db);
  });
  afterAll(() => app.close());

  const send = (url: string, filename: string, content: Uint8Array | string) =>
    app.inject({ method: 'POST', url, ...multipart([{ filename, content }]) });
  const healthy = async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json().ok).toBe(true);
  };
  const importedRows = async () =>
    Number(
      (
        await store.db
          .selectFrom('observations')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('source_kind', '=', 'import')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it.each(HOSTILE)(
    'answers $file clearly on check and import, within budget',
    async ({ file, row, message }) => {
      const bytes = new Uint8Array(readFileSync(HOSTILE_DIR + file));
      const started = performance.now();
      const check = await send('/api/observations/check', file, bytes);
      // The check answers 200 with the errors (the web lists them); the import refuses the file.
      expect(check.statusCode).toBe(200);
      expect(check.json()).toMatchObject({
        filename: file,
        valid: 0,
        errors: [{ row, message: expect.stringMatching(message) }],
      });
      const imported = await send('/api/observations/import', file, bytes);
      expect(imported.statusCode).toBe(422);
      expect(imported.json()).toMatchObject({
        imported: 0,
        errors: [{ row, message: expect.stringMatching(message) }],
      });
      expect(imported.json().errors[0].expected).toBeTruthy();
      expect(performance.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
      await healthy();
      expect(await importedRows()).toBe(0);
    },
  );

  it('imports into an empty store, and a retry or a file repeating itself stores nothing twice', async () => {
    const first = csv(
      '洛阳市,gdp,2021,5447.1,亿元,2021年统计公报,',
      '洛阳市,gdp,2022,5675.2,亿元,2022年统计公报,',
    );
    const created = await send('/api/observations/import', 'obs.csv', first);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ rows: 2, imported: 2, duplicates: 0, errors: [] });
    expect(await importedRows()).toBe(2);

    const retry = await send('/api/observations/import', 'obs.csv', first);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ rows: 2, imported: 0, duplicates: 2, import_id: null });

    // The same two again, a new year twice over: one new value stored, three duplicates counted.
    const more = csv(
      '洛阳市,gdp,2023,5800,亿元,2023年统计公报,',
      '洛阳市,gdp,2021,5447.1,亿元,2021年统计公报,',
      '洛阳市,gdp,2023,5800,亿元,2023年统计公报,重复一行',
      '洛阳市,gdp,2022,5675.2,亿元,2022年统计公报,',
    );
    const added = await send('/api/observations/import', 'more.csv', more);
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ rows: 4, imported: 1, duplicates: 3 });
    const values = await store.db
      .selectFrom('observations')
      .select(['year', 'value', 'import_row'])
      .where('source_kind', '=', 'import')
      .orderBy('year')
      .execute();
    expect(values).toEqual([
      { year: 2021, value: '5447.1', import_row: 2 },
      { year: 2022, value: '5675.2', import_row: 3 },
      { year: 2023, value: '5800', import_row: 2 },
    ]);
    // Derived in the request: nothing left owed.
    expect(await store.db.selectFrom('pending_derivations').selectAll().execute()).toEqual([]);
    await healthy();
  });

  it('stops an upload whose files together pass the per-request total, and stays healthy', async () => {
    const file = (i: number) => ({ filename: `plan-${i}.txt`, content: '规划'.repeat(70_000) }); // 420 KB each
    const res = await app.inject({
      method: 'POST',
      url: '/api/documents',
      ...multipart([0, 1, 2].map(file)),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'upload/total-too-large' });
    expect(res.json().message).toMatch(/上传文件合计超过 1 MB 的上限/);
    const documents = await store.db.selectFrom('documents').select('id').execute();
    expect(documents).toEqual([]);
    await healthy();
  });
});
