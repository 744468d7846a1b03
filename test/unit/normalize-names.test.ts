import { describe, expect, it } from 'vitest';
import {
  implicitConstraintName,
  implicitIndexName,
  implicitSequenceName,
} from '../../src/catalog/normalize.js';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('implicitConstraintName', () => {
  it('names each kind of constraint the way PostgreSQL does', () => {
    expect(implicitConstraintName('users', ['id'], 'primaryKey')).toBe('users_pkey');
    expect(implicitConstraintName('t', ['a', 'b'], 'unique')).toBe('t_a_b_key');
    expect(implicitConstraintName('posts', ['author_id'], 'foreignKey')).toBe('posts_author_id_fkey');
    expect(implicitConstraintName('t', ['a'], 'check')).toBe('t_a_check');
  });

  it('names a check on several columns (or none) after the table alone', () => {
    expect(implicitConstraintName('t', ['a', 'b'], 'check')).toBe('t_check');
    expect(implicitConstraintName('t', [], 'check')).toBe('t_check');
  });

  it('numbers the label when the name is taken', () => {
    expect(implicitConstraintName('t', [], 'check', new Set(['t_check']))).toBe('t_check1');
    expect(implicitConstraintName('t', [], 'check', new Set(['t_check', 't_check1']))).toBe('t_check2');
  });

  it('cuts the longer of table and column part first, to 63 bytes', () => {
    const table = 'a'.repeat(40);
    const column = 'b'.repeat(40);
    const name = implicitConstraintName(table, [column], 'unique');
    expect(name).toBe(`${'a'.repeat(29)}_${'b'.repeat(29)}_key`);
    expect(bytes(name)).toBe(63);
    expect(implicitConstraintName('short', ['c'.repeat(63)], 'foreignKey')).toBe(
      `short_${'c'.repeat(52)}_fkey`,
    );
    expect(implicitConstraintName('d'.repeat(63), ['id'], 'foreignKey')).toBe(`${'d'.repeat(55)}_id_fkey`);
  });

  it('never cuts a multi-byte character in half', () => {
    const name = implicitConstraintName('é'.repeat(30), ['ü'.repeat(30)], 'unique');
    expect(bytes(name)).toBeLessThanOrEqual(63);
    expect(name).toBe(`${'é'.repeat(14)}_${'ü'.repeat(14)}_key`);
  });
});

describe('implicitIndexName', () => {
  const expression = (text: string) => ({ kind: 'indexExpression', expression: text }) as const;

  it('names an index after its columns', () => {
    expect(implicitIndexName('t', ['a', 'b'])).toBe('t_a_b_idx');
    expect(implicitIndexName('t', [{ kind: 'indexColumn', column: 'a' }, 'b'])).toBe('t_a_b_idx');
  });

  it('names an expression after its function, column or field, and an operator expression expr', () => {
    expect(implicitIndexName('docs', [expression('lower(title)')])).toBe('docs_lower_idx');
    expect(implicitIndexName('docs', [expression('embedding::halfvec(1536)')])).toBe('docs_embedding_idx');
    expect(implicitIndexName('docs', [expression('binary_quantize(embedding)::bit(1536)')])).toBe(
      'docs_binary_quantize_idx',
    );
    expect(implicitIndexName('docs', [expression("meta->>'kind'")])).toBe('docs_expr_idx');
    expect(implicitIndexName('docs', [expression('(a + b)')])).toBe('docs_expr_idx');
    expect(implicitIndexName('docs', [expression('(payload).id')])).toBe('docs_id_idx');
  });

  it("names a cast of something nameless after the type, in the grammar's spelling", () => {
    expect(implicitIndexName('t', [expression('(a + b)::integer')])).toBe('t_int4_idx');
    expect(implicitIndexName('t', [expression("('x' || c)::character varying")])).toBe('t_varchar_idx');
    expect(implicitIndexName('t', [expression('(case when a > 0 then 1 end)::bigint')])).toBe('t_int8_idx');
  });

  it('knows the calls the grammar renames', () => {
    expect(implicitIndexName('t', [expression('trim(c)')])).toBe('t_btrim_idx');
    expect(implicitIndexName('t', [expression('trim(leading from c)')])).toBe('t_ltrim_idx');
    expect(implicitIndexName('t', [expression('cast(a as text)')])).toBe('t_a_idx');
    expect(implicitIndexName('t', [expression('case when a then 1 end')])).toBe('t_case_idx');
  });

  it('numbers repeated element names as PostgreSQL does', () => {
    const operator = expression('a + 1');
    expect(implicitIndexName('t', [operator, operator, operator])).toBe('t_expr_expr1_expr2_idx');
    expect(implicitIndexName('t', [expression('lower(a)'), expression('lower(b)')])).toBe(
      't_lower_lower1_idx',
    );
  });

  it('numbers the label when the name is taken', () => {
    expect(implicitIndexName('t', ['a'], new Set(['t_a_idx']))).toBe('t_a_idx1');
  });
});

describe('implicitSequenceName', () => {
  it('names a serial sequence table_column_seq', () => {
    expect(implicitSequenceName('users', 'id')).toBe('users_id_seq');
  });
});
