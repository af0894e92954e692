// A revised plan made from a corpus plan (规划调整): the same text with one indicator row's target changed.
import { readFileSync } from 'node:fs';

/** A stored indicator row as the API lists it (the fields a revision needs). */
export interface RevisableRow {
  id: number;
  line: number;
  raw: Record<string, string | null>;
}

/** Where a row's target cell is printed: its line when it holds the value once, else a following line that is it. */
export function targetLine(lines: readonly string[], row: RevisableRow): number | null {
  const target = row.raw.target_raw;
  if (!target) return null;
  const own = lines[row.line - 1] ?? '';
  if (own.split(target).length === 2) return row.line - 1;
  // A table printed one cell per line: the cell's own line within the row's next few lines.
  for (let i = row.line; i < Math.min(lines.length, row.line + 8); i++)
    if (lines[i]!.trim() === target) return i;
  return null;
}

/** A row whose target is a plain number printed where `revise` can change it. */
export function isRevisable(lines: readonly string[], row: RevisableRow): boolean {
  const target = row.raw.target_raw;
  return !!target && /^\d+(\.\d+)?$/.test(target) && targetLine(lines, row) !== null;
}

/** The text with the row's target changed to `next`: the revision a planning office would upload. */
export function revise(text: string, row: RevisableRow, next: string): string {
  const lines = text.split('\n');
  const at = targetLine(lines, row);
  if (at === null)
    throw new Error(`the target of row ${row.id} (line ${row.line}) is not printed where it can change`);
  lines[at] = lines[at]!.replace(row.raw.target_raw!, next);
  return lines.join('\n');
}

export const corpusText = (name: string) => readFileSync(`fixtures/corpus/${name}.txt`, 'utf8');
