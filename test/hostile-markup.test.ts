// Hostile markup: billion laughs and XXE inside a DOCX's document.xml, 100,000 nested HTML tags. Each gets a clear
// error (or a harmless read) in seconds, /etc/passwd is never read, `lantu extract` goes on, and an upload of them
// changes nothing already stored (the audit chain stays intact).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LantuError } from '../src/diagnostics.js';
import { readDocument } from '../src/readers/index.js';
import { buildServer } from '../src/server/index.js';
import { ingestPaths, verifyAudit } from '../src/store/index.js';
import { multipart } from './api/multipart.js';
import { billionLaughsDocx, nestedHtml, SMALL_LIMITS, xxeDocx } from './helpers/hostile.js';
import { signedIn } from './helpers/accounts.js';
import { startLantu } from './helpers/lantu-process.js';
import { freshStore } from './store/engines.js';

const SAMPLE = 'fixtures/formats/sample-plan.txt';

/** The files, and what each must give: an error code, or text read without anything from outside. */
const MARKUP = [
  { name: 'billion-laughs.docx', bytes: billionLaughsDocx(), code: 'docx/doctype' },
  { name: 'xxe.docx', bytes: xxeDocx('/etc/passwd'), code: 'docx/doctype' },
  { name: 'nested-100k.html', bytes: nestedHtml(100_000), code: null },
] as const;

describe('hostile markup', () => {
  for (const file of MARKUP) {
    it(`${file.name} → ${file.code ?? 'read harmlessly'} within seconds`, async () => {
      const started = performance.now();
      let error: unknown;
      let text = '';
      try {
        text = (await readDocument(file.bytes, file.name, SMALL_LIMITS)).text;
      } catch (e) {
        error = e;
      }
      expect(performance.now() - started).toBeLessThan(10_000);
      if (file.code) {
        expect(error).toBeInstanceOf(LantuError);
        expect((error as LantuError).code).toBe(file.code);
        expect((error as LantuError).message).toContain(file.name);
        expect((error as LantuError).message).toMatch(/DOCTYPE/);
        expect((error as LantuError).message).not.toMatch(/root:/);
      } else {
        expect(error).toBeUndefined();
        expect(text).toContain('地区生产总值达到800亿元');
      }
    });
  }

  it('the parser itself never reads an external entity, even past the DOCTYPE check', async () => {
    const { DOMParser } = await import('@xmldom/xmldom');
    const xml = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>';
    const read = () => {
      try {
        return new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml').documentElement
          ?.textContent;
      } catch {
        return undefined;
      }
    };
    expect(read() ?? '').not.toMatch(/root:/);
  });

  it('uploads change nothing stored: the DOCX files are refused, the nested page is one more document', async () => {
    const store = await freshStore('sqlite');
    await ingestPaths(store, [SAMPLE], { threads: 1 });
    const before = await store.db.selectFrom('documents').select(['id', 'sha256', 'text']).execute();
    const app = await signedIn(await buildServer({ db: store.db, readLimits: SMALL_LIMITS }), store.db);
    try {
      for (const file of MARKUP) {
        const body = multipart([{ filename: file.name, content: file.bytes }]);
        const res = await app.inject({
          method: 'POST',
          url: '/api/documents',
          payload: body.payload,
          headers: body.headers,
        });
        if (file.code) {
          expect(res.statusCode, file.name).toBe(400);
          expect(res.body).toContain(file.code);
          expect(res.body).not.toMatch(/root:/);
        } else expect(res.statusCode, `${file.name}: ${res.body}`).toBe(201);
      }
      const after = await store.db.selectFrom('documents').select(['id', 'sha256', 'text']).execute();
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after).toHaveLength(before.length + 1);
      expect(await verifyAudit(store.db)).toMatchObject({ intact: true });
    } finally {
      await app.close();
    }
  }, 60_000);

  describe('lantu extract', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantu-markup-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reports the two DOCX files and extracts the others (exit code 1, no crash)', async () => {
      const input = join(dir, 'in');
      const out = join(dir, 'out');
      mkdirSync(input);
      for (const file of [...MARKUP, { name: 'sample-plan.txt', bytes: readFileSync(SAMPLE) }])
        writeFileSync(join(input, file.name), file.bytes);
      const { code, signal, stderr } = await startLantu(['extract', '-o', out, input], process.env).exited;
      expect(signal).toBeNull();
      expect(code).toBe(1);
      expect(stderr).toMatch(/billion-laughs\.docx: .*DOCTYPE/);
      expect(stderr).toMatch(/xxe\.docx: .*DOCTYPE/);
      expect(stderr).not.toMatch(/root:/);
      expect(readdirSync(out).sort()).toEqual(['nested-100k.json', 'sample-plan.json']);
    }, 90_000);
  });
});
