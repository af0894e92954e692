#!/usr/bin/env node
// Run by `npm test` before vitest: the system packages the tests need, installed through apt when missing.
// Plain Node (no build, no tsx) so it works on a fresh clone before anything else has run.
// PostgreSQL is not handled here: the vitest global setup (test/setup/postgres.ts) starts it when it is down.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** What the tests need from the system, each with the Debian package that provides it. */
const REQUIREMENTS = [
  {
    what: 'Chromium (browser tests in test/e2e)',
    package: 'chromium',
    present: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
  },
  {
    what: 'CJK fonts (Chinese text in the browser tests and their screenshots)',
    package: 'fonts-noto-cjk',
    present: () => hasCjkFont(),
  },
  {
    what: 'tesseract (OCR of scanned PDFs, src/readers/ocr.test.ts)',
    package: 'tesseract-ocr',
    present: () => spawnSync('tesseract', ['--version']).status === 0,
  },
  {
    what: 'the simplified Chinese model of tesseract (chi_sim)',
    package: 'tesseract-ocr-chi-sim',
    present: () => hasTesseractLanguage('chi_sim'),
  },
  {
    what: 'pdftoppm (renders scanned PDF pages for OCR)',
    package: 'poppler-utils',
    present: () => !spawnSync('pdftoppm', ['-v']).error,
  },
  {
    what: 'LibreOffice (reports opened as a Word reader shows them, test/e2e/report-libreoffice.test.ts)',
    package: 'libreoffice-writer-nogui',
    present: () => existsSync('/usr/bin/soffice'),
  },
];

function hasTesseractLanguage(language) {
  const listed = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  return listed.status === 0 && new RegExp(`^${language}$`, 'm').test(`${listed.stdout}\n${listed.stderr}`);
}

function hasCjkFont() {
  const listed = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (listed.status === 0) return listed.stdout.trim().length > 0;
  // No fontconfig yet (it comes with Chromium): look for the Debian package's files instead.
  return existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
}

const say = (line) => process.stderr.write(`测试环境 / test setup: ${line}\n`);

function installCommand(packages) {
  return `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

function install(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  say(`正在安装 / installing ${packages.join(', ')} (apt-get; this takes a minute or two, once) …`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
}

const missing = REQUIREMENTS.filter((r) => !r.present());
if (missing.length > 0) {
  const packages = missing.map((r) => r.package);
  const canInstall =
    process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canInstall) {
    try {
      install(packages);
    } catch (error) {
      say(`apt-get failed (${error instanceof Error ? error.message.split('\n')[0] : error}).`);
    }
  }
  const still = REQUIREMENTS.filter((r) => !r.present());
  if (still.length > 0) {
    for (const r of still) say(`缺少 / missing ${r.what}: Debian package ${r.package}.`);
    say(`以 root 身份运行 / run as root: ${installCommand(still.map((r) => r.package))}`);
    process.exit(1);
  }
  say(`已安装 / installed ${packages.join(', ')}.`);
}
