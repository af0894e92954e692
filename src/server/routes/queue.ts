// GET /api/queue: where the PostgreSQL ingest queue stands (for the import-queue panel of the web app).
import { queueState } from '../../queue/index.js';
import { isPostgres } from '../../store/index.js';
import { QueueState } from '../contract/index.js';
import type { Api, RouteDeps } from './deps.js';

export function registerQueueRoutes(app: Api, { db }: RouteDeps): void {
  app.get(
    '/api/queue',
    {
      config: { access: 'manage' },
      schema: {
        tags: ['documents'],
        summary:
          'the ingest queue (PostgreSQL): files by state (queued, active, failed, done), the last failures with their error, workers seen lately',
        response: { 200: QueueState },
      },
    },
    async () => {
      const postgres = isPostgres(db);
      return {
        engine: postgres ? ('postgres' as const) : ('sqlite' as const),
        available: postgres,
        ...(await queueState(db)),
      };
    },
  );
}
