// `lantu user add|passwd|list` and `lantu token add|list|revoke`: accounts kept from the command line (the first
// administrator is made here, or by `lantu serve` on a store without users).
import type { Command } from 'commander';
import { isRole, newApiToken, randomSecret, ROLES, type Role } from '../../accounts/index.js';
import {
  appendAudit,
  createApiToken,
  createUser,
  listApiTokens,
  listUsers,
  openStore,
  revokeApiToken,
  setPassword,
  type Store,
} from '../../store/index.js';

/** Who the log names for a change made from the command line. */
const CLI_ACTOR = 'cli';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The password from stdin, or a random one that is printed once. */
async function passwordOf(options: {
  passwordStdin?: boolean;
}): Promise<{ password: string; generated: boolean }> {
  if (options.passwordStdin) return { password: await readStdin(), generated: false };
  return { password: randomSecret(12), generated: true };
}

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerUser(program: Command): void {
  const user = program.command('user').description('账号管理 / accounts: add, reset a password, list');
  user
    .command('add <name>')
    .description(
      '新建账号；不带 --password-stdin 时生成随机密码并只显示一次 / add an account (a random password is printed once unless --password-stdin)',
    )
    .requiredOption('--role <role>', `role: ${ROLES.join(' | ')}`)
    .option(
      '--region <region>',
      'a region it sees and changes (repeat for several; none: every region)',
      collect,
      [],
    )
    .option('--unit <unit>', '责任单位 name as in the ledger (role unit)')
    .option('--display-name <name>', 'the name shown in the web app')
    .option('--password-stdin', 'read the password from standard input')
    .action(
      async (
        name: string,
        options: {
          role: string;
          region: string[];
          unit?: string;
          displayName?: string;
          passwordStdin?: boolean;
        },
      ) => {
        if (!isRole(options.role))
          throw new Error(
            `未知角色 "${options.role}" / unknown role "${options.role}" (expected ${ROLES.join(', ')})`,
          );
        const { password, generated } = await passwordOf(options);
        await withStore(async (store) => {
          const created = await createUser(
            store.db,
            {
              login: name,
              role: options.role as Role,
              regions: options.region,
              unit: options.unit ?? null,
              display_name: options.displayName ?? null,
              password,
            },
            CLI_ACTOR,
          );
          await appendAudit(store.db, {
            actor: CLI_ACTOR,
            action: 'add_user',
            entity: 'user',
            entity_id: created.id,
            detail: {
              login: created.login,
              role: created.role,
              unit: created.unit,
              regions: created.regions,
            },
          });
          process.stdout.write(`已新建账号 / added ${created.login} (${created.role})\n`);
          if (generated) process.stdout.write(`密码（只显示这一次）/ password (shown once): ${password}\n`);
        });
      },
    );
  user
    .command('passwd <name>')
    .description('重置密码（该账号的登录会话全部失效）/ reset a password (its sessions end)')
    .option('--password-stdin', 'read the new password from standard input')
    .action(async (name: string, options: { passwordStdin?: boolean }) => {
      const { password, generated } = await passwordOf(options);
      await withStore(async (store) => {
        await setPassword(store.db, name, password);
        await appendAudit(store.db, {
          actor: CLI_ACTOR,
          action: 'reset_password',
          entity: 'user',
          entity_id: name,
        });
        process.stdout.write(`已重置密码 / password reset for ${name}\n`);
        if (generated)
          process.stdout.write(`新密码（只显示这一次）/ new password (shown once): ${password}\n`);
      });
    });
  user
    .command('list')
    .description('列出账号 / list accounts')
    .action(async () =>
      withStore(async (store) => {
        for (const u of await listUsers(store.db))
          process.stdout.write(
            `${u.login}\t${u.role}\t${u.unit ?? '-'}\t${u.regions.join(',') || '(all regions)'}${u.disabled ? '\tdisabled' : ''}\n`,
          );
      }),
    );

  const token = program.command('token').description('API 令牌（脚本用）/ API tokens for scripts');
  token
    .command('add <name>')
    .description('新建令牌并只显示一次 / add a token (printed once): Authorization: Bearer lantu_…')
    .requiredOption('--user <login>', 'the account the token acts as')
    .action(async (name: string, options: { user: string }) =>
      withStore(async (store) => {
        const secret = newApiToken();
        const record = await createApiToken(store.db, options.user, name, secret, CLI_ACTOR);
        await appendAudit(store.db, {
          actor: CLI_ACTOR,
          action: 'add_token',
          entity: 'api_token',
          entity_id: record.id,
          detail: { user: options.user, name: record.name },
        });
        process.stderr.write(
          `令牌 ${record.id}（${record.name}，账号 ${options.user}），只显示这一次 / token ${record.id}, shown once:\n`,
        );
        process.stdout.write(`${secret}\n`);
      }),
    );
  token
    .command('list')
    .description('列出令牌（不含密钥）/ list tokens (never their secret)')
    .option('--user <login>', "only this account's")
    .action(async (options: { user?: string }) =>
      withStore(async (store) => {
        for (const t of await listApiTokens(store.db, options.user))
          process.stdout.write(
            `${t.id}\t${t.user}\t${t.name}\t${t.created_at}\t${t.revoked_at ? `revoked ${t.revoked_at}` : 'active'}\n`,
          );
      }),
    );
  token
    .command('revoke <id>')
    .description('吊销令牌 / revoke a token')
    .action(async (id: string) =>
      withStore(async (store) => {
        if (!(await revokeApiToken(store.db, Number(id))))
          throw new Error(`令牌 ${id} 不存在或已吊销 / token ${id} does not exist or is already revoked`);
        await appendAudit(store.db, {
          actor: CLI_ACTOR,
          action: 'revoke_token',
          entity: 'api_token',
          entity_id: id,
        });
        process.stdout.write(`已吊销 / revoked ${id}\n`);
      }),
    );
}
