// Worker-thread entry (piscina): reads and extracts one document under its limits, or lints one plan, off the main thread.
import { lintPlan, type Finding, type LintInput } from '../monitor/index.js';
import type { ReadLimits } from '../readers/limits.js';
import { guardedJob } from '../worker-threads.js';
import { analyzeBytes } from './analysis.js';

export default guardedJob((task: { bytes: Uint8Array; filename: string; limits: ReadLimits }) =>
  analyzeBytes(task.bytes, task.filename, task.limits),
);

export function lint(input: LintInput): Finding[] {
  return lintPlan(input);
}

/** Nothing: running it loads this module and everything it imports, so the first real document waits for none of it. */
export function warm(): true {
  return true;
}
