// Serves the built web app (web/dist) at `/`: hashed assets cached for good, every other page path gets the
// single-page app's index.html so a link like /plans/1 opens directly; /api and /docs keep their own 404s.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** web/dist beside src/ and dist/ alike (this file runs from either). */
export const WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface WebAppOptions {
  /** Directory of the built app (default web/dist). */
  root?: string;
}

/** Paths of the API, its docs and the built assets: a miss there is a 404, never the app's page. */
const NOT_PAGES = /^\/(?:api|docs|assets)(?:[/?.]|$)/;

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>蓝图 Lantu</title>
<body style="font-family:sans-serif;padding:2em"><h1>网页端尚未构建 / The web app is not built</h1>
<p>请先运行 <code>npm run build:web</code>。接口文档见 <a href="/docs">/docs</a>。</p></body></html>`;

/** Register the web app once (a second call does nothing). */
export async function registerWebApp(app: FastifyInstance, options: WebAppOptions = {}): Promise<void> {
  if (app.hasDecorator('lantuWebApp')) return;
  app.decorate('lantuWebApp', true);
  const root = options.root ?? WEB_ROOT;
  const built = existsSync(join(root, 'index.html'));
  if (!built) app.log.warn(`web app not built (no ${join(root, 'index.html')}): run npm run build:web`);

  const sendPage = async (request: FastifyRequest, reply: FastifyReply) => {
    if (NOT_PAGES.test(request.url)) return reply.callNotFound();
    if (!built) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    // The page itself is never cached: a new build must reach the browser at once.
    const html = await readFile(join(root, 'index.html'), 'utf8');
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  };

  const rootTaken = app.hasRoute({ method: 'GET', url: '/' });
  await app.register(async (scope) => {
    if (built) {
      await scope.register(fastifyStatic, {
        root,
        wildcard: false,
        index: false,
        preCompressed: true,
        setHeaders: (reply, path) => {
          // Vite names assets by their content hash, so they may be cached for good.
          if (/[\\/]assets[\\/]/.test(path))
            reply.header('cache-control', 'public, max-age=31536000, immutable');
        },
      });
    }
    scope.get('/*', { schema: { hide: true } }, sendPage);
    if (!rootTaken) scope.get('/', { schema: { hide: true } }, sendPage);
  });
  if (rootTaken) {
    // The API's older `/` (a redirect to /docs) is still registered: the page wins for GET /.
    app.addHook('onRequest', async (request, reply) => {
      if (request.method === 'GET' && request.url === '/') return sendPage(request, reply);
    });
  }
}
