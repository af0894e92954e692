#!/usr/bin/env node
// Entry point of the `lantu` command: runs the compiled CLI (built by `npm run build`, run on `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  console.error('lantu: the compiled CLI is missing (dist/cli/main.js). Run `npm run build` in the package folder.');
  process.exit(2);
}
await import(compiled.href);
