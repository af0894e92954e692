// The web app under its Content-Security-Policy in Chromium: no page reports a violation (antd's run-time styles
// included), the Swagger UI runs under its own policy, and the audit page shows the chain check green, then red
// with the entry ids once the log is altered around its guard.
// page.evaluate callbacks run in the browser, so these tests see the DOM types.
/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { appendAudit, ingestPaths, openStore, type Store } from '../../src/store/index.js';
import { launch, openPage, shot } from './browser.js';
import { ensureWebBuilt, signInContext } from './server.js';

let dir: string;
let store: Store;
let app: FastifyInstance;
let url: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
const violations: string[] = [];

/** Violations the page and its frames saw since they loaded (recorded by an init script, before the app's code). */
async function pageViolations(): Promise<string[]> {
  const seen: string[] = [];
  for (const frame of page.frames())
    seen.push(...(await frame.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])));
  return seen;
}

describe('the web app under its CSP, and the audit page', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    dir = mkdtempSync(join(tmpdir(), 'lantu-csp-'));
    store = await openStore({ sqlitePath: join(dir, 'lantu.db') });
    await ingestPaths(store, ['fixtures/formats/sample-plan.txt'], { threads: 1 });
    await appendAudit(store.db, {
      actor: '规划科 王敏',
      action: 'status.override',
      entity: 'status',
      entity_id: 1,
    });
    await appendAudit(store.db, {
      actor: '审计局 李强',
      action: 'observation.create',
      entity: 'observation',
    });
    app = await buildServer({ db: store.db });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    // The audit page is an administrator's: the browser carries an admin's session cookie.
    await signInContext(store, context, url);
    context.setDefaultTimeout(15_000);
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      );
    });
    page = await openPage(context, errors);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text()))
        violations.push(`${page.url()}: ${message.text()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every page loads under the policy with no violation reported', async () => {
    const response = await page.goto(`${url}/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('menuitem', { name: '审计日志' }).waitFor();
    for (const path of [
      '/',
      '/indicators',
      '/review',
      '/data',
      '/ledger',
      '/reports',
      '/search?q=生产总值',
      '/audit',
    ]) {
      await page.goto(`${url}${path}`);
      await page.waitForLoadState('networkidle');
      // antd has written its styles: the policy let them in.
      expect(await page.evaluate(() => document.querySelectorAll('style').length), path).toBeGreaterThan(0);
      expect(await pageViolations(), path).toEqual([]);
    }
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('the report preview (an iframe of the app’s own origin) is framed and renders under the policy', async () => {
    const plan = await store.db
      .selectFrom('documents')
      .select('id')
      .where('doc_type', '=', 'plan')
      .executeTakeFirstOrThrow();
    await page.goto(`${url}/reports?plan=${plan.id}`);
    await page.getByRole('button', { name: /生成报告并预览/ }).click();
    const frame = page.frameLocator('iframe.report-preview');
    await frame.locator('h1').waitFor();
    expect(await frame.locator('h1').textContent()).toContain('报告');
    expect(await pageViolations()).toEqual([]);
    expect(violations).toEqual([]);
  }, 60_000);

  it('the Swagger UI at /docs runs under its own policy', async () => {
    await page.goto(`${url}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
    expect(await pageViolations()).toEqual([]);
    expect(violations).toEqual([]);
  }, 60_000);

  it('the audit page: the log with filters, 完整 in green, then 被改动 in red naming the entries', async () => {
    await page.goto(`${url}/audit`);
    await page.locator('.audit-intact').waitFor();
    expect(await page.locator('.audit-intact').innerText()).toMatch(/审计日志完整：共 \d+ 条/);
    const rows = page.locator('.audit-table tbody tr.ant-table-row');
    const all = await rows.count();
    expect(all).toBeGreaterThanOrEqual(3);
    await page.getByRole('searchbox', { name: '操作人' }).fill('审计局 李强');
    await page.getByRole('searchbox', { name: '操作人' }).press('Enter');
    await page.waitForURL(/actor=/);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('observation.create');
    expect(await page.locator('.audit-filters a', { hasText: 'CSV' }).getAttribute('href')).toContain(
      'actor=',
    );
    await shot(page, 'audit-intact');

    // Altered around the guard: entry 2 rewritten, entry 1 removed.
    await sql`DROP TRIGGER audit_log_no_update`.execute(store.db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(store.db);
    await sql`UPDATE audit_log SET actor = 'mallory' WHERE id = 2`.execute(store.db);
    await sql`DELETE FROM audit_log WHERE id = 1`.execute(store.db);
    await page.goto(`${url}/audit`);
    await page.locator('.audit-broken').waitFor();
    const broken = await page.locator('.audit-broken').innerText();
    expect(broken).toContain('审计日志被改动');
    expect(broken).toContain('被改写 #2');
    expect(broken).toContain('有删除 #2');
    await shot(page, 'audit-broken');
    expect(await pageViolations()).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
