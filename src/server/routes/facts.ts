// What documents state: indicator-table rows (and plan indicators with their latest status), targets,
// reported values and 专栏 projects, each with its evidence and catalog link.
import type { Kysely } from 'kysely';
import {
  listStatuses,
  pageAchievements,
  pageIndicatorRows,
  pageProjects,
  pageTargets,
  type Database,
  type Status,
} from '../../store/index.js';
import { int, listRoute, str, type QueryProperties } from '../lists.js';
import type { Api, RouteDeps } from './deps.js';

const FACT_FILTERS: QueryProperties = {
  document_id: int('document id'),
  region_id: int('region id'),
  indicator_id: str('catalog indicator id'),
  doc_type: { type: 'string', enum: ['plan', 'work_report', 'bulletin'] },
  unlinked: { type: 'boolean', description: 'only items not linked to the catalog' },
};

type FactQuery = {
  document_id?: number;
  region_id?: number;
  indicator_id?: string;
  doc_type?: string;
  unlinked?: boolean;
};

/** The latest status of each target of the given rows (one query per 500 rows). */
async function latestStatusesOfRows(db: Kysely<Database>, rowIds: number[]): Promise<Status[]> {
  const out: Status[] = [];
  for (let i = 0; i < rowIds.length; i += 500) {
    const chunk = rowIds.slice(i, i + 500);
    if (chunk.length > 0) out.push(...(await listStatuses(db, { latest: true, row_ids: chunk })));
  }
  return out;
}

export function registerFactRoutes(app: Api, { db }: RouteDeps): void {
  listRoute<FactQuery>(app, {
    path: '/api/rows',
    access: 'read',
    name: 'rows',
    tag: 'documents',
    summary: 'indicator-table rows with raw and typed cells and their catalog link',
    filters: FACT_FILTERS,
    page: (q, w) => pageIndicatorRows(db, q, w),
  });
  listRoute<FactQuery>(app, {
    path: '/api/indicators',
    access: 'read',
    name: 'indicators',
    tag: 'monitoring',
    summary: "plan indicators: each plan's table rows with their link and latest status",
    filters: FACT_FILTERS,
    page: async (q, w) => {
      const { items: rows, total } = await pageIndicatorRows(db, { ...q, doc_type: 'plan' }, w);
      const statuses = await latestStatusesOfRows(
        db,
        rows.map((r) => r.id),
      );
      const latest = new Map<number, typeof statuses>();
      for (const s of statuses) latest.set(s.row_id, [...(latest.get(s.row_id) ?? []), s]);
      const items = rows.map((r) => ({
        ...r,
        statuses: (latest.get(r.id) ?? []).map((s) => ({
          id: s.id,
          year: s.year,
          kind: s.target_kind,
          label: s.label,
          lag: s.lag,
          warning: s.warning,
          override: s.override?.label ?? null,
        })),
      }));
      return { items, total };
    },
  });
  listRoute<FactQuery>(app, {
    path: '/api/targets',
    access: 'read',
    name: 'targets',
    tag: 'documents',
    summary: 'targets stated in documents, with evidence and catalog link',
    filters: FACT_FILTERS,
    page: (q, w) => pageTargets(db, q, w),
  });
  listRoute<FactQuery & { year?: number }>(app, {
    path: '/api/achievements',
    access: 'read',
    name: 'achievements',
    tag: 'documents',
    summary: 'values reported in documents (achievements), with evidence and catalog link',
    filters: { ...FACT_FILTERS, year: int('year reported') },
    page: (q, w) => pageAchievements(db, q, w),
  });
  listRoute<FactQuery & { box?: string }>(app, {
    path: '/api/projects',
    access: 'read',
    name: 'projects',
    tag: 'documents',
    summary: 'projects listed in 专栏 boxes',
    filters: { document_id: int('document id'), region_id: int('region id'), box: str('box caption') },
    page: (q, w) => pageProjects(db, q, w),
  });
}
