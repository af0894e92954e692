// 文档管理 in Debian Chromium: two files uploaded at once (one good, one bad) each with its result, and a corpus
// plan replaced by a revised version whose changed target the monitoring and the reader then show.
// page.evaluate callbacks run in the browser, so these tests see the DOM types.
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusText, isRevisable, revise, type RevisableRow } from '../helpers/revision.js';
import { launch, openPage, shot } from './browser.js';
import { startServer, type RunningServer } from './server.js';

// The signed-in 规划科 account that uploads, revises, removes and restores (a login has no spaces).
const EDITOR = '规划科赵颖';
const PLAN = 'luoyang-yanshi-plan-2021-2025';

let server: RunningServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, { headers: server.headers });
  expect(response.ok, `${path} → ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

interface Listed {
  id: number;
  filename: string;
  version: number;
}

describe('documents in the web app', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    context.setDefaultTimeout(20_000);
    await server.signIn(context, { login: EDITOR, role: 'planning' });
    page = await openPage(context, errors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('uploads two files at once and shows each result: one stored with what was read, one refused', async () => {
    await page.goto(`${server.url}/documents`);
    await page.getByRole('menuitem', { name: '文档管理' }).waitFor();
    await page.locator('.documents-table tr.ant-table-row').first().waitFor();
    await page
      .locator('.ant-upload-drag input[type=file]')
      .setInputFiles(['fixtures/formats/sample-plan.docx', 'fixtures/bad/random-as.txt']);
    const good = page.locator('.upload-result[data-file="sample-plan.docx"]');
    const bad = page.locator('.upload-result[data-file="random-as.txt"]');
    await good.locator('.upload-summary').waitFor();
    await bad.locator('.ant-typography-danger').waitFor();
    const summary = (await good.textContent()) ?? '';
    expect(summary).toContain('已入库');
    expect(summary).toContain('规划纲要');
    expect(summary).toMatch(/指标表行 [1-9]\d* 行/);
    const refused = (await bad.textContent()) ?? '';
    expect(refused).toContain('未入库');
    // The server's own message, naming the file.
    expect(refused).toContain('random-as.txt');
    await shot(page, 'documents-01-upload');
    // The refused file's 400 is the browser's only complaint.
    expect(errors).toEqual([expect.stringContaining('status of 400')]);
    errors.length = 0;
    const stored = await api<{ items: Listed[] }>('/api/documents?limit=1000');
    expect(stored.items.some((d) => d.filename === 'sample-plan.docx')).toBe(true);
    expect(stored.items.some((d) => d.filename === 'random-as.txt')).toBe(false);
    // The list shows the new document with its reading and who uploaded it.
    const row = page.locator('.documents-table tr.ant-table-row', { hasText: 'sample-plan.docx' });
    await row.waitFor();
    expect(await row.textContent()).toContain(EDITOR);
  });

  it('replaces a plan with a revised version and shows the new target', async () => {
    const plan = (await api<{ items: Listed[] }>('/api/documents?doc_type=plan&limit=1000')).items.find(
      (d) => d.filename === `${PLAN}.txt`,
    )!;
    const rows = (
      await api<{ items: Array<RevisableRow & { name: string }> }>(
        `/api/rows?document_id=${plan.id}&limit=1000`,
      )
    ).items;
    const judged = (await api<{ items: Array<{ row_id: number }> }>(`/api/statuses?limit=1000`)).items;
    const text = corpusText(PLAN);
    // A row the monitoring judges, with a plain number as its target.
    const row = rows.find((r) => isRevisable(text.split('\n'), r) && judged.some((s) => s.row_id === r.id))!;
    expect(row, 'a judged row with a numeric target').toBeDefined();
    const next = String(Number(row.raw.target_raw) + 7);
    const revised = revise(text, row, next);

    const listed = page.locator('.documents-table tr.ant-table-row', { hasText: `${PLAN}.txt` });
    await listed.getByRole('button', { name: '上传修订版' }).click();
    const dialog = page.locator('.ant-modal');
    await dialog.locator('input[type=file]').setInputFiles({
      name: `${PLAN}-调整.txt`,
      mimeType: 'text/plain',
      buffer: Buffer.from(revised),
    });
    await dialog.getByRole('textbox', { name: '调整原因' }).fill('中期评估后调整');
    await dialog.getByRole('button', { name: '上传并替换' }).click();
    await page.getByText('已存为第 2 版').waitFor();

    const current = page.locator('.documents-table tr.ant-table-row', { hasText: `${PLAN}-调整.txt` });
    await expect
      .poll(async () => (await current.locator('.version-cell').textContent()) ?? '')
      .toContain('第 2 版');
    const now = (await api<{ items: Listed[] }>('/api/documents?doc_type=plan&limit=1000')).items.find(
      (d) => d.filename === `${PLAN}-调整.txt`,
    )!;
    // Monitoring follows the new version: the revised row is judged by the new target, the old plan by nothing.
    const statuses = (
      await api<{ items: Array<{ document_id: number; row_id: number; id: number }> }>(
        '/api/statuses?limit=1000',
      )
    ).items;
    expect(statuses.some((s) => s.document_id === plan.id)).toBe(false);
    const newRows = (
      await api<{ items: Array<RevisableRow & { name: string }> }>(
        `/api/rows?document_id=${now.id}&limit=1000`,
      )
    ).items;
    const newRow = newRows.find((r) => r.name === row.name && r.raw.target_raw === next)!;
    expect(newRow).toBeDefined();
    expect(statuses.some((s) => s.row_id === newRow.id)).toBe(true);

    // Both versions listed; the new one opens in the reader with the new value on its line.
    await current.locator('.ant-table-row-expand-icon').click();
    const versions = page.locator('.versions li');
    await expect.poll(() => versions.count()).toBe(2);
    expect(await versions.nth(1).textContent()).toContain('中期评估后调整');
    await shot(page, 'documents-02-versions');
    await versions.nth(1).getByRole('link').click();
    await page.waitForURL(`**/documents/${now.id}`);
    await expect
      .poll(async () => (await page.locator('body').textContent()) ?? '', { timeout: 20_000 })
      .toContain(
        revised.split('\n')[revised.split('\n').findIndex((l, i) => l !== text.split('\n')[i])]!.trim(),
      );
    expect(errors).toEqual([]);
  });

  it('removes a document and restores it from the 已删除 filter', async () => {
    await page.goto(`${server.url}/documents`);
    const listed = page.locator('.documents-table tr.ant-table-row', { hasText: 'sample-plan.docx' });
    await listed.getByRole('button', { name: '删除' }).click();
    // antd spaces a two-character button label (删 除).
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /删\s?除/ })
      .click();
    await page.getByText('已删除，可在“已删除”中恢复').waitFor();
    await expect.poll(() => listed.count()).toBe(0);
    await page.getByText('已删除', { exact: true }).click();
    const removed = page.locator('.documents-table tr.ant-table-row', { hasText: 'sample-plan.docx' });
    await removed.getByRole('button', { name: '恢复' }).click();
    await page.getByText('已恢复').waitFor();
    const back = await api<{ items: Listed[] }>('/api/documents?limit=1000');
    expect(back.items.some((d) => d.filename === 'sample-plan.docx')).toBe(true);
    const audit = (await api<{ items: Array<{ action: string; actor: string }> }>('/api/audit?limit=1000'))
      .items;
    expect(audit.filter((a) => a.action === 'remove' || a.action === 'restore').map((a) => a.actor)).toEqual([
      EDITOR,
      EDITOR,
    ]);
    expect(errors).toEqual([]);
  });
});
