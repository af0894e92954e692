// `lantu derive [--all | --region …]`: recompute observations, statuses and findings from what is stored.
import type { Command } from 'commander';
import {
  deriveOwed,
  deriveRegions,
  findRegion,
  listRegions,
  openStore,
  owedRegions,
  type DeriveReport,
  type Store,
} from '../../store/index.js';
import { startProgress } from '../progress.js';

interface DeriveOptions {
  all?: boolean;
  region?: string[];
  threads?: number;
  by: string;
  progress: boolean;
}

/** The regions named on the command line (a name may stand for several regions of that name in other places). */
async function namedRegions(store: Store, names: readonly string[]): Promise<number[]> {
  const ids = new Set<number>();
  for (const name of names) {
    const byId = /^\d+$/.test(name) ? await findRegion(store.db, name) : undefined;
    const found = byId ? [byId] : await listRegions(store.db, { name });
    if (found.length === 0)
      throw new Error(
        `未知地区"${name}"（可用地区名称或编号，见 /api/regions）/ unknown region "${name}" ` +
          '(expected a region name or id, as listed at /api/regions)',
      );
    for (const r of found) ids.add(r.id);
  }
  return [...ids];
}

/** Every region with a document, and any other region still owed a derivation. */
async function everyRegion(store: Store): Promise<number[]> {
  const withDocuments = await store.db
    .selectFrom('documents')
    .select('region_id')
    .distinct()
    .where('region_id', 'is not', null)
    .execute();
  const ids = new Set(withDocuments.map((r) => r.region_id!));
  for (const id of await owedRegions(store.db)) ids.add(id);
  return [...ids].sort((a, b) => a - b);
}

export function summary(derived: DeriveReport, seconds: number): string {
  const regions = `${derived.regions} region${derived.regions === 1 ? '' : 's'}`;
  return (
    `已派生 ${derived.regions} 个地区：${derived.observations} 条观测值、${derived.statuses} 项指标状态、` +
    `${derived.findings} 条检查发现，用时 ${seconds.toFixed(1)} 秒 / derived ${regions}: ` +
    `${derived.observations} observations, ${derived.statuses} statuses, ${derived.findings} findings ` +
    `in ${seconds.toFixed(1)} s`
  );
}

export function registerDerive(program: Command): void {
  program
    .command('derive')
    .description(
      '由已入库的数据重算观测值、指标状态与检查发现（默认只做上次中断后欠下的）/ recompute observations, ' +
        'statuses and findings from what is stored (by default only what an interrupted run left owed)',
    )
    .option('--all', 'every region with a document')
    .option('--region <names...>', 'these regions (name or id; repeatable)')
    .option('-j, --threads <n>', 'worker threads for the plan linter (default 1)', (v) =>
      Number.parseInt(v, 10),
    )
    .option('--by <name>', 'who is deriving (kept in the audit log)', process.env.USER ?? 'lantu')
    .option('--no-progress', 'no progress bar')
    .action(async (options: DeriveOptions) => {
      if (options.all && options.region)
        throw new Error('--all 与 --region 只能选一个 / use either --all or --region, not both');
      const started = performance.now();
      const store = await openStore();
      try {
        const regions = options.all
          ? await everyRegion(store)
          : options.region
            ? await namedRegions(store, options.region)
            : await owedRegions(store.db);
        const bar = options.progress ? startProgress(regions.length, 'derive') : null;
        const scope = {
          ...(options.threads ? { threads: options.threads } : {}),
          onRegion: ({ regionId }: { regionId: number }) => bar?.tick(`region ${regionId}`),
        };
        let derived: DeriveReport;
        try {
          // Without --all or --region: only the documents owed; with them, every plan of each region.
          derived =
            options.all || options.region
              ? await deriveRegions(store.db, regions, options.by, scope)
              : await deriveOwed(store.db, options.by, scope);
        } finally {
          bar?.stop();
        }
        process.stderr.write(
          `${summary(derived, (performance.now() - started) / 1000)} (${store.engine}: ${store.location})\n`,
        );
      } finally {
        await store.close();
      }
    });
}
