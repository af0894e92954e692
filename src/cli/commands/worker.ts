// `lantu worker [--concurrency N]`: take ingest and derive jobs from the PostgreSQL queue until told to stop.
import type { Command } from 'commander';
import { openQueue, postgresUrlOf, startWorker, type WorkerEvent } from '../../queue/index.js';
import { openStore } from '../../store/index.js';

function describe(event: WorkerEvent): string {
  switch (event.kind) {
    case 'stored':
      return `stored ${event.file} → document ${event.documentId}`;
    case 'duplicate':
      return `already stored ${event.file} → document ${event.documentId}`;
    case 'derived':
      return `derived region ${event.regionId}`;
    case 'retry':
      return `will retry: ${event.error}`;
    case 'failed':
      return `failed: ${event.error}`;
  }
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      '处理导入队列（PostgreSQL）：读取、入库、关联并派生，可在多台机器上同时运行 / take ingest and derive jobs ' +
        'from the PostgreSQL queue (DATABASE_URL); run any number, on any machine; SIGTERM finishes the current ' +
        'jobs and exits',
    )
    .option('-c, --concurrency <n>', 'jobs at once, each read in its own thread (default 1)', (v) =>
      Number.parseInt(v, 10),
    )
    .option(
      '--by <name>',
      'who the documents are ingested by (kept in the audit log)',
      process.env.USER ?? 'lantu',
    )
    .option('--quiet', 'no line per job')
    .action(async (options: { concurrency?: number; by: string; quiet?: boolean }) => {
      const concurrency = options.concurrency ?? 1;
      if (!Number.isInteger(concurrency) || concurrency < 1)
        throw new Error(`--concurrency ${options.concurrency}: expected a whole number of at least 1`);
      const store = await openStore();
      try {
        const queue = await openQueue(postgresUrlOf(store, 'lantu worker'), { supervise: true });
        try {
          const worker = await startWorker(store, queue, {
            concurrency,
            actor: options.by,
            onEvent: (event) => {
              if (!options.quiet || event.kind === 'failed')
                process.stderr.write(`lantu worker: ${describe(event)}\n`);
            },
          });
          process.stderr.write(
            `导入队列工作进程已启动 / lantu worker ${worker.id} is taking jobs (${concurrency} at once) ` +
              `from ${store.location}\n`,
          );
          await new Promise<void>((resolve) => {
            const stop = (signal: NodeJS.Signals) => {
              process.stderr.write(
                `lantu worker: ${signal}: finishing the current jobs, taking no new one\n`,
              );
              resolve();
            };
            process.once('SIGTERM', stop);
            process.once('SIGINT', stop);
          });
          await worker.stop();
          process.stderr.write('lantu worker: stopped\n');
        } finally {
          await queue.stop();
        }
      } finally {
        await store.close();
      }
    });
}
