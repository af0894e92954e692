// The implementation ledger in Debian Chromium: the planner proposes the decomposition and assigns a task, the
// unit reports progress and asks to close it, the planner confirms the 销号; overdue tasks show on the overview.
// page.evaluate callbacks run in the browser, so these tests see the DOM types.
/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/ledger/index.js';
import { launch, openPage, shot } from './browser.js';
import { startServer, type RunningServer } from './server.js';

const PLANNER = '王敏';
const UNIT_USER = '李强';

/** Ant Design puts a space between the two characters of a two-character button (指 派). */
const button = (text: string) => new RegExp(`^${[...text].join('\\s?')}$`);

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
let planId: number;

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, { headers: server.headers });
  expect(response.ok, `${path} → ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

// Each person has an account (made at the first sign-in; administrator here: this test is about the ledger, not
// roles); its session cookie replaces the one before, so no request goes out without one.
async function signIn(name: string): Promise<void> {
  await server.signIn(context, { login: name, role: 'admin' });
  await page.reload();
  await page.locator('.header-user').waitFor();
}

describe('the implementation ledger in Chromium', () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await server.signIn(context);
    context.setDefaultTimeout(15_000);
    page = await openPage(context, errors);
    const plans = await api<{ items: Array<{ id: number; region: string }> }>('/api/plans?limit=100');
    planId = plans.items.find((p) => p.region === '涧西区')!.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  let task: Task;

  it('proposes the draft decomposition of a plan', async () => {
    await page.goto(`${server.url}/ledger?plan=${planId}`);
    await signIn(PLANNER);
    await page.locator('.propose-decomposition').click();
    const rows = page.locator('.task-table tr.ant-table-row');
    await rows.first().waitFor();
    const listed = await api<{ items: Task[]; total: number }>(`/api/tasks?document_id=${planId}&limit=1000`);
    expect(listed.total).toBeGreaterThan(20);
    expect(listed.items.every((t) => t.lead_unit !== null)).toBe(true);
    task = listed.items[0]!;
    await expect(rows.first().textContent()).resolves.toContain(task.title);
    await shot(page, 'ledger-01-draft');
  });

  it('lets the planner assign a task to a unit and a person', async () => {
    const row = page.locator('.task-table tr.ant-table-row').filter({ hasText: task.title }).first();
    await row.getByRole('button', { name: button('指派') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('责任人').fill('张三');
    await dialog.getByLabel('完成时限').fill('2030-06-30');
    await dialog.getByRole('button', { name: button('保存') }).click();
    await expect
      .poll(async () => (await api<Task>(`/api/tasks/${task.id}`)).responsible, { timeout: 10_000 })
      .toBe('张三');
    const assigned = await api<Task>(`/api/tasks/${task.id}`);
    expect(assigned.due_date).toBe('2030-06-30');
    const audit = await api<{ items: Array<{ action: string; actor: string }> }>(
      `/api/audit?entity=task&entity_id=${task.id}`,
    );
    expect(audit.items.find((a) => a.action === 'task.update')?.actor).toBe(PLANNER);
  });

  it('takes the unit’s progress report and its request to close', async () => {
    await signIn(UNIT_USER);
    const row = page.locator('.task-table tr.ant-table-row').filter({ hasText: task.title }).first();
    await row.getByRole('button', { name: button('报送进展') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('进展情况').fill('已完成年度目标任务的80%');
    await dialog.getByLabel('完成比例（%）').fill('80');
    await dialog.getByLabel('存在问题').fill('配套资金尚未到位');
    await dialog.getByRole('button', { name: button('报送') }).click();
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 10_000 }).toContain('推进中');
    await row.getByRole('button', { name: button('申请销号') }).click();
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 10_000 }).toContain('待销号');
    const stored = await api<Task & { reports: Array<{ reported_by: string; percent: string }> }>(
      `/api/tasks/${task.id}`,
    );
    expect(stored.reports.map((r) => [r.reported_by, r.percent])).toEqual([[UNIT_USER, '80']]);
    await shot(page, 'ledger-02-requested');
  });

  it('lets the planner confirm the 销号', async () => {
    await signIn(PLANNER);
    const row = page.locator('.task-table tr.ant-table-row').filter({ hasText: task.title }).first();
    await row.getByRole('button', { name: button('确认销号') }).click();
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 10_000 }).toContain('已完成');
    const closed = await api<Task>(`/api/tasks/${task.id}`);
    expect(closed).toMatchObject({ state: '已完成', closed_by: PLANNER, overdue: null });
  });

  it('starts the 项目台账 from the plan’s 专栏 and shows the investment in 亿元', async () => {
    await page.getByRole('tab', { name: '项目台账' }).click();
    await page.getByRole('button', { name: '从规划专栏导入项目' }).click();
    type LedgerPage = { total: number; items: Array<{ name: string; total_investment: string | null }> };
    const projects = await api<{ total: number }>(`/api/projects?document_id=${planId}`);
    await expect
      .poll(async () => (await api<LedgerPage>('/api/project-ledger')).total, { timeout: 10_000 })
      .toBe(projects.total);
    const first = (await api<LedgerPage>('/api/project-ledger?limit=1')).items[0]!;
    const priced = (await api<LedgerPage>('/api/project-ledger?limit=1000')).items.find(
      (p) => p.total_investment !== null,
    )!;
    const panel = page.getByRole('tabpanel');
    await expect
      .poll(async () => (await panel.textContent()) ?? '', { timeout: 10_000 })
      .toContain(first.name);
    // The first page shows 20 rows: look for a priced project among them when there is one.
    if ((await panel.textContent())?.includes(priced.name))
      await expect(panel.textContent()).resolves.toContain(priced.total_investment!);
    await shot(page, 'ledger-03-projects');
    await page.getByRole('tab', { name: '任务台账' }).click();
  });

  it('shows overdue tasks as warnings on the overview', async () => {
    // The plan ended in 2025: every task still open after its deadline is 逾期未完成.
    const overdue = await api<{ total: number }>(`/api/tasks?document_id=${planId}&overdue=true`);
    expect(overdue.total).toBeGreaterThan(0);
    await page.getByRole('menuitem', { name: '总览' }).click();
    const card = page.locator('.overdue-warnings');
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain(`逾期任务（${overdue.total}）`);
    await expect(card.textContent()).resolves.toContain('逾期未完成');
    await shot(page, 'ledger-04-overview');
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
