// GET /api/plans/:id/report: a plan's 年度监测报告, 中期评估报告 or 总结评估报告 as Word or as an HTML preview.
import type { FastifyInstance } from 'fastify';
import { generateReport, REPORT_KINDS, type ReportFormat, type ReportKind } from '../../report/index.js';
import type { RouteDeps } from './deps.js';

interface ReportQuery {
  year: number;
  kind?: ReportKind;
  format?: ReportFormat;
}

const querystring = {
  type: 'object',
  required: ['year'],
  properties: {
    year: { type: 'integer', minimum: 1949, maximum: 2100, description: 'the year reported on' },
    kind: {
      type: 'string',
      enum: [...REPORT_KINDS],
      description: 'annual 年度监测 | midterm 中期评估 | final 总结评估 (default: as the year implies)',
    },
    format: {
      type: 'string',
      enum: ['docx', 'html'],
      default: 'docx',
      description: 'docx (Word) or html (preview)',
    },
  },
} as const;

/** RFC 5987 file name, so a Chinese name survives every browser. */
function attachment(filename: string): string {
  return `attachment; filename="report.${filename.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function registerReportRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;
  const send = async (planId: number, query: ReportQuery, reply: import('fastify').FastifyReply) => {
    const report = await generateReport(db, {
      planId,
      year: query.year,
      kind: query.kind,
      format: query.format ?? 'docx',
    });
    reply.header('content-type', report.contentType);
    reply.header('x-lantu-report-kind', report.model.kind);
    // Diagnostics (a missing CJK font) travel with the file, never instead of it.
    if (report.diagnostics.length > 0)
      reply.header(
        'x-lantu-diagnostics',
        encodeURIComponent(report.diagnostics.map((d) => d.code).join(',')),
      );
    if (report.contentType.startsWith('application/'))
      reply.header('content-disposition', attachment(report.filename));
    return reply.send(report.body);
  };
  app.get<{ Params: { id: number }; Querystring: ReportQuery }>(
    '/api/plans/:id/report',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          "a plan's evaluation report for a year: 年度监测报告, 中期评估报告 or 总结评估报告 (Word or HTML)",
        params: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
        querystring,
      },
    },
    async (request, reply) => send(request.params.id, request.query, reply),
  );
  // The spelling: /api/plans/7/reports/midterm.docx?year=2023.
  app.get<{ Params: { id: number; kind: ReportKind; format: ReportFormat }; Querystring: { year: number } }>(
    '/api/plans/:id/reports/:kind.:format',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'the same report at a file-like address: /api/plans/{id}/reports/{kind}.{docx|html}?year=N',
        params: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            kind: { type: 'string', enum: [...REPORT_KINDS] },
            format: { type: 'string', enum: ['docx', 'html'] },
          },
          required: ['id', 'kind', 'format'],
        },
        querystring: { ...querystring, properties: { year: querystring.properties.year } },
      },
    },
    async (request, reply) =>
      send(
        request.params.id,
        { year: request.query.year, kind: request.params.kind, format: request.params.format },
        reply,
      ),
  );
}
