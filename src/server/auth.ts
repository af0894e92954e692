// The one authorisation function: who calls (session cookie or API token), whether its role may use the route's
// declared access, CSRF for cookie writes, and the scope check routes call with their subject's region and units.
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { regionAncestors, resolveRegion } from '../catalog/index.js';
import {
  allows,
  csrfTokenOf,
  regionInScope,
  rolesWording,
  sameSecret,
  TOKEN_PREFIX,
  unitInScope,
  type Account,
} from '../accounts/index.js';
import { regionChain, sessionAccount, tokenAccount, unitNames, type Database } from '../store/index.js';
import type { Access } from './access.js';
import { httpError } from './errors.js';
import type { Api } from './routes/index.js';

/** The cookie that carries a browser's session id (HttpOnly, SameSite=Lax, Secure over https). */
export const SESSION_COOKIE = 'lantu_session';
/** The header a signed-in browser sends on every write, with the token `GET /api/session` gave it. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** One API route and what it needs, as registered (the authorisation matrix test walks them all). */
export interface RouteRule {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api/ route with its declared access, in the order registered. */
    accessRules: readonly RouteRule[];
  }
  interface FastifyRequest {
    /** The signed-in caller, or null for the anonymous visitor (公众). */
    account: Account | null;
    /** How the caller proved who it is: a session cookie (needs CSRF on writes) or an API token. */
    credential: { kind: 'session'; id: string } | { kind: 'token' } | null;
  }
}

export function unauthorized(message = '请先登录 / please sign in'): Error {
  return httpError(401, message, { code: 'auth/sign-in-required' });
}

export function forbidden(message: string, expected?: string): Error {
  return httpError(403, message, { code: 'auth/forbidden', ...(expected ? { expected } : {}) });
}

/** The 403 of a role that may not use a route: it names the roles that may. */
function roleRefused(access: Access): Error {
  return forbidden(
    `当前角色无权执行此操作，需要：${rolesWording(access).split(' / ')[0]} / your role may not do this; it needs: ${rolesWording(access).split(' / ')[1]}`,
    rolesWording(access),
  );
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** Who calls: the token's account, else the session cookie's; a token that opens nothing is refused outright. */
async function identify(db: Kysely<Database>, request: FastifyRequest): Promise<void> {
  const token = bearerOf(request);
  if (token !== undefined) {
    const account = token.startsWith(TOKEN_PREFIX) ? await tokenAccount(db, token) : undefined;
    if (!account) throw unauthorized('API 令牌无效或已吊销 / the API token is invalid or revoked');
    request.account = account;
    request.credential = { kind: 'token' };
    return;
  }
  const sessionId = request.cookies[SESSION_COOKIE];
  if (!sessionId) return;
  const account = await sessionAccount(db, sessionId);
  if (!account) return; // expired or signed out elsewhere: the visitor is anonymous again
  request.account = account;
  request.credential = { kind: 'session', id: sessionId };
}

/** Register cookies, the login rate limiter and the authorisation hooks; call before any route is added. */
export async function registerAuthorization(app: Api, db: Kysely<Database>): Promise<void> {
  await app.register(cookie);
  // Only routes that ask for it (POST /api/session) are limited.
  await app.register(rateLimit, { global: false });
  app.decorateRequest('account', null);
  app.decorateRequest('credential', null);

  const rules: RouteRule[] = [];
  app.decorate('accessRules', rules);
  // A route with no rule does not start: the server fails at start-up naming it.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config?.access;
    if (!access)
      throw new Error(
        `route ${methods.join(',')} ${route.url} declares no access rule (config: { access: … })`,
      );
    for (const method of methods) rules.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const access = request.routeOptions.config.access;
    await identify(db, request);
    // The web app's pages, /docs and unknown paths (answered 404) declare nothing: nothing to decide.
    if (!access) return;
    const role = request.account?.role ?? null;
    if (!allows(role, access)) throw role === null ? unauthorized() : roleRefused(access);
    if (request.credential?.kind === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      const token = Array.isArray(sent) ? sent[0] : sent;
      if (!token || !sameSecret(token, csrfTokenOf(request.credential.id)))
        throw forbidden(
          '请求缺少有效的 CSRF 令牌，请刷新页面后重试 / missing or wrong CSRF token: reload the page and try again',
          `the ${CSRF_HEADER} header with the csrf_token of GET /api/session`,
        );
    }
  });
}

/** Whether the caller holds `access` (for a step inside a route that needs more than the route's rule). */
export function requireAccess(request: FastifyRequest, access: Access): void {
  const role = request.account?.role ?? null;
  if (!allows(role, access)) throw role === null ? unauthorized() : roleRefused(access);
}

/** The names of a region not stored yet, own name first, as the gazetteer knows them (null when it does not). */
export function gazetteerChain(name: string): string[] | null {
  const known = resolveRegion(name);
  return known ? regionAncestors(known).map((r) => r.name) : null;
}

/** What a write is about: the region it lies in and, for a 责任单位, the units it is assigned to. */
export interface Subject {
  /** The stored region; or, for a region not stored yet, its names (own name first, then its parents'). */
  region_id?: number | null;
  region_names?: string[] | null;
  /** The units (ids) the subject is assigned to; a 责任单位 must be one of them (none given: refused). */
  units?: () => Promise<Array<number | null>>;
  /** What the subject is, for the message (e.g. 任务 12 / task 12). */
  label: string;
}

/** Why the account may not change the subject (in Chinese and English), or null when it may. */
export async function scopeRefusal(
  db: Kysely<Database>,
  account: Account,
  subject: Subject,
): Promise<string | null> {
  const chain = subject.region_names ?? (await regionChain(db, subject.region_id));
  if (!regionInScope(account, chain))
    return `${subject.label} 不在本账号的地区范围内（${account.regions.join('、')}）/ ${subject.label} lies outside your regions (${account.regions.join(', ')})`;
  if (account.role === 'unit') {
    const units = subject.units ? await unitNames(db, await subject.units()) : [];
    if (!unitInScope(account, units))
      return `${subject.label} 未分配给本单位（${account.unit ?? '—'}）/ ${subject.label} is not assigned to your unit (${account.unit ?? '—'})`;
  }
  return null;
}

/** The one scope check routes call: 403 naming the subject when it lies outside the caller's regions or unit. */
export async function requireScope(
  db: Kysely<Database>,
  request: FastifyRequest,
  subject: Subject,
): Promise<void> {
  const account = request.account;
  if (!account) throw unauthorized();
  const refusal = await scopeRefusal(db, account, subject);
  if (refusal) throw forbidden(refusal);
}

/** Set or clear the session cookie: HttpOnly, SameSite=Lax, Secure when the request came over https. */
export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  value: string | null,
  expires?: string,
): void {
  const options = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    path: '/',
  };
  if (value === null) reply.clearCookie(SESSION_COOKIE, options);
  else
    reply.setCookie(SESSION_COOKIE, value, {
      ...options,
      ...(expires ? { expires: new Date(expires) } : {}),
    });
}

/** The scope check for a stored subject found by `placeOf…`; a subject that does not exist is left to its 404. */
export async function requirePlace(
  db: Kysely<Database>,
  request: FastifyRequest,
  place: { region_id: number | null; unit_ids: Array<number | null> } | undefined,
  label: string,
): Promise<void> {
  if (!place) return;
  await requireScope(db, request, { region_id: place.region_id, units: async () => place.unit_ids, label });
}
