// The authorisation matrix: every role × every route the app registers → allowed, or 401 (anonymous) / 403
// (signed in, role not enough); CSRF on cookie writes, sessions, the login rate limit and the region/unit scope,
// on SQLite and PostgreSQL.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allows, ROLES, type Role } from '../../src/accounts/index.js';
import { registerAuthorization } from '../../src/server/auth.js';
import { buildServer } from '../../src/server/index.js';
import { storeRecord, type Store } from '../../src/store/index.js';
import { accountWithToken, bearer } from '../helpers/accounts.js';
import { ENGINES, freshStore } from '../store/engines.js';
import { goldRecord } from '../store/corpus.js';

/** What an anonymous caller may read: the public plan page, sign-in, and reference data (no live judgement). */
const PUBLIC_ROUTES = [
  'GET /api/catalog',
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/public/observations',
  'GET /api/public/plans/:id',
  'GET /api/regions',
  'GET /api/session',
  'POST /api/session',
];

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', ...ROLES];

/** A concrete URL for a route pattern: every id one that does not exist (no write lands), a report file as annual.docx. */
function concrete(url: string): string {
  return url
    .replace(':kind.:format', 'annual.docx')
    .replace(/:(\w+)/g, (_m, name: string) => (name === 'login' ? 'nobody' : '999999'));
}

