import { describe, expect, it } from 'vitest';
import { diffSchemas, PHASES } from '../../src/migrate/diff/index.js';
import { invertOperations, type MigrationOperation } from '../../src/migrate/ops/index.js';
import type { SchemaModel } from '../../src/model/index.js';
import type { AnyColumn } from '../../src/schema/index.js';
import {
  defineSchema,
  index,
  integer,
  pgEnum,
  pgSchema,
  table,
  text,
  uuid,
  vector,
} from '../../src/schema/index.js';

const empty: SchemaModel = defineSchema({}).model;

function kinds(ops: readonly { kind: string }[]): string[] {
  return ops.map((op) => op.kind);
}

function position(ops: readonly MigrationOperation[], match: (op: MigrationOperation) => boolean): number {
  const at = ops.findIndex(match);
  expect(at).toBeGreaterThanOrEqual(0);
  return at;
}

const app = pgSchema('app');
const level = app.enum('level', ['low', 'high']);
const authors = app.table('authors', { id: uuid().primaryKey(), level: level().notNull() });
const books = app.table(
  'books',
  {
    id: uuid().primaryKey(),
    author_id: uuid().references(() => authors.columns.id),
    embedding: vector(3),
  },
  (t) => [index('books_embedding_idx').using('hnsw', t.embedding.op('vector_cosine_ops'))],
);
const library = defineSchema({ authors, books }).model;

describe('diffSchemas operation order', () => {
  it('creates schemas, extensions and enums before the tables that use them, foreign keys last', () => {
    const { operations } = diffSchemas(empty, library);
    expect(kinds(operations)).toEqual([
      'createSchema',
      'createExtension',
      'createEnum',
      'createTable',
      'createTable',
      'addConstraint',
    ]);
    expect(operations[3]).toMatchObject({ table: { name: 'authors', foreignKeys: [] } });
    expect(operations[4]).toMatchObject({ table: { name: 'books', foreignKeys: [] } });
    expect(operations[5]).toMatchObject({ constraint: { kind: 'foreignKey', name: 'books_author_id_fkey' } });
  });

  it('drops foreign keys first, then tables, then the types, extensions and schemas they used', () => {
    const { operations } = diffSchemas(library, empty);
    expect(kinds(operations)).toEqual([
      'dropConstraint',
      'dropTable',
      'dropTable',
      'dropEnum',
      'dropExtension',
      'dropSchema',
    ]);
    expect(operations[1]).toMatchObject({ table: { name: 'books' }, model: { foreignKeys: [] } });
  });

  it('adds foreign keys of tables that reference each other once both exist', () => {
    const a = table('a', {
      id: integer().primaryKey(),
      b_id: integer().references((): AnyColumn => b.columns.id),
    });
    const b = table('b', {
      id: integer().primaryKey(),
      a_id: integer().references((): AnyColumn => a.columns.id),
    });
    const { operations } = diffSchemas(empty, defineSchema({ a, b }).model);
    expect(kinds(operations)).toEqual(['createTable', 'createTable', 'addConstraint', 'addConstraint']);
  });

  it('drops indexes and constraints before the columns they are on', () => {
    const before = defineSchema({
      t: table('t', { id: integer().primaryKey(), a: text().unique(), b: text() }, (c) => [
        index('t_b_idx').on(c.b),
      ]),
    }).model;
    const after = defineSchema({ t: table('t', { id: integer().primaryKey() }) }).model;
    const { operations } = diffSchemas(before, after);
    const dropIndex = position(operations, (op) => op.kind === 'dropIndex');
    const dropUnique = position(operations, (op) => op.kind === 'dropConstraint');
    const columns = operations.filter((op) => op.kind === 'dropColumn').map((op) => operations.indexOf(op));
    expect(columns).toHaveLength(2);
    expect(Math.max(dropIndex, dropUnique)).toBeLessThan(Math.min(...columns));
  });

  it('downgrades in the opposite order: columns come back before their indexes', () => {
    const before = defineSchema({
      t: table('t', { id: integer().primaryKey(), b: text() }, (c) => [index('t_b_idx').on(c.b)]),
    }).model;
    const after = defineSchema({ t: table('t', { id: integer().primaryKey() }) }).model;
    const down = invertOperations(diffSchemas(before, after).operations);
    expect(kinds(down)).toEqual(['addColumn', 'createIndex']);
  });

  it('adds enum labels before and drops enums after the columns that change', () => {
    const mood = pgEnum('mood', ['sad']);
    const before = defineSchema({
      t: table('t', { id: integer().primaryKey(), m: mood(), n: pgEnum('old', ['x'])() }),
    }).model;
    const after = defineSchema({
      t: table('t', { id: integer().primaryKey(), m: pgEnum('mood', ['sad', 'glad'])().default('glad') }),
    }).model;
    const { operations } = diffSchemas(before, after);
    expect(kinds(operations)).toEqual(['addEnumValue', 'dropColumn', 'setDefault', 'dropEnum']);
  });

  it('keeps its phases in the documented order', () => {
    expect(PHASES[0]).toBe('renames');
    expect(PHASES.indexOf('dropForeignKeys')).toBeLessThan(PHASES.indexOf('dropTables'));
    expect(PHASES.indexOf('createTables')).toBeLessThan(PHASES.indexOf('addForeignKeys'));
    expect(PHASES.indexOf('dropIndexesAndConstraints')).toBeLessThan(PHASES.indexOf('dropColumns'));
    expect(PHASES.at(-1)).toBe('dropSchemas');
  });
});
