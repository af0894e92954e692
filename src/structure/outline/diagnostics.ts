// Messages about a document's outline: numbered headings whose numbers skip (二、 then 四、), each with its line.
import type { Diagnostic } from '../../diagnostics.js';
import type { Heading } from './index.js';

/**
 * A numbered heading that does not follow its elder sibling (same form, same level, no larger heading between
 * them) by one: a heading the outline missed, or a numbering slip in the document itself. A restart at 1 is a
 * new list, not a gap.
 */
export function outlineDiagnostics(outline: readonly Heading[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const last = new Map<string, { level: number; number: number; label: string | null }>();
  for (const h of outline) {
    if (h.number === null || h.kind === 'matter' || h.kind === 'note') continue;
    // A larger heading opens a new list for every form below it.
    for (const [kind, seen] of last) if (seen.level > h.level) last.delete(kind);
    const previous = last.get(h.kind);
    if (previous && previous.level === h.level && h.number !== previous.number + 1 && h.number !== 1)
      diagnostics.push({
        severity: 'warning',
        code: 'outline/numbering-gap',
        message: `heading ${h.label ?? ''}${h.title} follows ${previous.label ?? previous.number} in the numbering`,
        line: h.line,
        expected: `number ${previous.number + 1} after ${previous.label ?? previous.number}`,
      });
    last.set(h.kind, { level: h.level, number: h.number, label: h.label });
  }
  return diagnostics;
}
