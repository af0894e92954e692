// The reader in Chromium shows what a reading stage found about a document (an outline numbering gap) under its line.
/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { ingest, openStore, type Store } from '../../src/store/index.js';
import { launch, openPage, shot } from './browser.js';
import { ensureWebBuilt, signInContext } from './server.js';

const PLAN = [
  '洛阳市涧西区国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要',
  '',
  '第一章 发展基础',
  '一、经济实力稳步提升',
  '全区经济总量持续扩大，2025年地区生产总值达到800亿元。',
  '二、创新能力持续增强',
  '研发投入不断增加。',
  '四、生态环境明显改善',
  '空气质量持续好转。',
  '',
].join('\n');

let store: Store;
let app: FastifyInstance;
let browser: Browser;
let url: string;
let documentId: number;

describe('the reader shows reading diagnostics', () => {
  beforeAll(async () => {
    ensureWebBuilt();
    store = await openStore({ sqlitePath: ':memory:' });
    const report = await ingest(store, [{ file: 'gap-plan.txt', bytes: new TextEncoder().encode(PLAN) }], {
      threads: 1,
    });
    documentId = report.stored[0]!.documentId;
    app = await buildServer({ db: store.db });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  it('puts the outline’s numbering-gap message right under line 8 (四、)', async () => {
    const errors: string[] = [];
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await signInContext(store, context, url);
    const page = await openPage(context, errors);
    await page.goto(`${url}/documents/${documentId}`);
    const note = page.locator('.line-diagnostic[data-code="outline/numbering-gap"]');
    await note.waitFor();
    expect(await note.count()).toBe(1);
    await expect(note.innerText()).resolves.toContain('目录层级提示');
    await expect(note.innerText()).resolves.toContain('四、生态环境明显改善');
    // The note sits directly after the line it is about.
    const lineBefore = await page.evaluate(
      () => document.querySelector('.line-diagnostics')?.previousElementSibling?.id ?? null,
    );
    expect(lineBefore).toBe('L8');
    await expect(page.locator('.doc-meta').innerText()).resolves.toContain('读取提示 1 条');
    await shot(page, 'reader-diagnostics');
    expect(errors).toEqual([]);
    await context.close();
  });
});
