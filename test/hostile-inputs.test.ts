// Hostile files (zip bombs that lie about sizes, flate bombs, nested PDFs, page and line bombs) get a clear limit
// error from the readers, a worker past its time or memory limit is stopped alone, and `lantu extract` goes on.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { LantuError } from '../src/diagnostics.js';
import { readDocument, readLimits, type ReadLimits } from '../src/readers/index.js';
import { analysisPool } from '../src/store/workers.js';
import { hostileSet, nestedContent, pdfWithContent, SMALL_LIMITS } from './helpers/hostile.js';
import { childDatabase, startLantu } from './helpers/lantu-process.js';

const SAMPLE = 'fixtures/formats/sample-plan.txt';
const limits: ReadLimits = { ...SMALL_LIMITS };

async function refusal(bytes: Uint8Array, name: string, with_: ReadLimits = limits): Promise<LantuError> {
  try {
    await readDocument(bytes, name, with_);
  } catch (error) {
    if (error instanceof LantuError) return error;
    throw error;
  }
  throw new Error(`${name} was read, expected a refusal`);
}

describe('hostile files under the read limits', () => {
  for (const file of hostileSet()) {
    it(`${file.name} → ${file.code}, naming the file and the limit, within seconds`, async () => {
      const started = performance.now();
      const error = await refusal(file.bytes, file.name);
      expect(error.code).toBe(file.code);
      expect(error.message).toContain(file.name);
      expect(error.message).toMatch(/limit of \d/);
      expect(error.expected).toMatch(/LANTU_READ_/);
      expect(performance.now() - started).toBeLessThan(10_000);
    });
  }

  it('the lying DOCX is refused for its real size, not its declared 1 KB', async () => {
    const lying = hostileSet().find((f) => f.name === 'lying-sizes.docx')!;
    const error = await refusal(lying.bytes, lying.name);
    expect(error.message).toContain('word/document.xml inflates past the limit of 8 MB');
  });

  it('reads what is under the limits: a compressed text PDF, balanced q … Q, shallow arrays', async () => {
    const content = `${'q '.repeat(100)}BT /F1 12 Tf 72 720 Td (Lantu) Tj ET${' Q'.repeat(100)}`;
    const flate = await readDocument(pdfWithContent(strToU8(content), { deflate: true }), 'ok.pdf', limits);
    expect(flate.text).toContain('Lantu');
    const arrays = await readDocument(pdfWithContent(nestedContent(50)), 'arrays.pdf', limits);
    expect(arrays.text).toContain('x');
    // Brackets inside a string are text, not nesting.
    const inString = `BT /F1 12 Tf 72 720 Td (${'[<<q '.repeat(1000)}) Tj ET`;
    const quoted = await readDocument(pdfWithContent(strToU8(inString)), 'quoted.pdf', limits);
    expect(quoted.text).toContain('[<<q');
  });

  it('a document with no readable text is refused in every format, never read as empty', async () => {
    const blank: Array<[string, Uint8Array]> = [
      ['blank.txt', strToU8(' \n\t\n')],
      ['blank.html', strToU8('<html><body><p>   </p></body></html>')],
      ['blank.pdf', pdfWithContent(strToU8('BT /F1 12 Tf 72 720 Td (\\t\\t) Tj ET'), { deflate: true })],
    ];
    for (const [name, bytes] of blank) expect((await refusal(bytes, name)).message).toContain(name);
  });

  it('a malformed limit in the environment is an error naming the variable', () => {
    expect(() => readLimits({}, { LANTU_READ_SECONDS: 'soon' })).toThrow(/LANTU_READ_SECONDS="soon"/);
    expect(readLimits({}, { LANTU_READ_INFLATE_MB: '2' }).maxInflatedBytes).toBe(2 * 1024 * 1024);
  });
});

