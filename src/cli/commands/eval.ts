// `lantu eval`: runs the reading engine over every fixture with gold and prints the scores of EXTRACTION.md.
import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { goldCases, microAverage, renderReport, scoreDocument } from '../../eval/index.js';
import { analyzeDocument, toGoldFormat } from '../../pipeline.js';
import { readFile } from '../../readers/index.js';

const fixtures = (sub: string): string => fileURLToPath(new URL(`../../../fixtures/${sub}`, import.meta.url));

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description(
      '按 EXTRACTION.md 的规则对有标注的样例文档评分 / score the engine against the gold annotations',
    )
    .option('--corpus <dir>', 'folder of documents', fixtures('corpus'))
    .option('--gold <dir>', 'folder of gold JSON files', fixtures('gold'))
    .option('--json', 'print the scores as JSON')
    .action(async (options: { corpus: string; gold: string; json?: boolean }) => {
      const scores = [];
      for (const { document, gold } of goldCases(options.corpus, options.gold)) {
        const predicted = toGoldFormat(analyzeDocument(await readFile(document)));
        scores.push(scoreDocument(predicted, gold));
      }
      if (scores.length === 0)
        throw new Error(`no gold files in ${options.gold} match documents in ${options.corpus}`);
      if (options.json)
        process.stdout.write(
          `${JSON.stringify({ documents: scores, micro: microAverage(scores) }, null, 2)}\n`,
        );
      else process.stdout.write(`${renderReport(scores)}\n`);
    });
}
