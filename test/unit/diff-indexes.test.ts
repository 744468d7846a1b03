import { describe, expect, it } from 'vitest';
import { normalizeSchemaModel } from '../../src/catalog/normalize.js';
import { diffSchemas } from '../../src/migrate/diff/index.js';
import { renderOperations } from '../../src/migrate/ops/index.js';
import type { SchemaModel } from '../../src/model/index.js';
import {
  defineSchema,
  index,
  integer,
  jsonb,
  sql,
  table,
  text,
  timestamptz,
  vector,
} from '../../src/schema/index.js';
import type { BoundColumns, TableExtra } from '../../src/schema/table.js';

const docColumns = () => ({
  id: integer().primaryKey(),
  title: text(),
  body: text(),
  data: jsonb(),
  at: timestamptz(),
  embedding: vector(3),
});
type Extras = (columns: BoundColumns<ReturnType<typeof docColumns>>) => readonly TableExtra[];
function docs(extras: Extras): SchemaModel {
  return defineSchema({ docs: table('docs', docColumns(), extras) }).model;
}
const kinds = (ops: readonly { kind: string }[]) => ops.map((op) => op.kind);

const CHANGES: Record<string, [Extras, Extras]> = {
  method: [(t) => [index('i').on(t.title)], (t) => [index('i').using('hash', t.title)]],
  'operator class': [
    (t) => [index('i').using('hnsw', t.embedding.op('vector_l2_ops'))],
    (t) => [index('i').using('hnsw', t.embedding.op('vector_cosine_ops'))],
  ],
  'storage parameters': [
    (t) => [index('i').using('hnsw', t.embedding.op('vector_l2_ops')).with({ m: 16 })],
    (t) => [index('i').using('hnsw', t.embedding.op('vector_l2_ops')).with({ m: 32 })],
  ],
  predicate: [(t) => [index('i').on(t.title).where(sql`${t.at} IS NULL`)], (t) => [index('i').on(t.title)]],
  expression: [() => [index('i').on(sql`lower(title)`)], () => [index('i').on(sql`lower(body)`)]],
  'INCLUDE list': [(t) => [index('i').on(t.title).include(t.body)], (t) => [index('i').on(t.title)]],
  order: [(t) => [index('i').on(t.at)], (t) => [index('i').on(t.at.desc())]],
  'NULLS placement': [(t) => [index('i').on(t.at)], (t) => [index('i').on(t.at.asc('first'))]],
  'column order': [(t) => [index('i').on(t.title, t.body)], (t) => [index('i').on(t.body, t.title)]],
  uniqueness: [(t) => [index('i').on(t.title)], (t) => [index('i').on(t.title).unique()]],
  'NULLS NOT DISTINCT': [
    (t) => [index('i').on(t.title).unique()],
    (t) => [index('i').on(t.title).unique().nullsNotDistinct()],
  ],
  collation: [
    (t) => [index('i').on(t.title)],
    () => [index('i').on({ kind: 'indexColumn', column: 'title', collation: 'C' })],
  ],
};

describe('diffSchemas indexes', () => {
  for (const [what, [before, after]] of Object.entries(CHANGES)) {
    it(`rebuilds an index whose ${what} changes`, () => {
      const { operations } = diffSchemas(docs(before), docs(after));
      expect(kinds(operations)).toEqual(['dropIndex', 'createIndex']);
      expect(operations[0]).toMatchObject({
        name: 'i',
        model: normalizeSchemaModel(docs(before)).tables[0]?.indexes[0],
      });
    });
  }

  it('treats spellings PostgreSQL does not keep as the same index', () => {
    const before = docs((t) => [
      index('a').on(t.at),
      index('b').on(t.at.desc()),
      index('c').using('ivfflat', t.embedding).with({ lists: 10 }),
      index('d').on(t.title).where(sql`(${t.at} IS NULL)`),
    ]);
    const after = docs((t) => [
      index('a').on(t.at.asc('last')),
      index('b').on(t.at.desc('first')),
      index('c').using('ivfflat', t.embedding.op('vector_l2_ops')).with({ lists: 10 }),
      index('d').on(t.title).where(sql`AT IS NULL`),
    ]);
    expect(diffSchemas(before, after).operations).toEqual([]);
  });

  it('changes only the comment of an index whose definition stays', () => {
    const { operations } = diffSchemas(
      docs((t) => [index('i').on(t.title)]),
      docs((t) => [index('i').on(t.title).comment('By title')]),
    );
    expect(operations).toEqual([
      { kind: 'setComment', target: { kind: 'index', schema: 'public', name: 'i' }, comment: 'By title' },
    ]);
  });

  it('builds an index concurrently, outside the transaction, when the model asks for it', () => {
    const { operations } = diffSchemas(
      docs(() => []),
      docs((t) => [index('i').on(t.title).concurrently()]),
    );
    expect(operations[0]).toMatchObject({ kind: 'createIndex', concurrently: true });
    expect(renderOperations(operations)).toEqual([
      { sql: 'CREATE INDEX CONCURRENTLY i ON docs USING btree (title);', transactional: false },
    ]);
  });

  it('builds and drops every index concurrently with the concurrentIndexes option', () => {
    const { operations } = diffSchemas(
      docs((t) => [index('i').on(t.title)]),
      docs((t) => [index('i').on(t.body)]),
      {
        concurrentIndexes: true,
      },
    );
    expect(renderOperations(operations)).toEqual([
      { sql: 'DROP INDEX CONCURRENTLY i;', transactional: false },
      { sql: 'CREATE INDEX CONCURRENTLY i ON docs USING btree (body);', transactional: false },
    ]);
  });

  it('creates the indexes of a new table with it, never concurrently', () => {
    const { operations } = diffSchemas(
      defineSchema({}).model,
      docs((t) => [index('i').on(t.title).concurrently()]),
    );
    expect(renderOperations(operations).every((statement) => statement.transactional)).toBe(true);
  });
});
