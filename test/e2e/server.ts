// The real Lantu server for browser tests: a temporary SQLite file with the corpus ingested, the web app built.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/index.js';
import { registerWebApp, WEB_ROOT } from '../../src/server/web.js';
import { ingestPaths, openStore, type Store } from '../../src/store/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CORPUS = join(ROOT, 'fixtures/corpus');

/** Build web/dist when it is missing (`npm run build` normally has). */
export function ensureWebBuilt(): void {
  if (existsSync(join(WEB_ROOT, 'index.html'))) return;
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
  close(): Promise<void>;
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
  return {
    url,
    app,
    store,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
