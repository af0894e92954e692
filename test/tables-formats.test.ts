// The same indicator table read from TXT, DOCX, HTML and PDF gives identical rows.
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../src/pipeline.js';
import { readFile } from '../src/readers/index.js';
import { toExchangeTables } from '../src/structure/tables/index.js';
import { FIXTURES } from './helpers/corpus.js';

const FORMATS = ['txt', 'docx', 'html', 'pdf'] as const;

async function tablesOf(format: (typeof FORMATS)[number]) {
  const analysis = analyzeDocument(await readFile(`${FIXTURES}formats/sample-plan.${format}`));
  return { analysis, tables: toExchangeTables(analysis.tables) };
}

/** Rows without their line numbers, which differ between formats (a TXT file has blank lines between paragraphs). */
const rowsOf = (tables: Awaited<ReturnType<typeof tablesOf>>['tables']) =>
  tables.map((t) => ({ columns: t.columns, rows: t.rows.map(({ line: _line, ...row }) => row) }));

describe('the sample plan in four formats', () => {
  it('gives one indicator table with 13 rows from the TXT file', async () => {
    const { tables } = await tablesOf('txt');
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rows).toHaveLength(13);
    expect(tables[0]!.rows.filter((r) => r.parent === '城镇就业').map((r) => [r.seq, r.name])).toEqual([
      ['9', '城镇新增就业人数'],
      ['9', '城镇调查失业率'],
    ]);
  });

  it.each(['docx', 'html', 'pdf'] as const)('gives the same rows from %s as from TXT', async (format) => {
    const txt = await tablesOf('txt');
    const other = await tablesOf(format);
    expect(rowsOf(other.tables)).toEqual(rowsOf(txt.tables));
  });

  it('keeps every row on the line of its name in each format', async () => {
    for (const format of FORMATS) {
      const { analysis, tables } = await tablesOf(format);
      const lines = analysis.raw.text.split('\n');
      for (const row of tables.flatMap((t) => t.rows)) expect(lines[row.line - 1]).toContain(row.name);
    }
  });
});
