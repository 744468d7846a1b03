import { describe, expect, it } from 'vitest';
import {
  renderCreateIndex,
  renderDropIndex,
  renderIndexElement,
  renderStorageParameters,
} from '../../src/ddl/index.js';
import { isStrataError } from '../../src/errors/strata-error.js';
import type { IndexModel } from '../../src/model/index.js';

const chunks = { schema: 'public', name: 'chunks' };

function index(extra: Partial<IndexModel> = {}): IndexModel {
  return {
    kind: 'index',
    name: 'chunks_document_id_idx',
    method: 'btree',
    unique: false,
    nullsNotDistinct: false,
    elements: [{ kind: 'indexColumn', column: 'document_id' }],
    include: [],
    with: {},
    ...extra,
  };
}

function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isStrataError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a StrataError');
}

describe('renderIndexElement', () => {
  it('renders a column alone or with COLLATE, opclass, direction and nulls order, in that order', () => {
    expect(renderIndexElement({ kind: 'indexColumn', column: 'position' })).toBe('"position"');
    expect(
      renderIndexElement({
        kind: 'indexColumn',
        column: 'name',
        collation: 'C',
        opclass: 'text_pattern_ops',
        order: 'desc',
        nulls: 'last',
      }),
    ).toBe('name COLLATE "C" text_pattern_ops DESC NULLS LAST');
    expect(renderIndexElement({ kind: 'indexColumn', column: 'a', order: 'asc', nulls: 'first' })).toBe(
      'a ASC NULLS FIRST',
    );
  });

  it('wraps an expression in parentheses', () => {
    expect(
      renderIndexElement({
        kind: 'indexExpression',
        expression: '(embedding)::halfvec(1536)',
        opclass: 'halfvec_cosine_ops',
      }),
    ).toBe('((embedding)::halfvec(1536)) halfvec_cosine_ops');
    expect(renderIndexElement({ kind: 'indexExpression', expression: 'lower(email)' })).toBe(
      '(lower(email))',
    );
  });

  it('refuses an empty expression', () => {
    expect(errorCode(() => renderIndexElement({ kind: 'indexExpression', expression: '' }))).toMatch(
      /^SCHEMA_INVALID/,
    );
  });
});

describe('renderStorageParameters', () => {
  it('keeps numbers and words bare and quotes anything else', () => {
    expect(renderStorageParameters({ m: '16', ef_construction: '64' })).toBe('m = 16, ef_construction = 64');
    expect(renderStorageParameters({ fastupdate: 'off', fillfactor: '90.5' })).toBe(
      'fastupdate = off, fillfactor = 90.5',
    );
    expect(renderStorageParameters({ note: "it's x" })).toBe("note = 'it''s x'");
  });

  it('refuses a parameter name that is not a plain lower-case word', () => {
    expect(errorCode(() => renderStorageParameters({ 'm) WITH (x': '1' }))).toMatch(
      /^SCHEMA_INVALID: Storage parameter name/,
    );
  });
});

describe('renderCreateIndex', () => {
  it('always names the access method', () => {
    expect(renderCreateIndex(chunks, index())).toBe(
      'CREATE INDEX chunks_document_id_idx ON chunks USING btree (document_id);',
    );
  });

  it('renders a pgvector HNSW index with its storage parameters', () => {
    const hnsw = index({
      name: 'chunks_embedding_idx',
      method: 'hnsw',
      elements: [{ kind: 'indexColumn', column: 'embedding', opclass: 'vector_cosine_ops' }],
      with: { m: '16', ef_construction: '64' },
    });
    expect(renderCreateIndex(chunks, hnsw)).toBe(
      'CREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);',
    );
  });

  it('renders every clause in PostgreSQL order', () => {
    const full = index({
      name: 'Orders_idx',
      unique: true,
      nullsNotDistinct: true,
      elements: [
        { kind: 'indexColumn', column: 'customer_id' },
        { kind: 'indexExpression', expression: 'lower(code)', order: 'desc', nulls: 'last' },
      ],
      include: ['status', 'Total'],
      with: { fillfactor: '70' },
      where: 'deleted_at IS NULL',
    });
    expect(
      renderCreateIndex({ schema: 'shop', name: 'Orders' }, full, { concurrently: true, ifNotExists: true }),
    ).toBe(
      'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Orders_idx" ON shop."Orders" USING btree ' +
        '(customer_id, (lower(code)) DESC NULLS LAST) INCLUDE (status, "Total") NULLS NOT DISTINCT ' +
        'WITH (fillfactor = 70) WHERE deleted_at IS NULL;',
    );
  });

  it("builds CONCURRENTLY when the index asks for it, unless the caller's option says otherwise", () => {
    expect(renderCreateIndex(chunks, index({ concurrently: true }))).toMatch(/^CREATE INDEX CONCURRENTLY /);
    expect(renderCreateIndex(chunks, index({ concurrently: true }), { concurrently: false })).toMatch(
      /^CREATE INDEX chunks_document_id_idx /,
    );
  });

  it('refuses an index without elements, NULLS NOT DISTINCT on a non-unique index and an empty WHERE', () => {
    expect(errorCode(() => renderCreateIndex(chunks, index({ elements: [] })))).toMatch(
      /^SCHEMA_INVALID: Index chunks_document_id_idx has no/,
    );
    expect(errorCode(() => renderCreateIndex(chunks, index({ nullsNotDistinct: true })))).toMatch(
      /but not unique/,
    );
    expect(errorCode(() => renderCreateIndex(chunks, index({ where: ' ' })))).toMatch(/empty WHERE/);
  });
});

describe('renderDropIndex', () => {
  it('drops the index through its schema', () => {
    expect(renderDropIndex({ schema: 'public', name: 'chunks_embedding_idx' })).toBe(
      'DROP INDEX chunks_embedding_idx;',
    );
    expect(
      renderDropIndex({ schema: 'app', name: 'tasks_idx' }, { concurrently: true, ifExists: true }),
    ).toBe('DROP INDEX CONCURRENTLY IF EXISTS app.tasks_idx;');
    expect(renderDropIndex({ schema: 'app', name: 'tasks_idx' }, { cascade: true })).toBe(
      'DROP INDEX app.tasks_idx CASCADE;',
    );
  });

  it('refuses CONCURRENTLY with CASCADE, which PostgreSQL does not support', () => {
    expect(
      errorCode(() => renderDropIndex({ schema: 'app', name: 'i' }, { concurrently: true, cascade: true })),
    ).toMatch(/^USAGE: DROP INDEX CONCURRENTLY cannot CASCADE/);
  });
});
