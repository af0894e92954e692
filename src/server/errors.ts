// How the API answers a problem: a LantuError or a failed validation as a 4xx naming what was expected,
// a real fault as a 500 carrying the request id that the log line also carries.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { LantuError } from '../diagnostics.js';
import { NO_NUL } from './inputs.js';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** An error with an HTTP status (and a code, an `expected`) for the error handler to answer with. */
export function httpError(statusCode: number, message: string, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), { statusCode, ...extra });
}

/** The code of an upload whose files together pass the per-request total. */
export const UPLOAD_TOTAL_CODE = 'upload/total-too-large';

export function uploadTooLarge(limit: number): string {
  return `上传文件超过 ${mb(limit)} MB 的上限 / upload larger than the limit of ${mb(limit)} MB`;
}

export function uploadTotalTooLarge(limit: number): string {
  return `上传文件合计超过 ${mb(limit)} MB 的上限 / the files of one upload together pass the limit of ${mb(limit)} MB`;
}

const STATUS_NAMES: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
};

const NOT_FOUND_CODES = /not-found$/;

/** One validation problem in words a client can act on (the NUL rule named, not its regular expression). */
function validationMessage(v: {
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}): string {
  if (v.keyword === 'pattern' && v.params.pattern === NO_NUL)
    return '含有 NUL 字符 / contains a NUL character';
  return v.message ?? 'is invalid';
}

export interface ErrorHandlerOptions {
  uploadLimit: number;
  logger: boolean;
}

/** The app's error handler: every answer has statusCode, error, code and message (and `expected` when known). */
export function errorHandler(options: ErrorHandlerOptions) {
  return (
    error: FastifyError & { expected?: string; errors?: unknown },
    request: FastifyRequest,
    reply: FastifyReply,
  ) => {
    if (error instanceof LantuError) {
      const status = NOT_FOUND_CODES.test(error.code) ? 404 : 400;
      return reply.code(status).send({
        statusCode: status,
        error: status === 404 ? 'Not Found' : 'Bad Request',
        code: error.code,
        message: error.message,
        ...(error.expected ? { expected: error.expected } : {}),
      });
    }
    if (error.validation) {
      const details = error.validation.map((v) => ({
        where: `${error.validationContext ?? 'request'}${v.instancePath}`,
        message: validationMessage(v),
        params: v.params,
      }));
      return reply.code(400).send({
        statusCode: 400,
        error: 'Bad Request',
        code: 'request/invalid',
        message: `请求参数无效 / invalid request: ${details.map((d) => `${d.where} ${d.message}`).join('; ')}`,
        details,
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      // A real fault: logged with the request id the client got, so the two can be matched.
      if (options.logger) request.log.error({ err: error, reqId: request.id }, 'request failed');
      else
        process.stderr.write(
          `${JSON.stringify({ level: 'error', reqId: request.id, method: request.method, url: request.url, code: error.code, message: error.message, stack: error.stack })}\n`,
        );
    }
    return reply.code(status).send({
      statusCode: status,
      error: STATUS_NAMES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request'),
      code: status >= 500 ? 'server/error' : (error.code ?? 'request/error'),
      message:
        status === 413 && error.code !== UPLOAD_TOTAL_CODE
          ? uploadTooLarge(options.uploadLimit)
          : status >= 500
            ? `服务器内部错误（请求 ${request.id}）/ internal error (request ${request.id})`
            : error.message,
      ...(status >= 500 ? { request_id: request.id } : {}),
      ...(error.expected ? { expected: error.expected } : {}),
    });
  };
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(404)
    .send({ statusCode: 404, error: 'Not Found', message: `no route ${request.method} ${request.url}` });
}
