// `lantu serve`: the HTTP API on the local store (embedded SQLite unless DATABASE_URL is set).
import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { buildServer, DEFAULT_UPLOAD_LIMIT } from '../../server/index.js';
import { randomSecret } from '../../accounts/index.js';
import {
  appendAudit,
  countUsers,
  createUser,
  deriveOwed,
  ingestPaths,
  openStore,
  owedRegions,
  type Store,
} from '../../store/index.js';

/** The administrator a store without accounts gets: `admin` with a random password printed once. */
export const FIRST_ADMIN = 'admin';

/** On a store with no account, create the first administrator and print its password once (only to stderr). */
async function ensureFirstAdmin(store: Store): Promise<void> {
  if ((await countUsers(store.db)) > 0) return;
  const password = randomSecret(12);
  const user = await createUser(
    store.db,
    { login: FIRST_ADMIN, display_name: '管理员', role: 'admin', password },
    'lantu serve',
  );
  await appendAudit(store.db, {
    actor: 'lantu serve',
    action: 'add_user',
    entity: 'user',
    entity_id: user.id,
    detail: { login: user.login, role: user.role, first_run: true },
  });
  process.stderr.write(
    `首次启动：已创建管理员账号 ${FIRST_ADMIN}，密码 ${password}（只显示这一次，可用 lantu user passwd ${FIRST_ADMIN} 重置）/ ` +
      `first start: created the administrator ${FIRST_ADMIN} with password ${password} (shown once; reset with lantu user passwd ${FIRST_ADMIN})\n`,
  );
}

/** The corpus shipped with the package (fixtures/corpus), for a demo database. */
export const CORPUS_DIR = fileURLToPath(new URL('../../../fixtures/corpus', import.meta.url));

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      '启动网页端与 HTTP API（/docs 为接口文档）/ start the web app and the HTTP API (OpenAPI docs at /docs)',
    )
    .option('-p, --port <port>', 'port', (v) => Number.parseInt(v, 10), 8080)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--load-corpus', 'ingest the bundled corpus first when the database is empty')
    .option(
      '--upload-limit <mb>',
      'largest upload in MB',
      (v) => Number.parseInt(v, 10),
      DEFAULT_UPLOAD_LIMIT / 1024 / 1024,
    )
    .action(async (options: { port: number; host: string; loadCorpus?: boolean; uploadLimit: number }) => {
      const store = await openStore();
      const count = await store.db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      if (Number(count?.n ?? 0) === 0) {
        if (options.loadCorpus) {
          process.stderr.write('正在载入样例文档 / loading the bundled corpus …\n');
          const report = await ingestPaths(store, [CORPUS_DIR]);
          process.stderr.write(
            `已载入 ${report.stored.length} 份文档，${report.derived.statuses} 项指标状态 / ` +
              `loaded ${report.stored.length} documents, ${report.derived.statuses} statuses\n`,
          );
        } else {
          process.stderr.write(
            'the database is empty: upload documents (POST /api/documents), run `lantu ingest DIR`, or restart with --load-corpus\n',
          );
        }
      }
      await ensureFirstAdmin(store);
      // A server (or ingest) killed while deriving left documents without statuses: finish them before serving.
      const owed = await owedRegions(store.db);
      if (owed.length > 0) {
        process.stderr.write(
          `正在完成上次中断的派生（${owed.length} 个地区）/ finishing the derivation an interrupted run left owed (${owed.length} regions) …\n`,
        );
        const derived = await deriveOwed(store.db);
        process.stderr.write(
          `已补上 ${derived.statuses} 项指标状态、${derived.findings} 条检查发现 / ` +
            `derived ${derived.statuses} statuses, ${derived.findings} findings\n`,
        );
      }
      const app = await buildServer({
        db: store.db,
        uploadLimit: options.uploadLimit * 1024 * 1024,
        warmReading: true,
      });
      const close = async () => {
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      const address = await app.listen({ port: options.port, host: options.host });
      process.stderr.write(
        `蓝图已启动 / Lantu is running: ${address}  (接口文档 API docs: ${address}/docs; ` +
          `数据库 database: ${store.engine} ${store.location})\n`,
      );
    });
}