describe('reading in a guarded worker', () => {
  it('stops a worker past its time limit, then reads the next document in a fresh one', async () => {
    // Nesting unchecked: the deep q … Q reaches pdfjs, which takes far longer than the limit.
    const pool = analysisPool(1, { ...limits, maxNesting: 1_000_000, seconds: 2 });
    try {
      const slow = pdfWithContent(strToU8(`${'q '.repeat(60_000)}BT /F1 12 Tf 72 720 Td (x) Tj ET`));
      const started = performance.now();
      await expect(pool.analyze(slow, 'slow.pdf')).rejects.toMatchObject({
        code: 'limit/time',
        message: expect.stringMatching(/slow\.pdf: reading took longer than the limit of 2 s/),
      });
      expect(performance.now() - started).toBeLessThan(15_000);
      const record = await pool.analyze(new Uint8Array(readFileSync(SAMPLE)), 'sample-plan.txt');
      expect(record.extraction.targets.length).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });

  it('stops a worker past its heap limit without taking the process with it', async () => {
    const pool = analysisPool(1, { ...limits, heapMb: 48, seconds: 60 });
    try {
      const big = strToU8(readFileSync(SAMPLE, 'utf8').repeat(1200));
      await expect(pool.analyze(big, 'big.txt')).rejects.toMatchObject({
        code: 'limit/memory',
        message: expect.stringMatching(/big\.txt: reading needed more than the memory limit of 48 MB/),
      });
    } finally {
      await pool.close();
    }
  });

  it('returns a reader error with its code from the worker', async () => {
    const pool = analysisPool(1, limits);
    try {
      const bomb = hostileSet().find((f) => f.name === 'zip-bomb.docx')!;
      await expect(pool.analyze(bomb.bytes, bomb.name)).rejects.toMatchObject({
        code: 'limit/inflated-size',
      });
    } finally {
      await pool.close();
    }
  });
});

describe('lantu extract on hostile files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantu-hostile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports each file over a limit and extracts the others (exit code 1, no crash)', async () => {
    const input = join(dir, 'in');
    const out = join(dir, 'out');
    const files = hostileSet();
    mkdirSync(input);
    for (const file of [...files, { name: 'sample-plan.txt', bytes: readFileSync(SAMPLE) }]) {
      writeFileSync(join(input, file.name), file.bytes);
    }
    const env = {
      ...process.env,
      LANTU_READ_INFLATE_MB: String(SMALL_LIMITS.maxInflatedBytes / 1024 / 1024),
      LANTU_READ_MAX_PAGES: String(SMALL_LIMITS.maxPages),
      LANTU_READ_SECONDS: '30',
    };
    const { code, signal, stderr } = await startLantu(['extract', '-j', '2', '-o', out, input], env).exited;
    expect(signal).toBeNull();
    expect(code).toBe(1);
    for (const file of files) {
      expect(stderr).toMatch(new RegExp(`lantu extract: .*${file.name.replace('.', '\\.')}: .*limit`));
    }
    expect(stderr).toContain(`${files.length + 1} files, ${files.length} failed`);
    expect(readdirSync(out)).toEqual(['sample-plan.json']);
  });

  it('lantu ingest stores the good file and reports the bombs (exit code 1, nothing empty stored)', async () => {
    const input = join(dir, 'ingest');
    mkdirSync(input);
    const bombs = hostileSet().filter((f) => /bomb/.test(f.name));
    for (const file of [...bombs, { name: 'sample-plan.txt', bytes: readFileSync(SAMPLE) }])
      writeFileSync(join(input, file.name), file.bytes);
    const database = await childDatabase('sqlite');
    try {
      const env = {
        ...database.env,
        LANTU_READ_INFLATE_MB: String(SMALL_LIMITS.maxInflatedBytes / 1024 / 1024),
      };
      const { code, signal, stderr } = await startLantu(['ingest', '--no-progress', input], env).exited;
      expect(signal).toBeNull();
      expect(code).toBe(1);
      for (const file of bombs) expect(stderr).toContain(`${join(input, file.name)}: `);
      expect(stderr).toContain(`1 stored, 0 already stored, ${bombs.length} failed`);
      const store = await database.open();
      try {
        const docs = await store.db.selectFrom('documents').select(['filename']).execute();
        expect(docs.map((d) => d.filename)).toEqual(['sample-plan.txt']);
      } finally {
        await store.close();
      }
    } finally {
      await database.drop();
    }
  });
});
