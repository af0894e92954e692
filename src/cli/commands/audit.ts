// `lantu audit verify`: walk the audit log's hash chain and name every rewritten or removed entry.
import type { Command } from 'commander';
import { openStore, verifyAudit, type AuditVerification } from '../../store/index.js';

/** The report a person reads: one line when the log is intact, else one line per break. */
export function verificationText(result: AuditVerification): string {
  if (result.intact)
    return (
      `审计日志完整：共 ${result.entries} 条 / audit log intact: ${result.entries} entries` +
      (result.head ? `\n链头 / head: #${result.head.id} ${result.head.hash}` : '')
    );
  const lines = [
    `审计日志被改动：${result.breaks.length} 处断裂（共 ${result.entries} 条）/ audit log broken: ` +
      `${result.breaks.length} break${result.breaks.length === 1 ? '' : 's'} in ${result.entries} entries`,
    ...result.breaks.map((b) => `  ${b.kind} #${b.id}: ${b.message}`),
  ];
  return lines.join('\n');
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('审计日志 / the audit log');
  audit
    .command('verify')
    .description(
      '逐条核验审计日志的哈希链，报告被改写或删除的条目（有断裂时退出码为 1）/ walk the audit log’s hash ' +
        'chain and report every rewritten or removed entry (exit code 1 on a break); DATABASE_URL or LANTU_DB',
    )
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const store = await openStore();
      try {
        const result = await verifyAudit(store.db);
        process.stdout.write(
          `${options.json ? JSON.stringify(result, null, 2) : verificationText(result)}\n`,
        );
        if (!result.intact) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
