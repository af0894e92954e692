// `lantu extract FILE…`: read documents and print what Lantu extracts (the gold exchange format, or a summary).
import type { Command } from 'commander';
import { readFile } from '../../readers/index.js';
import { analyzeDocument, toGoldFormat } from '../../pipeline.js';

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('抽取文档结构、指标表、目标、成就与项目 / extract structure, tables, targets and projects')
    .argument('<files...>', 'TXT, DOCX, PDF or HTML files')
    .option('-f, --format <format>', 'output format: gold (EXTRACTION.md JSON) | summary', 'gold')
    .action(async (files: string[], options: { format: string }) => {
      if (!['gold', 'summary'].includes(options.format)) {
        throw new Error(`unknown --format "${options.format}" (expected gold or summary)`);
      }
      let failed = 0;
      for (const file of files) {
        try {
          const analysis = analyzeDocument(await readFile(file));
          const gold = toGoldFormat(analysis);
          if (options.format === 'gold') {
            process.stdout.write(`${JSON.stringify(gold, null, 2)}\n`);
          } else {
            const { title, region, doc_type, period } = gold;
            process.stdout.write(
              `${file}\t${doc_type}\t${region ?? '?'}\t${period ?? '?'}\t${title ?? '?'}\t` +
                `outline ${gold.outline.length}, tables ${gold.indicator_tables.length}, targets ${gold.targets.length}, ` +
                `achievements ${gold.achievements.length}, projects ${gold.projects.length}\n`,
            );
          }
        } catch (error) {
          failed += 1;
          console.error(`lantu extract: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (failed > 0) process.exitCode = 1;
    });
}
