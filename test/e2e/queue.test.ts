// The 导入队列 page in Debian Chromium, on PostgreSQL: a good and a bad file through the queue, as the panel shows them.
/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { enqueueDocuments, openQueue, startWorker } from '../../src/queue/index.js';
import { buildServer } from '../../src/server/index.js';
import { registerWebApp } from '../../src/server/web.js';
import { childDatabase, type ChildDatabase } from '../helpers/lantu-process.js';
import { launch, openPage, shot } from './browser.js';
import { ensureWebBuilt, signInContext } from './server.js';

const closers: Array<() => Promise<void>> = [];
let database: ChildDatabase | undefined;
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
  await database?.drop();
});

describe('the 导入队列 page in Chromium', () => {
  it('shows the files by state, the failure with its error and the worker', async () => {
    ensureWebBuilt();
    database = await childDatabase('postgres');
    const store = await database.open();
    closers.push(() => store.close());
    const settings = { expireSeconds: 60, retryDelaySeconds: 1, pollSeconds: 0.2 };
    const queue = await openQueue(database.env.DATABASE_URL!, { supervise: true, settings });
    closers.push(() => queue.stop());
    const files = ['fixtures/corpus/xian-bulletin-2025.txt', 'fixtures/bad/truncated.docx'];
    await enqueueDocuments(
      store,
      queue,
      files.map((file) => ({ file })),
    );
    const worker = await startWorker(store, queue, { concurrency: 1 });
    closers.push(() => worker.stop());
    const app = await buildServer({ db: store.db });
    await registerWebApp(app);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => app.close());

    browser = await launch();
    // Wide enough for an administrator's whole menu: at 1366 px 导入队列 folds into the menu's overflow.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    // The queue page is an administrator's: the browser carries an admin's session cookie.
    await signInContext(store, context, url);
    context.setDefaultTimeout(60_000);
    const errors: string[] = [];
    const page = await openPage(context, errors);
    await page.goto(url);
    await page.getByRole('link', { name: '导入队列' }).click();
    await page.waitForURL(/\/queue$/);
    // The panel refreshes by itself until both files are through.
    const done = page
      .locator('.ant-statistic', { hasText: '已完成' })
      .locator('.ant-statistic-content-value');
    await expect.poll(() => done.textContent(), { timeout: 120_000 }).toBe('1');
    const failed = page
      .locator('.ant-statistic', { hasText: '失败' })
      .locator('.ant-statistic-content-value');
    await expect.poll(() => failed.textContent(), { timeout: 120_000 }).toBe('1');
    const failure = page.locator('tr', { hasText: 'fixtures/bad/truncated.docx' });
    await expect(failure.textContent()).resolves.toMatch(/truncated or damaged/);
    await expect(page.getByText('运行中').count()).resolves.toBe(1);
    await shot(page, 'queue');
    expect(errors).toEqual([]);
  }, 300_000);
});
