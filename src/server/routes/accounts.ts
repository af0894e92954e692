// Accounts over HTTP: sign in and out (session cookie), who am I, users (管理员) and API tokens for scripts.
import {
  csrfTokenOf,
  hashPassword,
  newApiToken,
  randomSecret,
  verifyPassword,
  type Account,
} from '../../accounts/index.js';
import { LantuError } from '../../diagnostics.js';
import {
  appendAudit,
  createApiToken,
  createSession,
  createUser,
  deleteSession,
  listApiTokens,
  listUsers,
  revokeApiToken,
  setPassword,
  userForLogin,
} from '../../store/index.js';
import { forbidden, requireAccess, setSessionCookie, unauthorized } from '../auth.js';
import {
  IdParams,
  LoginParams,
  LoginRequest,
  NewToken,
  NewTokenRequest,
  NewUserRequest,
  PasswordReset,
  SessionAnswer,
  TokenList,
  UserEntry,
  UserList,
  type SessionUser,
} from '../contract/index.js';
import { httpError } from '../errors.js';
import { actorOf, type Api, type RouteDeps } from './deps.js';

/** Sign-in attempts per minute for one address and login name. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 10;

function shown(account: Account): SessionUser {
  const { login, display_name, role, unit, regions } = account;
  return { login, display_name, role, unit, regions };
}

// Verified against when the login name is unknown, so a wrong name costs as long as a wrong password.
const decoy = hashPassword(randomSecret());

export function registerAccountRoutes(app: Api, { db }: RouteDeps): void {
  app.get(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['accounts'],
        summary: 'who is signed in (user null when anonymous) and the CSRF token for writes',
        response: { 200: SessionAnswer },
      },
    },
    async (request) => ({
      user: request.account ? shown(request.account) : null,
      csrf_token: request.credential?.kind === 'session' ? csrfTokenOf(request.credential.id) : null,
    }),
  );

  app.post(
    '/api/session',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: LOGIN_ATTEMPTS_PER_MINUTE,
          timeWindow: 60_000,
          hook: 'preHandler',
          keyGenerator: (request) =>
            `${request.ip}|${(request.body as { login?: string } | undefined)?.login ?? ''}`,
          errorResponseBuilder: (_request, context) =>
            httpError(
              429,
              `登录尝试过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试 / too many sign-in attempts: try again in ${Math.ceil(context.ttl / 1000)} s`,
              { code: 'session/too-many-attempts' },
            ),
        },
      },
      schema: {
        tags: ['accounts'],
        summary: `sign in (sets an HttpOnly session cookie); at most ${LOGIN_ATTEMPTS_PER_MINUTE} attempts a minute per address and name`,
        body: LoginRequest,
        response: { 200: SessionAnswer },
      },
    },
    async (request, reply) => {
      const { login, password } = request.body;
      const found = await userForLogin(db, login.trim());
      const ok = await verifyPassword(password, found?.password_hash ?? (await decoy));
      if (!found || !ok) throw unauthorized('登录名或密码错误 / wrong login name or password');
      const sessionId = randomSecret();
      const expires = await createSession(db, found.user.id, sessionId);
      setSessionCookie(reply, request, sessionId, expires);
      await appendAudit(db, {
        actor: found.user.login,
        action: 'sign_in',
        entity: 'user',
        entity_id: found.user.id,
      });
      return { user: shown(found.user), csrf_token: csrfTokenOf(sessionId), expires_at: expires };
    },
  );

  app.delete(
    '/api/session',
    {
      config: { access: 'read' },
      schema: {
        tags: ['accounts'],
        summary: 'sign out: the session ends on the server',
        response: { 200: SessionAnswer },
      },
    },
    async (request, reply) => {
      if (request.credential?.kind === 'session') await deleteSession(db, request.credential.id);
      setSessionCookie(reply, request, null);
      return { user: null, csrf_token: null };
    },
  );

  app.get(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['accounts'],
        summary: 'every account with its role, unit and regions',
        response: { 200: UserList },
      },
    },
    async () => ({ items: await listUsers(db) }),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['accounts'],
        summary: 'add an account (role admin | planning | unit | reviewer, regions, unit)',
        body: NewUserRequest,
        response: { 201: UserEntry },
      },
    },
    async (request, reply) => {
      const user = await createUser(db, request.body, actorOf(request));
      await appendAudit(db, {
        actor: actorOf(request),
        action: 'add_user',
        entity: 'user',
        entity_id: user.id,
        detail: { login: user.login, role: user.role, unit: user.unit, regions: user.regions },
      });
      return reply.code(201).send(user);
    },
  );

  app.post(
    '/api/users/:login/password',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['accounts'],
        summary: "reset an account's password (its sessions end)",
        params: LoginParams,
        body: PasswordReset,
      },
    },
    async (request, reply) => {
      await setPassword(db, request.params.login, request.body.password);
      await appendAudit(db, {
        actor: actorOf(request),
        action: 'reset_password',
        entity: 'user',
        entity_id: request.params.login,
      });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/tokens',
    {
      config: { access: 'read' },
      schema: {
        tags: ['accounts'],
        summary: "API tokens (the caller's own; 管理员: every one), never their secret",
        response: { 200: TokenList },
      },
    },
    async (request) => ({
      items: await listApiTokens(db, request.account?.role === 'admin' ? undefined : actorOf(request)),
    }),
  );

  app.post(
    '/api/tokens',
    {
      config: { access: 'read' },
      schema: {
        tags: ['accounts'],
        summary: 'a new API token for scripts (Authorization: Bearer lantu_…), shown in this answer only',
        body: NewTokenRequest,
        response: { 201: NewToken },
      },
    },
    async (request, reply) => {
      const owner = request.body.user ?? actorOf(request);
      if (owner !== actorOf(request)) requireAccess(request, 'admin');
      const token = newApiToken();
      const record = await createApiToken(db, owner, request.body.name, token, actorOf(request));
      await appendAudit(db, {
        actor: actorOf(request),
        action: 'add_token',
        entity: 'api_token',
        entity_id: record.id,
        detail: { user: owner, name: record.name },
      });
      return reply.code(201).send({ ...record, token });
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['accounts'],
        summary: 'revoke an API token (kept in the list as revoked)',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const mine = request.account?.role === 'admin' ? undefined : actorOf(request);
      if (!(await revokeApiToken(db, request.params.id, mine))) {
        if (mine && (await listApiTokens(db)).some((t) => t.id === request.params.id))
          throw forbidden('只能吊销本人的令牌 / you may revoke only your own tokens');
        throw new LantuError({
          code: 'token/not-found',
          message: `令牌 ${request.params.id} 不存在或已吊销 / token ${request.params.id} does not exist or is revoked`,
        });
      }
      await appendAudit(db, {
        actor: actorOf(request),
        action: 'revoke_token',
        entity: 'api_token',
        entity_id: request.params.id,
      });
      return reply.code(204).send();
    },
  );
}
