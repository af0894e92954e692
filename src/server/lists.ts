// Every list resource the same way: filters, `?limit&offset`, and a CSV/XLSX twin (`?format=` or a `.csv` suffix).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toTabular, type TabularFormat } from '../store/index.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export type QueryProperties = Record<
  string,
  { type: string; description?: string; enum?: readonly string[] }
>;

/** Query parameters every list accepts. */
const LIST_PARAMETERS: QueryProperties = {
  limit: {
    type: 'integer',
    description: `page size (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}; CSV/XLSX give every row)`,
  },
  offset: { type: 'integer', description: 'rows to skip' },
  format: { type: 'string', enum: ['json', 'csv', 'xlsx'], description: 'json (default), csv or xlsx' },
};

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

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

export async function sendList<T extends object>(
  reply: FastifyReply,
  name: string,
  rows: T[],
  query: { limit?: number; offset?: number; format?: string },
): Promise<FastifyReply> {
  const format = (query.format ?? 'json') as TabularFormat | 'json';
  if (format === 'csv' || format === 'xlsx') {
    const body = await toTabular(
      format,
      rows.map((r) => flatRow(r as Record<string, unknown>)),
      { sheet: name },
    );
    const type =
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return reply
      .header('content-type', type)
      .header('content-disposition', `attachment; filename="${name}.${format}"`)
      .send(body);
  }
  const limit = Math.min(query.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  const offset = query.offset ?? 0;
  const page: Page<T> = { items: rows.slice(offset, offset + limit), total: rows.length, limit, offset };
  return reply.send(page);
}

export interface ListRoute<Q> {
  path: string;
  name: string;
  tag: string;
  summary: string;
  filters?: QueryProperties;
  load: (query: Q, request: FastifyRequest) => Promise<object[]>;
}

/** Register a GET list route with its filters, pagination and formats, described in the OpenAPI document. */
export function listRoute<Q extends object>(app: FastifyInstance, route: ListRoute<Q>): void {
  app.get(
    route.path,
    {
      schema: {
        tags: [route.tag],
        summary: route.summary,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...LIST_PARAMETERS, ...route.filters },
        },
      },
    },
    async (request, reply) => {
      const query = request.query as Q & { limit?: number; offset?: number; format?: string };
      if (query.limit !== undefined && (query.limit < 1 || query.limit > MAX_LIMIT)) {
        return reply
          .code(400)
          .send({
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
      return sendList(reply, route.name, await route.load(query, request), query);
    },
  );
}
