// The web app's API routes: overview, reader and corrections, indicator series and comparison, search, upload checks.
import type { FastifyInstance } from 'fastify';
import { registerCorrectionRoutes } from './corrections.js';
import type { RouteDeps } from './deps.js';
import { registerIndicatorRoutes } from './indicators.js';
import { registerLedgerRoutes } from './ledger.js';
import { registerObservationCheckRoutes } from './observations.js';
import { registerOverviewRoutes } from './overview.js';
import { registerReaderRoutes } from './reader.js';
import { registerSearchRoutes } from './search.js';

export type { RouteDeps } from './deps.js';
export { registerCorrectionRoutes, correctFigure, type CorrectionRequest } from './corrections.js';
export { registerIndicatorRoutes, comparisonRow, type ComparisonRow } from './indicators.js';
export { registerOverviewRoutes, labelCounts, type PlanOverview } from './overview.js';
export { registerReaderRoutes } from './reader.js';
export { registerObservationCheckRoutes, checkObservationFile, type CheckResult } from './observations.js';
export { registerSearchRoutes } from './search.js';
export { registerLedgerRoutes } from './ledger.js';
export {
  documentFigures,
  listCorrections,
  type Figure,
  type Correction,
  type FigureFields,
} from './figures.js';
export { indicatorSeries, midtermYear, type IndicatorSeries } from './series.js';

/** Every route the web app needs beyond the core API; once per app (a second call does nothing). */
export function registerWebRoutes(app: FastifyInstance, deps: RouteDeps): void {
  if (app.hasRoute({ method: 'GET', url: '/api/overview' })) return;
  registerOverviewRoutes(app, deps);
  registerReaderRoutes(app, deps);
  registerCorrectionRoutes(app, deps);
  registerIndicatorRoutes(app, deps);
  registerSearchRoutes(app, deps);
  registerObservationCheckRoutes(app, deps);
  registerLedgerRoutes(app, deps);
}
