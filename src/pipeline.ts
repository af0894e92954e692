// The reading engine end to end: a RawDocument through layout, structure and extraction to one Extraction.
import { basename } from 'node:path';
import { cleanLayout } from './layout/index.js';
import type { Layout } from './layout/types.js';
import type { RawDocument } from './readers/types.js';
import { detectOutline, type Heading } from './structure/outline/index.js';
import { findIndicatorTables, toExchangeTables, type IndicatorTable } from './structure/tables/index.js';
import { extractMetadata } from './extract/metadata.js';
import { extractProjects, projectListingSpans } from './extract/projects/index.js';
import { extractStatements } from './extract/targets/index.js';
import type { DocumentMetadata, GoldExtraction } from './extract/model.js';
import { makeSourceText } from './text/source-text.js';

export interface DocumentAnalysis {
  raw: RawDocument;
  layout: Layout;
  metadata: DocumentMetadata;
  outline: Heading[];
  tables: IndicatorTable[];
}

/** 1-based lines of the rendered text that belong to a reader's real tables. */
function realTableLines(raw: RawDocument): Set<number> {
  const lines = new Set<number>();
  for (const table of raw.tables) for (let l = table.startLine; l <= table.endLine; l++) lines.add(l);
  return lines;
}

export function analyzeDocument(raw: RawDocument): DocumentAnalysis {
  const source = makeSourceText(raw.text);
  const layout = cleanLayout(source, { tableLines: realTableLines(raw) });
  const metadata = extractMetadata(layout);
  const outline = detectOutline(layout);
  const tables = findIndicatorTables(layout, raw);
  return { raw, layout, metadata, outline, tables };
}

/** The exchange format of EXTRACTION.md (what `lantu extract --format gold` prints). */
export function toGoldFormat(analysis: DocumentAnalysis): GoldExtraction {
  const { metadata } = analysis;
  const statements = extractStatements(
    analysis.layout,
    metadata,
    analysis.outline,
    projectListingSpans(analysis.layout),
  );
  return {
    doc: basename(analysis.raw.path),
    title: metadata.title,
    region: metadata.region,
    parent_region: metadata.parent_region,
    province: metadata.province,
    doc_type: metadata.doc_type,
    period: metadata.period,
    vision_year: metadata.vision_year,
    outline: analysis.outline
      .filter((h) => h.kind !== 'matter')
      .map((h) => ({ level: h.level, label: h.label, title: h.title, line: h.line })),
    indicator_tables: toExchangeTables(analysis.tables, metadata.period),
    targets: statements.targets,
    achievements: statements.achievements,
    projects: extractProjects(analysis.layout, metadata.doc_type),
  };
}
