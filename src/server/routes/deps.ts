// What the web's API routes need from the server (the store), and the request helpers they share.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { findRegion, type Database } from '../../store/index.js';
import { INT_MAX } from '../inputs.js';

export interface RouteDeps {
  db: Kysely<Database>;
}

/** Who is acting: the `x-lantu-user` header until authentication exists (as the rest of the API does). */
export function actorOf(request: FastifyRequest): string {
  const header = request.headers['x-lantu-user'];
  const value = Array.isArray(header) ? header[0] : header;
  // Browsers send header values as Latin-1; the web app percent-encodes a Chinese name.
  let name = value?.trim() ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // not percent-encoded: keep as sent
  }
  return name || 'anonymous';
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
