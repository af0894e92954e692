// Signing in through the web app, and what a 责任单位 may change: its own unit's task, not another unit's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { accountWithToken, bearer } from '../helpers/accounts.js';
import { launch, openPage, shot } from './browser.js';
import { startServer, type RunningServer } from './server.js';

let server: RunningServer;
let browser: Browser;
let ownTask: number;
let otherTask: number;
let planId: number;
const UNIT = '区科技局';

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const plan = await server.store.db
    .selectFrom('documents')
    .select(['id', 'region_id'])
    .where('doc_type', '=', 'plan')
    .where('region_id', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  planId = plan.id;
  const headers = bearer((await accountWithToken(server.store.db, { role: 'planning' })).token);
  const unit = async (name: string) =>
    (
      await server.app.inject({
        method: 'POST',
        url: '/api/units',
        headers,
        payload: { region_id: plan.region_id, name },
      })
    ).json().id as number;
  const task = async (unitId: number, title: string) =>
    (
      await server.app.inject({
        method: 'POST',
        url: '/api/tasks',
        headers,
        payload: { region_id: plan.region_id, title, due_date: '2030-12-31', lead_unit_id: unitId },
      })
    ).json().id as number;
  ownTask = await task(await unit(UNIT), '建设科技创新平台');
  otherTask = await task(await unit('区发改委'), '推进重大项目前期工作');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('accounts in the browser', () => {
  it('asks the anonymous visitor to sign in, but shows the public page without an account', async () => {
    const errors: string[] = [];
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await openPage(context, errors);
    await page.goto(`${server.url}/`);
    await page
      .getByRole('button', { name: '登 录' })
      .or(page.getByRole('button', { name: '登录' }))
      .first()
      .waitFor();
    expect(await page.locator('.app-menu').count()).toBe(0);
    await page.goto(`${server.url}/public/plans/${planId}`);
    await page.locator('.public-page').waitFor();
    expect(await page.getByLabel('登录名').count()).toBe(0);
    await context.close();
  });

  it('signs a 责任单位 in through the form; it may report on its own task and not on another unit’s', async () => {
    const password = 'unit-password-2026';
    await accountWithToken(server.store.db, { login: 'li.qiang', role: 'unit', unit: UNIT, password });
    const errors: string[] = [];
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await openPage(context, errors);
    await page.goto(`${server.url}/`);
    await page.getByLabel('登录名').fill('li.qiang');
    await page.getByLabel('密码').fill(password);
    await page.locator('form button[type="submit"]').click();
    await page.locator('.header-user', { hasText: 'li.qiang' }).waitFor();
    await shot(page, 'accounts-signed-in');
    // The review page needs 审核, which a 责任单位 does not have: it is not offered.
    expect(await page.locator('.app-menu', { hasText: '检查与审核' }).count()).toBe(0);
    expect(await page.locator('.app-menu', { hasText: '实施台账' }).count()).toBe(1);
    // The app's own session: the cookie (HttpOnly, so the page cannot read it) and the CSRF token of /api/session.
    const statuses = await page.evaluate(
      async ([own, other]: number[]) => {
        const session = await (await fetch('/api/session')).json();
        const report = (id: number) =>
          fetch(`/api/tasks/${id}/reports`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrf_token },
            body: JSON.stringify({ progress: '完成选址' }),
          }).then((r) => r.status);
        const noToken = await fetch(`/api/tasks/${own}/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ progress: '完成选址' }),
        }).then((r) => r.status);
        return {
          cookieVisible: document.cookie.includes('lantu_session'),
          own: await report(own!),
          other: await report(other!),
          noToken,
        };
      },
      [ownTask, otherTask],
    );
    expect(statuses).toEqual({ cookieVisible: false, own: 201, other: 403, noToken: 403 });
    // 退出登录 ends the session: the sign-in form is back.
    await page.locator('.header-user').click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('登录名').waitFor();
    expect(errors.filter((e) => !/403|401|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });
});
