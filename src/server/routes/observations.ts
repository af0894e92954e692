// POST /api/observations/check: what an import would say about a file, stored nothing, always 200 — so the web
// shows row-level errors before anything is imported (and the browser logs no failed request).
import type { FastifyInstance } from 'fastify';
import { checkObservationSheet } from '../../store/observations-io.js';
import type { RouteDeps } from './deps.js';

export interface CheckResult {
  filename: string;
  rows: number;
  valid: number;
  errors: Array<{
    row: number;
    column: string | null;
    value: string | null;
    message: string;
    expected: string;
  }>;
}

export async function checkObservationFile(
  deps: RouteDeps,
  bytes: Uint8Array,
  filename: string,
): Promise<CheckResult> {
  const { valid, errors, rows } = await checkObservationSheet(deps.db, bytes);
  return { filename, rows, valid: valid.length, errors };
}

export function registerObservationCheckRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.post(
    '/api/observations/check',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'check a filled template (multipart "file") row by row without storing anything',
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        return reply.code(400).send({
          statusCode: 400,
          error: 'Bad Request',
          code: 'upload/not-multipart',
          message: 'expected a multipart/form-data upload with a "file" field',
        });
      }
      const part = await request.file();
      if (!part)
        return reply.code(400).send({
          statusCode: 400,
          error: 'Bad Request',
          code: 'upload/no-file',
          message: 'no file in the upload (expected a "file" field)',
        });
      const bytes = new Uint8Array(await part.toBuffer());
      return checkObservationFile(deps, bytes, part.filename);
    },
  );
}
