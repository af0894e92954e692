// The browser's side of the Lantu API: JSON in and out, the session's CSRF token on every change, download links.

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

// The CSRF token of this browser's session (from GET /api/session), sent on every write.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The header a write carries so the server knows this page, not another site, sent it. */
export function csrfHeader(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

function headers(json: boolean, write = false): HeadersInit {
  const h: Record<string, string> = { accept: 'application/json' };
  if (json) h['content-type'] = 'application/json';
  return write ? { ...h, ...csrfHeader() } : h;
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
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE' = 'POST',
): Promise<T> {
  return read<T>(
    await fetch(path, { method, headers: headers(true, true), body: JSON.stringify(body ?? {}) }),
  );
}

/** Upload one file as multipart "file"; 207/422 answers (row errors) come back as data, not exceptions. */
export async function uploadFile<T>(
  path: string,
  file: File,
  params: Params = {},
): Promise<{ status: number; body: T }> {
  const form = new FormData();
  form.append('file', file, file.name);
  const h = headers(false, true);
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

// ── shapes of the answers the pages read: the server's contract, declared once (types only, no server code) ──

export type {
  ApiErrorBody,
  AuditBreak,
  AuditEntry,
  AuditVerification,
  Approval,
  ApprovalHistory,
  ApprovalRef,
  ApprovalState,
  Publication,
  PublicationSummary,
  PublicPlan,
  PublishPreview,
  SessionAnswer,
  SessionUser,
  CatalogIndicator,
  CheckResult,
  ComparisonRow,
  DelegatedTargets,
  Correction,
  DocumentDetail,
  DocumentDiagnostic,
  DocumentListed,
  DocumentSummary,
  Evidence,
  Figure,
  FigureFields,
  Finding,
  Heading,
  ImportResult,
  IngestAnswer,
  IndicatorSeries,
  Observation,
  Overview,
  Page,
  PlanEvaluation,
  PlanOverview,
  QueueState,
  ReaderDocument,
  Region,
  RegionCadence,
  ReportQuery,
  ReviewGroups,
  ReviewItem,
  RowError,
  SearchAnswer,
  SearchFacetValue,
  SearchHit,
  SeriesTarget,
  Status,
  VersionAnswer,
  UnitImportResult,
} from '../../src/server/contract/index.js';
