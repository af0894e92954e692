// Inputs bounded at the edge: every integer a client sends fits a database integer and no text carries a NUL,
// so a hostile query gets a 400 from validation on both engines instead of a database error (500).
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { LantuError } from '../diagnostics.js';

/** The range of an `integer` column on both engines (PostgreSQL's int4 is the narrower). */
export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;
/** Text without NUL: PostgreSQL refuses it in text columns and SQLite would store it silently. */
export const NO_NUL = '^[^\\u0000]*$';

type JsonSchema = Record<string, unknown>;

/** A copy of a JSON schema with every integer bounded and every string refusing NUL (nested schemas too). */
export function boundedSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(boundedSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema as JsonSchema)) {
    out[key] =
      key === 'properties' && value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, boundedSchema(v)]))
        : key === 'items' || key === 'anyOf' || key === 'oneOf'
          ? boundedSchema(value)
          : value;
  }
  const types = ([] as unknown[]).concat(out.type ?? []);
  if (types.includes('integer')) {
    out.minimum = Math.max(typeof out.minimum === 'number' ? out.minimum : INT_MIN, INT_MIN);
    out.maximum = Math.min(typeof out.maximum === 'number' ? out.maximum : INT_MAX, INT_MAX);
  }
  if (types.includes('string') && out.pattern === undefined && out.enum === undefined) out.pattern = NO_NUL;
  return out;
}

/** The first query or path parameter that validation coerced to a non-finite number (`?offset=Infinity`). */
function nonFiniteParameter(request: FastifyRequest): string | undefined {
  for (const values of [request.query, request.params]) {
    if (!values || typeof values !== 'object') continue;
    for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
      const numbers = Array.isArray(value) ? value : [value];
      if (numbers.some((n) => typeof n === 'number' && !Number.isFinite(n))) return name;
    }
  }
  return undefined;
}

/** Bound the querystring, params and body of every route registered after this call. */
export function boundRouteInputs(app: FastifyInstance): void {
  // Ajv lets "Infinity" through `integer` and `maximum` once coerced; refuse it after validation.
  app.addHook('preHandler', async (request) => {
    const name = nonFiniteParameter(request);
    if (name !== undefined) {
      throw new LantuError({
        code: 'request/invalid',
        message: `请求参数 ${name} 不是有限的整数 / parameter ${name} must be a finite integer`,
        expected: `an integer between ${INT_MIN} and ${INT_MAX}`,
      });
    }
  });
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as JsonSchema | undefined;
    if (!schema) return;
    route.schema = {
      ...schema,
      ...(schema.querystring ? { querystring: boundedSchema(schema.querystring) } : {}),
      ...(schema.params ? { params: boundedSchema(schema.params) } : {}),
      ...(schema.body ? { body: boundedSchema(schema.body) } : {}),
    };
  });
}
