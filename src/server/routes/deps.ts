// What every route file is given (the store, the upload limits) and the request helpers they share.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Kysely } from 'kysely';
import { LantuError } from '../../diagnostics.js';
import type { ReadLimits } from '../../readers/index.js';
import { findRegion, type Database } from '../../store/index.js';
import type { AnalysisPool } from '../../store/workers.js';
import type {} from '@fastify/multipart';
import type {} from '../access.js';
import type {} from '../auth.js';
import { httpError } from '../errors.js';
import { INT_MAX } from '../inputs.js';
import { safeUploadName } from '../security.js';

/** The app as route files see it: schemas are TypeBox, so params, body, query and replies are typed by them. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface UploadLimits {
  /** Largest accepted file in bytes. */
  file: number;
  /** Largest total of the files of one request in bytes. */
  total: number;
  /** Worker threads for extraction. */
  threads: number;
  /** Limits on reading one upload. */
  limits: ReadLimits;
  /** The guarded reading threads, started at the first upload. */
  pool: () => AnalysisPool;
}

export interface RouteDeps {
  db: Kysely<Database>;
  uploads: UploadLimits;
}

/** Who is acting: the signed-in user's login name (a session's or an API token's), `anonymous` for a visitor. */
export function actorOf(request: FastifyRequest): string {
  return request.account?.login ?? 'anonymous';
}

/** A list parameter given once, repeated (`?a=x&a=y`) or comma-separated (`?a=x,y`). */
export function listParam(value: string | string[] | undefined): string[] {
  const parts = (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((v) =>
    v.split(','),
  );
  return [...new Set(parts.map((p) => p.trim()).filter(Boolean))];
}

/** The region a query names (by name, or by id when all digits); a number no id can reach finds nothing. */
export async function regionOfQuery(db: Kysely<Database>, text: string) {
  if (/^\d+$/.test(text) && Number(text) > INT_MAX) return undefined;
  return findRegion(db, text);
}

/** The region id a request means: `region_id` as given, else the region `region` names (404 when none). */
export async function regionIdOf(
  db: Kysely<Database>,
  q: { region_id?: number | undefined; region?: string | undefined },
): Promise<number | undefined> {
  if (q.region_id !== undefined || !q.region) return q.region_id;
  const region = await regionOfQuery(db, q.region);
  if (!region)
    throw new LantuError({ code: 'region/not-found', message: `region "${q.region}" does not exist` });
  return region.id;
}

/**
 * The one uploaded file of a multipart request (field "file"), its name made safe and its bytes a view of the
 * buffer (a copy would hold the upload twice); 400 naming what was expected when there is none.
 */
export async function uploadedFile(request: FastifyRequest) {
  if (!request.isMultipart())
    throw httpError(400, 'expected a multipart/form-data upload with a "file" field', {
      code: 'upload/not-multipart',
    });
  const part = await request.file();
  if (!part)
    throw httpError(400, 'no file in the upload (expected a "file" field)', { code: 'upload/no-file' });
  const buffer = await part.toBuffer();
  return {
    filename: safeUploadName(part.filename),
    mimetype: part.mimetype,
    bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length),
  };
}
