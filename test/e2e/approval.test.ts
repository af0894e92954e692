// 审核发布 in Debian Chromium: the public page says 尚未发布 before anything is published; a reviewer approves a
// value entered by someone else and publishes the year through the confirm dialog; the public page then shows the
// published judgement and the date of publication.
/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Approval, PublicPlan } from '../../src/server/contract/index.js';
import { accountWithToken, bearer } from '../helpers/accounts.js';
import { launch, openPage, shot } from './browser.js';
import { startServer, type RunningServer } from './server.js';

// Two people (a login has no spaces): the one who enters through the API, the one who reviews in the browser.
const CLERK = '社保局李娜';
const REVIEWER = '规划科王敏';
const button = (text: string) => new RegExp(`^${[...text].join('\\s?')}$`);

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
let planId: number;
let regionId: number;
let clerk: Record<string, string>;

/** A request as the administrator, as `as` (an account's token headers), or with no account (`as: null`). */
async function api<T>(path: string, init?: RequestInit & { as?: Record<string, string> | null }): Promise<T> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(init?.as === null ? {} : (init?.as ?? server.headers)),
  };
  const response = await fetch(`${server.url}${path}`, { ...init, headers });
  expect(response.ok, `${path} → ${response.status} ${await response.clone().text()}`).toBe(true);
  return (await response.json()) as T;
}

describe('approval and the public page in Chromium', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    context.setDefaultTimeout(15_000);
    page = await openPage(context, errors);
    clerk = bearer((await accountWithToken(server.store.db, { login: CLERK, role: 'planning' })).token);
    const plans = await api<{ items: Array<{ id: number; region: string; region_id: number }> }>(
      '/api/plans?limit=100',
    );
    const plan = plans.items.find((p) => p.region === '涧西区')!;
    planId = plan.id;
    regionId = plan.region_id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says 尚未发布 on the public page before anything is published', async () => {
    await page.goto(`${server.url}/public/plans/${planId}`);
    await page.locator('.not-published').waitFor();
    await expect(page.locator('.not-published').textContent()).resolves.toContain('尚未发布');
    expect(await page.locator('.public-statuses').count()).toBe(0);
    await shot(page, 'approval-01-public-unpublished');
  });

  it('approves a value entered by another person and publishes the year after the confirm dialog', async () => {
    await api('/api/observations', {
      method: 'POST',
      as: clerk,
      body: JSON.stringify({
        region_id: regionId,
        indicator_id: 'pension-insurance-coverage',
        year: 2022,
        value: '96',
      }),
    });
    // The reviewer signs the browser in (the public page before needed no account).
    await server.signIn(context, { login: REVIEWER, role: 'planning' });
    await page.goto(`${server.url}/approval?plan=${planId}`);
    const row = page.locator('.approval-queue tr.ant-table-row').filter({ hasText: CLERK }).first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('待审核');
    await row.getByRole('button', { name: button('通过') }).click();
    await expect
      .poll(
        async () => {
          const { items } = await api<{ items: Approval[] }>('/api/approvals?state=approved');
          return items.map((a) => [a.entered_by, a.reviewed_by]);
        },
        { timeout: 10_000 },
      )
      .toEqual([[CLERK, REVIEWER]]);

    await page.getByLabel('发布年份').fill('2022');
    await page.locator('.publish-year').click();
    const dialog = page.locator('.publish-confirm');
    await dialog.waitFor();
    const said = (await dialog.textContent()) ?? '';
    expect(said).toContain('将发布 1 条已审核数据');
    expect(said).toContain('锁定');
    await shot(page, 'approval-02-confirm');
    await dialog.getByRole('button', { name: '确认发布' }).click();
    await expect
      .poll(
        async () =>
          (await api<PublicPlan>(`/api/public/plans/${planId}`, { as: null })).publication?.year ?? null,
        {
          timeout: 10_000,
        },
      )
      .toBe(2022);
  });

  it('shows the published judgement and its date on the public page', async () => {
    const published = await api<PublicPlan>(`/api/public/plans/${planId}`, { as: null });
    expect(published.publication!.published_by).toBe(REVIEWER);
    // The public page as the public sees it: no account.
    await context.clearCookies();
    await page.goto(`${server.url}/public/plans/${planId}`);
    await page.locator('.publication-date').waitFor();
    await expect(page.locator('.publication-date').textContent()).resolves.toContain(
      `数据发布于 ${published.publication!.published_at.slice(0, 10)}`,
    );
    const row = page.locator('.public-statuses tr.ant-table-row').filter({ hasText: '养老保险' }).first();
    await expect(row.textContent()).resolves.toContain('提前实现');
    expect(await page.locator('.public-statuses tr.ant-table-row').count()).toBe(published.statuses.length);
    await shot(page, 'approval-03-public-published');
    expect(errors).toEqual([]);
  });
});
