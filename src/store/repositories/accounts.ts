// Accounts in the store: users, sessions and API tokens (secrets only as digests), and a region's chain for scope.
import type { Kysely } from 'kysely';
import {
  hashPassword,
  isRole,
  passwordProblem,
  secretDigest,
  type Account,
  type Role,
} from '../../accounts/index.js';
import { LantuError } from '../../diagnostics.js';
import { fromJson, now, toJson, toCount } from '../json.js';
import type { Database } from '../schema.js';

type Db = Kysely<Database>;

/** How long a browser stays signed in without signing in again. */
export const SESSION_HOURS = 12;

export interface UserRecord extends Account {
  disabled: boolean;
  created_at: string;
  created_by: string;
}

export interface NewUser {
  login: string;
  display_name?: string | null;
  role: Role;
  unit?: string | null;
  regions?: string[];
  password: string;
}

const LOGIN = /^[\p{L}\p{N}._-]{2,64}$/u;

function userOf(row: {
  id: number;
  login: string;
  display_name: string;
  role: string;
  unit: string | null;
  regions: unknown;
  disabled: number;
  created_at: string;
  created_by: string;
}): UserRecord {
  return {
    id: row.id,
    login: row.login,
    display_name: row.display_name,
    role: isRole(row.role) ? row.role : 'reviewer',
    unit: row.unit,
    regions: fromJson<string[]>(row.regions),
    disabled: row.disabled === 1,
    created_at: row.created_at,
    created_by: row.created_by,
  };
}

const USER_COLUMNS = [
  'id',
  'login',
  'display_name',
  'role',
  'unit',
  'regions',
  'disabled',
  'created_at',
  'created_by',
] as const;

/** Why a new account is refused (field named), or nothing. */
function checkNewUser(user: NewUser): void {
  if (!LOGIN.test(user.login))
    throw new LantuError({
      code: 'user/invalid-login',
      message: `登录名 "${user.login}" 无效 / invalid login name "${user.login}"`,
      expected: '2–64 letters, digits, ".", "_" or "-"',
    });
  if (!isRole(user.role))
    throw new LantuError({
      code: 'user/invalid-role',
      message: `角色 "${String(user.role)}" 不存在 / no role "${String(user.role)}"`,
      expected: 'admin, planning, unit or reviewer',
    });
  if (user.role === 'unit' && !user.unit?.trim())
    throw new LantuError({
      code: 'user/unit-required',
      message: '责任单位账号须指定单位 / a unit account needs its unit (--unit)',
      expected: "the unit's name as in the ledger, e.g. 市发展改革委",
    });
  const problem = passwordProblem(user.password);
  if (problem) throw new LantuError({ code: 'user/weak-password', message: problem });
}

export async function createUser(db: Db, user: NewUser, by: string): Promise<UserRecord> {
  checkNewUser(user);
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('login', '=', user.login)
    .executeTakeFirst();
  if (existing)
    throw new LantuError({
      code: 'user/exists',
      message: `用户 "${user.login}" 已存在 / user "${user.login}" exists`,
      expected: 'a new login name, or `lantu user passwd` to reset its password',
    });
  const at = now();
  const { id } = await db
    .insertInto('users')
    .values({
      login: user.login,
      display_name: user.display_name?.trim() || user.login,
      role: user.role,
      unit: user.unit?.trim() || null,
      regions: toJson([...new Set((user.regions ?? []).map((r) => r.trim()).filter(Boolean))]),
      password_hash: await hashPassword(user.password),
      disabled: 0,
      created_at: at,
      created_by: by,
      password_changed_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await getUser(db, id))!;
}

export async function getUser(db: Db, id: number): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? userOf(row) : undefined;
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  return (await db.selectFrom('users').select(USER_COLUMNS).orderBy('id').execute()).map(userOf);
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((e) => e.fn.countAll().as('n'))
    .executeTakeFirst();
  return toCount(row?.n);
}

/** The account and its stored hash, for signing in (disabled accounts are not found). */
export async function userForLogin(
  db: Db,
  login: string,
): Promise<{ user: UserRecord; password_hash: string } | undefined> {
  const row = await db
    .selectFrom('users')
    .select([...USER_COLUMNS, 'password_hash'])
    .where('login', '=', login)
    .where('disabled', '=', 0)
    .executeTakeFirst();
  return row ? { user: userOf(row), password_hash: row.password_hash } : undefined;
}

function noSuchUser(login: string): LantuError {
  return new LantuError({
    code: 'user/not-found',
    message: `用户 "${login}" 不存在 / user "${login}" does not exist`,
  });
}

/** Set a new password; every session of the user ends (a reset locks out whoever knew the old one). */
export async function setPassword(db: Db, login: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new LantuError({ code: 'user/weak-password', message: problem });
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst();
    if (!user) throw noSuchUser(login);
    await trx
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: now() })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
  });
}

