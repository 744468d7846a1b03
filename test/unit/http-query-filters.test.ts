import { describe, expect, it } from 'vitest';
import { StrataError } from '../../src/errors/strata-error.js';
import {
  filtersToWhere,
  httpErrorAnswer,
  httpStatusOf,
  parseQueryFilters,
  parseSort,
  type QueryFilterOptions,
} from '../../src/http/index.js';
import type { AnyColumn } from '../../src/schema/column.js';
import { boolean, integer, pgEnum, table, text, timestamptz, uuid } from '../../src/schema/index.js';

const stage = pgEnum('http_stage', ['draft', 'live']);
const posts = table('posts', {
  id: uuid().primaryKey(),
  title: text().notNull(),
  year: integer(),
  stage: stage(),
  published: boolean(),
  created_at: timestamptz(),
});

const options: QueryFilterOptions = {
  label: 'posts',
  columns: new Map(Object.values(posts.columns).map((c) => [c.columnName, c as AnyColumn])),
  reserved: new Set(['offset', 'limit', 'sort']),
};

function refusal(fn: () => unknown): StrataError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StrataError) return error;
    throw error;
  }
  throw new Error('expected a StrataError');
}

describe('query-string filters', () => {
  it('reads column=value as equality and column__op=value with the value in the column type', () => {
    expect(parseQueryFilters({ title: 'Hi', year__gte: '2020', limit: '5' }, options)).toEqual([
      { kind: 'filterCondition', column: 'title', op: 'eq', value: 'Hi' },
      { kind: 'filterCondition', column: 'year', op: 'gte', value: 2020 },
    ]);
  });

  it('reads lists for in and between from commas or repeated parameters, and null for is', () => {
    const conditions = parseQueryFilters(
      {
        stage__in: ['draft', 'live'],
        year__between: '2000,2010',
        created_at__is: 'null',
        published__is_not: 'true',
      },
      options,
    );
    expect(conditions.map((c) => c.value)).toEqual([['draft', 'live'], [2000, 2010], null, true]);
  });

  it('refuses an unknown column, naming the filterable ones', () => {
    const error = refusal(() => parseQueryFilters({ author: 'x' }, options));
    expect(error.code).toBe('VALUE_INVALID');
    expect(error.message).toContain('"author" is not a filterable column of posts');
    expect(error.message).toContain('id, title, year, stage, published, created_at');
  });

  it('refuses an unknown operator, and text operators on non-text columns', () => {
    expect(refusal(() => parseQueryFilters({ year__gtt: '1' }, options)).message).toMatch(
      /Unknown filter operator "gtt" in "year__gtt"; year takes: eq, ne, gt/,
    );
    expect(refusal(() => parseQueryFilters({ year__ilike: '1' }, options)).message).toContain('"ilike"');
  });

  it('refuses values of the wrong type, naming the parameter', () => {
    expect(refusal(() => parseQueryFilters({ year: 'abc' }, options)).message).toBe(
      'Query parameter year: "abc" is not a whole number.',
    );
    expect(refusal(() => parseQueryFilters({ id: '42' }, options)).message).toContain('is not a UUID');
    expect(refusal(() => parseQueryFilters({ stage: 'gone' }, options)).message).toContain(
      'one of draft, live',
    );
    expect(refusal(() => parseQueryFilters({ created_at__gt: 'yesterday' }, options)).message).toContain(
      'ISO 8601',
    );
    expect(refusal(() => parseQueryFilters({ year__between: '1' }, options)).message).toContain(
      'needs two values',
    );
  });

  it('turns conditions into a repository filter, keeping two bounds on one column', () => {
    const where = filtersToWhere(
      parseQueryFilters({ year__gte: '2000', year__lt: '2010', published__is_not: 'true' }, options),
    );
    expect(where).toEqual({
      AND: [
        { year: { gte: 2000 } },
        { year: { lt: 2010 } },
        { OR: [{ published: { ne: true } }, { published: { isNull: true } }] },
      ],
    });
  });

  it('reads a sort with - for descending and refuses columns that are not sortable', () => {
    expect(parseSort('-year,title', new Set(['year', 'title']), 'posts')).toEqual([
      { kind: 'sortKey', column: 'year', direction: 'desc' },
      { kind: 'sortKey', column: 'title', direction: 'asc' },
    ]);
    expect(refusal(() => parseSort('secret', new Set(['year']), 'posts')).message).toContain(
      'Cannot sort posts by "secret"; sortable columns: year',
    );
  });
});

describe('HTTP answers to errors', () => {
  it('maps client mistakes to 4xx by code', () => {
    expect(httpStatusOf(new StrataError('VALUE_INVALID', 'x'))).toBe(400);
    expect(httpStatusOf(new StrataError('NOT_FOUND', 'x'))).toBe(404);
    expect(httpStatusOf(new StrataError('UNIQUE_VIOLATION', 'x'))).toBe(409);
    expect(httpStatusOf(new StrataError('CHECK_VIOLATION', 'x'))).toBe(422);
    expect(httpStatusOf(new StrataError('FILE_INVALID', 'x', { maxSize: 10 }))).toBe(413);
    expect(httpStatusOf(new StrataError('DATABASE_ERROR', 'x', { sqlstate: '22P02' }))).toBe(400);
  });

  it('tells a foreign key pointing nowhere (422) from a row still referenced (409)', () => {
    const missing = new StrataError(
      'FOREIGN_KEY_VIOLATION',
      'x',
      {},
      {
        cause: new Error(
          'insert or update on table "chunks" violates foreign key constraint "chunks_doc_fkey"',
        ),
      },
    );
    const referenced = new StrataError(
      'FOREIGN_KEY_VIOLATION',
      'x',
      {},
      {
        cause: new Error(
          'update or delete on table "docs" violates foreign key constraint "chunks_doc_fkey" on table "chunks"',
        ),
      },
    );
    expect(httpStatusOf(missing)).toBe(422);
    expect(httpStatusOf(referenced)).toBe(409);
  });

  it('answers server faults without their message', () => {
    const { status, body } = httpErrorAnswer(new Error('password=hunter2 in connection string'));
    expect(status).toBe(500);
    expect(body.message).not.toContain('hunter2');
    expect(body.code).toBe('INTERNAL');
  });
});
