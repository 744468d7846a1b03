import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, redactUrl, resolveConnectionTarget } from '../../src/db/connection-target.js';
import { isStrataError, type StrataError } from '../../src/errors/strata-error.js';

const cwd = path.resolve('/srv/app');

function failure(fn: () => unknown): StrataError {
  try {
    fn();
  } catch (error) {
    if (isStrataError(error)) return error;
    throw error;
  }
  throw new Error('expected a StrataError');
}

describe('resolveConnectionTarget', () => {
  it('opens an embedded PGlite in .strata/db under the working directory when nothing is configured', () => {
    expect(resolveConnectionTarget({}, { env: {}, cwd })).toEqual({
      kind: 'pgliteDirectory',
      dataDir: path.join(cwd, DEFAULT_DATA_DIR),
    });
  });

  it('resolves dataDir against the working directory and keeps absolute folders', () => {
    expect(resolveConnectionTarget({ dataDir: 'var/db' }, { env: {}, cwd })).toEqual({
      kind: 'pgliteDirectory',
      dataDir: path.join(cwd, 'var/db'),
    });
    const absolute = path.resolve('/data/strata');
    expect(resolveConnectionTarget({ dataDir: absolute }, { env: {}, cwd })).toEqual({
      kind: 'pgliteDirectory',
      dataDir: absolute,
    });
  });

  it('treats memory:// as a throwaway in-memory PGlite', () => {
    expect(resolveConnectionTarget({ url: 'memory://' }, { env: {}, cwd })).toEqual({ kind: 'pgliteMemory' });
    expect(resolveConnectionTarget({ url: 'memory:' }, { env: {}, cwd })).toEqual({ kind: 'pgliteMemory' });
  });

  it('accepts postgres:// and postgresql:// URLs for the server backend', () => {
    for (const url of ['postgres://u:p@db:5432/app', 'postgresql://localhost/app?sslmode=require']) {
      expect(resolveConnectionTarget({ url }, { env: {}, cwd })).toEqual({
        kind: 'postgres',
        url,
        source: 'url option',
      });
    }
  });

  it('uses DATABASE_URL only when no url, dataDir or pglite is given', () => {
    const env = { DATABASE_URL: 'postgres://env-host/app' };
    expect(resolveConnectionTarget({}, { env, cwd })).toEqual({
      kind: 'postgres',
      url: 'postgres://env-host/app',
      source: 'DATABASE_URL',
    });
    expect(resolveConnectionTarget({ url: 'memory://' }, { env, cwd }).kind).toBe('pgliteMemory');
    expect(resolveConnectionTarget({ dataDir: 'x' }, { env, cwd }).kind).toBe('pgliteDirectory');
    expect(resolveConnectionTarget({}, { env: { DATABASE_URL: '  ' }, cwd }).kind).toBe('pgliteDirectory');
  });

  it('refuses an unknown scheme, naming the accepted forms', () => {
    const error = failure(() =>
      resolveConnectionTarget({ url: 'mysql://root@localhost/app' }, { env: {}, cwd }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('"mysql:"');
    expect(error.message).toContain('postgres://');
    expect(error.message).toContain('memory://');
    expect(error.message).toContain('dataDir');
  });

  it('names DATABASE_URL when the bad URL came from the environment', () => {
    const error = failure(() =>
      resolveConnectionTarget({}, { env: { DATABASE_URL: 'sqlite:///x.db' }, cwd }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('DATABASE_URL');
  });

  it('suggests dataDir for a path given as url', () => {
    const error = failure(() => resolveConnectionTarget({ url: './data/db' }, { env: {}, cwd }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('dataDir');
  });

  it('refuses an empty url, memory:// with a path, and a malformed postgres URL without echoing the password', () => {
    expect(failure(() => resolveConnectionTarget({ url: '' }, { env: {}, cwd })).code).toBe('CONFIG_INVALID');
    expect(failure(() => resolveConnectionTarget({ url: 'memory://x' }, { env: {}, cwd })).code).toBe(
      'CONFIG_INVALID',
    );
    const error = failure(() =>
      resolveConnectionTarget({ url: 'postgres://u:s3cret@host:notaport/db' }, { env: {}, cwd }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).not.toContain('s3cret');
  });

  it('refuses contradicting options', () => {
    const error = failure(() =>
      resolveConnectionTarget({ url: 'memory://', dataDir: 'x' }, { env: {}, cwd }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('url and dataDir');
  });
});

describe('redactUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactUrl('postgres://app:hunter2@db.internal:5432/main')).toBe(
      'postgres://app:***@db.internal:5432/main',
    );
    expect(redactUrl('postgres://app@db/main')).toBe('postgres://app@db/main');
  });
});
