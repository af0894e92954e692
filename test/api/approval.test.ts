// 填报 → 审核 → 发布 on both engines, through the HTTP API: a value waits for review and changes no status, the one
// who entered it may not approve it, a returned value carries its reason, publishing a year locks it and shows its
// statuses as published (not as later recomputed), and a change to a locked year is a revision that is reviewed again.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Approval,
  ApprovalHistory,
  Observation,
  Page,
  PublicPlan,
  Publication,
  PublishPreview,
  Status,
} from '../../src/server/contract/index.js';
import { buildServer } from '../../src/server/index.js';
import type { Store } from '../../src/store/index.js';
import { JIANXI, storeGold } from '../store/corpus.js';
import { ENGINES, freshStore } from '../store/engines.js';
import { accountWithToken, bearer } from '../helpers/accounts.js';
import { multipart } from './multipart.js';

// Three signed-in people (a login has no spaces): the one who enters, the one who reviews and publishes, and a
// second publisher; a 审阅 account reads the published values; the public plan is read with no account at all.
const CLERK = '发改委李娜';
const REVIEWER = '规划科王敏';
const PUBLISHER = '规划科张强';
const READER = '人大审阅';
const ANONYMOUS = null;
const INDICATOR = 'pension-insurance-coverage';

describe.each(ENGINES)('approval on %s', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let planId: number;
  let regionId: number;
  let rowId: number;
  const tokens = new Map<string, string>();
  const as = (login: string) => bearer(tokens.get(login)!);

  async function call<T>(
    method: 'GET' | 'POST',
    url: string,
    user: string | null,
    payload?: object,
    status = 200,
  ) {
    const headers = user === null ? {} : as(user);
    const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 300)}`).toBe(status);
    return res.json() as T;
  }
  const enter = (user: string, body: object, status = 201) =>
    call<Observation & { code?: string; message?: string }>(
      'POST',
      '/api/observations',
      user,
      { region_id: regionId, indicator_id: INDICATOR, ...body },
      status,
    );
  const rowStatuses = async () =>
    (
      await call<Page<Status>>('GET', `/api/statuses?document_id=${planId}&latest=false&limit=1000`, REVIEWER)
    ).items.filter((s) => s.row_id === rowId);
  const publicValues = async () => {
    const personal = (page: Page<Observation>) =>
      page.items.filter((o) => o.source.kind === 'person').map((o) => o.value);
    const query = `region_id=${regionId}&indicator_id=${INDICATOR}`;
    const asReader = personal(
      await call<Page<Observation>>('GET', `/api/observations?public=1&${query}`, READER),
    );
    // The public page's own download, with no account, gives the same published values.
    const anonymous = personal(
      await call<Page<Observation>>('GET', `/api/public/observations?${query}`, ANONYMOUS),
    );
    expect(anonymous).toEqual(asReader);
    return asReader;
  };
  const auditActions = async () =>
    (await store.db.selectFrom('audit_log').select(['action', 'actor']).orderBy('id').execute()).filter((a) =>
      a.action.startsWith('approval.'),
    );

  let firstId: number;
  let firstApproval: number;

  beforeAll(async () => {
    store = await freshStore(engine);
    await storeGold(store, JIANXI);
    app = await buildServer({ db: store.db });
    for (const [login, role] of [
      [CLERK, 'planning'],
      [REVIEWER, 'planning'],
      [PUBLISHER, 'planning'],
      [READER, 'reviewer'],
    ] as const)
      tokens.set(login, (await accountWithToken(store.db, { login, role })).token);
    const plan = await store.db
      .selectFrom('documents')
      .select(['id', 'region_id'])
      .where('doc_type', '=', 'plan')
      .executeTakeFirstOrThrow();
    planId = plan.id;
    regionId = plan.region_id!;
    rowId = (
      await store.db
        .selectFrom('statuses')
        .select('row_id')
        .where('document_id', '=', planId)
        .where('indicator_id', '=', INDICATOR)
        .executeTakeFirstOrThrow()
    ).row_id;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('keeps an entered value waiting for review: 待审核 in the queue, no change to any status', async () => {
    const before = await rowStatuses();
    expect(before.map((s) => s.year)).toEqual([2021]);
    const entered = await enter(CLERK, { year: 2022, value: '96' });
    expect(entered.approval).toMatchObject({ state: 'entered', return_reason: null });
    firstId = entered.id;
    firstApproval = entered.approval!.id;
    expect(await rowStatuses()).toEqual(before);
    const queue = await call<Page<Approval>>(
      'GET',
      `/api/approvals?plan_id=${planId}&year=2022&state=entered`,
      REVIEWER,
    );
    expect(queue.items.map((a) => a.id)).toEqual([firstApproval]);
    expect(queue.items[0]).toMatchObject({ kind: 'observation', subject_id: firstId, entered_by: CLERK });
    expect(queue.items[0]!.summary).toContain('96%');
  });

  it('refuses an approval by the one who entered the value (两人原则)', async () => {
    const refused = await call<{ code: string; message: string }>(
      'POST',
      '/api/approvals/approve',
      CLERK,
      { ids: [firstApproval] },
      400,
    );
    expect(refused.code).toBe('approval/same-person');
    expect(refused.message).toContain(CLERK);
    const [still] = (await call<Page<Approval>>('GET', `/api/approvals?kind=observation`, REVIEWER)).items;
    expect(still).toMatchObject({ id: firstApproval, state: 'entered', reviewed_by: null });
  });

  it('returns a value with its reason, which the data entry list shows', async () => {
    const other = await enter(CLERK, { year: 2022, value: '9.6', note: '误填为小数' });
    const noReason = await app.inject({
      method: 'POST',
      url: '/api/approvals/return',
      headers: as(REVIEWER),
      payload: { ids: [other.approval!.id], reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
    const { items } = await call<{ items: Approval[] }>('POST', '/api/approvals/return', REVIEWER, {
      ids: [other.approval!.id],
      reason: '与统计公报数不符',
    });
    expect(items[0]).toMatchObject({
      state: 'returned',
      return_reason: '与统计公报数不符',
      reviewed_by: REVIEWER,
    });
    const listed = await call<Page<Observation>>(
      'GET',
      `/api/observations?region_id=${regionId}&indicator_id=${INDICATOR}&source_kind=person`,
      CLERK,
    );
    expect(listed.items.find((o) => o.id === other.id)?.approval).toMatchObject({
      state: 'returned',
      return_reason: '与统计公报数不符',
    });
    // A returned value cannot then be approved.
    const late = await call<{ code: string }>(
      'POST',
      '/api/approvals/approve',
      REVIEWER,
      { ids: [other.approval!.id] },
      400,
    );
    expect(late.code).toBe('approval/not-pending');
    expect((await rowStatuses()).map((s) => s.year)).toEqual([2021]);
  });

  it('judges with a value once another person approved it', async () => {
    const { items } = await call<{ items: Approval[] }>('POST', '/api/approvals/approve', REVIEWER, {
      ids: [firstApproval],
    });
    expect(items[0]).toMatchObject({ state: 'approved', reviewed_by: REVIEWER, entered_by: CLERK });
    const judged = (await rowStatuses()).find((s) => s.year === 2022);
    expect(judged).toBeDefined();
    // 96% against the 2025 target of 95%: achieved early, which only the approved value can show.
    expect(judged!.label).toBe('提前实现');
    expect(judged!.explanation).toContain('96%');
  });

  it('shows the public nothing before publishing, and the published year after', async () => {
    const before = await call<PublicPlan>('GET', `/api/public/plans/${planId}`, ANONYMOUS);
    expect(before.publication).toBeNull();
    expect(before.statuses).toEqual([]);
    expect(await publicValues()).toEqual([]);

    const preview = await call<PublishPreview>('GET', `/api/plans/${planId}/publish?year=2022`, REVIEWER);
    expect(preview.entries.map((a) => a.id)).toEqual([firstApproval]);
    expect(preview.pending).toBe(1);
    expect(preview.published).toBeNull();

    const publication = await call<Publication>(
      'POST',
      `/api/plans/${planId}/publish`,
      REVIEWER,
      { year: 2022 },
      201,
    );
    expect(publication).toMatchObject({ year: 2022, published_by: REVIEWER, entries: [firstApproval] });
    const after = await call<PublicPlan>('GET', `/api/public/plans/${planId}`, ANONYMOUS);
    expect(after.publication).toMatchObject({ year: 2022, published_by: REVIEWER, entries: 1 });
    const shown = after.statuses.find((s) => s.row_id === rowId)!;
    expect(shown.year).toBe(2022);
    expect(shown.label).toBe('提前实现');
    expect(shown.explanation).toContain('96%');
    expect(await publicValues()).toEqual(['96']);
    const [entry] = (await call<Page<Approval>>('GET', `/api/approvals?state=published`, REVIEWER)).items;
    expect(entry).toMatchObject({
      id: firstApproval,
      published_by: REVIEWER,
      publication_id: publication.id,
    });
  });

  it('keeps the published judgement on the public page when later values change the live one', async () => {
    const later = await enter(CLERK, { year: 2023, value: '97' });
    await call('POST', '/api/approvals/approve', REVIEWER, { ids: [later.approval!.id] });
    expect((await rowStatuses()).some((s) => s.year === 2023)).toBe(true);
    const shown = await call<PublicPlan>('GET', `/api/public/plans/${planId}`, ANONYMOUS);
    expect(shown.statuses.find((s) => s.row_id === rowId)!.year).toBe(2022);
    expect(await publicValues()).toEqual(['96']);
  });

  it('locks a published year: an edit is refused, a revision goes through review and publication again', async () => {
    const refused = await enter(CLERK, { year: 2022, value: '96.5' }, 400);
    expect(refused.code).toBe('approval/year-locked');
    expect(refused.message).toContain(REVIEWER);
    const noReason = await enter(CLERK, { year: 2022, value: '96.5', revises: firstId }, 400);
    expect(noReason.code).toBe('approval/no-revision-reason');

    const revision = await enter(CLERK, {
      year: 2022,
      value: '96.5',
      revises: firstId,
      reason: '统计局核定数',
    });
    expect(revision.approval!.state).toBe('entered');
    expect(await publicValues()).toEqual(['96']);
    const sameYear = await call<{ code: string }>(
      'POST',
      `/api/plans/${planId}/publish`,
      REVIEWER,
      { year: 2022 },
      400,
    );
    expect(sameYear.code).toBe('publish/nothing-new');

    await call('POST', '/api/approvals/approve', REVIEWER, { ids: [revision.approval!.id] });
    await call('POST', `/api/plans/${planId}/publish`, PUBLISHER, { year: 2022 }, 201);
    expect(await publicValues()).toEqual(['96', '96.5']);

    const history = await call<ApprovalHistory>(
      'GET',
      `/api/approvals/${revision.approval!.id}/history`,
      REVIEWER,
    );
    expect(history.entries.map((e) => [e.subject_id, e.state, e.revises])).toEqual([
      [firstId, 'published', null],
      [revision.id, 'published', firstApproval],
    ]);
    expect(history.entries[0]).toMatchObject({ reviewed_by: REVIEWER, published_by: REVIEWER });
    expect(history.entries[1]).toMatchObject({
      revision_reason: '统计局核定数',
      reviewed_by: REVIEWER,
      published_by: PUBLISHER,
    });
    expect(history.audit.map((a) => a.action)).toEqual([
      'approval.enter',
      'approval.approve',
      'approval.publish',
      'approval.revise',
      'approval.approve',
      'approval.publish',
    ]);
  });

  it('counts an override once approved, and writes every transition to the audit log', async () => {
    const status = (await rowStatuses()).find((s) => s.year === 2023)!;
    const overridden = await call<Status>('POST', `/api/statuses/${status.id}/override`, REVIEWER, {
      label: '滞后',
      reason: '口径调整',
    });
    expect(overridden.override).toBeNull();
    const [pending] = (await call<Page<Approval>>('GET', `/api/approvals?kind=override&state=entered`, CLERK))
      .items;
    expect(pending!.summary).toContain('滞后');
    await call('POST', '/api/approvals/approve', CLERK, { ids: [pending!.id] });
    const shown = await call<Status>('GET', `/api/statuses/${status.id}`, CLERK);
    expect(shown.override).toMatchObject({ label: '滞后', overridden_by: REVIEWER });

    const actions = await auditActions();
    expect(actions.filter((a) => a.action === 'approval.return')).toEqual([
      { action: 'approval.return', actor: REVIEWER },
    ]);
    expect(actions.filter((a) => a.action === 'approval.enter').map((a) => a.actor)).toEqual([
      CLERK,
      CLERK,
      CLERK,
      REVIEWER,
    ]);
    expect(actions.filter((a) => a.action === 'approval.revise').map((a) => a.actor)).toEqual([CLERK]);
    expect(actions.filter((a) => a.action === 'approval.publish')).toHaveLength(2);
  });

  it('enters imported values for review and refuses the rows of a locked year', async () => {
    const csv =
      'region,indicator,year,value,unit\n涧西区,pension-insurance-coverage,2022,97.5,%\n涧西区,pension-insurance-coverage,2024,98,%\n';
    const body = multipart([{ filename: 'values.csv', content: csv }]);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/observations/import',
      payload: body.payload,
      headers: { ...body.headers, ...as(CLERK) },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toMatchObject([{ row: 2, column: 'year', value: '2022' }]);
    expect(refused.json().errors[0].message).toContain('locked');
    const partial = multipart([{ filename: 'values.csv', content: csv }]);
    const stored = await app.inject({
      method: 'POST',
      url: '/api/observations/import?valid_rows_only=true',
      payload: partial.payload,
      headers: { ...partial.headers, ...as(CLERK) },
    });
    expect(stored.statusCode).toBe(207);
    expect(stored.json().imported).toBe(1);
    const imported = await call<Page<Observation>>(
      'GET',
      `/api/observations?source_kind=import&region_id=${regionId}`,
      CLERK,
    );
    expect(imported.items.map((o) => [o.year, o.value, o.approval?.state])).toEqual([
      [2024, '98', 'entered'],
    ]);
    expect((await rowStatuses()).some((s) => s.year === 2024)).toBe(false);
  });
});
