// Diagnostics travel with the document: what the outline and table stages found is stored and served with its line.
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { ingest } from '../../src/store/index.js';
import { ENGINES, freshStore } from './engines.js';
import { signedIn } from '../helpers/accounts.js';

const PLAN = [
  '洛阳市涧西区国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要',
  '',
  '第一章 发展基础',
  '一、经济实力稳步提升',
  '全区经济总量持续扩大。',
  '二、创新能力持续增强',
  '研发投入不断增加。',
  '四、生态环境明显改善',
  '空气质量持续好转。',
  '',
].join('\n');

describe.each(ENGINES)('document diagnostics on %s', (engine) => {
  it('stores the outline stage’s messages with their lines and serves them with the document', async () => {
    const store = await freshStore(engine);
    const report = await ingest(store, [{ file: 'gap-plan.txt', bytes: new TextEncoder().encode(PLAN) }], {
      threads: 1,
    });
    const id = report.stored[0]!.documentId;
    const app = await signedIn(await buildServer({ db: store.db }), store.db);
    try {
      const doc = (await app.inject({ method: 'GET', url: `/api/documents/${id}` })).json();
      expect(doc.diagnostics).toEqual([
        expect.objectContaining({ code: 'outline/numbering-gap', line: 8, severity: 'warning' }),
      ]);
      const reader = (await app.inject({ method: 'GET', url: `/api/documents/${id}/reader` })).json();
      expect(reader.document.diagnostics).toEqual(doc.diagnostics);
    } finally {
      await app.close();
    }
  });
});
