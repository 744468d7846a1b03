import { describe, expect, it } from 'vitest';
import { isStrataError } from '../../src/errors/strata-error.js';
import {
  bit,
  check,
  defineSchema,
  foreignKey,
  halfvec,
  index,
  integer,
  jsonb,
  pgEnum,
  sparsevec,
  sql,
  table,
  text,
  uuid,
  vector,
} from '../../src/schema/index.js';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (isStrataError(error, 'SCHEMA_INVALID')) {
      return (error.details.problems as { problem: string }[]).map((p) => p.problem);
    }
    throw error;
  }
  throw new Error('expected a SCHEMA_INVALID error');
}

describe('schema validation at definition time', () => {
  it('refuses an HNSW index on a vector over 2,000 dimensions and suggests halfvec', () => {
    const docs = table('docs', { embedding: vector(3072) }, (t) => [
      index('docs_embedding_idx').using('hnsw', t.embedding.op('vector_cosine_ops')),
    ]);
    let message = '';
    try {
      defineSchema({ docs });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      "HNSW index docs_embedding_idx is on vector(3072), over pgvector's indexable limit of 2,000 dimensions",
    );
    expect(message).toContain('halfvec(3072)');
  });

  it('accepts the same vector indexed through a halfvec expression', () => {
    const docs = table('docs', { embedding: vector(3072) }, (t) => [
      index('docs_embedding_idx').using(
        'hnsw',
        sql`(${t.embedding})::halfvec(3072)`.op('halfvec_cosine_ops'),
      ),
    ]);
    expect(defineSchema({ docs }).model.tables[0]?.indexes[0]?.elements[0]).toEqual({
      kind: 'indexExpression',
      expression: '(embedding)::halfvec(3072)',
      opclass: 'halfvec_cosine_ops',
    });
  });

  it('applies each type its own limit: halfvec 4,000 and bit 64,000', () => {
    const ok = table('ok', { h: halfvec(4000), b: bit(64000) }, (t) => [
      index('ok_h').using('hnsw', t.h.op('halfvec_l2_ops')),
      index('ok_b').using('hnsw', t.b.op('bit_hamming_ops')),
    ]);
    expect(() => defineSchema({ ok })).not.toThrow();
    const bad = table('bad', { h: halfvec(4001), b: bit(64001) }, (t) => [
      index('bad_h').using('hnsw', t.h.op('halfvec_l2_ops')),
      index('bad_b').using('ivfflat', t.b.op('bit_hamming_ops')),
    ]);
    expect(problemsOf(() => defineSchema({ bad }))).toEqual([
      "IVFFlat index bad_b is on bit(64001), over pgvector's indexable limit of 64,000 dimensions",
      "HNSW index bad_h is on halfvec(4001), over pgvector's indexable limit of 4,000 dimensions",
    ]);
  });

  it('refuses IVFFlat on sparsevec', () => {
    const t1 = table('sparse', { s: sparsevec(30000) }, (t) => [
      index('sparse_s').using('ivfflat', t.s.op('sparsevec_l2_ops')),
    ]);
    expect(problemsOf(() => defineSchema({ t1 }))).toEqual([
      'IVFFlat index sparse_s is on sparsevec, which IVFFlat cannot index',
    ]);
  });

  it('refuses an opclass that does not exist for the column type or the method', () => {
    const t1 = table('items', { v: vector(3), h: halfvec(3) }, (t) => [
      index('items_v').using('ivfflat', t.v.op('vector_l1_ops')),
      index('items_h').using('hnsw', t.h.op('vector_cosine_ops')),
    ]);
    expect(problemsOf(() => defineSchema({ t1 }))).toEqual([
      'Index items_h uses vector_cosine_ops, which does not exist for halfvec with HNSW',
      'Index items_v uses vector_l1_ops, which does not exist for vector with IVFFlat',
    ]);
  });

  it('requires an opclass for HNSW, which has no default, but not for IVFFlat on vector', () => {
    const t1 = table('items', { v: vector(3) }, (t) => [
      index('items_v_hnsw').using('hnsw', t.v),
      index('items_v_ivf').using('ivfflat', t.v),
    ]);
    expect(problemsOf(() => defineSchema({ t1 }))).toEqual([
      'HNSW index items_v_hnsw on column v names no operator class, and HNSW has no default for vector',
    ]);
  });

  it('refuses a vector index on a column without dimensions', () => {
    const t1 = table('items', { v: vector() }, (t) => [
      index('items_v').using('hnsw', t.v.op('vector_l2_ops')),
    ]);
    expect(problemsOf(() => defineSchema({ t1 }))).toEqual([
      'HNSW index items_v is on column v, which has no dimensions',
    ]);
  });

  it('checks HNSW and IVFFlat parameters against pgvector ranges', () => {
    const t1 = table('items', { v: vector(3) }, (t) => [
      index('items_a').using('hnsw', t.v.op('vector_l2_ops')).with({ m: 101 }),
      index('items_b').using('hnsw', t.v.op('vector_l2_ops')).with({ m: 40, ef_construction: 64 }),
      index('items_c').using('ivfflat', t.v.op('vector_l2_ops')).with({ lists: 0, m: 4 }),
    ]);
    expect(problemsOf(() => defineSchema({ t1 }))).toEqual([
      'Index items_a sets m = 101, outside 2–100',
      'Index items_a has ef_construction = 64 below 2 × m = 202',
      'Index items_b has ef_construction = 64 below 2 × m = 80',
      'Index items_c sets lists = 0, outside 1–32768',
      'Index items_c sets m, which IVFFlat does not accept',
    ]);
  });

  it('refuses a foreign key to a missing column, and to a table left out of the schema', () => {
    const parents = table('parents', { id: integer().primaryKey(), code: text() });
    const children = table('children', { parent_id: integer(), parent_code: text() }, (t) => [
      foreignKey({
        name: 'children_code_fk',
        columns: [t.parent_code],
        foreignColumns: [parents.columns.code],
      }),
    ]);
    const ghost = table('ghost', { id: integer().primaryKey() });
    const orphans = table('orphans', { ghost_id: integer().references(() => ghost.columns.id) });
    expect(problemsOf(() => defineSchema({ parents, children, orphans }))).toEqual([
      'Foreign key children_code_fk on children references parents(code), which is neither its primary key nor unique',
      'Foreign key orphans_ghost_id_fkey on orphans references table ghost, which is not in the schema',
    ]);
  });

  it('refuses an index or constraint that names a column the table does not have', () => {
    const wrong = table('wrong', { a: integer() }, (t) => [
      index('wrong_idx')
        .on(t.a)
        .include({ columnName: 'missing' } as never),
      check('wrong_check', sql`${t.a} > 0`),
    ]);
    expect(problemsOf(() => defineSchema({ wrong }))).toEqual([
      'The INCLUDE of index wrong_idx on wrong names column "missing", which the table does not have',
    ]);
  });

  it('refuses duplicate names in one namespace: tables, indexes and constraint indexes share it', () => {
    const a = table('a', { id: integer().primaryKey() }, (t) => [index('shared_name').on(t.id)]);
    const b = table('b', { id: integer() }, (t) => [index('shared_name').on(t.id)]);
    const dup = table('a', { x: integer() });
    expect(problemsOf(() => defineSchema({ a, b, dup }))).toEqual([
      'Duplicate name "a": used by table a and by table a',
      'Duplicate name "a": used by table a and by table a',
      'Duplicate name "shared_name": used by index on a and by index on b',
    ]);
  });

  it('refuses an enum that shares its name with a table, and duplicate enum labels', () => {
    const mood = pgEnum('mood', ['happy', 'sad', 'happy'] as const);
    const moodTable = table('mood', { m: mood() });
    expect(problemsOf(() => defineSchema({ moodTable }))).toEqual([
      'Enum mood lists "happy" twice',
      'Duplicate name "mood": used by enum mood and by table mood',
    ]);
  });

  it('refuses identifiers PostgreSQL would truncate', () => {
    const long = 'x'.repeat(64);
    const t1 = table(long, { id: integer() });
    expect(problemsOf(() => defineSchema({ t1 }))[0]).toContain("is 64 bytes, over PostgreSQL's 63");
  });

  it('refuses a column with two value sources and out-of-range types', () => {
    const t1 = table('t1', {
      a: integer().default(1).generatedAlwaysAsIdentity(),
      b: vector(16001),
      c: uuid(),
      d: jsonb(),
    });
    expect(problemsOf(() => defineSchema({ t1 }))).toEqual([
      'Column t1.a has a default and an identity',
      'Column t1.b is vector(16001); vector holds 1 to 16,000 dimensions',
    ]);
  });

  it('reports every problem in one error with a message that says how to fix each', () => {
    const t1 = table('t1', { v: vector() }, (t) => [index('t1_v').using('hnsw', t.v)]);
    try {
      defineSchema({ t1 });
      expect.unreachable();
    } catch (error) {
      expect(isStrataError(error, 'SCHEMA_INVALID')).toBe(true);
      expect((error as Error).message).toMatch(/^The schema has 2 problems:\n- /);
      expect((error as Error).message).toContain(
        'Choose one with .op(): vector_l2_ops, vector_ip_ops, vector_cosine_ops, vector_l1_ops.',
      );
    }
  });
});
