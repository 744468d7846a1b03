import { describe, expect, it } from 'vitest';
import { StrataError } from '../../src/errors/strata-error.js';
import { compileWhere, escapeLike } from '../../src/query/compile-filter.js';
import { decodeCursor, encodeCursor, totalOrder } from '../../src/query/keyset.js';
import { orderBySql, resolveOrderBy } from '../../src/query/order-by.js';
import { writeParts } from '../../src/query/sql-parts.js';
import { TextSqlWriter } from '../../src/query/sql-writer.js';
import { tableMeta } from '../../src/query/table-meta.js';
import { integer, jsonb, table, text, timestamptz, uuidPrimaryKey } from '../../src/schema/index.js';

const items = table('items', {
  id: uuidPrimaryKey(),
  name: text().notNull(),
  rank: integer(),
  data: jsonb<{ a?: { b?: string } }>(),
  seen_at: timestamptz(),
});
const meta = tableMeta(items);

function compile(where: unknown, alias?: string): { sql: string; params: unknown[] } {
  const writer = new TextSqlWriter();
  const parts = compileWhere(meta, where, alias);
  if (parts !== undefined) writeParts(writer, parts);
  return { sql: writer.sql, params: writer.params };
}

function usage(fn: () => unknown): StrataError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StrataError);
    expect((error as StrataError).code).toBe('USAGE');
    return error as StrataError;
  }
  throw new Error('expected a USAGE error');
}

describe('filter compilation', () => {
  it('quotes column names and numbers parameters in order', () => {
    expect(compile({ name: 'a', rank: { gte: 1, lt: 5 } })).toEqual({
      sql: '("name" = $1) AND ("rank" >= $2) AND ("rank" < $3)',
      params: ['a', 1, 5],
    });
  });

  it('qualifies columns with an alias, for joins', () => {
    expect(compile({ name: 'a' }, '"t"').sql).toBe('"t"."name" = $1');
  });

  it('sends JSON path keys and values as parameters', () => {
    const { sql, params } = compile({ data: { path: ['a', 'b'], eq: "x'y" } });
    expect(sql).toBe('("data" -> $1::text ->> $2::text) = $3');
    expect(params).toEqual(['a', 'b', "x'y"]);
  });

  it('an empty filter has no condition; OR of nothing is FALSE; NOT of nothing is FALSE', () => {
    expect(compileWhere(meta, {})).toBeUndefined();
    expect(compileWhere(meta, { name: undefined })).toBeUndefined();
    expect(compile({ OR: [] }).sql).toBe('FALSE');
    expect(compile({ NOT: {} }).sql).toBe('FALSE');
    expect(compile({ OR: [{}, { name: 'x' }] }).sql).toBe('');
  });

  it('refuses unknown columns and operators, naming what is allowed', () => {
    expect(usage(() => compile({ nope: 1 })).message).toContain(
      'its columns are: id, name, rank, data, seen_at',
    );
    expect(usage(() => compile({ rank: { like: 'x' } })).message).toContain('eq');
    usage(() => compile({ name: { gt: null } }));
    usage(() => compile({ rank: { in: 5 } }));
    usage(() => compile('name = 1'));
  });

  it('escapes LIKE wildcards in startsWith, endsWith and contains', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
    expect(compile({ name: { contains: '50%' } }).params).toEqual(['%50\\%%']);
  });
});

describe('sorting and cursors', () => {
  it('resolves sort keys and writes ORDER BY with only known words', () => {
    expect(orderBySql(resolveOrderBy(meta, [['rank', 'desc', 'nullsLast'], 'name']))).toBe(
      '"rank" DESC NULLS LAST, "name"',
    );
    expect(orderBySql(resolveOrderBy(meta, ['rank', 'desc']))).toBe('"rank" DESC');
    usage(() => resolveOrderBy(meta, [['rank', 'sideways']]));
    usage(() => resolveOrderBy(meta, 'rank; DROP TABLE items'));
  });

  it('cursors round-trip and are bound to their sort', () => {
    const keys = totalOrder(meta, resolveOrderBy(meta, [['rank', 'desc']]));
    expect(keys.map((k) => k.column.name)).toEqual(['rank', 'id']);
    const cursor = encodeCursor(keys, [3, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']);
    expect(decodeCursor(keys, cursor)).toEqual([3, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']);
    const other = totalOrder(meta, resolveOrderBy(meta, 'rank'));
    expect(() => decodeCursor(other, cursor)).toThrow(/another sort/);
    expect(() => decodeCursor(keys, encodeCursor(keys, ['x', 'y']))).toThrow(/does not fit/);
  });
});
