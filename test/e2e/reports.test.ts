// The 评估报告 page in Debian Chromium: choose a plan and kind, preview the report, download the Word file.
// page.evaluate callbacks run in the browser, so these tests see the DOM types.
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, shot } from './browser.js';
import { startServer, type RunningServer } from './server.js';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
let planId: number;

describe('the 评估报告 page in Chromium', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    await server.signIn(context);
    context.setDefaultTimeout(30_000);
    page = await openPage(context, errors);
    const response = await fetch(`${server.url}/api/plans?limit=100`, { headers: server.headers });
    const plans = (await response.json()) as { items: Array<{ id: number; region: string }> };
    planId = plans.items.find((p) => p.region === '涧西区')!.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is reached from the plan card and previews a mid-term report', async () => {
    await page.goto(server.url);
    await page.locator(`.plan-card[data-plan="${planId}"]`).getByRole('link', { name: '生成报告' }).click();
    await page.waitForURL(/\/reports\?plan=/);
    await page.getByText('中期评估报告', { exact: true }).click();
    await expect.poll(() => page.getByLabel('评估年份').inputValue()).toBe('2023');
    await page.getByRole('button', { name: /生成报告并预览/ }).click();
    const frame = page.frameLocator('iframe.report-preview');
    await frame.locator('h2', { hasText: '一、总体情况' }).waitFor();
    await expect(frame.locator('h1').textContent()).resolves.toContain('实施中期评估报告');
    await expect(frame.locator('h2', { hasText: '规划调整建议' }).count()).resolves.toBe(1);
    await expect(frame.locator('figure svg').count()).resolves.toBeGreaterThan(0);
    await shot(page, 'reports-01-preview');
  });

  it('downloads the Word file of the same report', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /下载 Word 文档/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('涧西区_2023年中期评估报告.docx');
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const text = strFromU8(files['word/document.xml']!).replace(/<[^>]+>/g, '');
    expect(text).toContain('二、规划实施总体评价');
    expect(text).toContain('主要指标完成情况');
    expect(errors).toEqual([]);
  });
});
