// Every API route, one file per concern; `registerRoutes` is the one place they are wired (see docs/API.md).
import { registerApprovalRoutes } from './approval.js';
import { registerAccountRoutes } from './accounts.js';
import { registerAssignedTargetRoutes } from './assigned.js';
import { registerCorrectionRoutes } from './corrections.js';
import type { Api, RouteDeps } from './deps.js';
import { registerDocumentRoutes } from './documents.js';
import { registerEvaluationRoutes } from './evaluation.js';
import { registerFactRoutes } from './facts.js';
import { registerIndicatorRoutes } from './indicators.js';
import { registerLedgerRoutes } from './ledger.js';
import { registerObservationRoutes } from './observations.js';
import { registerOverviewRoutes } from './overview.js';
import { registerQueueRoutes } from './queue.js';
import { registerReaderRoutes } from './reader.js';
import { registerReferenceRoutes } from './reference.js';
import { registerReportRoutes } from './reports.js';
import { registerReviewGroupRoutes } from './review-groups.js';
import { registerReviewRoutes } from './review.js';
import { registerSearchRoutes } from './search.js';
import { registerStatusRoutes } from './statuses.js';

export type { Api, RouteDeps, UploadLimits } from './deps.js';
export { actorOf } from './deps.js';
export { correctFigure } from './corrections.js';
export { comparisonRow } from './indicators.js';
export { labelCounts } from './overview.js';
export { documentFigures, listCorrections } from './figures.js';
export { indicatorSeries, midtermYear } from './series.js';

/** Register every route on the app (once: buildServer does it). */
export function registerRoutes(app: Api, deps: RouteDeps): void {
  registerAccountRoutes(app, deps);
  registerReferenceRoutes(app, deps);
  registerDocumentRoutes(app, deps);
  registerFactRoutes(app, deps);
  registerObservationRoutes(app, deps);
  registerStatusRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerOverviewRoutes(app, deps);
  registerReaderRoutes(app, deps);
  registerCorrectionRoutes(app, deps);
  registerIndicatorRoutes(app, deps);
  registerSearchRoutes(app, deps);
  registerLedgerRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerEvaluationRoutes(app, deps);
  registerAssignedTargetRoutes(app, deps);
  registerReviewGroupRoutes(app, deps);
  registerQueueRoutes(app, deps);
  registerApprovalRoutes(app, deps);
}
