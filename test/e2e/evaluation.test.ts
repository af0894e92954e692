// The Chinese indicator pages in Chromium: no English words for target kinds or methods (level, growth, compound,
// bound…), targets in Chinese order, and the latest value in the indicator's unit.
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage } from './browser.js';
import { startServer, type RunningServer } from './server.js';

/** The machine words a Chinese page must never show as a label. */
const ENGLISH_LABELS =
  /\b(?:level|growth|compound|linear|bound|cumulative|qualitative|manual|growth-from-rates|growth-from-levels|cumulative-sum|cumulative-reduction|linked-growth)\b/i;

let server: RunningServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

describe('Chinese wording on the indicator pages', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await server.signIn(context);
    context.setDefaultTimeout(15_000);
    page = await openPage(context, errors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows target kinds, methods and targets in Chinese, and the latest value in the indicator unit', async () => {
    const overview = (await (
      await fetch(`${server.url}/api/overview`, { headers: server.headers })
    ).json()) as {
      plans: Array<{ id: number; region: string }>;
    };
    const jianxi = overview.plans.find((p) => p.region === '涧西区')!;
    for (const indicator of ['rd-intensity', 'gdp-growth']) {
      await page.goto(`${server.url}/indicators/${indicator}?plan=${jianxi.id}`, {
        waitUntil: 'networkidle',
      });
      await page.locator('.page').first().waitFor();
      const text = await page.evaluate(() => document.body.innerText);
      expect(text, indicator).not.toMatch(ENGLISH_LABELS);
      expect(text, indicator).not.toContain('（年均增速）');
      if (indicator === 'gdp-growth') expect(text).toContain('年均增长');
    }
    // 研发经费投入强度: the 2021 value 5 (%) is shown as 最新值 in %.
    await page.goto(`${server.url}/indicators/rd-intensity?plan=${jianxi.id}`, { waitUntil: 'networkidle' });
    const latest = page.locator('.series-facts .fact').nth(3);
    await expect.poll(() => latest.textContent()).toMatch(/^5\s*%（2021）$/);
  });
});
