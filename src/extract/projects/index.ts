// Projects: the named items listed in 专栏 boxes of projects and 工程, with the box caption and any investment.
import { logicalText } from '../../layout/index.js';
import type { Layout } from '../../layout/index.js';
import type { DocType, Project } from '../model.js';
import { quoteAround, splitSentences } from '../sentences.js';
import { findBoxes, type Box } from './boxes.js';
import { boxLineItems } from './items.js';
import { clauseMentions } from './mentions.js';
import { GROUP_SUMMARY, INVESTMENT_FIRST, ITEM_NUMBER } from './patterns.js';

export { findBoxes, type Box } from './boxes.js';
export { boxLineItems, type ProjectItem } from './items.js';
export { clauseMentions } from './mentions.js';

/** The pipeline asks for a document's boxes twice (listing spans, then projects): they are found once. */
const boxesByLayout = new WeakMap<Layout, readonly Box[]>();

function boxesOf(layout: Layout): readonly Box[] {
  let boxes = boxesByLayout.get(layout);
  if (!boxes) boxesByLayout.set(layout, (boxes = findBoxes(layout)));
  return boxes;
}

/** Projects of a document: box items, and in a work report, which has no boxes of projects, the names in its prose. */
export function extractProjects(layout: Layout, docType: DocType | null = null): Project[] {
  const projects: Project[] = [];
  for (const box of boxesOf(layout)) {
    for (const line of box.body) {
      const text = logicalText(layout, line);
      for (const item of boxLineItems(text)) {
        projects.push({
          name: joinedName(item.name),
          investment: item.investment,
          box: box.caption,
          evidence: nameEvidence(layout, line.start + item.offset, item.name),
        });
      }
    }
  }
  if (docType === 'work_report') projects.push(...proseProjects(layout));
  return projects;
}

/** Projects named in paragraphs, each once: a report names a project again when it reports on it again. */
function proseProjects(layout: Layout): Project[] {
  const projects: Project[] = [];
  const seen = new Set<string>();
  for (const line of layout.lines) {
    if (line.kind !== 'paragraph') continue;
    for (const sentence of splitSentences(layout.text, line.start, line.end)) {
      for (const clause of sentence.clauses) {
        for (const item of clauseMentions(layout.text.slice(clause.start, clause.end))) {
          const name = joinedName(item.name);
          const key = name.normalize('NFKC').replace(/\s+/g, '');
          if (seen.has(key)) continue;
          seen.add(key);
          projects.push({
            name,
            investment: item.investment,
            box: null,
            evidence: nameEvidence(layout, clause.start + item.offset, item.name),
          });
        }
      }
    }
  }
  return projects;
}

/** The project's name on the line it starts on, with its source offsets. */
function nameEvidence(layout: Layout, at: number, name: string) {
  return quoteAround(layout, at, at + name.length, at);
}

/** A name without the spaces of wrapped lines, but one space kept between Latin letters (`Smart City`). */
function joinedName(name: string): string {
  if (!/\s/.test(name)) return name;
  return name.replace(/\s+/g, (s, at: number, all: string) =>
    /[A-Za-z]/.test(all[at - 1] ?? '') && /[A-Za-z]/.test(all[at + s.length] ?? '') ? ' ' : '',
  );
}

/** Clean-text spans of box lines that only list projects or sum them up: their numbers are not targets. */
export function projectListingSpans(layout: Layout): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const box of boxesOf(layout)) {
    for (const line of box.body) {
      const text = logicalText(layout, line).trim();
      if (INVESTMENT_FIRST.test(text.replace(ITEM_NUMBER, '')) || GROUP_SUMMARY.some((p) => p.test(text)))
        spans.push({ start: line.start, end: line.end });
    }
  }
  return spans;
}
