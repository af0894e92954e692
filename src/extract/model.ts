// The extraction of one document: the native model (typed facts, each with its Evidence and exact decimal text)
// and the exchange ("gold") format of EXTRACTION.md that `toGoldFormat` reduces it to for scoring.
import type { Diagnostic } from '../diagnostics.js';
import type { DecimalText } from '../quantity/index.js';
import type { Heading } from '../structure/outline/index.js';
import type { IndicatorTable } from '../structure/tables/index.js';
import type { Evidence } from '../text/span.js';

export type { Evidence };

export type DocType = 'plan' | 'work_report' | 'bulletin';

export interface DocumentMetadata {
  title: string | null;
  region: string | null;
  parent_region: string | null;
  province: string | null;
  doc_type: DocType;
  /** `2021-2025` for a plan, `2022` for a one-year report. */
  period: string | null;
  vision_year: number | null;
}

export interface OutlineEntry {
  level: number;
  /** The numbering token as written (`第一篇`, `一、`, `（一）`, `1.`), or null for an unnumbered heading. */
  label: string | null;
  title: string;
  /** 1-based line of the heading's first line in the original file. */
  line: number;
}

/**
 * One table row. An indicator row (主要指标) fills the role cells (`base_raw`, `target_raw`, …); a row of a
 * statistical table (a bulletin's 表1) has no roles and gives every printed cell in `cells`, aligned to `columns`,
 * with the exact line in `raw`, and its role cells null.
 */
export interface IndicatorRowOut {
  category: string | null;
  seq: string | null;
  name: string;
  unit: string | null;
  base_raw: string | null;
  target_raw: string | null;
  growth_raw: string | null;
  attribute: string | null;
  parent: string | null;
  line: number;
  actual_raw?: string | null;
  actual_growth_raw?: string | null;
  /** Every cell as printed (whitespace removed), aligned to the table's `columns`: statistical tables. */
  cells?: string[];
  /** The source line of a statistical row, exactly as written. */
  raw?: string;
}

/** Which printed column became each role cell (null: the table has no such column). */
export type ColumnMap = Partial<
  Record<'base_raw' | 'target_raw' | 'growth_raw' | 'actual_raw' | 'actual_growth_raw', string | null>
>;

export interface IndicatorTableOut {
  caption: string | null;
  line: number;
  /** The plan period the table belongs to (`2021-2025`; a 十四五 completion table inside a 十五五 plan), or a report year. */
  period?: string | null;
  columns: string[];
  column_map?: ColumnMap;
  /** The notes printed under the table (`注：1．“*”代表该指标尚未公布；`), one per line. */
  footnotes?: string[];
  rows: IndicatorRowOut[];
}

export interface TargetOut {
  indicator: string;
  comparator: string | null;
  value: number;
  value_max: number | null;
  unit: string | null;
  year: number | null;
  aspirational: boolean;
  quote: string;
  line: number;
}

export type AchievementMetric = 'level' | 'growth' | 'share' | 'count';

export interface AchievementOut {
  indicator: string;
  value: number;
  unit: string | null;
  year: number | null;
  period: string | null;
  metric: AchievementMetric;
  quote: string;
  line: number;
}

export interface ProjectOut {
  name: string;
  investment: string | null;
  box: string | null;
  line: number;
}

/** The JSON printed by `lantu extract FILE --format gold` and stored in `fixtures/gold/`. */
export interface GoldExtraction extends DocumentMetadata {
  doc: string;
  outline: OutlineEntry[];
  indicator_tables: IndicatorTableOut[];
  targets: TargetOut[];
  achievements: AchievementOut[];
  projects: ProjectOut[];
}

// ---------------------------------------------------------------------------------------------------------------
// The native model: what the engine found, each fact with its place in the original text.

/** A target of the running text: its value as exact decimal text (`0.10` keeps its scale). */
export interface Target {
  indicator: string;
  comparator: string | null;
  value: DecimalText;
  value_max: DecimalText | null;
  unit: string | null;
  year: number | null;
  aspirational: boolean;
  /** The value's line and the quote from the indicator to the value, with their source offsets. */
  evidence: Evidence;
}

/** A reported value (achievement): exact decimal text; a decline is negative. */
export interface Achievement {
  indicator: string;
  value: DecimalText;
  unit: string | null;
  year: number | null;
  period: string | null;
  metric: AchievementMetric;
  evidence: Evidence;
}

/** A named item of a 专栏 box (or of a report's prose); the evidence is its name. */
export interface Project {
  name: string;
  investment: string | null;
  box: string | null;
  evidence: Evidence;
}

/** Everything read from one document: metadata, structure, facts, and the messages of every stage. */
export interface Extraction {
  /** The file name the document was read as. */
  doc: string;
  metadata: DocumentMetadata;
  /** Headings with their source offsets; `matter` headings (前言, 名词解释) are kept but not listed as outline. */
  outline: Heading[];
  tables: IndicatorTable[];
  targets: Target[];
  achievements: Achievement[];
  projects: Project[];
  /** Messages of the reader, layout, outline, tables and extraction stages, each with its line where it has one. */
  diagnostics: Diagnostic[];
}