for (const engine of ENGINES) {
  describe(`authorisation on ${engine}`, () => {
    let store: Store;
    let app: FastifyInstance;
    const tokens = new Map<Caller, string>();
    let regionName: string;
    let regionId: number;
    let statusId: number;

    beforeAll(async () => {
      store = await freshStore(engine);
      const { record, bytes } = goldRecord('luoyang-jianxi-plan-2021-2025');
      const { documentId } = await storeRecord(store, record, bytes);
      const doc = await store.db
        .selectFrom('documents as d')
        .innerJoin('regions as r', 'r.id', 'd.region_id')
        .select(['r.name', 'r.id'])
        .where('d.id', '=', documentId)
        .executeTakeFirstOrThrow();
      regionName = doc.name;
      regionId = doc.id;
      statusId = (await store.db.selectFrom('statuses').select('id').orderBy('id').executeTakeFirstOrThrow())
        .id;
      app = await buildServer({ db: store.db });
      for (const role of ROLES) tokens.set(role, (await accountWithToken(store.db, { role })).token);
    }, 120_000);

    afterAll(async () => {
      await app?.close();
    });

    it('knows every API route and its rule from the app itself', () => {
      expect(app.accessRules.length).toBeGreaterThan(60);
      expect(app.accessRules).toContainEqual({ method: 'POST', url: '/api/documents', access: 'manage' });
      expect(app.accessRules).toContainEqual({ method: 'GET', url: '/api/statuses', access: 'read' });
      // The public (公众) reads published data only: no live judgement answers an anonymous caller.
      expect(
        app.accessRules
          // HEAD is Fastify's twin of each GET.
          .filter((r) => r.access === 'public' && r.method !== 'HEAD')
          .map((r) => `${r.method} ${r.url}`)
          .sort(),
      ).toEqual(PUBLIC_ROUTES);
    });

    it('declares for the merged routes what a planning office expects of them', () => {
      // approval (审核 / 发布), documents' versions and removal, the queue, the audit log, the ledger's
      // attachments, units and cadence, the delegated targets' sheet: each must be in the matrix with this rule.
      const expected: Array<[string, string, string]> = [
        ['GET', '/api/approvals', 'review'],
        ['POST', '/api/approvals/approve', 'review'],
        ['POST', '/api/approvals/return', 'review'],
        ['GET', '/api/approvals/:id/history', 'read'],
        ['GET', '/api/plans/:id/publish', 'publish'],
        ['POST', '/api/plans/:id/publish', 'publish'],
        ['GET', '/api/plans/:id/publications', 'read'],
        ['GET', '/api/public/plans/:id', 'public'],
        ['GET', '/api/documents/:id/versions', 'read'],
        ['POST', '/api/documents/:id/versions', 'manage'],
        ['DELETE', '/api/documents/:id', 'manage'],
        ['POST', '/api/documents/:id/restore', 'manage'],
        ['GET', '/api/queue', 'manage'],
        ['GET', '/api/audit', 'comment'],
        ['GET', '/api/audit/verify', 'comment'],
        ['GET', '/api/tasks/:id/attachments', 'read'],
        ['POST', '/api/tasks/:id/attachments', 'enter'],
        ['GET', '/api/attachments/:id', 'read'],
        ['POST', '/api/units', 'manage'],
        ['POST', '/api/units/import', 'manage'],
        ['GET', '/api/regions/:id/cadence', 'read'],
        ['PUT', '/api/regions/:id/cadence', 'manage'],
        ['GET', '/api/plans/:id/delegated', 'read'],
        ['POST', '/api/plans/:id/delegated/import', 'manage'],
        ['POST', '/api/rows/:id/assigned-target', 'manage'],
        ['GET', '/api/plans/:id/evaluation', 'read'],
      ];
      const declared = (method: string, url: string) =>
        app.accessRules.find((r) => r.method === method && r.url === url)?.access ?? 'missing';
      expect(expected.map(([m, u]) => [m, u, declared(m, u)])).toEqual(expected);
    });

    it('answers every role × every route as the role table says', async () => {
      const wrong: string[] = [];
      for (const rule of app.accessRules) {
        if (rule.method === 'HEAD') continue;
        for (const caller of CALLERS) {
          const response = await app.inject({
            method: rule.method as 'GET',
            url: concrete(rule.url),
            headers: caller === 'anonymous' ? {} : bearer(tokens.get(caller)!),
            ...(rule.method === 'GET' ? {} : { payload: {} }),
          });
          const allowed = allows(caller === 'anonymous' ? null : caller, rule.access);
          const status = response.statusCode;
          const roleRefused = status === 403 && /your role may not/.test(response.body);
          const ok = allowed
            ? status !== 401 && !roleRefused
            : caller === 'anonymous'
              ? status === 401
              : roleRefused;
          if (!ok)
            wrong.push(
              `${caller} ${rule.method} ${rule.url} (${rule.access}) → ${status} ${response.body.slice(0, 120)}`,
            );
        }
      }
      expect(wrong).toEqual([]);
    }, 300_000);

    it('refuses every anonymous write', async () => {
      const writes = app.accessRules.filter((r) => !['GET', 'HEAD'].includes(r.method));
      expect(writes.length).toBeGreaterThan(20);
      for (const rule of writes) {
        if (rule.method === 'POST' && rule.url === '/api/session') continue; // signing in is how one stops being anonymous
        const response = await app.inject({
          method: rule.method as 'POST',
          url: concrete(rule.url),
          payload: {},
        });
        expect(response.statusCode, `${rule.method} ${rule.url}`).toBe(401);
      }
    });

    it('names the roles that may in a 403, and refuses an unknown token', async () => {
      const response = await app.inject({
        method: 'POST',
        url: `/api/statuses/${statusId}/override`,
        headers: bearer(tokens.get('reviewer')!),
        payload: { label: '滞后', reason: 'x' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().message).toContain('规划科');
      const forged = await app.inject({
        method: 'GET',
        url: '/api/documents',
        headers: bearer('lantu_forged'),
      });
      expect(forged.statusCode).toBe(401);
    });

    it('signs in with a cookie, wants the CSRF token on writes, and signs out', async () => {
      const { login, password } = await accountWithToken(store.db, { role: 'planning' });
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { login, password: 'not it at all' },
      });
      expect(wrong.statusCode).toBe(401);
      const signed = await app.inject({ method: 'POST', url: '/api/session', payload: { login, password } });
      expect(signed.statusCode).toBe(200);
      const cookie = signed.cookies.find((c) => c.name === 'lantu_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      const cookieHeader = { cookie: `lantu_session=${cookie.value}` };
      const me = await app.inject({ method: 'GET', url: '/api/session', headers: cookieHeader });
      expect(me.json().user).toMatchObject({ login, role: 'planning' });
      const csrf = me.json().csrf_token as string;
      const write = {
        method: 'POST' as const,
        url: `/api/statuses/${statusId}/override`,
        payload: { label: '滞后', reason: '核实' },
      };
      const without = await app.inject({ ...write, headers: cookieHeader });
      expect(without.statusCode).toBe(403);
      expect(without.json().message).toContain('CSRF');
      const forgedCsrf = await app.inject({
        ...write,
        headers: { ...cookieHeader, 'x-csrf-token': 'x'.repeat(43) },
      });
      expect(forgedCsrf.statusCode).toBe(403);
      const withToken = await app.inject({ ...write, headers: { ...cookieHeader, 'x-csrf-token': csrf } });
      expect(withToken.statusCode, withToken.body).toBe(200);
      // Entered for review (填报): not shown until another person approves it, but stored as the cookie's account.
      expect(withToken.json().override).toBeNull();
      const entered = await store.db
        .selectFrom('overrides as v')
        .innerJoin('approvals as a', (j) =>
          j.onRef('a.subject_id', '=', 'v.id').on('a.kind', '=', 'override'),
        )
        .select(['v.overridden_by', 'a.entered_by', 'a.state'])
        .orderBy('v.id', 'desc')
        .executeTakeFirstOrThrow();
      expect(entered).toEqual({ overridden_by: login, entered_by: login, state: 'entered' });
      const out = await app.inject({
        method: 'DELETE',
        url: '/api/session',
        headers: { ...cookieHeader, 'x-csrf-token': csrf },
      });
      expect(out.statusCode).toBe(200);
      const after = await app.inject({ method: 'GET', url: '/api/session', headers: cookieHeader });
      expect(after.json().user).toBeNull();
      const anonymous = await app.inject({ method: 'GET', url: '/api/session' });
      expect(anonymous.json()).toEqual({ user: null, csrf_token: null });
    });

    it('limits sign-in attempts per address and name, in Chinese and English', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++)
        statuses.push(
          (
            await app.inject({
              method: 'POST',
              url: '/api/session',
              payload: { login: 'guess', password: `p${i}` },
            })
          ).statusCode,
        );
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      const limited = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { login: 'guess', password: 'p' },
      });
      expect(limited.statusCode).toBe(429);
      expect(limited.json().message).toMatch(/登录尝试过于频繁.*too many sign-in attempts/);
      const other = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { login: 'other', password: 'p' },
      });
      expect(other.statusCode).toBe(401);
    });

    it("keeps a 规划科 to its regions and a 责任单位 to its unit's tasks", async () => {
      const elsewhere = (await accountWithToken(store.db, { role: 'planning', regions: ['郑州市'] })).token;
      const here = (await accountWithToken(store.db, { role: 'planning', regions: [regionName] })).token;
      const override = (token: string) =>
        app.inject({
          method: 'POST',
          url: `/api/statuses/${statusId}/override`,
          headers: bearer(token),
          payload: { label: '滞后', reason: '核实' },
        });
      const refused = await override(elsewhere);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().message).toContain('地区范围');
      expect((await override(here)).statusCode).toBe(200);

      const headers = bearer(here);
      const unitA = (
        await app.inject({
          method: 'POST',
          url: '/api/units',
          headers,
          payload: { region_id: regionId, name: '区科技局' },
        })
      ).json();
      const unitB = (
        await app.inject({
          method: 'POST',
          url: '/api/units',
          headers,
          payload: { region_id: regionId, name: '区发改委' },
        })
      ).json();
      const task = async (unitId: number) =>
        (
          await app.inject({
            method: 'POST',
            url: '/api/tasks',
            headers,
            payload: {
              region_id: regionId,
              title: `任务 ${unitId}`,
              due_date: '2030-12-31',
              lead_unit_id: unitId,
            },
          })
        ).json().id as number;
      const own = await task(unitA.id);
      const others = await task(unitB.id);
      const unitUser = (await accountWithToken(store.db, { role: 'unit', unit: '区科技局' })).token;
      const report = (id: number) =>
        app.inject({
          method: 'POST',
          url: `/api/tasks/${id}/reports`,
          headers: bearer(unitUser),
          payload: { progress: '完成选址' },
        });
      expect((await report(own)).statusCode).toBe(201);
      const foreign = await report(others);
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json().message).toContain('未分配给本单位');
      const confirm = await app.inject({
        method: 'POST',
        url: `/api/tasks/${own}/close`,
        headers: bearer(unitUser),
        payload: { action: 'confirm' },
      });
      expect(confirm.statusCode).toBe(403);
    });
  });
}

describe('a route without an access rule', () => {
  it('does not start', async () => {
    const store = await freshStore('sqlite');
    const app = Fastify();
    await registerAuthorization(app as never, store.db);
    expect(() => app.post('/api/unguarded', async () => 'x')).toThrow(
      'route POST /api/unguarded declares no access rule',
    );
    await app.close();
  });
});
