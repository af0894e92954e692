// GET /api/plans/:id/report: a plan's 年度监测报告, 中期评估报告 or 总结评估报告 as Word or as an HTML preview.
import type { FastifyReply } from 'fastify';
import { generateReport, REPORT_KINDS } from '../../report/index.js';
import { IdParams, ReportFileParams, ReportFileQuery, ReportQuery } from '../contract/index.js';
import type { Api, RouteDeps } from './deps.js';

/** RFC 5987 file name, so a Chinese name survives every browser. */
function attachment(filename: string): string {
  return `attachment; filename="report.${filename.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function registerReportRoutes(app: Api, { db }: RouteDeps): void {
  const send = async (planId: number, query: ReportQuery, reply: FastifyReply) => {
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
    // Word is a download; the HTML preview opens in the page.
    if (report.contentType.startsWith('application/'))
      reply.header('content-disposition', attachment(report.filename));
    return reply.send(report.body);
  };
  app.get(
    '/api/plans/:id/report',
    {
      config: { access: 'read' },
      schema: {
        tags: ['monitoring'],
        summary:
          "a plan's evaluation report for a year: 年度监测报告, 中期评估报告 or 总结评估报告 (Word or HTML)",
        params: IdParams,
        querystring: ReportQuery(REPORT_KINDS),
      },
    },
    async (request, reply) => send(request.params.id, request.query, reply),
  );
  // The spelling: /api/plans/7/reports/midterm.docx?year=2023.
  app.get(
    '/api/plans/:id/reports/:kind.:format',
    {
      config: { access: 'read' },
      schema: {
        tags: ['monitoring'],
        summary: 'the same report at a file-like address: /api/plans/{id}/reports/{kind}.{docx|html}?year=N',
        params: ReportFileParams(REPORT_KINDS),
        querystring: ReportFileQuery,
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
