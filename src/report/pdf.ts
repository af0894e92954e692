// The report as PDF: its HTML printed by Chromium (playwright-core drives the system's Chromium; nothing downloaded).
import { existsSync } from 'node:fs';
import { LantuError } from '../diagnostics.js';

/** Where Chromium is: $CHROMIUM_PATH, else the Debian and common Linux paths. */
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Print a report's HTML to an A4 PDF. */
export async function renderPdf(html: string): Promise<Buffer> {
  const executablePath = [process.env.CHROMIUM_PATH, ...CHROMIUM_PATHS].find((p) => p && existsSync(p));
  if (!executablePath)
    throw new LantuError({
      code: 'report/no-chromium',
      message: 'PDF 需要 Chromium / printing a PDF needs Chromium, and none was found',
      expected: 'Chromium at /usr/bin/chromium or CHROMIUM_PATH (or write .docx / .html instead)',
    });
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new LantuError({
      code: 'report/no-playwright',
      message: 'PDF 需要 playwright-core / printing a PDF needs the playwright-core package',
      expected: 'npm install playwright-core (or write .docx / .html instead)',
    });
  }
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    // Margins and the "— N —" page number come from the page's own @page rules (GB/T 9704: 37/35/28/26 mm).
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
