// What a route needs of its caller: every route declares one `config.access`, and one authorisation function
// (issue 15) decides every request from it and the caller's role and regions.

import type { Access } from '../accounts/index.js';

export type { Access };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs of its caller (see src/server/access.ts). */
    access?: Access;
  }
}
