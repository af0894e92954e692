// Documents as planners manage them: a revised version (规划调整) that the plan's statuses follow while people's
// entries survive, and a recoverable removal, on SQLite and PostgreSQL.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { ingest, type Store } from '../../src/store/index.js';
import { ENGINES, freshStore } from '../store/engines.js';
import { isRevisable, revise } from '../helpers/revision.js';
import { approvePending } from '../store/approve.js';
import { accountWithToken, actingAs } from '../helpers/accounts.js';
import { multipart } from './multipart.js';

const PLAN = 'luoyang-jianxi-plan-2021-2025';
const REPORT = 'luoyang-jianxi-work-report-2022';
// The signed-in 规划科 account that revises, removes and restores (a login has no spaces).
const EDITOR = '规划科李明';

interface Row {
  id: number;
  document_id: number;
  name: string;
  unit: string | null;
  line: number;
  raw: Record<string, string | null>;
  indicator_id: string | null;
}
interface Status {
  id: number;
  row_id: number;
  document_id: number;
  year: number;
  target_kind: string;
  label: string;
  override: { label: string; reason: string } | null;
}

const bytesOf = (name: string) => new Uint8Array(readFileSync(`fixtures/corpus/${name}.txt`));

describe.each(ENGINES)('document versions and removal on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  const get = async <T>(url: string): Promise<T> => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as T;
  };
  const statusesOf = async (documentId: number) =>
    (await get<{ items: Status[] }>('/api/statuses?limit=1000')).items.filter(
      (s) => s.document_id === documentId,
    );

  let planId: number;
  let changed: Row;
  let revisedId: number;
  let overridden: Status;

  beforeAll(async () => {
    store = await freshStore(engine);
    const report = await ingest(
      store,
      [PLAN, REPORT].map((name) => ({ file: `${name}.txt`, bytes: bytesOf(name) })),
      { threads: 1 },
    );
    expect(report.failed).toEqual([]);
    planId = report.stored.find((s) => s.file.startsWith(PLAN))!.documentId;
    const { token } = await accountWithToken(store.db, { login: EDITOR, role: 'planning' });
    app = actingAs(await buildServer({ db: store.db }), token);
    return () => app.close();
  });

  it('stores a revised plan as version 2, keeps both, and judges the plan by the new target', async () => {
    const rows = (await get<{ items: Row[] }>(`/api/rows?document_id=${planId}&limit=1000`)).items;
    const before = await statusesOf(planId);
    expect(before.length).toBeGreaterThan(0);
    // A judged row whose target is a plain number printed once on its line.
    const text = new TextDecoder().decode(bytesOf(PLAN));
    const lines = text.split('\n');
    changed = rows.find((r) => {
      return isRevisable(lines, r) && before.some((s) => s.row_id === r.id && s.target_kind === 'level');
    })!;
    expect(changed, 'a row with a numeric level target').toBeDefined();
    const next = String(Number(changed.raw.target_raw) + 7);

    // People's entries on the first version: a typed value, then an override of the row's latest status.
    const typed = await app.inject({
      method: 'POST',
      url: '/api/observations',
      payload: {
        region: '涧西区',
        indicator_id: changed.indicator_id,
        year: 2023,
        value: '1.5',
        note: '填报',
      },
    });
    expect(typed.statusCode, typed.body).toBe(201);
    const typedId = typed.json().id as number;
    // Approved before the override, so the override is made on the status the typed value makes the latest.
    expect(await approvePending(store.db)).toHaveLength(1);
    overridden = (await statusesOf(planId)).find(
      (s) => s.row_id === changed.id && s.target_kind === 'level',
    )!;
    const override = await app.inject({
      method: 'POST',
      url: `/api/statuses/${overridden.id}/override`,
      payload: { label: '滞后', reason: '区统计局核定' },
    });
    expect(override.statusCode, override.body).toBeLessThan(300);
    // A second person approves it (两人原则): only approved entries count and are carried.
    expect(await approvePending(store.db)).toHaveLength(1);
    const judgedBefore = await statusesOf(planId);

    const upload = multipart([{ filename: `${PLAN}-调整.txt`, content: revise(text, changed, next) }]);
    const payload = Buffer.concat([
      Buffer.from(
        `--${upload.headers['content-type']!.split('boundary=')[1]}\r\nContent-Disposition: form-data; name="reason"\r\n\r\n中期调整\r\n`,
      ),
      upload.payload,
    ]);
    const res = await app.inject({
      method: 'POST',
      url: `/api/documents/${planId}/versions`,
      headers: upload.headers,
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    const answer = res.json();
    revisedId = answer.to.id;
    expect(answer).toMatchObject({
      document_id: planId,
      from: { id: planId, version: 1 },
      to: { version: 2 },
    });
    expect(answer.carried.overrides).toBe(1);

    // Both versions kept, each opens in the reader; the list shows the current one.
    const versions = (
      await get<{ items: Array<{ id: number; version: number; superseded_at: string | null }> }>(
        `/api/documents/${revisedId}/versions`,
      )
    ).items;
    expect(versions.map((v) => [v.id, v.version])).toEqual([
      [planId, 1],
      [revisedId, 2],
    ]);
    expect(versions[0]!.superseded_at).not.toBeNull();
    expect(versions[1]!.superseded_at).toBeNull();
    for (const v of versions) {
      const reader = await get<{ text: string }>(`/api/documents/${v.id}/reader`);
      expect(reader.text.includes(next)).toBe(v.id === revisedId);
    }
    const plans = (
      await get<{ items: Array<{ id: number; version: number; versions: number }> }>(
        '/api/documents?doc_type=plan',
      )
    ).items;
    expect(plans).toEqual([expect.objectContaining({ id: revisedId, version: 2, versions: 2 })]);

    // Statuses follow the new version: none left on the old one, the changed row judged by its new target.
    expect(await statusesOf(planId)).toEqual([]);
    const newRows = (await get<{ items: Row[] }>(`/api/rows?document_id=${revisedId}&limit=1000`)).items;
    const newRow = newRows.find((r) => r.name === changed.name && r.unit === changed.unit)!;
    expect(newRow.raw.target_raw).toBe(next);
    const after = await statusesOf(revisedId);
    expect(after.length).toBe(judgedBefore.length);
    const judged = after.find((s) => s.row_id === newRow.id && s.target_kind === 'level')!;
    const detail = await get<{ components: { target: { raw: string; value: number } } }>(
      `/api/statuses/${judged.id}`,
    );
    expect(detail.components.target).toMatchObject({ raw: next, value: Number(next) });

    // People's entries survive: the override now on the new row's status, the typed value still there.
    expect(judged.override).toMatchObject({ label: '滞后', reason: '区统计局核定' });
    const observations = (
      await get<{ items: Array<{ id: number; row_id: number | null }> }>(`/api/observations?limit=1000`)
    ).items;
    const kept = observations.find((o) => o.id === typedId)!;
    expect(kept).toBeDefined();
    if (kept.row_id !== null) expect(kept.row_id).toBe(newRow.id);

    // Audited: who, old and new version, why.
    const audit = (
      await get<{ items: Array<{ action: string; actor: string; detail: Record<string, unknown> }> }>(
        '/api/audit?limit=1000',
      )
    ).items.find((a) => a.action === 'revise')!;
    expect(audit).toMatchObject({
      actor: EDITOR,
      detail: { from: { id: planId, version: 1 }, to: { id: revisedId, version: 2 }, reason: '中期调整' },
    });
  });

  it('refuses a revision with the same bytes or of another kind, saying which and what was expected', async () => {
    const same = multipart([{ filename: 'again.txt', content: bytesOf(REPORT) }]);
    const res = await app.inject({
      method: 'POST',
      url: `/api/documents/${planId}/versions`,
      headers: same.headers,
      payload: same.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('version/duplicate');
    const other = multipart([
      { filename: 'report.txt', content: `${new TextDecoder().decode(bytesOf(REPORT))}\n` },
    ]);
    const kind = await app.inject({
      method: 'POST',
      url: `/api/documents/${planId}/versions`,
      headers: other.headers,
      payload: other.payload,
    });
    expect(kind.statusCode).toBe(400);
    expect(kind.json()).toMatchObject({ code: 'version/other-type', expected: 'a revised plan' });
  });

  it('removes a document from monitoring and lists, and restores it, both audited', async () => {
    const statuses = await statusesOf(revisedId);
    expect(statuses.length).toBeGreaterThan(0);
    const overview = await get<{ plans: Array<{ id: number }> }>('/api/overview');
    expect(overview.plans.map((p) => p.id)).toContain(revisedId);
    const targets = (await get<{ items: Array<{ document_id: number }> }>('/api/targets?limit=1000')).items;
    expect(targets.some((x) => x.document_id === revisedId)).toBe(true);

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/documents/${planId}?reason=${encodeURIComponent('误传')}`,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ document_id: planId, state: 'removed' });
    expect(await statusesOf(revisedId)).toEqual([]);
    expect((await get<{ plans: Array<{ id: number }> }>('/api/overview')).plans).toEqual([]);
    expect((await get<{ total: number }>('/api/documents?doc_type=plan')).total).toBe(0);
    expect(
      (await get<{ items: Row[] }>('/api/rows?limit=1000')).items.some((r) => r.document_id === revisedId),
    ).toBe(false);
    for (const list of ['targets', 'findings', 'review'])
      expect(
        (await get<{ items: Array<{ document_id: number }> }>(`/api/${list}?limit=1000`)).items.filter(
          (x) => x.document_id === revisedId,
        ),
        list,
      ).toEqual([]);
    const listed = await get<{ items: Array<{ id: number; removed_by: string }> }>(
      '/api/documents?state=removed',
    );
    expect(listed.items).toEqual([expect.objectContaining({ id: revisedId, removed_by: EDITOR })]);
    const again = await app.inject({ method: 'DELETE', url: `/api/documents/${revisedId}` });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('document/already-removed');

    const restored = await app.inject({
      method: 'POST',
      url: `/api/documents/${revisedId}/restore`,
    });
    expect(restored.statusCode, restored.body).toBe(200);
    const back = await statusesOf(revisedId);
    // The same statuses come back (their override with them: it is keyed to the row, never deleted).
    expect(back.map((s) => [s.row_id, s.year, s.target_kind, s.label])).toEqual(
      statuses.map((s) => [s.row_id, s.year, s.target_kind, s.label]),
    );
    expect(back.some((s) => s.override?.reason === '区统计局核定')).toBe(true);
    expect((await get<{ total: number }>('/api/documents?state=removed')).total).toBe(0);
    const actions = (
      await get<{ items: Array<{ action: string; actor: string; entity_id: string }> }>(
        '/api/audit?limit=1000',
      )
    ).items.filter((a) => a.action === 'remove' || a.action === 'restore');
    expect(actions.map((a) => [a.action, a.actor, a.entity_id]).sort()).toEqual([
      ['remove', EDITOR, String(planId)],
      ['restore', EDITOR, String(planId)],
    ]);
  });
});
