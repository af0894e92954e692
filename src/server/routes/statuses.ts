// Statuses of plan indicators against their targets, yellow and red warnings, a person's override, and the
// plan linter's findings.
import { requirePlace } from '../auth.js';
import { LantuError } from '../../diagnostics.js';
import { LABEL_ORDER } from '../../monitor/index.js';
import {
  getStatus,
  overrideStatus,
  pageFindings,
  pageStatuses,
  placeOfStatus,
  type Window,
} from '../../store/index.js';
import { Finding, IdParams, OverrideRequest, Status } from '../contract/index.js';
import { int, listRoute, str, type QueryProperties } from '../lists.js';
import { actorOf, regionIdOf, type Api, type RouteDeps } from './deps.js';

type StatusQuery = {
  region_id?: number;
  region?: string;
  document_id?: number;
  indicator_id?: string;
  label?: string;
  warning?: string;
  year?: number;
  latest?: boolean;
};

const STATUS_FILTERS: QueryProperties = {
  region_id: int('region id'),
  region: str('region name'),
  document_id: int('plan document id'),
  indicator_id: str('catalog indicator id'),
  label: { type: 'string', enum: LABEL_ORDER as readonly string[] },
  warning: { type: 'string', enum: ['green', 'yellow', 'red'] },
  year: int('year judged'),
  latest: { type: 'boolean', description: 'only the latest year of each indicator target (default true)' },
};

export function registerStatusRoutes(app: Api, { db }: RouteDeps): void {
  // The latest year of each target unless a year is asked for or latest=false; then the filters.
  const pageStatusList = async (q: StatusQuery, window: Window | undefined, warningsOnly: boolean) => {
    const { region: _r, latest, ...rest } = q;
    return pageStatuses(
      db,
      {
        ...rest,
        region_id: await regionIdOf(db, q),
        warnings_only: warningsOnly,
        latest: latest !== false && q.year === undefined,
      },
      window,
    );
  };
  listRoute<StatusQuery>(app, {
    path: '/api/statuses',
    // Live machine judgements, nobody's approval yet: the public sees published ones (/api/public/plans/:id).
    access: 'read',
    name: 'statuses',
    tag: 'monitoring',
    summary: 'status of each plan indicator against its target, with components and any override',
    filters: STATUS_FILTERS,
    item: Status,
    page: (q, w) => pageStatusList(q, w, false),
  });
  listRoute<StatusQuery>(app, {
    path: '/api/warnings',
    access: 'read',
    name: 'warnings',
    tag: 'monitoring',
    summary: 'yellow and red warnings (lagging, moving away, binding indicators, missed bounds)',
    filters: STATUS_FILTERS,
    item: Status,
    page: (q, w) => pageStatusList(q, w, true),
  });
  app.get(
    '/api/statuses/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['monitoring'],
        summary: 'one status with its components',
        params: IdParams,
        response: { 200: Status },
      },
    },
    async (request) => {
      const found = await getStatus(db, request.params.id);
      if (!found)
        throw new LantuError({
          code: 'status/not-found',
          message: `status ${request.params.id} does not exist`,
        });
      return found;
    },
  );
  app.post(
    '/api/statuses/:id/override',
    {
      config: { access: 'review' },
      schema: {
        tags: ['monitoring'],
        summary:
          'override a computed label with a reason (entered for review; shown beside it once approved; audit log)',
        params: IdParams,
        body: OverrideRequest(LABEL_ORDER),
        response: { 200: Status },
      },
    },
    async (request) => {
      await requirePlace(
        db,
        request,
        await placeOfStatus(db, request.params.id),
        `状态 ${request.params.id} / status ${request.params.id}`,
      );
      return overrideStatus(db, request.params.id, { ...request.body, by: actorOf(request) });
    },
  );
  listRoute<{ document_id?: number; region_id?: number; check?: string; severity?: string }>(app, {
    path: '/api/findings',
    access: 'read',
    name: 'findings',
    tag: 'monitoring',
    summary: 'plan-linter findings, each citing both places (document, line, quote)',
    filters: {
      document_id: int('plan document id'),
      region_id: int('region id'),
      check: str('finding code, e.g. plan/implied-growth-mismatch'),
      severity: { type: 'string', enum: ['error', 'warning', 'info'] },
    },
    item: Finding,
    page: (q, w) => pageFindings(db, q, w),
  });
}
