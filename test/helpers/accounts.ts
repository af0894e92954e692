// One way for tests to act as a signed-in user: an account and an API token in the store, sent as `authorization`.
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { newApiToken, randomSecret, type Role } from '../../src/accounts/index.js';
import { createApiToken, createUser, type Database } from '../../src/store/index.js';

export interface TestAccount {
  login?: string;
  role?: Role;
  regions?: string[];
  unit?: string | null;
  password?: string;
}

let serial = 0;

/** Create an account (admin of every region unless told) and a token for it; returns the login and token. */
export async function accountWithToken(
  db: Kysely<Database>,
  account: TestAccount = {},
): Promise<{ login: string; token: string; password: string }> {
  const role = account.role ?? 'admin';
  const login = account.login ?? `test-${role}-${++serial}-${randomSecret(4)}`;
  const password = account.password ?? randomSecret(12);
  await createUser(
    db,
    {
      login,
      role,
      regions: account.regions ?? [],
      unit: account.unit ?? (role === 'unit' ? '测试单位' : null),
      password,
    },
    'test',
  );
  const token = newApiToken();
  await createApiToken(db, login, 'test', token, 'test');
  return { login, token, password };
}

/** The header a script sends. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

function withToken(options: string | InjectOptions, token: string): InjectOptions {
  const o = typeof options === 'string' ? { url: options } : options;
  return { ...o, headers: { ...bearer(token), ...(o.headers ?? {}) } };
}

/** The app whose `inject` acts as the account (a request that sets `authorization` itself keeps its own). */
export function actingAs<T extends FastifyInstance>(app: T, token: string): T {
  return new Proxy(app, {
    get(target, property) {
      // A Fastify instance is thenable (it resolves to itself when ready): awaiting the proxy must keep the proxy.
      if (property === 'then') return undefined;
      if (property === 'inject')
        return (options: string | InjectOptions) => target.inject(withToken(options, token));
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A signed-in app for a test: a new account (admin unless told) and the app acting as it. */
export async function signedIn<T extends FastifyInstance>(
  app: T,
  db: Kysely<Database>,
  account: TestAccount = {},
): Promise<T> {
  const { token } = await accountWithToken(db, account);
  return actingAs(app, token);
}
