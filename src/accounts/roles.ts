// Who may do what: the roles of a planning office and the one table from a route's Access to the roles allowed.

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

/** 管理员, 规划科, 责任单位, 审阅 (人大/审计); 公众 is the anonymous visitor and has no account. */
export type Role = 'admin' | 'planning' | 'unit' | 'reviewer';
export const ROLES: readonly Role[] = ['admin', 'planning', 'unit', 'reviewer'];

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '管理员', en: 'administrator' },
  planning: { zh: '规划科', en: 'planning office' },
  unit: { zh: '责任单位', en: 'responsible unit' },
  reviewer: { zh: '审阅', en: 'reviewer' },
};

/** Every Access value and the roles it admits; `public` also admits the anonymous visitor. */
export const ACCESS_ROLES: Record<Access, readonly Role[]> = {
  public: ROLES,
  read: ROLES,
  comment: ['reviewer', 'planning', 'admin'],
  enter: ['unit', 'planning', 'admin'],
  review: ['planning', 'admin'],
  publish: ['planning', 'admin'],
  manage: ['planning', 'admin'],
  admin: ['admin'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether a caller (null: anonymous) may use a route that needs `access`. */
export function allows(role: Role | null, access: Access): boolean {
  if (access === 'public') return true;
  return role !== null && ACCESS_ROLES[access].includes(role);
}

/** The roles that may, in Chinese and English, for a 403 a person can act on. */
export function rolesWording(access: Access): string {
  const roles = ACCESS_ROLES[access];
  return `${roles.map((r) => ROLE_NAMES[r].zh).join('、')} / ${roles.map((r) => ROLE_NAMES[r].en).join(', ')}`;
}
