// A user's scope: the regions it sees and changes (with everything under them) and, for 责任单位, its own unit.
import type { Role } from './roles.js';

export interface Account {
  id: number;
  login: string;
  display_name: string;
  role: Role;
  /** 责任单位: the unit's name as in the ledger (units.name). */
  unit: string | null;
  /** Region names; none means every region (an administrator, a provincial office). */
  regions: string[];
}

/**
 * Whether a subject in the region whose chain (the region's own name, then its parents') is `chain` lies in the
 * account's regions. A subject with no region (chain null) is in scope only of accounts without regions.
 */
export function regionInScope(account: Pick<Account, 'role' | 'regions'>, chain: string[] | null): boolean {
  if (account.role === 'admin' || account.regions.length === 0) return true;
  if (!chain) return false;
  return chain.some((name) => account.regions.includes(name));
}

/** Whether a 责任单位 account is one of `units` (names); other roles are not limited by unit. */
export function unitInScope(account: Pick<Account, 'role' | 'unit'>, units: Array<string | null>): boolean {
  if (account.role !== 'unit') return true;
  return account.unit !== null && units.includes(account.unit);
}
