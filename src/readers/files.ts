// Which files on disk are documents the readers understand: files as given, folders expanded recursively.
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { LantuError } from '../diagnostics.js';

/** Extensions the readers understand; other files in a folder are skipped, a named file is tried anyway. */
export const DOCUMENT_EXTENSIONS = ['.txt', '.docx', '.pdf', '.html', '.htm'];

/** Expand folders (recursively) into document files, in a stable order, each file once. */
export async function collectFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new LantuError({ code: 'read/not-found', file: path, message: 'no such file or directory' });
    }
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = await readdir(path, { withFileTypes: true, recursive: true });
    const found = entries
      .filter((e) => e.isFile() && DOCUMENT_EXTENSIONS.includes(extname(e.name).toLowerCase()))
      .map((e) => join(e.parentPath, e.name))
      .sort();
    files.push(...found);
  }
  return [...new Set(files)];
}
