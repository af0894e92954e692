// The 规划评估 page in Chromium against the API it shows: the summary sentence, an indicator row with its verdict, road
// ahead and source line, binding rows marked, the kind switch, a delegated target entered, and the English switch.
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, shot } from './browser.js';
import { startServer, type RunningServer } from './server.js';

/** The machine words a Chinese page must never show as a label. */
const ENGLISH_LABELS =
  /\b(?:level|growth|compound|linear|bound|cumulative|qualitative|manual|table|text|origin)\b/i;

interface Evaluation {
  sentence: string;
  asOf: number | null;
  plan: { periodStart: number | null; periodEnd: number | null };
  indicators: Array<{
    name: string;
    indicatorId: string | null;
    origin: 'table' | 'text';
    attribute: string | null;
    verdict: { label: string; text: string };
    roadAhead: { sentence: string } | null;
    evidence: { line: number | null };
  }>;
}

let server: RunningServer;
let browser: Browser;
let page: Page;
let planId: number;
/** The login of the account the browser is signed in as (an administrator). */
let login: string;
const errors: string[] = [];

async function evaluation(year?: number): Promise<Evaluation> {
  const query = year ? `?year=${year}` : '';
  return (await (
    await fetch(`${server.url}/api/plans/${planId}/evaluation${query}`, { headers: server.headers })
  ).json()) as Evaluation;
}

describe('the plan evaluation page', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    context.setDefaultTimeout(20_000);
    login = await server.signIn(context);
    page = await openPage(context, errors);
    const overview = (await (
      await fetch(`${server.url}/api/overview`, { headers: server.headers })
    ).json()) as {
      plans: Array<{ id: number; region: string }>;
    };
    planId = overview.plans.find((p) => p.region === '涧西区')!.id;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is reached from the plan card of the overview', async () => {
    await page.goto(server.url, { waitUntil: 'networkidle' });
    await page.locator(`.plan-card[data-plan="${planId}"] a`, { hasText: '规划评估' }).click();
    await page.locator('.evaluation-sentence').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/plans/${planId}/evaluation`);
  });

  it('shows the sentence and each row as the API gives them, binding rows marked, rows at their source line', async () => {
    const answer = await evaluation();
    await page.goto(`${server.url}/plans/${planId}/evaluation`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('.evaluation-sentence').textContent()).toBe(answer.sentence);
    const main = answer.indicators.filter((i) => i.origin === 'table');
    const rows = page.locator('.evaluation-table tbody tr.ant-table-row');
    expect(await rows.count()).toBe(main.length);
    // A row with a road ahead when there is one, else the first: name, verdict, road ahead and source as the API says.
    const row = main.find((i) => i.roadAhead) ?? main[0]!;
    const shown = rows.filter({ has: page.locator('td', { hasText: row.name }) }).first();
    const text = (await shown.innerText()).replace(/\s+/g, '');
    expect(text).toContain(row.verdict.text);
    if (row.roadAhead) expect(text).toContain(row.roadAhead.sentence.replace(/\s+/g, ''));
    const href = await shown.locator('a.evidence-link').last().getAttribute('href');
    expect(href).toBe(`/documents/${planId}?line=${row.evidence.line}`);
    const binding = main.filter((i) => i.attribute === '约束性').length;
    expect(await page.locator('.evaluation-table .binding-tag').count()).toBe(binding);
    const textTargets = answer.indicators.length - main.length;
    expect(await page.locator('.text-target-table tbody tr.ant-table-row').count()).toBe(
      Math.min(textTargets, 20),
    );
    const body = await page.evaluate(() => document.body.innerText);
    expect(body).not.toMatch(ENGLISH_LABELS);
    await shot(page, 'evaluation-page');
    // The row's name opens its indicator page, whose chart draws the path still needed.
    if (row.indicatorId) {
      await shown.locator('a', { hasText: row.name }).first().click();
      await page.locator('.indicator-page canvas').first().waitFor();
      expect(new URL(page.url()).pathname).toBe(`/indicators/${row.indicatorId}`);
      await shot(page, 'indicator-road-ahead');
      await page.goBack({ waitUntil: 'networkidle' });
    }
  });

  it('switches to the mid-term year and shows that evaluation', async () => {
    const { plan } = await evaluation();
    const midterm = plan.periodStart! + Math.floor((plan.periodEnd! - plan.periodStart!) / 2);
    const answer = await evaluation(midterm);
    await page.locator('.pickers .ant-segmented-item', { hasText: '中期评估' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('midterm');
    await expect.poll(() => page.locator('.evaluation-sentence').textContent()).toBe(answer.sentence);
  });

  it('enters a delegated target and shows it as the value in force', async () => {
    const delegated = (await (
      await fetch(`${server.url}/api/plans/${planId}/delegated`, { headers: server.headers })
    ).json()) as {
      items: Array<{ row_id: number; name: string }>;
    };
    expect(delegated.items.length).toBeGreaterThan(0);
    const first = delegated.items[0]!;
    const row = page
      .locator('.delegated-card tbody tr.ant-table-row')
      .filter({ has: page.locator('td', { hasText: first.name }) })
      .first();
    await row.getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('.assign-dialog input').first().fill('〔15〕');
    await dialog.locator('.assign-dialog input').nth(1).fill('市下达“十四五”目标任务的通知');
    // The dialog's opening animation can still cover the button on a loaded machine: wait until it is the one hit.
    await dialog.getByRole('button', { name: '保存并重新评估' }).click({ timeout: 60_000 });
    await expect.poll(() => row.locator('.assigned-value').textContent()).toContain('〔15〕');
    const after = (await (
      await fetch(`${server.url}/api/plans/${planId}/delegated`, { headers: server.headers })
    ).json()) as {
      items: Array<{
        row_id: number;
        assigned: { raw: string; source_document: string; entered_by: string } | null;
      }>;
    };
    expect(after.items.find((i) => i.row_id === first.row_id)?.assigned).toMatchObject({
      raw: '〔15〕',
      source_document: '市下达“十四五”目标任务的通知',
      entered_by: login,
    });
  });

  it('speaks English on request', async () => {
    await page.locator('.header-tools .ant-segmented-item', { hasText: 'EN' }).click();
    await expect.poll(() => page.locator('h3').first().textContent()).toBe('Plan evaluation');
    const body = await page.evaluate(() => document.body.innerText);
    for (const word of ['Main indicators', 'Verdict', 'Road ahead', 'Targets assigned by the higher level'])
      expect(body).toContain(word);
    await page.locator('.header-tools .ant-segmented-item', { hasText: '中文' }).click();
    expect(errors).toEqual([]);
  });
});
