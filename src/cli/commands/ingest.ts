// `lantu ingest FILE|DIR…`: read, extract and store documents in parallel, with a progress bar, idempotently.
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { enqueueDocuments, openQueue, postgresUrlOf } from '../../queue/index.js';
import { collectFiles, ingest, openStore, type Store } from '../../store/index.js';

/** `--queue`: put the files in the database's job queue for `lantu worker` processes instead of reading them here. */
async function enqueue(store: Store, files: string[], by: string): Promise<void> {
  const queue = await openQueue(postgresUrlOf(store, 'lantu ingest --queue'), { supervise: false });
  try {
    const events = await enqueueDocuments(
      store,
      queue,
      files.map((file) => ({ file })),
      {
        actor: by,
        onEvent: (event) => {
          if (event.outcome === 'failed') process.stderr.write(`lantu ingest: ${event.error}\n`);
        },
      },
    );
    const count = (outcome: string) => events.filter((e) => e.outcome === outcome).length;
    const [queued, stored, waiting, failed] = [
      count('queued'),
      count('stored'),
      count('already-queued'),
      count('failed'),
    ];
    process.stderr.write(
      `已加入导入队列 ${queued} 份，已入库 ${stored} 份，已在队列中 ${waiting} 份，无法读取 ${failed} 份；` +
        `由 lantu worker 处理 / ${queued} queued, ${stored} already stored, ${waiting} already queued, ` +
        `${failed} unreadable (${store.location}); \`lantu worker\` processes them\n`,
    );
    if (failed > 0) process.exitCode = 1;
  } finally {
    await queue.stop();
  }
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description(
      '读取并入库文档（同一文件只存一次）/ read, extract and store documents (the same file is stored once)',
    )
    .argument('<paths...>', 'files or directories (TXT, DOCX, PDF, HTML)')
    .option('-j, --threads <n>', 'worker threads (default: every core)', (v) => Number.parseInt(v, 10))
    .option('--by <name>', 'who is ingesting (kept in the audit log)', process.env.USER ?? 'lantu')
    .option('--no-progress', 'no progress bar')
    .option(
      '--queue',
      'PostgreSQL only: enqueue one job per document (bytes in the database) for `lantu worker` processes',
    )
    .action(
      async (
        paths: string[],
        options: { threads?: number; by: string; progress: boolean; queue?: boolean },
      ) => {
        const files = await collectFiles(paths);
        if (files.length === 0)
          throw new Error(
            `no documents found in ${paths.join(', ')} (expected .txt, .docx, .pdf or .html files)`,
          );
        const store = await openStore();
        if (options.queue) {
          try {
            return await enqueue(store, files, options.by);
          } finally {
            await store.close();
          }
        }
        const bar =
          options.progress && process.stderr.isTTY
            ? new cliProgress.SingleBar(
                { stream: process.stderr, format: 'ingest [{bar}] {value}/{total} {file}', hideCursor: true },
                cliProgress.Presets.shades_classic,
              )
            : null;
        bar?.start(files.length, 0, { file: '' });
        try {
          const report = await ingest(
            store,
            files.map((file) => ({ file })),
            {
              actor: options.by,
              // Even one file is read in a worker, so its time and memory limits hold and a bomb cannot stop the run.
              isolate: true,
              ...(options.threads ? { threads: options.threads } : {}),
              onProgress: (event) => {
                bar?.update(event.done, { file: event.file });
                if (event.outcome === 'failed') {
                  bar?.stop();
                  process.stderr.write(`lantu ingest: ${event.error}\n`);
                  bar?.start(event.total, event.done, { file: event.file });
                }
              },
            },
          );
          bar?.stop();
          const { derived } = report;
          // The derived counts include what an earlier, interrupted run left owed.
          process.stderr.write(
            `新入库 ${report.stored.length} 份，已存在 ${report.duplicates.length} 份，失败 ${report.failed.length} 份；` +
              `派生 ${derived.observations} 条观测值、${derived.statuses} 项指标状态、${derived.findings} 条检查发现 / ` +
              `${report.stored.length} stored, ${report.duplicates.length} already stored, ${report.failed.length} failed ` +
              `in ${report.seconds.toFixed(1)} s (${store.engine}: ${store.location}); ` +
              `${derived.observations} observations, ${derived.statuses} statuses, ${derived.findings} findings\n`,
          );
          if (report.failed.length > 0) process.exitCode = 1;
        } finally {
          bar?.stop();
          await store.close();
        }
      },
    );
}
