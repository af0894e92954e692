// Worker-thread entry (piscina): reads and extracts one document, or lints one plan, off the main thread.
import { lintPlan, type Finding, type LintInput } from '../monitor/index.js';
import { analyzeBytes, type DocumentRecord } from './analysis.js';

export default async function analyze(task: {
  bytes: Uint8Array;
  filename: string;
}): Promise<DocumentRecord> {
  return analyzeBytes(task.bytes, task.filename);
}

export function lint(input: LintInput): Finding[] {
  return lintPlan(input);
}
