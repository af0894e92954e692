// `lantu extract FILE|DIR…`: read documents (in parallel on all cores) and print what Lantu extracts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import type { GoldExtraction } from '../../extract/model.js';
import type { ExtractResult } from '../extract-worker.js';
import { collectFiles, readLimits } from '../../readers/index.js';
import { guardedPool, runGuarded, workerModule } from '../../worker-threads.js';
import { startProgress } from '../progress.js';

interface ExtractOptions {
  format: string;
  out?: string;
  jobs?: string;
}

function summaryLine(gold: GoldExtraction): string {
  const rows = gold.indicator_tables.reduce((n, t) => n + t.rows.length, 0);
  return (
    `${gold.doc}\t${gold.doc_type}\t${gold.region ?? '?'}\t${gold.period ?? '?'}\t` +
    `章节 ${gold.outline.length}  指标行 ${rows}  目标 ${gold.targets.length}  ` +
    `成就 ${gold.achievements.length}  项目 ${gold.projects.length}`
  );
}

/** `<name>.json` per input; the same name in two formats (plan.txt, plan.pdf) keeps its extension apart. */
function outputNames(files: readonly string[]): (file: string) => string {
  const stem = (file: string) => basename(file).replace(/\.[^.]+$/, '');
  const counts = new Map<string, number>();
  for (const file of files) counts.set(stem(file), (counts.get(stem(file)) ?? 0) + 1);
  return (file) => `${(counts.get(stem(file)) ?? 0) > 1 ? basename(file) : stem(file)}.json`;
}

/**
 * Runs the extraction of every file on worker threads under the read limits (even one file: a file over its time or
 * memory limit stops its worker, not this process); a file that fails is a result, and the others go on.
 */
async function extractAll(files: string[], jobs: number, onDone: (r: ExtractResult) => void): Promise<void> {
  const limits = readLimits();
  const pool = guardedPool(
    workerModule('../extract-worker', import.meta.url),
    Math.min(jobs, files.length),
    limits,
  );
  try {
    await Promise.all(
      files.map(async (file) => {
        try {
          const gold = await runGuarded<unknown, GoldExtraction>(pool, { file, limits }, file, limits);
          onDone({ file, ok: true, gold });
        } catch (error) {
          onDone({ file, ok: false, error: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
  } finally {
    await pool.destroy();
  }
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('抽取文档结构、指标表、目标、成就与项目 / extract structure, tables, targets and projects')
    .argument('<inputs...>', 'TXT, DOCX, PDF or HTML files, or folders of them')
    .option(
      '-f, --format <format>',
      'gold (the JSON of EXTRACTION.md) | summary (one line per document)',
      'gold',
    )
    .option('-o, --out <dir>', 'write one <name>.json per document into this folder instead of stdout')
    .option('-j, --jobs <n>', 'worker threads (default: all cores)')
    .action(async (inputs: string[], options: ExtractOptions) => {
      if (!['gold', 'summary'].includes(options.format)) {
        throw new Error(`unknown --format "${options.format}" (expected gold or summary)`);
      }
      const jobs = options.jobs ? Number(options.jobs) : availableParallelism();
      if (!Number.isInteger(jobs) || jobs < 1)
        throw new Error(`--jobs must be a positive whole number, got "${options.jobs}"`);
      const files = await collectFiles(inputs);
      if (files.length === 0) throw new Error(`no TXT, DOCX, PDF or HTML documents in ${inputs.join(', ')}`);
      if (options.out) mkdirSync(options.out, { recursive: true });

      const progress = startProgress(files.length, '抽取 extract');
      const failures: ExtractResult[] = [];
      const results: ExtractResult[] = [];
      const started = performance.now();
      await extractAll(files, jobs, (result) => {
        progress.tick(basename(result.file));
        results.push(result);
        if (!result.ok) failures.push(result);
      });
      progress.stop();

      // Print in input order whatever the order the workers finished in.
      results.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file));
      const outputName = outputNames(files);
      for (const result of results) {
        if (!result.ok) continue;
        if (options.out) {
          writeFileSync(
            join(options.out, outputName(result.file)),
            `${JSON.stringify(result.gold, null, 2)}\n`,
          );
        } else if (options.format === 'summary') {
          process.stdout.write(`${summaryLine(result.gold)}\n`);
        } else {
          process.stdout.write(`${JSON.stringify(result.gold, null, files.length === 1 ? 2 : undefined)}\n`);
        }
      }
      for (const failure of failures) if (!failure.ok) console.error(`lantu extract: ${failure.error}`);
      if (files.length > 1) {
        const seconds = (performance.now() - started) / 1000;
        console.error(
          `已处理 ${files.length} 个文件：成功 ${files.length - failures.length}，失败 ${failures.length}，` +
            `用时 ${seconds.toFixed(1)} 秒 / ${files.length} files, ${failures.length} failed, ${seconds.toFixed(1)} s`,
        );
      }
      if (failures.length > 0) process.exitCode = 1;
    });
}
