import { StrataError, type StrataErrorCode } from '../errors/strata-error.js';

/** The fields `pg` and PGlite put on an error PostgreSQL sent (an ErrorResponse). */
export interface PostgresErrorFields {
  readonly message: string;
  /** SQLSTATE, e.g. `23505`. */
  readonly code: string;
  readonly severity?: string;
  readonly detail?: string;
  readonly hint?: string;
  readonly schema?: string;
  readonly table?: string;
  readonly column?: string;
  readonly dataType?: string;
  readonly constraint?: string;
}

/** SQLSTATEs that get their own code; every other PostgreSQL error is `DATABASE_ERROR`. */
const SQLSTATE_CODES: Readonly<Record<string, StrataErrorCode>> = {
  '23505': 'UNIQUE_VIOLATION',
  '23503': 'FOREIGN_KEY_VIOLATION',
  '23502': 'NOT_NULL_VIOLATION',
  '23514': 'CHECK_VIOLATION',
  '40001': 'SERIALIZATION_FAILURE',
  '40P01': 'DEADLOCK',
  // The server went away or refused the session: nothing about the statement was wrong.
  '57P01': 'CONNECTION_FAILED',
  '57P02': 'CONNECTION_FAILED',
  '57P03': 'CONNECTION_FAILED',
};

const ADVICE: Partial<Record<StrataErrorCode, string>> = {
  UNIQUE_VIOLATION: 'Use a value that is not taken yet, or update the existing row instead.',
  FOREIGN_KEY_VIOLATION: 'Create the referenced row first, or change/delete the rows that reference it.',
  NOT_NULL_VIOLATION: 'Give the column a value (or a default in the schema).',
  CHECK_VIOLATION: 'Change the row so that it satisfies the CHECK constraint.',
  SERIALIZATION_FAILURE: 'Retry the whole transaction: db.transaction(fn, { retries: 3 }).',
  DEADLOCK:
    'Retry the whole transaction (db.transaction(fn, { retries: 3 })), and take locks in a fixed order.',
  CONNECTION_FAILED: 'Check that the database server is running and reachable, then retry.',
};

/** Node's socket error codes that mean the connection itself failed. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** `pg`'s messages for connections that died or could not be made. */
const CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /not queryable/,
  /^Client has already been connected/,
  /^Connection ended/,
];

/** Whether `error` came from PostgreSQL (through `pg` or PGlite) rather than from the client. */
export function isPostgresError(error: unknown): error is Error & PostgresErrorFields {
  if (!(error instanceof Error)) return false;
  const fields = error as Error & { code?: unknown; severity?: unknown };
  return (
    typeof fields.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(fields.code) &&
    typeof fields.severity === 'string'
  );
}

/**
 * Maps an error from `pg` or PGlite to a `StrataError`, keeping the original as `cause`.
 *
 * | SQLSTATE | code |
 * |---|---|
 * | 23505 | UNIQUE_VIOLATION |
 * | 23503 | FOREIGN_KEY_VIOLATION |
 * | 23502 | NOT_NULL_VIOLATION |
 * | 23514 | CHECK_VIOLATION |
 * | 40001 | SERIALIZATION_FAILURE |
 * | 40P01 | DEADLOCK |
 * | 57P01–57P03, and socket errors | CONNECTION_FAILED |
 * | anything else | DATABASE_ERROR |
 *
 * `details` has `sqlstate`, `schema`, `table`, `constraint`, `column` and `columns` (from the
 * `Key (a, b)=(…)` part of the detail) when PostgreSQL reported them. The offending values
 * (PostgreSQL's `detail`) are left out of the message and details, which may reach logs and
 * HTTP answers; they stay on `cause`. A `StrataError` is returned unchanged.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { wrapDatabaseError } from 'strata/db';
 *
 * const client = new pg.Client(process.env.DATABASE_URL);
 * await client.connect();
 * try {
 *   await client.query('insert into users (email) values ($1)', ['ada@example.com']);
 * } catch (error) {
 *   const e = wrapDatabaseError(error);
 *   if (e.code === 'UNIQUE_VIOLATION') console.log(e.details.columns); // ['email']
 * }
 * ```
 */
export function wrapDatabaseError(
  error: unknown,
  options: { readonly connecting?: boolean } = {},
): StrataError {
  if (error instanceof StrataError) return error;
  if (isPostgresError(error)) {
    const code = options.connecting ? 'CONNECTION_FAILED' : (SQLSTATE_CODES[error.code] ?? 'DATABASE_ERROR');
    const details: Record<string, unknown> = { sqlstate: error.code };
    if (error.schema) details.schema = error.schema;
    if (error.table) details.table = error.table;
    if (error.constraint) details.constraint = error.constraint;
    if (error.column) details.column = error.column;
    const columns = error.detail === undefined ? undefined : parseKeyColumns(error.detail);
    if (columns) details.columns = columns;
    return new StrataError(code, describe(code, error, details), details, { cause: error });
  }
  if (isConnectionError(error) || options.connecting) {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    const systemCode = systemErrorCode(error);
    return new StrataError(
      'CONNECTION_FAILED',
      `Database connection failed: ${reason}. ${ADVICE.CONNECTION_FAILED}`,
      systemCode === undefined ? {} : { systemCode },
      { cause: error },
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new StrataError('DATABASE_ERROR', `Database call failed: ${reason}`, {}, { cause: error });
}

/**
 * Column names from PostgreSQL's key detail: `Key (a, "B c")=(1, x) already exists.` →
 * `['a', 'B c']`. Expressions of an expression index are returned as written. Undefined when
 * the detail has no key.
 */
export function parseKeyColumns(detail: string): string[] | undefined {
  const start = detail.indexOf('Key (');
  if (start < 0) return undefined;
  const columns: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let i = start + 5; i < detail.length; i += 1) {
    const char = detail[i]!;
    if (quoted) {
      if (char === '"' && detail[i + 1] === '"') {
        current += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        current += char;
      }
      continue;
    }
    if (char === '"') {
      quoted = true;
    } else if (char === '(') {
      depth += 1;
      current += char;
    } else if (char === ')' && depth > 0) {
      depth -= 1;
      current += char;
    } else if (char === ')') {
      columns.push(current.trim());
      return detail[i + 1] === '=' ? columns : undefined;
    } else if (char === ',' && depth === 0) {
      columns.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  return undefined;
}

function describe(
  code: StrataErrorCode,
  error: PostgresErrorFields,
  details: Record<string, unknown>,
): string {
  const where: string[] = [];
  if (details.table !== undefined) {
    where.push(
      `table ${details.schema === undefined ? '' : `${String(details.schema)}.`}${String(details.table)}`,
    );
  }
  if (Array.isArray(details.columns)) where.push(`columns (${details.columns.join(', ')})`);
  else if (details.column !== undefined) where.push(`column ${String(details.column)}`);
  let message = `${error.message} [SQLSTATE ${error.code}${where.length > 0 ? `; ${where.join(', ')}` : ''}]`;
  if (error.hint) message += ` Hint: ${error.hint}`;
  const advice = ADVICE[code];
  return advice === undefined ? message : `${message}. ${advice}`;
}

function systemErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Node reports a refused connection to several addresses as an AggregateError.
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const innerCode = systemErrorCode(inner);
      if (innerCode !== undefined) return innerCode;
    }
  }
  return undefined;
}

function isConnectionError(error: unknown): boolean {
  const code = systemErrorCode(error);
  if (code !== undefined && NETWORK_ERROR_CODES.has(code)) return true;
  return error instanceof Error && CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message));
}