/** Store a new session for a secret id the caller sends as a cookie; returns its expiry. */
export async function createSession(db: Db, userId: number, sessionId: string): Promise<string> {
  const at = new Date();
  const expires = new Date(at.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await db
    .insertInto('sessions')
    .values({
      user_id: userId,
      digest: secretDigest(sessionId),
      created_at: at.toISOString(),
      expires_at: expires,
      last_seen_at: at.toISOString(),
    })
    .execute();
  return expires;
}

/** The account a session id belongs to, while it has not expired and the account is enabled. */
export async function sessionAccount(db: Db, sessionId: string): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(USER_COLUMNS.map((c) => `u.${c}` as const))
    .where('s.digest', '=', secretDigest(sessionId))
    .where('s.expires_at', '>', now())
    .where('u.disabled', '=', 0)
    .executeTakeFirst();
  return row ? userOf(row) : undefined;
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('digest', '=', secretDigest(sessionId)).execute();
}

export interface ApiTokenRecord {
  id: number;
  user: string;
  name: string;
  created_at: string;
  created_by: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Store a token (its digest) for a user; the caller shows the token once. */
export async function createApiToken(
  db: Db,
  login: string,
  name: string,
  token: string,
  by: string,
): Promise<ApiTokenRecord> {
  const user = await db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst();
  if (!user) throw noSuchUser(login);
  if (!name.trim())
    throw new LantuError({ code: 'token/name-required', message: '令牌须有名称 / a token needs a name' });
  const { id } = await db
    .insertInto('api_tokens')
    .values({
      user_id: user.id,
      name: name.trim(),
      digest: secretDigest(token),
      created_at: now(),
      created_by: by,
      last_used_at: null,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await listApiTokens(db)).find((t) => t.id === id)!;
}

/** Tokens, newest first; `login` keeps one user's. */
export async function listApiTokens(db: Db, login?: string): Promise<ApiTokenRecord[]> {
  let query = db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      'u.login as user',
      't.name',
      't.created_at',
      't.created_by',
      't.last_used_at',
      't.revoked_at',
    ])
    .orderBy('t.id', 'desc');
  if (login) query = query.where('u.login', '=', login);
  return query.execute();
}

/** Revoke a token (kept, so who had one and when stays visible); false when it does not exist. */
export async function revokeApiToken(db: Db, id: number, login?: string): Promise<boolean> {
  let query = db
    .updateTable('api_tokens')
    .set({ revoked_at: now() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null);
  if (login) {
    const user = await db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst();
    if (!user) return false;
    query = query.where('user_id', '=', user.id);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The account a bearer token belongs to, while neither the token is revoked nor the account disabled. */
export async function tokenAccount(db: Db, token: string): Promise<UserRecord | undefined> {
  const digest = secretDigest(token);
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([...USER_COLUMNS.map((c) => `u.${c}` as const), 't.id as token_id', 't.last_used_at'])
    .where('t.digest', '=', digest)
    .where('t.revoked_at', 'is', null)
    .where('u.disabled', '=', 0)
    .executeTakeFirst();
  if (!row) return undefined;
  // Marked at most once a minute: a script's every request need not write.
  const at = now();
  if (!row.last_used_at || Date.parse(at) - Date.parse(row.last_used_at) > 60_000)
    await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', row.token_id).execute();
  return userOf(row);
}

/** A region's own name and its parents' (nearest first), for scope checks; null when the region is unknown. */
export async function regionChain(db: Db, regionId: number | null | undefined): Promise<string[] | null> {
  if (regionId === null || regionId === undefined) return null;
  const names: string[] = [];
  let id: number | null = regionId;
  for (let depth = 0; id !== null && depth < 8; depth++) {
    const region: { name: string; parent_id: number | null } | undefined = await db
      .selectFrom('regions')
      .select(['name', 'parent_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!region) break;
    names.push(region.name);
    id = region.parent_id;
  }
  return names.length ? names : null;
}

/** Unit names by id (for a 责任单位's scope: the units a task or project names). */
export async function unitNames(db: Db, ids: Array<number | null>): Promise<string[]> {
  const known = ids.filter((id): id is number => id !== null);
  if (known.length === 0) return [];
  return (await db.selectFrom('units').select('name').where('id', 'in', known).execute()).map((u) => u.name);
}

/** The units (ids) whose tasks in a region cover a catalog indicator: who may enter its reported values. */
export async function indicatorUnitIds(db: Db, regionId: number, indicatorId: string): Promise<number[]> {
  const tasks = await db
    .selectFrom('tasks as t')
    .innerJoin('links as l', (j) =>
      j.onRef('l.subject_id', '=', 't.source_id').on('l.subject_kind', '=', 'row'),
    )
    .select(['t.lead_unit_id', 't.supporting_unit_ids'])
    .where('t.region_id', '=', regionId)
    .where('t.source_kind', '=', 'row')
    .where('l.indicator_id', '=', indicatorId)
    .execute();
  return [
    ...new Set(
      tasks.flatMap((t) => [
        ...(t.lead_unit_id === null ? [] : [t.lead_unit_id]),
        ...fromJson<number[]>(t.supporting_unit_ids),
      ]),
    ),
  ];
}
