// The browser's side of the Lantu API: JSON in and out, the editor's name on every change, download links.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { message?: string; expected?: string; code?: string; [key: string]: unknown },
  ) {
    super(body.message ?? `HTTP ${status}`);
  }
}

export type Params = Record<
  string,
  string | number | boolean | null | undefined | readonly (string | number)[]
>;

export function apiUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => search.append(key, String(v)));
    else search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

const USER_KEY = 'lantu.user';

export function currentUser(): string {
  try {
    return localStorage.getItem(USER_KEY) || '';
  } catch {
    return '';
  }
}

export function setCurrentUser(name: string): void {
  try {
    localStorage.setItem(USER_KEY, name);
  } catch {
    // private mode: the name lasts for this page only
  }
}

function headers(json: boolean): HeadersInit {
  const h: Record<string, string> = { accept: 'application/json' };
  if (json) h['content-type'] = 'application/json';
  // Header values must be Latin-1: a Chinese name travels percent-encoded (the server decodes it).
  const user = currentUser();
  if (user) h['x-lantu-user'] = encodeURIComponent(user);
  return h;
}

async function read<T>(response: Response): Promise<T> {
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  if (!response.ok && response.status !== 207 && response.status !== 422)
    throw new ApiError(response.status, body);
  return body as T;
}

export async function getJson<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  return read<T>(await fetch(apiUrl(path, params), { headers: headers(false), signal }));
}

export async function postJson<T>(
  path: string,
  body: unknown,
  method: 'POST' | 'PATCH' = 'POST',
): Promise<T> {
  return read<T>(await fetch(path, { method, headers: headers(true), body: JSON.stringify(body) }));
}

/** Upload one file as multipart "file"; 207/422 answers (row errors) come back as data, not exceptions. */
export async function uploadFile<T>(
  path: string,
  file: File,
  params: Params = {},
): Promise<{ status: number; body: T }> {
  const form = new FormData();
  form.append('file', file, file.name);
  const h = headers(false);
  const response = await fetch(apiUrl(path, params), { method: 'POST', headers: h, body: form });
  return { status: response.status, body: await read<T>(response) };
}

/** Every list of the API in its three forms (Datasette-style twins). */
export function downloadLinks(path: string, params: Params = {}) {
  return {
    csv: apiUrl(path, { ...params, format: 'csv', limit: undefined, offset: undefined }),
    xlsx: apiUrl(path, { ...params, format: 'xlsx', limit: undefined, offset: undefined }),
    json: apiUrl(path, { ...params, format: undefined }),
  };
}

// ── shapes of the answers the pages read ────────────────────────────────────

import type { Task } from '../../src/ledger';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Evidence {
  document_id: number | null;
  line: number | null;
  quote: string | null;
}

export interface DocumentSummary {
  id: number;
  title: string | null;
  filename: string;
  doc_type: string;
  region_id: number | null;
  region: string | null;
  period: string | null;
  period_start: number | null;
  period_end: number | null;
}

export interface Region {
  id: number;
  name: string;
  level: string;
  parent_id: number | null;
  code: string | null;
}

export interface CatalogIndicator {
  id: string;
  name: string;
  unit: string | null;
  category: string;
  kind: string;
  synonyms: string[];
}

export interface Status {
  id: number;
  row_id: number;
  document_id: number;
  region_id: number | null;
  region: string | null;
  indicator_id: string | null;
  name: string;
  unit: string | null;
  category: string | null;
  attribute: string | null;
  year: number;
  target_kind: string;
  label: string;
  lag: string | null;
  warning: string | null;
  method: string;
  ratio: string | null;
  components: Record<string, unknown>;
  explanation: string;
  override: { label: string; reason: string; overridden_by: string; overridden_at: string } | null;
  plan?: string | null;
}

export interface PlanOverview {
  id: number;
  title: string | null;
  region_id: number | null;
  region: string | null;
  period_start: number | null;
  period_end: number | null;
  midterm_year: number | null;
  indicators: number;
  counts: Record<string, number>;
  sentence: string;
  red: number;
  yellow: number;
  latest_year: number | null;
}

export interface Overview {
  plans: PlanOverview[];
  warnings: Status[];
  /** Tasks of the 任务台账 that are 逾期未报 or 逾期未完成 (the first few, and how many in all). */
  overdue_tasks: { total: number; items: Task[] };
  documents: number;
  regions: number;
  latest_year: number | null;
}

