import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { StrataError, type StrataErrorCode } from '../errors/strata-error.js';

/** The JSON body of every error answer (Fastify's own shape, plus Strata's code and details). */
export interface HttpErrorBody {
  readonly statusCode: number;
  /** The status text, e.g. `Bad Request`. */
  readonly error: string;
  /** A StrataError code, or Fastify's (`FST_ERR_CTP_BODY_TOO_LARGE`), or `INTERNAL`. */
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * HTTP status of each StrataError code. Client mistakes are 4xx; what a client cannot fix
 * (a broken schema, a failed migration) is 5xx and answered without internals.
 */
const STATUS_BY_CODE: Readonly<Record<StrataErrorCode, number>> = {
  SCHEMA_INVALID: 500,
  CONFIG_INVALID: 500,
  CONNECTION_FAILED: 503,
  CONNECTION_CLOSED: 503,
  TRANSACTION_FAILED: 500,
  DATABASE_ERROR: 500,
  UNIQUE_VIOLATION: 409,
  FOREIGN_KEY_VIOLATION: 409,
  NOT_NULL_VIOLATION: 422,
  CHECK_VIOLATION: 422,
  // Retrying the same request can succeed: 409 tells the client so without blaming the server.
  SERIALIZATION_FAILURE: 409,
  DEADLOCK: 409,
  VALUE_INVALID: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  MIGRATION_INVALID: 500,
  MIGRATION_FAILED: 500,
  MIGRATION_LOCK_TIMEOUT: 503,
  MIGRATION_CHECKSUM_MISMATCH: 500,
  REVISION_NOT_FOUND: 500,
  REVISION_AMBIGUOUS: 500,
  MULTIPLE_HEADS: 500,
  // The server runs against a schema it was not built for until someone migrates it.
  DATABASE_NOT_AT_HEAD: 503,
  IRREVERSIBLE: 500,
  SEARCH_INVALID: 400,
  EMBEDDING_FAILED: 500,
  FILE_INVALID: 400,
  // Raised for names a caller gave (filter columns, sort keys): in a request, the client's.
  USAGE: 400,
};

/**
 * The HTTP status for an error: StrataErrors by code (a foreign key that points nowhere is
 * 422, one still referenced on delete 409; an oversize file 413; PostgreSQL's data
 * exceptions, SQLSTATE class 22, 400), Fastify's and other errors with a 4xx `statusCode`
 * keep it, anything else is 500.
 *
 * @example
 * ```ts
 * import { StrataError } from 'strata';
 * import { httpStatusOf } from 'strata/http';
 *
 * httpStatusOf(new StrataError('UNIQUE_VIOLATION', 'taken')); // 409
 * ```
 */
export function httpStatusOf(error: unknown): number {
  if (error instanceof StrataError) {
    if (error.code === 'FOREIGN_KEY_VIOLATION') return referencesMissingRow(error) ? 422 : 409;
    if (error.code === 'FILE_INVALID' && typeof error.details.maxSize === 'number') return 413;
    if (error.code === 'DATABASE_ERROR' && typeof error.details.sqlstate === 'string') {
      if (error.details.sqlstate.startsWith('22')) return 400;
    }
    const byCode = STATUS_BY_CODE[error.code];
    if (byCode !== undefined) return byCode;
  }
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 600) return status;
  return 500;
}

/** PostgreSQL words an insert/update whose key points nowhere differently from a delete still referenced. */
function referencesMissingRow(error: StrataError): boolean {
  const cause = error.cause as { message?: unknown } | undefined;
  const text = typeof cause?.message === 'string' ? cause.message : error.message;
  return /^insert or update on table/.test(text);
}

/**
 * The status and JSON body answering an error. 5xx answers say only that the server failed
 * (with the StrataError code when there is one): their messages may hold internals.
 *
 * @example
 * ```ts
 * import { StrataError } from 'strata';
 * import { httpErrorAnswer } from 'strata/http';
 *
 * const { status, body } = httpErrorAnswer(new StrataError('NOT_FOUND', 'No document 42.'));
 * // 404, { statusCode: 404, error: 'Not Found', code: 'NOT_FOUND', message: 'No document 42.' }
 * ```
 */
export function httpErrorAnswer(error: unknown): { status: number; body: HttpErrorBody } {
  const status = httpStatusOf(error);
  const statusText = STATUS_CODES[status] ?? 'Error';
  if (status >= 500) {
    const code = error instanceof StrataError ? error.code : 'INTERNAL';
    const message =
      status === 503
        ? 'The service is unavailable right now (the database could not be reached); try again shortly.'
        : 'The server failed to answer this request; the error was logged.';
    return { status, body: { statusCode: status, error: statusText, code, message } };
  }
  if (error instanceof StrataError) {
    const details = publicDetails(error);
    return {
      status,
      body: {
        statusCode: status,
        error: statusText,
        code: error.code,
        message: error.message,
        ...(details === undefined ? {} : { details }),
      },
    };
  }
  const fastifyError = error as Partial<FastifyError> | null;
  return {
    status,
    body: {
      statusCode: status,
      error: statusText,
      code: typeof fastifyError?.code === 'string' ? fastifyError.code : 'HTTP_ERROR',
      message:
        typeof fastifyError?.message === 'string' && fastifyError.message !== ''
          ? fastifyError.message
          : statusText,
    },
  };
}

/** Details safe to send: plain JSON values only (PostgreSQL's own detail with the values stays on `cause`). */
function publicDetails(error: StrataError): Record<string, unknown> | undefined {
  const entries = Object.entries(error.details).filter(([, value]) => isPlainJson(value, 0));
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

function isPlainJson(value: unknown, depth: number): boolean {
  if (depth > 4) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isPlainJson(item, depth + 1));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every((item) => isPlainJson(item, depth + 1));
  }
  return false;
}

/**
 * A Fastify error handler that answers every error with `HttpErrorBody` and the status of
 * `httpStatusOf`, and logs the ones that are the server's fault. Use it app-wide or per route.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { httpErrorHandler } from 'strata/http';
 *
 * const app = Fastify();
 * app.setErrorHandler(httpErrorHandler);
 * ```
 */
export function httpErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body } = httpErrorAnswer(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.code, statusCode: status }, body.message);
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}
