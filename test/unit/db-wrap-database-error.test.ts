import { DatabaseError } from 'pg';
import { describe, expect, it } from 'vitest';
import { isPostgresError, parseKeyColumns, wrapDatabaseError } from '../../src/db/wrap-database-error.js';
import { StrataError } from '../../src/errors/strata-error.js';

/** An error exactly as `pg` builds it from a server ErrorResponse. */
function serverError(code: string, message: string, fields: Partial<DatabaseError> = {}): DatabaseError {
  const error = new DatabaseError(message, 100, 'error');
  error.severity = 'ERROR';
  error.code = code;
  Object.assign(error, fields);
  return error;
}

describe('parseKeyColumns', () => {
  it('reads the columns of a unique or foreign key detail', () => {
    expect(parseKeyColumns('Key (email)=(a@b.c) already exists.')).toEqual(['email']);
    expect(parseKeyColumns('Key (tenant_id, slug)=(1, x) already exists.')).toEqual(['tenant_id', 'slug']);
    expect(parseKeyColumns('Key (author_id)=(5) is not present in table "authors".')).toEqual(['author_id']);
  });

  it('unquotes quoted identifiers and keeps expressions whole', () => {
    expect(parseKeyColumns('Key ("Weird, Name", "a""b")=(1, 2) already exists.')).toEqual([
      'Weird, Name',
      'a"b',
    ]);
    expect(parseKeyColumns('Key (lower(email::text))=(x) already exists.')).toEqual(['lower(email::text)']);
  });

  it('gives undefined when there is no key', () => {
    expect(parseKeyColumns('Failing row contains (1, null).')).toBeUndefined();
  });
});

describe('wrapDatabaseError', () => {
  it.each([
    ['23505', 'UNIQUE_VIOLATION'],
    ['23503', 'FOREIGN_KEY_VIOLATION'],
    ['23502', 'NOT_NULL_VIOLATION'],
    ['23514', 'CHECK_VIOLATION'],
    ['40001', 'SERIALIZATION_FAILURE'],
    ['40P01', 'DEADLOCK'],
    ['42P01', 'DATABASE_ERROR'],
    ['22P02', 'DATABASE_ERROR'],
    ['57P01', 'CONNECTION_FAILED'],
  ])('maps SQLSTATE %s to %s and keeps the cause', (sqlstate, code) => {
    const cause = serverError(sqlstate, 'boom');
    const wrapped = wrapDatabaseError(cause);
    expect(wrapped).toBeInstanceOf(StrataError);
    expect(wrapped.code).toBe(code);
    expect(wrapped.cause).toBe(cause);
    expect(wrapped.details.sqlstate).toBe(sqlstate);
  });

  it('puts table, schema, constraint and key columns in details, and leaves the values out', () => {
    const cause = serverError('23505', 'duplicate key value violates unique constraint "users_email_key"', {
      detail: 'Key (email)=(secret@example.com) already exists.',
      schema: 'public',
      table: 'users',
      constraint: 'users_email_key',
    });
    const wrapped = wrapDatabaseError(cause);
    expect(wrapped.details).toEqual({
      sqlstate: '23505',
      schema: 'public',
      table: 'users',
      constraint: 'users_email_key',
      columns: ['email'],
    });
    expect(wrapped.message).toContain('users_email_key');
    expect(wrapped.message).toContain('public.users');
    expect(JSON.stringify(wrapped.toJSON())).not.toContain('secret@example.com');
  });

  it('maps a socket failure to CONNECTION_FAILED and any other error to DATABASE_ERROR', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(wrapDatabaseError(refused).code).toBe('CONNECTION_FAILED');
    expect(wrapDatabaseError(refused).details.systemCode).toBe('ECONNREFUSED');
    expect(wrapDatabaseError(new Error('Connection terminated unexpectedly')).code).toBe('CONNECTION_FAILED');
    expect(wrapDatabaseError(new TypeError('odd')).code).toBe('DATABASE_ERROR');
  });

  it('reports every error while connecting as CONNECTION_FAILED, keeping the SQLSTATE', () => {
    const wrapped = wrapDatabaseError(serverError('3D000', 'database "nope" does not exist'), {
      connecting: true,
    });
    expect(wrapped.code).toBe('CONNECTION_FAILED');
    expect(wrapped.details.sqlstate).toBe('3D000');
  });

  it('returns a StrataError unchanged', () => {
    const error = new StrataError('VALUE_INVALID', 'bad');
    expect(wrapDatabaseError(error)).toBe(error);
  });

  it('tells PostgreSQL errors from client errors', () => {
    expect(isPostgresError(serverError('23505', 'x'))).toBe(true);
    expect(isPostgresError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(false);
  });
});
