// The extraction of one document: the exchange ("gold") format of EXTRACTION.md plus evidence for every fact.

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
}

export interface IndicatorTableOut {
  caption: string | null;
  line: number;
  columns: string[];
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
