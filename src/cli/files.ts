// Expands the files and folders given on the command line into the documents Lantu can read.
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

export const DOCUMENT_EXTENSIONS = new Set(['.txt', '.docx', '.pdf', '.html', '.htm']);

/** Files as given, and every readable document under each folder (recursively, sorted). */
export function expandInputs(inputs: readonly string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    let stats;
    try {
      stats = statSync(input);
    } catch {
      throw new Error(`${input}: no such file or folder`);
    }
    if (!stats.isDirectory()) {
      files.push(input);
      continue;
    }
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (DOCUMENT_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(path);
      }
    };
    walk(input);
  }
  return files;
}