export interface FigureFields {
  indicator: string;
  indicator_id: string | null;
  value: string | null;
  value_max: string | null;
  unit: string | null;
  year: number | null;
  comparator: string | null;
}

export interface Correction {
  id: number;
  original: FigureFields;
  corrected: Partial<FigureFields>;
  reason: string;
  by: string;
  at: string;
}

export interface Figure extends FigureFields {
  kind: 'target' | 'achievement' | 'row';
  id: number;
  document_id: number;
  line: number;
  start: number | null;
  end: number | null;
  quote: string;
  indicator_name: string | null;
  link_confidence: number | null;
  metric: string | null;
  aspirational: boolean;
  cells: Record<string, string | null> | null;
  original: FigureFields | null;
  correction: Correction | null;
}

export interface Heading {
  id: number;
  level: number;
  label: string | null;
  title: string;
  line: number;
}

export interface ReaderDocument {
  document: DocumentSummary;
  text: string;
  outline: Heading[];
  figures: Figure[];
}

export interface Observation {
  id: number;
  region_id: number;
  region: string;
  indicator_id: string;
  indicator: string;
  year: number;
  value: string;
  unit: string | null;
  source: {
    kind: 'document' | 'import' | 'person';
    document_id: number | null;
    line: number | null;
    quote: string | null;
    import_file: string | null;
    import_row: number | null;
  };
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface SeriesTarget {
  kind: string;
  year: number;
  value: number | null;
  raw: string;
  comparator: string | null;
  unit: string | null;
  from: 'table' | 'text';
  aspirational: boolean;
  evidence: Evidence;
}

export interface IndicatorSeries {
  indicator: {
    id: string;
    name: string;
    unit: string | null;
    direction: string;
    kind: string;
    category: string;
  };
  plan: DocumentSummary & { midterm_year: number | null };
  row: {
    id: number;
    name: string;
    unit: string | null;
    line: number;
    quote: string;
    attribute: string | null;
    raw: Record<string, string | null>;
  } | null;
  base: { year: number; value: number; raw: string; unit: string | null; evidence: Evidence } | null;
  targets: SeriesTarget[];
  target: SeriesTarget | null;
  expected: Array<{ year: number; value: number }>;
  implied_growth: number | null;
  actual: Observation[];
  latest: Observation | null;
  statuses: Status[];
}

export interface ComparisonRow {
  plan_id: number;
  plan: string | null;
  region_id: number | null;
  region: string | null;
  indicator_id: string;
  indicator: string;
  listed: boolean;
  unit: string | null;
  base_year: number | null;
  base_value: number | null;
  target_year: number | null;
  target_value: number | null;
  target_text: string | null;
  target_kind: string | null;
  implied_growth: number | null;
  latest_year: number | null;
  latest_value: string | null;
  latest_unit: string | null;
  status: string | null;
  warning: string | null;
  status_id: number | null;
  evidence_line: number | null;
}

export interface Finding {
  id: number;
  document_id: number;
  check: string;
  severity: string;
  message: string;
  citations: Array<{
    document_id: number | null;
    doc?: string | null;
    line: number | null;
    quote: string | null;
  }>;
}

export interface ReviewItem {
  id: number;
  subject_kind: 'row' | 'target' | 'achievement';
  subject_id: number;
  document_id: number;
  name: string;
  unit: string | null;
  reason: string;
  candidates: Array<{ indicator_id: string; name: string; score?: number; confidence?: number }>;
  state: string;
}

export interface SearchHit {
  document_id: number;
  title: string | null;
  doc_type: string | null;
  region: string | null;
  year: number | null;
  line: number;
  start: number;
  end: number;
  snippet: string;
  highlights: Array<[number, number]>;
  score: number;
}

export interface SearchFacetValue<V> {
  value: V;
  count: number;
  documents: number;
}

export interface SearchAnswer {
  query: string;
  terms: string[];
  /** Catalog names searched too, for each word that has them (研发 → 研究与实验发展经费投入强度, …). */
  expansions: Record<string, string[]>;
  total: number;
  documents: number;
  limit: number;
  offset: number;
  items: SearchHit[];
  facets: {
    region: Array<SearchFacetValue<string | null>>;
    doc_type: Array<SearchFacetValue<string>>;
    year: Array<SearchFacetValue<number | null>>;
  };
}

export interface RowError {
  row: number;
  column: string | null;
  value: string | null;
  message: string;
  expected: string;
}

export interface ImportResult {
  filename: string;
  rows: number;
  valid: number;
  errors: RowError[];
  imported: number;
}
