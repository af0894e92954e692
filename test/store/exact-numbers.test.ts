// Exact numbers end to end: a value printed as 13902.67 or 0.10 is read back as that text from the store and the API.
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { ingest } from '../../src/store/index.js';
import { ENGINES, freshStore } from './engines.js';
import { signedIn } from '../helpers/accounts.js';

const BULLETIN = `洛阳市涧西区2025年国民经济和社会发展统计公报

一、综合

2025年全区地区生产总值达到13902.67亿元，比上年增长6.50%。城镇登记失业率为0.10%。
`;

const PLAN = `洛阳市涧西区国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要

第一章 发展目标

到2030年，全区地区生产总值达到13902.67亿元，城镇调查失业率控制在0.10%以内。
`;

const encode = (text: string) => new TextEncoder().encode(text);

describe.each(ENGINES)('exact numbers on %s', (engine) => {
  it('keeps 13902.67 and 0.10 as written in targets, reported values and observations', async () => {
    const store = await freshStore(engine);
    const report = await ingest(
      store,
      [
        { file: 'jianxi-bulletin-2025.txt', bytes: encode(BULLETIN) },
        { file: 'jianxi-plan-2026-2030.txt', bytes: encode(PLAN) },
      ],
      { threads: 1 },
    );
    expect(report.failed).toEqual([]);

    const targets = await store.db
      .selectFrom('targets')
      .select(['value', 'unit', 'quote', 'start', 'end'])
      .execute();
    expect(targets.map((t) => [t.value, t.unit])).toEqual([
      ['13902.67', '亿元'],
      ['0.10', '%'],
    ]);
    // The offsets are the engine's own: they select the quote in the stored text.
    const plan = await store.db
      .selectFrom('documents')
      .select('text')
      .where('filename', 'like', '%plan%')
      .executeTakeFirstOrThrow();
    for (const t of targets) expect(plan.text.slice(t.start!, t.end!)).toBe(t.quote);

    const achievements = await store.db.selectFrom('achievements').select(['value', 'unit']).execute();
    expect(achievements.map((a) => a.value)).toEqual(['13902.67', '6.50', '0.10']);
    const observations = await store.db
      .selectFrom('observations')
      .select(['value', 'indicator_id'])
      .execute();
    expect(observations).toContainEqual({ value: '13902.67', indicator_id: 'gdp' });

    const app = await signedIn(await buildServer({ db: store.db }), store.db);
    try {
      const apiTargets = (await app.inject({ method: 'GET', url: '/api/targets' })).json();
      expect(apiTargets.items.map((t: { value: string }) => t.value)).toEqual(['13902.67', '0.10']);
      const apiAchievements = (await app.inject({ method: 'GET', url: '/api/achievements' })).json();
      expect(apiAchievements.items.map((a: { value: string }) => a.value)).toEqual([
        '13902.67',
        '6.50',
        '0.10',
      ]);
      const apiObservations = (await app.inject({ method: 'GET', url: '/api/observations' })).json();
      expect(apiObservations.items.map((o: { value: string }) => o.value)).toEqual(
        observations.map((o) => o.value),
      );
    } finally {
      await app.close();
    }
  });
});
