// The span of time a review paragraph reports on, from its opening words: the whole reviewed period or one year.
import type { Layout, LogicalLine } from '../../layout/index.js';
import type { DocType } from '../model.js';
import type { Statement } from '../statements/index.js';

/** period: the paragraph reviews the whole period (五年来, “十三五”期间); year: one year (一年来, 2021年，). */
export type ReviewScope = 'period' | 'year' | null;

/** How far into a paragraph its opener may stand (2025年是“十四五”收官之年。过去5年，…). */
const OPENER_REACH = 40;
/** Openers of a five-year review, whatever the plan. */
const FIVE_YEARS = /五年来|过去(?:五|5)年|[这那]是.{0,16}的五年|任期的?五年|本届政府/;
/** Openers of a one-year review in a work report. */
const ONE_YEAR = /^\s*(?:(?:19|20)\d{2}\s*年|一年来|过去一年|去年)/;

/**
 * A lookup from a statement to the scope of its paragraph: its own opener, else one carried over from an earlier
 * paragraph of the same section (a work report carries every opener, a plan only the discourse frame 五年来).
 */
export function reviewScope(
  layout: Layout,
  docType: DocType,
  periodOpener: RegExp | null,
): (statement: Statement) => ReviewScope {
  const scopes = new Map<LogicalLine, ReviewScope>();
  let carried: ReviewScope = null;
  for (const line of layout.lines) {
    if (line.kind === 'heading') {
      carried = null;
      continue;
    }
    if (line.kind !== 'paragraph') continue;
    const opening = layout.text.slice(line.start, Math.min(line.end, line.start + OPENER_REACH));
    let scope: ReviewScope = null;
    // 五年来，… frames every paragraph after it in its section; “十三五”期间，… frames its own paragraph.
    if (FIVE_YEARS.test(opening)) scope = carried = 'period';
    else if (periodOpener !== null && periodOpener.test(opening)) scope = 'period';
    else if (docType === 'work_report' && ONE_YEAR.test(opening)) scope = carried = 'year';
    if (docType === 'work_report' && scope !== null) carried = scope;
    scope ??= carried;
    if (scope !== null) scopes.set(line, scope);
  }
  return (statement) => scopes.get(statement.line) ?? null;
}
