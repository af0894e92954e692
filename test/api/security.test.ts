// Security headers on the web app, the API and the Swagger UI (each its own policy), and upload names that are
// shown and stored as names, never followed as paths.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { safeUploadName } from '../../src/server/security.js';
import type { Store } from '../../src/store/index.js';
import { signedIn } from '../helpers/accounts.js';
import { freshStore } from '../store/engines.js';
import { multipart } from './multipart.js';

let store: Store;
let app: FastifyInstance;
let webRoot: string;

beforeAll(async () => {
  store = await freshStore('sqlite');
  webRoot = mkdtempSync(join(tmpdir(), 'lantu-web-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><div id="root"></div>');
  app = await buildServer({ db: store.db, webRoot });
});

afterAll(async () => {
  await app.close();
  rmSync(webRoot, { recursive: true, force: true });
});

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: unknown): Map<string, string[]> {
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('security headers', () => {
  it('the web app and the API: scripts only from this origin, no inline script, framed by this origin only', async () => {
    for (const url of ['/', '/plans/1', '/api/health']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.get('script-src'), url).toEqual(["'self'"]);
      expect(csp.get('script-src-attr'), url).toEqual(["'none'"]);
      expect(csp.get('default-src'), url).toEqual(["'self'"]);
      expect(csp.get('object-src'), url).toEqual(["'none'"]);
      // The report preview is an iframe of the app's own origin.
      expect(csp.get('frame-ancestors'), url).toEqual(["'self'"]);
      // antd writes its styles at run time; scripts never get that allowance.
      expect(csp.get('style-src'), url).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp.has('upgrade-insecure-requests'), url).toBe(false);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(res.headers['x-powered-by'], url).toBeUndefined();
    }
  });

  it('the Swagger UI at /docs has its own policy (no blob: images or workers), scripts still self', async () => {
    const page = await app.inject('/docs/');
    expect(page.statusCode).toBe(200);
    const csp = directives(page.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    // Its scripts are files, none inline, so the policy lets every one of them run.
    expect(page.body).toMatch(/<script src=/);
    expect(page.body).not.toMatch(/<script>/);
    const asset = await app.inject('/docs/static/swagger-initializer.js');
    expect(directives(asset.headers['content-security-policy']).get('img-src')).toEqual(["'self'", 'data:']);
    // Scoped to /docs: the API beside it keeps the app's policy.
    const api = await app.inject('/api/openapi.json');
    expect(directives(api.headers['content-security-policy']).get('img-src')).toEqual([
      "'self'",
      'data:',
      'blob:',
    ]);
  });
});

describe('upload names', () => {
  it('keeps the last path segment without control, bidi or zero-width characters', () => {
    expect(safeUploadName('../../etc/passwd')).toBe('passwd');
    expect(safeUploadName('..\\..\\Windows\\win.ini')).toBe('win.ini');
    expect(safeUploadName('plan\u0000\u001b[31m\u202egpj.txt')).toBe('plan[31mgpj.txt');
    expect(safeUploadName('a\u200bb\r\nc.docx')).toBe('abc.docx');
    expect(safeUploadName('../..')).toBe('upload');
    expect(safeUploadName('')).toBe('upload');
    const long = safeUploadName(`${'规'.repeat(400)}.docx`);
    expect([...long]).toHaveLength(255);
    expect(long.endsWith('.docx')).toBe(true);
  });

  it('an upload named ../../etc/passwd.txt is stored as passwd.txt with its own bytes, nothing read from disk', async () => {
    const text =
      '某市国民经济和社会发展第十四个五年规划纲要\n\n第一章 发展环境\n\n到2025年，地区生产总值达到800亿元。\n';
    const body = multipart([
      { filename: '../../etc/passwd.txt', content: text },
      { filename: 'ctl\u0001\u001b\u007f\u202e.txt', content: `${text}（二）` },
    ]);
    const uploader = await signedIn(app, store.db);
    const res = await uploader.inject({
      method: 'POST',
      url: '/api/documents',
      payload: body.payload,
      headers: body.headers,
    });
    expect(res.statusCode, res.body).toBe(201);
    const docs = await store.db.selectFrom('documents').select(['filename', 'text']).orderBy('id').execute();
    expect(docs.map((d) => d.filename)).toEqual(['passwd.txt', 'ctl.txt']);
    for (const d of docs) expect(d.text).not.toMatch(/root:/);
    // A name with no readable extension is refused by that name, not opened as a path.
    const bare = multipart([{ filename: '../../etc/passwd', content: 'root:x:0:0' }]);
    const refused = await uploader.inject({
      method: 'POST',
      url: '/api/documents',
      payload: bare.payload,
      headers: bare.headers,
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.body).not.toContain('../');
  });
});
