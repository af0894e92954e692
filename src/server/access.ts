// What a route needs of its caller: every route declares one `config.access`, and one authorisation function
// (issue 15) decides every request from it and the caller's role and regions.

/**
 * - `public`: anyone, also anonymous (公众): published data only.
 * - `read`: a signed-in user, within its regions (every role).
 * - `comment`: 审阅 and above: comments, review notes.
 * - `enter`: 填报: values, progress, evidence of the caller's own unit's tasks and indicators (责任单位 and above).
 * - `review`: 审核: approve or send back what was entered; corrections, overrides, review queue (规划科).
 * - `publish`: 发布: make approved values public, lock a year (规划科).
 * - `manage`: documents, plans, the ledger's structure in the caller's regions (规划科).
 * - `admin`: users, roles, the catalog (管理员).
 */
export type Access = 'public' | 'read' | 'comment' | 'enter' | 'review' | 'publish' | 'manage' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs of its caller (see src/server/access.ts). */
    access?: Access;
  }
}
