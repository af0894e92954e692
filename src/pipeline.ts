// The reading engine end to end: a RawDocument through layout, structure and extraction to one Extraction.
import { basename } from 'node:path';
import type { Diagnostic } from './diagnostics.js';
import { cleanLayout } from './layout/index.js';
import type { Layout } from './layout/types.js';
import type { RawDocument } from './readers/types.js';
import { detectOutline, outlineDiagnostics, type Heading } from './structure/outline/index.js';
import { findIndicatorTables, toExchangeTables, type IndicatorTable } from './structure/tables/index.js';
import { extractMetadata, extractProjects, extractStatements, projectListingSpans } from './extract/index.js';
import type { Extraction, GoldExtraction, OutlineEntry } from './extract/model.js';
import { toNumber } from './quantity/index.js';
import { makeSourceText } from './text/source-text.js';

/** The native extraction with what it was read from (the layout maps clean text back to the source). */
export interface DocumentAnalysis extends Extraction {
  raw: RawDocument;
  layout: Layout;
}

/** 1-based lines of the rendered text that belong to a reader's real tables. */
function realTableLines(raw: RawDocument): Set<number> {
  const lines = new Set<number>();
  for (const table of raw.tables) for (let l = table.startLine; l <= table.endLine; l++) lines.add(l);
  return lines;
}

/** Every stage's messages in one list, in source order (a message without a line keeps its place first). */
function gatherDiagnostics(
  raw: RawDocument,
  outline: readonly Heading[],
  tables: readonly IndicatorTable[],
): Diagnostic[] {
  const all = [...raw.diagnostics, ...outlineDiagnostics(outline), ...tables.flatMap((t) => t.diagnostics)];
  return all
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.line ?? 0) - (b.d.line ?? 0) || a.i - b.i)
    .map(({ d }) => d);
}

export function analyzeDocument(raw: RawDocument): DocumentAnalysis {
  const source = makeSourceText(raw.text);
  const layout = cleanLayout(source, { tableLines: realTableLines(raw) });
  const metadata = extractMetadata(layout);
  const outline = detectOutline(layout);
  const tables = findIndicatorTables(layout, raw);
  const statements = extractStatements(layout, metadata, outline, projectListingSpans(layout));
  return {
    raw,
    layout,
    doc: basename(raw.path),
    metadata,
    outline,
    tables,
    targets: statements.targets,
    achievements: statements.achievements,
    projects: extractProjects(layout, metadata.doc_type),
    diagnostics: gatherDiagnostics(raw, outline, tables),
  };
}

/** The native extraction alone (no layout, no raw document): what crosses a worker boundary and reaches the store. */
export function extractionOf(analysis: DocumentAnalysis): Extraction {
  const { raw: _raw, layout: _layout, ...extraction } = analysis;
  return extraction;
}

/** The headings the outline lists: front matter (前言, 名词解释) is a heading of the text but not of the plan. */
export function listedOutline(outline: readonly Heading[]): OutlineEntry[] {
  return outline
    .filter((h) => h.kind !== 'matter')
    .map((h) => ({ level: h.level, label: h.label, title: h.title, line: h.line }));
}

/** The exchange format of EXTRACTION.md (what `lantu extract --format gold` prints and `lantu eval` scores). */
export function toGoldFormat(x: Extraction): GoldExtraction {
  const { metadata } = x;
  return {
    doc: x.doc,
    title: metadata.title,
    region: metadata.region,
    parent_region: metadata.parent_region,
    province: metadata.province,
    doc_type: metadata.doc_type,
    period: metadata.period,
    vision_year: metadata.vision_year,
    outline: listedOutline(x.outline),
    indicator_tables: toExchangeTables(x.tables, metadata.period),
    targets: x.targets.map((t) => ({
      indicator: t.indicator,
      comparator: t.comparator,
      value: toNumber(t.value),
      value_max: t.value_max === null ? null : toNumber(t.value_max),
      unit: t.unit,
      year: t.year,
      aspirational: t.aspirational,
      quote: t.evidence.quote,
      line: t.evidence.line,
    })),
    achievements: x.achievements.map(({ evidence, ...a }) => ({
      indicator: a.indicator,
      value: toNumber(a.value),
      unit: a.unit,
      year: a.year,
      period: a.period,
      metric: a.metric,
      quote: evidence.quote,
      line: evidence.line,
    })),
    projects: x.projects.map((p) => ({
      name: p.name,
      investment: p.investment,
      box: p.box,
      line: p.evidence.line,
    })),
  };
}
