// Every report kind of a plan opens in LibreOffice (soffice --headless --convert-to pdf) as a Word reader would show it;
// pages 1–3 go to test-artifacts/reports/ as PNG (pdftoppm) for a person to look at.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReport, REPORT_KINDS } from '../../src/report/index.js';
import { ingestPaths, openStore, type Store } from '../../src/store/index.js';

const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/reports/', import.meta.url));
const SOFFICE = '/usr/bin/soffice';
// A 十四五 plan with its work report (values judged, a mid-term year) and a 十五五 plan with a completion table.
const DOCS = [
  'luoyang-jianxi-plan-2021-2025.txt',
  'luoyang-jianxi-work-report-2022.txt',
  'nanjing-plan-2026-2030.txt',
];

let dir: string;
let store: Store;

/** The number of pages of a PDF, from pdfinfo (poppler-utils, which brings pdftoppm). */
function pageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

describe('reports in LibreOffice', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lantu-lo-'));
    store = await openStore({ sqlitePath: join(dir, 'lantu.db') });
    await ingestPaths(
      store,
      DOCS.map((d) => join(CORPUS, d)),
      { threads: 1 },
    );
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is installed (scripts/test-prerequisites.mjs installs libreoffice-writer-nogui and poppler-utils)', () => {
    expect(existsSync(SOFFICE)).toBe(true);
  });

  for (const plan of ['luoyang-jianxi-plan-2021-2025.txt', 'nanjing-plan-2026-2030.txt'])
    it(`converts every kind of report of ${plan} to PDF pages`, async () => {
      const planId = (
        await store.db
          .selectFrom('documents')
          .select('id')
          .where('filename', '=', plan)
          .executeTakeFirstOrThrow()
      ).id;
      const year = plan.includes('2021-2025') ? 2023 : 2026;
      for (const kind of REPORT_KINDS) {
        const report = await generateReport(store.db, { planId, year, kind, format: 'docx' });
        const stem = `${plan.replace(/\.txt$/, '')}-${kind}`;
        const docx = join(dir, `${stem}.docx`);
        writeFileSync(docx, report.body as Buffer);
        // A profile of its own per run, so a desktop LibreOffice or a parallel test never locks it.
        execFileSync(
          SOFFICE,
          [
            `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
            '--headless',
            '--convert-to',
            'pdf',
            '--outdir',
            dir,
            docx,
          ],
          { stdio: 'ignore', timeout: 120_000 },
        );
        const pdf = join(dir, `${stem}.pdf`);
        expect(existsSync(pdf), `${stem}: LibreOffice wrote no PDF`).toBe(true);
        expect(pageCount(pdf), stem).toBeGreaterThanOrEqual(2);
        execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdf, join(ARTIFACTS, stem)], {
          timeout: 60_000,
        });
        const pages = readdirSync(ARTIFACTS).filter((f) => f.startsWith(`${stem}-`) && f.endsWith('.png'));
        expect(pages.length, stem).toBeGreaterThanOrEqual(2);
        // The text LibreOffice laid out holds the report's own title and its first section.
        const text = execFileSync('pdftotext', ['-l', '2', pdf, '-'], { encoding: 'utf8' }).replace(
          /\s+/g,
          '',
        );
        expect(text, stem).toContain('一、');
        expect(text, stem).toContain(report.model.title.replace(/\s+/g, '').slice(0, 8));
      }
    }, 600_000);
});
