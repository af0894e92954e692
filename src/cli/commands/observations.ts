// `lantu observations template|import|export`: observations in and out of spreadsheets, with row-level errors.
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import {
  findRegion,
  importObservations,
  observationExport,
  observationTemplate,
  openStore,
  type TabularFormat,
} from '../../store/index.js';

function formatOf(file: string): TabularFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw new Error(`${file}: unknown format "${ext}" (expected .csv or .xlsx)`);
}

export function registerObservations(program: Command): void {
  const command = program
    .command('observations')
    .description('观测值导入导出 / import and export observations (CSV/XLSX)');

  command
    .command('template')
    .description('write the import template (XLSX lists the catalog indicators on a second sheet)')
    .argument('<file>', 'observations-template.xlsx or .csv')
    .action(async (file: string) => {
      const store = await openStore();
      try {
        await writeFile(file, await observationTemplate(store.db, formatOf(file)));
        process.stderr.write(`wrote ${file}\n`);
      } finally {
        await store.close();
      }
    });

  command
    .command('import')
    .description('import a filled template; with any error nothing is stored unless --valid-rows-only')
    .argument('<file>', '.xlsx or .csv')
    .option('--valid-rows-only', 'store the valid rows of a file that has errors')
    .option('--by <name>', 'who is importing (kept with every value)', process.env.USER ?? 'lantu')
    .action(async (file: string, options: { validRowsOnly?: boolean; by: string }) => {
      const store = await openStore();
      try {
        const result = await importObservations(
          store.db,
          new Uint8Array(await readFile(file)),
          basename(file),
          {
            by: options.by,
            validRowsOnly: options.validRowsOnly ?? false,
          },
        );
        for (const e of result.errors) {
          process.stderr.write(
            `${file}:${e.row}${e.column ? ` [${e.column}]` : ''}: ${e.message} (expected ${e.expected})\n`,
          );
        }
        process.stderr.write(
          `${result.rows} rows, ${result.valid} valid, ${result.errors.length} errors; ${result.imported} imported` +
            (result.duplicates > 0 ? `, ${result.duplicates} already stored (skipped)` : '') +
            // Imported values are 填报: statuses count them once a reviewer approves them (/approval).
            (result.imported > 0 ? ' (entered for review: counted once approved)' : '') +
            (result.errors.length > 0 && result.imported === 0 && result.valid > 0
              ? ' (nothing stored: fix the errors or use --valid-rows-only)'
              : '') +
            '\n',
        );
        if (result.errors.length > 0) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });

  command
    .command('export')
    .description('export observations with their sources')
    .argument('<file>', '.xlsx or .csv')
    .option('--region <name>', 'only this region')
    .option('--indicator <id>', 'only this catalog indicator')
    .option('--published', "only what is published: documents' figures and people's values once published")
    .action(async (file: string, options: { region?: string; indicator?: string; published?: boolean }) => {
      const store = await openStore();
      try {
        const region = options.region ? await findRegion(store.db, options.region) : undefined;
        if (options.region && !region) throw new Error(`unknown region "${options.region}"`);
        // Streamed page by page: a store of any size exports in bounded memory.
        await pipeline(
          observationExport(store.db, formatOf(file), {
            ...(region ? { region_id: region.id } : {}),
            ...(options.indicator ? { indicator_id: options.indicator } : {}),
            ...(options.published ? { approval: 'published' as const } : {}),
          }),
          createWriteStream(file),
        );
        process.stderr.write(`wrote ${file}\n`);
      } finally {
        await store.close();
      }
    });
}
