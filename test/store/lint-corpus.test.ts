// The plan linter over the whole corpus, ingested into a fresh store: the findings it stores are the ones it made
// before it read stored typed rows (lint-corpus.before.json, captured from the exchange-format linter), except
// where citing a cell's own evidence fixed a place the old text search got wrong (FIXED below).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/store/index.js';
import { fromJson } from '../../src/store/json.js';
import { freshStore } from './engines.js';

const CORPUS = 'fixtures/corpus';

interface Citation {
  doc: string;
  line: number;
  quote: string;
  note?: string;
  document: string | null;
}
interface StoredFinding {
  plan: string;
  check: string;
  severity: string;
  message: string;
  details: unknown;
  citations: Citation[];
}

/** Citations the old search for a cell's text placed wrongly, and where the cell's evidence places them. */
const FIXED: Array<{ message: string; citation: number; line: number; quote: string; why: string }> = [
  {
    message: '“研究与实验发展经费投入强度”越高越好，但2025年目标 3 低于2020年基数 3.23',
    citation: 1,
    line: 198,
    quote: '3',
    why: 'the search found the target 3 inside the base 3.23 one line above',
  },
  {
    message: '“城镇登记失业率”越低越好，但2025年目标 4.5以内 高于2020年基数 0.78',
    citation: 1,
    line: 1325,
    quote: '4.5 以内',
    why: 'written with a space, the cell matched only the whole row line, which the search then quoted',
  },
];

describe('plan linter on the corpus', () => {
  it('stores the findings it made from the exchange format, with the fixed citations', async () => {
    const store = await freshStore('sqlite');
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    const report = await ingest(
      store,
      files.map((file) => ({ file, bytes: new Uint8Array(readFileSync(`${CORPUS}/${file}`)) })),
      { threads: 1 },
    );
    expect(report.failed).toEqual([]);
    const documents = await store.db.selectFrom('documents').select(['id', 'filename', 'text']).execute();
    const filenameOf = new Map(documents.map((d) => [d.id, d.filename]));
    const rows = await store.db
      .selectFrom('findings as f')
      .innerJoin('documents as d', 'd.id', 'f.document_id')
      .select(['d.filename', 'f.check', 'f.severity', 'f.message', 'f.citations', 'f.details'])
      .orderBy('d.filename')
      .orderBy('f.id')
      .execute();
    const findings: StoredFinding[] = rows.map((r) => ({
      plan: r.filename,
      check: r.check,
      severity: r.severity,
      message: r.message,
      details: fromJson(r.details),
      // Document ids depend on ingest order; the cited file name does not.
      citations: fromJson<Array<Citation & { document_id?: number | null }>>(r.citations).map(
        ({ document_id, ...c }) => ({
          ...c,
          document: typeof document_id === 'number' ? (filenameOf.get(document_id) ?? null) : null,
        }),
      ),
    }));

    const expected = JSON.parse(
      readFileSync(new URL('./lint-corpus.before.json', import.meta.url), 'utf8'),
    ) as StoredFinding[];
    for (const fix of FIXED) {
      const finding = expected.find((f) => f.message === fix.message);
      expect(finding, fix.message).toBeDefined();
      finding!.citations[fix.citation] = {
        ...finding!.citations[fix.citation]!,
        line: fix.line,
        quote: fix.quote,
      };
    }
    expect(findings.length).toBeGreaterThan(10);
    expect(findings).toEqual(expected);

    // Every place of a table or text fact quotes the line it names, in the stored text of the document it names.
    // (A project is stored with its name as the engine composed it, 西高村城中村改造项目 from 实施…西高村等城中村
    // 改造项目, and no quote of its own: its places name the line only.)
    const linesOf = new Map(documents.map((d) => [d.filename, d.text.split(/\r?\n/)]));
    for (const f of findings)
      for (const c of f.citations) {
        expect(c.document, f.message).toBe(c.doc);
        if (f.check.startsWith('plan/project-')) continue;
        expect(linesOf.get(c.doc)![c.line - 1], `${f.message} at ${c.doc}:${c.line}`).toContain(c.quote);
      }
  });
});
