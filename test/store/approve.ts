// Tests that need a person's entry to count: approve everything waiting for review, as a second person (两人原则).
import type { Kysely } from 'kysely';
import { approveEntries, listApprovals, type Database } from '../../src/store/index.js';

/** Approve every entry in state entered (values, overrides, corrections) as `reviewer`; returns their ids. */
export async function approvePending(db: Kysely<Database>, reviewer = '审核人 赵敏'): Promise<number[]> {
  const pending = await listApprovals(db, { state: 'entered' });
  if (pending.length)
    await approveEntries(
      db,
      pending.map((a) => a.id),
      reviewer,
    );
  return pending.map((a) => a.id);
}
