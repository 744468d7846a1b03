/**
 * Stable error codes. Codes are part of the public API: never renamed, only added.
 */
export type StrataErrorCode =
  | 'SCHEMA_INVALID'
  | 'CONFIG_INVALID'
  | 'CONNECTION_FAILED'
  | 'CONNECTION_CLOSED'
  | 'TRANSACTION_FAILED'
  | 'DATABASE_ERROR'
  | 'UNIQUE_VIOLATION'
  | 'FOREIGN_KEY_VIOLATION'
  | 'NOT_NULL_VIOLATION'
  | 'CHECK_VIOLATION'
  | 'SERIALIZATION_FAILURE'
  | 'DEADLOCK'
  | 'VALUE_INVALID'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'MIGRATION_INVALID'
  | 'MIGRATION_FAILED'
  | 'MIGRATION_LOCK_TIMEOUT'
  | 'MIGRATION_CHECKSUM_MISMATCH'
  | 'REVISION_NOT_FOUND'
  | 'REVISION_AMBIGUOUS'
  | 'MULTIPLE_HEADS'
  | 'DATABASE_NOT_AT_HEAD'
  | 'IRREVERSIBLE'
  | 'SEARCH_INVALID'
  | 'EMBEDDING_FAILED'
  | 'FILE_INVALID'
  | 'USAGE';

/** Structured context attached to an error (table, column, constraint, revision, ...). */
export type StrataErrorDetails = Readonly<Record<string, unknown>>;

/**
 * The one error base class of Strata. Every error thrown by the library is a
 * `StrataError` with a stable `code`, a message that names what was wrong and how
 * to fix it, and structured `details`. Errors from PostgreSQL are wrapped and
 * kept as `cause`, never swallowed.
 *
 * @example
 * ```ts
 * import { StrataError } from 'strata';
 * try {
 *   // ...
 * } catch (error) {
 *   if (error instanceof StrataError && error.code === 'UNIQUE_VIOLATION') {
 *     console.log(error.details.constraint);
 *   }
 * }
 * ```
 */
export class StrataError extends Error {
  readonly code: StrataErrorCode;
  readonly details: StrataErrorDetails;

  constructor(
    code: StrataErrorCode,
    message: string,
    details: StrataErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StrataError';
    this.code = code;
    this.details = details;
  }

  /** A plain JSON form, for logs and HTTP answers. */
  toJSON(): { name: string; code: StrataErrorCode; message: string; details: StrataErrorDetails } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}

/** Type guard that also narrows on the code. */
export function isStrataError<C extends StrataErrorCode>(
  error: unknown,
  code?: C,
): error is StrataError & { code: C } {
  return error instanceof StrataError && (code === undefined || error.code === code);
}
