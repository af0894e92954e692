// The web app end to end in Debian Chromium: overview, plan reader and a correction, indicator chart,
// comparison, an XLSX upload with a bad row, search, the public page, a phone-sized screen, no console errors.
// page.evaluate callbacks run in the browser, so these tests see the DOM types.
/// <reference lib="dom" />
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../helpers/corpus.js';
import { ARTIFACTS, horizontalOverflow, launch, openPage, shot } from './browser.js';
import { startServer, type RunningServer } from './server.js';

interface PlanOverview {
  id: number;
  title: string;
  region: string;
  sentence: string;
}
interface FigureJson {
  kind: string;
  id: number;
  start: number | null;
  quote: string;
  value: string | null;
  unit: string | null;
  indicator_id: string | null;
  indicator_name: string | null;
}

const EDITOR = '王敏';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
const timings: Record<string, number> = {};

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, { headers: server.headers });
  expect(response.ok, `${path} → ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

let plans: PlanOverview[];
let jianxi: PlanOverview;

describe('the web app in Chromium', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await server.signIn(context);
    context.setDefaultTimeout(15_000);
    page = await openPage(context, errors);
    plans = (await api<{ plans: PlanOverview[] }>('/api/overview')).plans;
    jianxi = plans.find((p) => p.region === '涧西区')!;
  });

  afterAll(async () => {
    writeFileSync(`${ARTIFACTS}timings.json`, JSON.stringify(timings, null, 2));
    await browser?.close();
    await server?.close();
  });

  it('opens the overview: every plan with its status sentence, and switches to English', async () => {
    expect(plans).toHaveLength([...manifest().values()].filter((d) => d.doc_type === 'plan').length);
    const started = Date.now();
    await page.goto(server.url + '/');
    await page
      .locator('.plan-card')
      .nth(plans.length - 1)
      .waitFor();
    timings.overviewFirstLoadMs = Date.now() - started;
    timings.overviewLoadEventMs = await page.evaluate(() => {
      const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      return Math.round(nav!.loadEventEnd - nav!.startTime);
    });
    console.log(
      `overview first load: ${timings.overviewFirstLoadMs} ms to plans visible (load event ${timings.overviewLoadEventMs} ms)`,
    );

    await expect(page.getByRole('heading', { name: '规划实施总览' }).isVisible()).resolves.toBe(true);
    await expect.poll(() => page.locator('.plan-card').count()).toBe(plans.length);
    for (const plan of plans) {
      const card = page.locator(`.plan-card[data-plan="${plan.id}"]`);
      await expect(card.locator('.plan-title').textContent()).resolves.toBe(plan.title);
      await expect(card.locator('.plan-sentence').textContent()).resolves.toBe(plan.sentence);
    }
    await expect(page.locator('.warnings').textContent()).resolves.toContain('预警');
    await shot(page, '01-overview');

    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Plan implementation overview' }).waitFor();
    await shot(page, '01-overview-english');
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('heading', { name: '规划实施总览' }).waitFor();
  });

  let figure: FigureJson;

  it('opens the Jianxi plan with its outline and every figure highlighted', async () => {
    await page.locator(`.plan-card[data-plan="${jianxi.id}"] .plan-title`).click();
    await page.waitForURL(`**/documents/${jianxi.id}`);
    await page.locator('.doc-title').waitFor();
    await expect(page.locator('.doc-title').textContent()).resolves.toBe(jianxi.title);
    const reader = await api<{ figures: FigureJson[]; outline: unknown[] }>(
      `/api/documents/${jianxi.id}/reader`,
    );
    const placed = reader.figures.filter((f) => f.start !== null);
    expect(placed.length).toBeGreaterThan(50);
    // Figures that overlap another are not marked twice, so at most as many marks as placed figures.
    const marks = await page.locator('mark.figure').count();
    expect(marks).toBeGreaterThan(placed.length * 0.8);
    expect(marks).toBeLessThanOrEqual(placed.length);
    await expect(page.locator('.outline-item').count()).resolves.toBe(reader.outline.length);
    figure = placed.find((f) => f.kind === 'target' && f.indicator_id && f.value !== null)!;
    expect(figure).toBeDefined();
    await shot(page, '02-reader');
  });

  it('clicks a highlighted figure, sees what Lantu read, and corrects it with a reason', async () => {
    // The corrections are signed by the signed-in account.
    await server.signIn(context, { login: EDITOR });
    await page.reload();

    const mark = page.locator(`[data-figure="target:${figure.id}"]`);
    await mark.scrollIntoViewIfNeeded();
    await mark.click();
    const drawer = page.getByRole('dialog');
    await drawer.waitFor();
    await expect(drawer.textContent()).resolves.toContain(figure.quote);
    await expect(drawer.textContent()).resolves.toContain(figure.indicator_name!);
    await shot(page, '03-figure');

    await drawer.getByRole('button', { name: '更正' }).click();
    const corrected = String(Number(figure.value) + 1);
    await drawer.getByLabel('数值').fill(corrected);
    await drawer.getByPlaceholder(/例如/).fill('核对原文印刷稿，数值有误');
    await drawer.getByRole('button', { name: '保存更正' }).click();
    // Entered for review: the figure changes once another person approved the correction (两人原则).
    await drawer.locator('.correction-pending').waitFor();
    await expect(drawer.locator('.correction-pending').textContent()).resolves.toContain('待审核');
    const pending = await api<{ items: Array<{ approval: { id: number } }> }>(
      `/api/corrections?document_id=${jianxi.id}`,
    );
    const approved = await fetch(`${server.url}/api/approvals/approve`, {
      method: 'POST',
      // A second person (the tests' administrator, not the editor) approves: 两人原则.
      headers: { 'content-type': 'application/json', ...server.headers },
      body: JSON.stringify({ ids: [pending.items[0]!.approval.id] }),
    });
    expect(approved.status, await approved.clone().text()).toBe(200);
    await page.reload();
    await mark.scrollIntoViewIfNeeded();
    await mark.click();
    await drawer.locator('.correction-note').waitFor();
    const note = await drawer.locator('.correction-note').textContent();
    expect(note).toContain(`已由 ${EDITOR}`);
    expect(note).toContain('核对原文印刷稿，数值有误');
    await expect.poll(async () => (await mark.getAttribute('class')) ?? '').toContain('corrected');
    await shot(page, '04-corrected');

    const stored = await api<{
      items: Array<{ by: string; reason: string; original: { value: string }; corrected: { value: string } }>;
    }>(`/api/corrections?document_id=${jianxi.id}`);
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]).toMatchObject({
      by: EDITOR,
      original: { value: figure.value },
      corrected: { value: corrected },
    });
  });

  it('opens the indicator page from the figure and sees the chart with its evidence', async () => {
    await page.getByRole('dialog').getByRole('link', { name: figure.indicator_name! }).click();
    await page.waitForURL(`**/indicators/${figure.indicator_id}?plan=${jianxi.id}`);
    await page.locator('.indicator-title').waitFor();
    await expect(page.locator('.indicator-title').textContent()).resolves.toBe(figure.indicator_name);
    const chart = page.getByRole('img', {
      name: new RegExp(`${figure.indicator_name}：基期、目标、预期路径与实际值`),
    });
    await chart.locator('canvas').waitFor();
    const box = await chart.locator('canvas').first().boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(200);
    const series = await api<{ targets: unknown[]; base: unknown; actual: unknown[] }>(
      `/api/series?indicator_id=${figure.indicator_id}&document_id=${jianxi.id}`,
    );
    const evidenceRows = await page.locator('.section .ant-table-tbody tr.ant-table-row').count();
    expect(evidenceRows).toBe((series.base ? 1 : 0) + series.targets.length + series.actual.length);
    await page.waitForTimeout(600); // the chart's entry animation
    await shot(page, '05-indicator');
  });

  it('compares 研发经费投入强度 across the plans that have it', async () => {
    const compared = await api<{ items: Array<{ region: string | null; indicator_id: string }> }>(
      '/api/compare?indicator_id=rd-intensity',
    );
    const withIndicator = compared.items.map((item) => item.region).sort();
    // The four Henan plans all have it in their main table; others may too, under their own names.
    expect(withIndicator).toEqual(expect.arrayContaining(['涧西区', '洛龙区', '偃师区', '卫滨区']));
    await page.getByRole('menuitem', { name: '区域对比' }).click();
    await page.waitForURL('**/compare');
    const picker = page.getByLabel('选择指标');
    await picker.click();
    await picker.fill('研发经费投入强度');
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^研发经费投入强度/ })
      .click();
    await page.keyboard.press('Escape');
    await page.waitForURL(/indicator=gdp%2Crd-intensity|indicator=gdp,rd-intensity/);
    const rows = page.locator('.compare-table tr.ant-table-row').filter({ hasText: '研发经费投入强度' });
    await expect.poll(() => rows.count()).toBe(withIndicator.length);
    const regions = await rows.locator('td:first-child').allTextContents();
    expect(regions.sort()).toEqual(withIndicator);
    await expect(page.locator('.compare-page canvas').count()).resolves.toBeGreaterThan(0);
    await page.waitForTimeout(600);
    await shot(page, '06-compare');
  });

  it('uploads an XLSX of observations with one bad row and sees the error in place', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('observations');
    sheet.addRow(['region', 'indicator', 'year', 'value', 'unit', 'source', 'note']);
    sheet.addRow([jianxi.region, '地区生产总值', 2022, '451.9', '亿元', '统计公报', '']);
    sheet.addRow([jianxi.region, '地区生产总值', 2023, '约四百八十', '亿元', '统计公报', '']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    await page.getByRole('menuitem', { name: '数据填报' }).click();
    await page.waitForURL('**/data');
    await page.locator('input[type=file]').setInputFiles({
      name: '涧西区填报.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bytes,
    });
    const summary = page.locator('.import-summary');
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain('1 处错误，未导入任何数据');
    const bad = page.locator('.upload-grid tr.row-error');
    await expect.poll(() => bad.count()).toBe(1);
    await expect(bad.textContent()).resolves.toContain('约四百八十');
    await expect(bad.locator('.cell-error-message').textContent()).resolves.toContain('不是数字');
    await expect(
      page.locator('.upload-grid tr.ant-table-row:not(.row-error)').textContent(),
    ).resolves.toContain('451.9');
    await shot(page, '07-upload-error');
    const before = await api<{ total: number }>(`/api/observations?source_kind=import`);
    expect(before.total).toBe(0);

    await page.getByRole('button', { name: '只导入无误的行' }).click();
    await expect.poll(async () => (await summary.textContent()) ?? '').toContain('已导入 1 行');
    const after = await api<{ items: Array<{ value: string; year: number }> }>(
      `/api/observations?source_kind=import`,
    );
    expect(after.items.map((o) => [o.year, o.value])).toEqual([[2022, '451.9']]);
  });

  it('searches for 养老 and opens a hit in the reader', async () => {
    await page.getByRole('menuitem', { name: '全文检索' }).click();
    await page.waitForURL('**/search');
    await page.getByPlaceholder(/输入检索词/).fill('养老');
    await page.keyboard.press('Enter');
    const found = await api<{ total: number }>(`/api/search?q=${encodeURIComponent('养老')}`);
    expect(found.total).toBeGreaterThan(0);
    await page.getByText(`“养老”共 ${found.total} 处`).waitFor();
    const hits = page.locator('.search-hit');
    expect(await hits.count()).toBe(Math.min(20, found.total));
    for (const text of await page.locator('.search-hit mark').allTextContents()) expect(text).toBe('养老');
    await shot(page, '08-search');
    await hits.first().locator('.hit-context').click();
    await page.waitForURL(/\/documents\/\d+\?line=\d+/);
    const line = page.locator('.doc-line.line-target');
    await line.waitFor();
    await expect(line.textContent()).resolves.toContain('养老');
    await shot(page, '09-search-hit-in-reader');
  });

  it('searches a synonym (研发 finds 研究与实验发展经费投入强度) and narrows the hits by a facet', async () => {
    const all = await api<{ items: Array<{ snippet: string }>; expansions: Record<string, string[]> }>(
      `/api/search?q=${encodeURIComponent('研发')}&limit=1000`,
    );
    const at = all.items.findIndex((h) => h.snippet.includes('研究与实验发展经费投入强度'));
    expect(at).toBeGreaterThanOrEqual(0);
    await page.goto(`${server.url}/search?q=${encodeURIComponent('研发')}&page=${Math.floor(at / 20) + 1}`);
    await page.locator('.search-expansions').getByText('研究与实验发展经费投入强度').waitFor();
    await page.locator('.search-hit mark', { hasText: '研究与实验发展经费投入强度' }).first().waitFor();
    await shot(page, '08b-search-synonym');
    await page.locator('.facet-doc_type .facet-value', { hasText: '规划纲要' }).click();
    await page.waitForURL(/doc_type=plan/);
    await page.locator('.facet-doc_type .ant-tag-checkable-checked', { hasText: '规划纲要' }).waitFor();
    const types = await page.locator('.search-hit .ant-tag').allTextContents();
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['规划纲要']));
  });

  it('shows the public page of a plan without any editing controls', async () => {
    const visitor = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const publicPage = await openPage(visitor, errors);
    await publicPage.goto(`${server.url}/public/plans/${jianxi.id}`);
    // Nothing is published yet: the public page says so and shows no machine judgement.
    await publicPage.locator('.not-published').waitFor();
    await expect(publicPage.locator('.public-statuses').count()).resolves.toBe(0);
    await expect(publicPage.locator('.app-menu').count()).resolves.toBe(0);
    await expect(publicPage.getByRole('button', { name: '更正' }).count()).resolves.toBe(0);
    await shot(publicPage, '10-public');
    await visitor.close();
  });

  it('fits a 390 px wide phone screen without horizontal scrolling', async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const small = await openPage(phone, errors);
    const paths = [
      '/',
      `/documents/${jianxi.id}`,
      `/indicators/${figure.indicator_id}?plan=${jianxi.id}`,
      '/compare?indicator=rd-intensity',
      '/review',
      '/data',
      '/approval',
      `/search?q=${encodeURIComponent('养老')}`,
      `/public/plans/${jianxi.id}`,
    ];
    for (const [i, path] of paths.entries()) {
      await small.goto(server.url + path, { waitUntil: 'networkidle' });
      await small.locator('.page').first().waitFor();
      expect(await horizontalOverflow(small), path).toBeLessThanOrEqual(0);
      await shot(small, `11-phone-${i}`);
    }
    await phone.close();
  });

  it('logged no console errors on any page', () => {
    expect(errors).toEqual([]);
  });
});
