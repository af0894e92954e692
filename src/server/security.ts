// Security headers (helmet): one Content-Security-Policy for the web app and the API, a relaxed one scoped to the
// Swagger UI at /docs; and upload names made safe to show and store (they are never used as paths).
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { safeFilename } from '../text/filename.js';

/**
 * The web app's policy. Scripts only from this origin (Vite emits no inline script; none may run from an
 * attribute); styles also inline, because antd (cssinjs) and ECharts write style elements and attributes at run
 * time; images also as data: URIs (the favicon, ECharts' SVG export); only the app itself may frame its pages.
 */
export const APP_CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'form-action': ["'self'"],
  // The app frames its own report preview (/api/plans/:id/report.html); no other site may frame anything.
  'frame-ancestors': ["'self'"],
};

/** The Swagger UI (/docs only): no blob: images or workers; its inline styles and data: images allowed, scripts 'self'. */
export const DOCS_CSP: Record<string, string[]> = {
  ...APP_CSP,
  'img-src': ["'self'", 'data:'],
};

/** A policy as the header writes it. */
export function cspHeader(policy: Record<string, string[]>): string {
  return Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}

/** Helmet on every route; `upgrade-insecure-requests` is left out: `lantu serve` speaks plain HTTP by default. */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: APP_CSP },
    // Same-origin is the default; the reports and downloads are fetched by the app itself.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** Longest upload name kept (a file system's usual limit on one name, in characters). */
export const UPLOAD_NAME_MAX = 255;

/** The name a client gave an upload, as it may be shown and stored (src/text/filename.ts); `fallback` when none is left. */
export function safeUploadName(raw: string | undefined, fallback = 'upload'): string {
  return safeFilename(raw, { fallback, max: UPLOAD_NAME_MAX });
}
