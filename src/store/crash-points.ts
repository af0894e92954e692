// Named points in storing and deriving where a test may stop Lantu dead, to prove nothing owed is lost.

/** The points a test may name: inside a document's or a region's transaction, or just after it commits. */
export type CrashPoint =
  'store:before-commit' | 'store:after-commit' | 'derive:before-commit' | 'derive:after-commit';

/**
 * `LANTU_PAUSE_AT=point` stops the process at that point for ever (it says so on stderr, so a test can kill it
 * there with SIGKILL); `LANTU_CRASH_AT=point` kills the process itself at that point. Unset, nothing happens.
 */
export async function crashPoint(point: CrashPoint, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.LANTU_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
  if (env.LANTU_PAUSE_AT !== point) return;
  process.stderr.write(`lantu: paused at ${point} (LANTU_PAUSE_AT)\n`);
  // Held open by a timer that never fires, so the event loop keeps the process alive until it is killed.
  await new Promise<never>(() => setInterval(() => undefined, 1 << 30));
}
