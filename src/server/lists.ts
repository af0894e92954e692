// Every list resource the same way: filters, `?limit&offset`, and a CSV/XLSX twin (`?format=` or a `.csv` suffix).
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { tabularStream, type Paged, type TabularFormat, type Window } from '../store/index.js';
import { Page as PageSchema, type Page } from './contract/index.js';
import type { Access } from './access.js';
import type { Api } from './routes/deps.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** A list's filters: plain JSON-schema properties, or the contract's TypeBox ones. */
export type QueryProperties = Record<
  string,
  { type?: string; description?: string; enum?: readonly unknown[] }
>;

/** A query parameter of a list, described in the OpenAPI document. */
export const int = (description: string) => ({ type: 'integer', description });
export const str = (description: string) => ({ type: 'string', description });

/** The path parameters of a list (`/api/documents/:id/outline`) are ids: positive integers. */
function idParams(names: readonly string[]) {
  return {
    type: 'object',
    required: names,
    properties: Object.fromEntries(names.map((n) => [n, { type: 'integer', minimum: 1 }])),
  };
}

/** Query parameters every list accepts. */
const LIST_PARAMETERS: QueryProperties = {
  limit: {
    type: 'integer',
    description: `page size (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}; CSV/XLSX give every row)`,
  },
  offset: { type: 'integer', description: 'rows to skip' },
  format: { type: 'string', enum: ['json', 'csv', 'xlsx'], description: 'json (default), csv or xlsx' },
};

export type { Page };

/** `/api/statuses.csv?x=1` → `/api/statuses?x=1&format=csv` (Datasette-style machine-readable twins). */
export function rewriteFormatSuffix(url: string): string {
  const match = /^(\/api\/[^?]*?)\.(csv|xlsx)(\?.*)?$/.exec(url);
  if (!match) return url;
  const [, path, format, query] = match;
  return `${path}${query ? `${query}&` : '?'}format=${format}`;
}

/** Flatten nested objects one level (components.label → components_label) so a list fits a sheet. */
function flatRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[`${key}_${k}`] = v;
    } else out[key] = value;
  }
  return out;
}

type ListQuery = { limit?: number; offset?: number; format?: string };

/** The window a request asks for (default first page, at most MAX_LIMIT rows). */
export function windowOf(query: ListQuery): Window {
  return { limit: Math.min(query.limit ?? DEFAULT_LIMIT, MAX_LIMIT), offset: query.offset ?? 0 };
}

function isFile(query: ListQuery): query is ListQuery & { format: TabularFormat } {
  return query.format === 'csv' || query.format === 'xlsx';
}

/** Send a CSV/XLSX download (a stream is written while the client reads it) as `name.csv` or `name.xlsx`. */
export function sendDownload(
  reply: FastifyReply,
  name: string,
  format: TabularFormat,
  body: Readable | Buffer,
): FastifyReply {
  const type =
    format === 'csv'
      ? 'text/csv; charset=utf-8'
      : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .send(body);
}

/** Send every row as a CSV/XLSX download. */
export async function sendFile<T extends object>(
  reply: FastifyReply,
  name: string,
  rows: T[],
  format: TabularFormat,
): Promise<FastifyReply> {
  const flat = rows.map((r) => flatRow(r as Record<string, unknown>));
  return sendDownload(reply, name, format, tabularStream(format, { name, rows: flat }));
}

/** Send a page already cut (in SQL) with its total, or, for CSV/XLSX, `rows` must be every row. */
export async function sendPage<T extends object>(
  reply: FastifyReply,
  name: string,
  paged: Paged<T>,
  query: ListQuery,
): Promise<FastifyReply> {
  if (isFile(query)) return sendFile(reply, name, paged.items, query.format);
  const { limit, offset } = windowOf(query);
  const page: Page<T> = { items: paged.items, total: paged.total, limit, offset };
  return reply.send(page);
}

/** Send a list held in memory: CSV/XLSX get every row, JSON gets the requested page. */
export async function sendList<T extends object>(
  reply: FastifyReply,
  name: string,
  rows: T[],
  query: ListQuery,
): Promise<FastifyReply> {
  if (isFile(query)) return sendFile(reply, name, rows, query.format);
  const { limit, offset } = windowOf(query);
  const page: Page<T> = { items: rows.slice(offset, offset + limit), total: rows.length, limit, offset };
  return reply.send(page);
}

export interface ListRoute<Q, S extends TSchema> {
  path: string;
  /** Who may read it (src/server/access.ts): `public` for what the public page shows, else `read`. */
  access: Access;
  name: string;
  tag: string;
  summary: string;
  filters?: QueryProperties;
  /** Every row the filters keep, paged in memory (for lists that are small by nature). */
  load?: (query: Q, request: FastifyRequest) => Promise<Array<Static<S>>>;
  /** The rows of a window and the total, cut in SQL; no window means every row (CSV/XLSX). */
  page?: (query: Q, window: Window | undefined, request: FastifyRequest) => Promise<Paged<Static<S>>>;
  /** The contract's schema of one row: the JSON answer is declared (and serialized) as a page of it. */
  item?: S;
}

/** Register a GET list route with its filters, pagination and formats, described in the OpenAPI document. */
export function listRoute<Q extends object, S extends TSchema = TSchema>(
  app: Api,
  route: ListRoute<Q, S>,
): void {
  const pathIds = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  app.get(
    route.path,
    {
      config: { access: route.access },
      schema: {
        tags: [route.tag],
        summary: route.summary,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...LIST_PARAMETERS, ...route.filters },
        },
        ...(pathIds.length > 0 ? { params: idParams(pathIds) } : {}),
        ...(route.item ? { response: { 200: PageSchema(route.item) } } : {}),
      },
    },
    async (request, reply) => {
      const query = request.query as Q & ListQuery;
      if (query.limit !== undefined && (query.limit < 1 || query.limit > MAX_LIMIT)) {
        return reply.code(400).send({
          statusCode: 400,
          error: 'Bad Request',
          message: `limit must be between 1 and ${MAX_LIMIT}`,
        });
      }
      if (query.offset !== undefined && query.offset < 0) {
        return reply
          .code(400)
          .send({ statusCode: 400, error: 'Bad Request', message: 'offset must be 0 or more' });
      }
      if (route.page) {
        const { limit: _l, offset: _o, format: _f, ...filters } = query;
        const window = isFile(query) ? undefined : windowOf(query);
        const paged = (await route.page(filters as Q, window, request)) as Paged<object>;
        return sendPage(reply, route.name, paged, query);
      }
      if (!route.load) throw new Error(`list route ${route.path} has neither page nor load`);
      return sendList(reply, route.name, (await route.load(query, request)) as object[], query);
    },
  );
}
