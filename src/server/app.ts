// The HTTP API (Fastify): plugins, error answers and the routes of src/server/routes; OpenAPI at /docs.
import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { readLimits, type ReadLimits } from '../readers/index.js';
import type { Database } from '../store/index.js';
import { analysisPool, type AnalysisPool } from '../store/workers.js';
import { registerAuthorization } from './auth.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { boundRouteInputs } from './inputs.js';
import { rewriteFormatSuffix } from './lists.js';
import { registerRoutes } from './routes/index.js';
import { cspHeader, DOCS_CSP, registerSecurityHeaders } from './security.js';
import { registerWebApp } from './web.js';

export interface ServerOptions {
  db: Kysely<Database>;
  /** Largest accepted upload in bytes (default 50 MB). */
  uploadLimit?: number;
  /** Largest total of the files of one upload request in bytes (default 100 MB). */
  uploadTotalLimit?: number;
  /** Worker threads reading uploads, off the thread that answers requests (default 1). */
  ingestThreads?: number;
  /** Limits on reading one upload (time, memory, inflated size, pages, nesting, line length); default: the environment's. */
  readLimits?: Partial<ReadLimits>;
  /** Start the reading thread when the server is ready, not at the first upload (`lantu serve` does). */
  warmReading?: boolean;
  logger?: boolean;
  /** Folder of the built web app (default web/dist). */
  webRoot?: string;
}

export const DEFAULT_UPLOAD_LIMIT = 50 * 1024 * 1024;
export const DEFAULT_UPLOAD_TOTAL_LIMIT = 100 * 1024 * 1024;

/** Build the API on a store (SQLite or PostgreSQL); the caller listens and closes. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const limits = readLimits(options.readLimits);
  // Started at the first upload: a server that never reads one starts no thread.
  let uploadPool: AnalysisPool | undefined;
  const uploads = {
    file: options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT,
    total: options.uploadTotalLimit ?? DEFAULT_UPLOAD_TOTAL_LIMIT,
    threads: options.ingestThreads ?? 1,
    limits,
    pool: () => (uploadPool ??= analysisPool(options.ingestThreads ?? 1, limits)),
  };
  const app = Fastify({
    logger: options.logger ?? false,
    rewriteUrl: (req) => rewriteFormatSuffix(req.url ?? '/'),
    ajv: {
      customOptions: {
        coerceTypes: 'array',
        removeAdditional: false,
        allErrors: true,
        allowUnionTypes: true,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  boundRouteInputs(app);
  if (options.warmReading) {
    // Not awaited: the server answers while the thread loads (its start is CPU-heavy, most of all under tsx).
    app.addHook(
      'onReady',
      async () =>
        void uploads
          .pool()
          .warm()
          .catch(() => undefined),
    );
  }
  app.addHook('onClose', async () => {
    await uploadPool?.close();
  });
  app.setErrorHandler(errorHandler({ uploadLimit: uploads.file, logger: options.logger ?? false }));
  app.setNotFoundHandler(notFoundHandler);

  await registerSecurityHeaders(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Lantu 蓝图 API',
        description:
          '规划纲要监测 API：文档、指标、目标、观测值、进度状态、预警、规划一致性检查与人工审核。每个列表都可用 ?format=csv|xlsx 下载。',
        version: '0.1.0',
      },
      tags: [
        { name: 'documents', description: '文档与抽取结果 / documents and what was extracted' },
        {
          name: 'monitoring',
          description: '观测值、状态、预警、检查 / observations, statuses, warnings, findings',
        },
        { name: 'review', description: '审核队列 / review queue' },
        { name: 'ledger', description: '实施台账 / the implementation ledger: units, tasks, projects, 考核' },
        { name: 'reference', description: '地区与指标目录 / regions and the indicator catalog' },
        { name: 'accounts', description: '登录、用户与令牌 / sign-in, users and API tokens' },
      ],
    },
  });
  // Its own policy, set by the plugin on its routes only (over helmet's): /docs and /docs/static/*.
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: cspHeader(DOCS_CSP) });
  await app.register(multipart, { limits: { fileSize: uploads.file, files: 20, fields: 20 } });

  // Before any route: the onRoute check refuses an /api/ route that declares no access.
  await registerAuthorization(app, options.db);
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());
  registerRoutes(app, { db: options.db, uploads });
  // The web app's pages at / (web/dist), after every API route.
  await registerWebApp(app, options.webRoot ? { root: options.webRoot } : {});
  return app;
}
