import { describe, expect, it } from 'vitest';
import {
  renderCreateExtension,
  renderCreateSchema,
  renderDropExtension,
  renderDropSchema,
} from '../../src/ddl/index.js';

describe('schema statements', () => {
  it('creates a schema, quoting its name when needed', () => {
    expect(renderCreateSchema('app')).toBe('CREATE SCHEMA app;');
    expect(renderCreateSchema('Billing', { ifNotExists: true })).toBe(
      'CREATE SCHEMA IF NOT EXISTS "Billing";',
    );
  });

  it('drops a schema, with IF EXISTS and CASCADE on request', () => {
    expect(renderDropSchema('app')).toBe('DROP SCHEMA app;');
    expect(renderDropSchema('app', { ifExists: true, cascade: true })).toBe(
      'DROP SCHEMA IF EXISTS app CASCADE;',
    );
  });
});

describe('extension statements', () => {
  it('creates an extension with IF NOT EXISTS unless told otherwise', () => {
    expect(renderCreateExtension({ kind: 'extension', name: 'vector' })).toBe(
      'CREATE EXTENSION IF NOT EXISTS vector;',
    );
    expect(renderCreateExtension({ kind: 'extension', name: 'vector' }, { ifNotExists: false })).toBe(
      'CREATE EXTENSION vector;',
    );
  });

  it('creates it in its schema when it has one', () => {
    expect(renderCreateExtension({ kind: 'extension', name: 'pg_trgm', schema: 'extensions' })).toBe(
      'CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA extensions;',
    );
    expect(renderCreateExtension({ kind: 'extension', name: 'uuid-ossp' })).toBe(
      'CREATE EXTENSION IF NOT EXISTS "uuid-ossp";',
    );
  });

  it('drops an extension, with IF EXISTS and CASCADE on request', () => {
    expect(renderDropExtension('vector')).toBe('DROP EXTENSION vector;');
    expect(renderDropExtension('vector', { ifExists: true, cascade: true })).toBe(
      'DROP EXTENSION IF EXISTS vector CASCADE;',
    );
  });
});
