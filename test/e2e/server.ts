// The real Lantu server for browser tests: a temporary SQLite file with the corpus ingested, the web app built.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext } from 'playwright-core';
import { randomSecret } from '../../src/accounts/index.js';
import { SESSION_COOKIE } from '../../src/server/auth.js';
import { buildServer } from '../../src/server/index.js';
import { registerWebApp, WEB_ROOT } from '../../src/server/web.js';
import { createSession, ingestPaths, openStore, type Store } from '../../src/store/index.js';
import { accountWithToken, bearer, type TestAccount } from '../helpers/accounts.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CORPUS = join(ROOT, 'fixtures/corpus');

/** The newest modification time of the files under `dir` (0 when it does not exist). */
function newestIn(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

/** Build web/dist when it is missing or older than the web sources and the API contract they import. */
export function ensureWebBuilt(): void {
  const built = join(WEB_ROOT, 'index.html');
  const sources = Math.max(newestIn(join(ROOT, 'web/src')), newestIn(join(ROOT, 'src/server/contract')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      join(ROOT, 'web/vite.config.ts'),
      '--logLevel',
      'warn',
    ],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  /** An administrator's API token header, for the tests' own requests to the API. */
  headers: Record<string, string>;
  /** Sign a browser context in (a session cookie of a new account: admin unless told). */
  signIn(context: BrowserContext, account?: TestAccount): Promise<string>;
  close(): Promise<void>;
}

/** Give a browser context the session cookie of an account (made when new; admin unless told); returns its login. */
export async function signInContext(
  store: Store,
  context: BrowserContext,
  url: string,
  account: TestAccount = {},
): Promise<string> {
  // A login that exists already signs in again (a new session), it is not made twice.
  const existing = account.login
    ? await store.db.selectFrom('users').select('login').where('login', '=', account.login).executeTakeFirst()
    : undefined;
  const login = existing?.login ?? (await accountWithToken(store.db, account)).login;
  const user = await store.db
    .selectFrom('users')
    .select('id')
    .where('login', '=', login)
    .executeTakeFirstOrThrow();
  const session = randomSecret();
  await createSession(store.db, user.id, session);
  await context.addCookies([{ name: SESSION_COOKIE, value: session, url, httpOnly: true, sameSite: 'Lax' }]);
  return login;
}

export async function startServer(): Promise<RunningServer> {
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'lantu-e2e-'));
  const store = await openStore({ sqlitePath: join(dir, 'lantu.db') });
  await ingestPaths(store, [CORPUS], { threads: 1 });
  const app = await buildServer({ db: store.db });
  // A no-op once the server wires it itself.
  await registerWebApp(app);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const { token } = await accountWithToken(store.db, { role: 'admin' });
  return {
    url,
    app,
    store,
    headers: bearer(token),
    signIn: (context, account = {}) => signInContext(store, context, url, account),
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
