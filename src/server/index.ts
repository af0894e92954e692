// The HTTP server's face: the Fastify app factory and its list conventions.
export { buildServer, DEFAULT_UPLOAD_LIMIT, type ServerOptions } from './app.js';
export { rewriteFormatSuffix, DEFAULT_LIMIT, MAX_LIMIT, type Page } from './lists.js';
