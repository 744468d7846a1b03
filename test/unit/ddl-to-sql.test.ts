import { describe, expect, it } from 'vitest';
import { toSql, toSqlStatements } from '../../src/ddl/index.js';
import type { SchemaModel, TableModel } from '../../src/model/index.js';
import { blog, embeddings, graph, MODEL_FIXTURES, tenancy } from '../support/model-fixtures.js';

/** The model with every list whose order carries no meaning reversed. */
function reversed(model: SchemaModel): SchemaModel {
  const table = (t: TableModel): TableModel => ({
    ...t,
    uniques: [...t.uniques].reverse(),
    checks: [...t.checks].reverse(),
    foreignKeys: [...t.foreignKeys].reverse(),
    indexes: [...t.indexes].reverse(),
  });
  return {
    ...model,
    extensions: [...model.extensions].reverse(),
    schemas: [...model.schemas].reverse(),
    enums: [...model.enums].reverse(),
    sequences: [...model.sequences].reverse(),
    tables: [...model.tables].reverse().map(table),
  };
}

const GROUP_ORDER = [
  'CREATE SCHEMA',
  'CREATE EXTENSION',
  'CREATE TYPE',
  'CREATE SEQUENCE',
  'CREATE TABLE',
  'ALTER TABLE',
  'CREATE INDEX',
  'COMMENT ON',
] as const;

function groupOf(statement: string): number {
  const normalized = statement.replace('CREATE UNIQUE INDEX', 'CREATE INDEX');
  const at = GROUP_ORDER.findIndex((prefix) => normalized.startsWith(prefix));
  if (at === -1) throw new Error(`unexpected statement: ${statement}`);
  return at;
}

/** A model with one of everything, so every group is present. */
const everything: SchemaModel = {
  ...tenancy,
  extensions: embeddings.extensions,
  tables: [...tenancy.tables, ...embeddings.tables, ...blog.tables],
};

describe('toSqlStatements', () => {
  it('emits schemas, extensions, enums, sequences, tables, added constraints, indexes and comments in that order', () => {
    const groups = toSqlStatements(everything).map(groupOf);
    expect(groups).toEqual([...groups].sort((a, b) => a - b));
    expect(new Set(groups)).toEqual(new Set(GROUP_ORDER.map((_, i) => i)));
  });

  it('ends every statement with a semicolon', () => {
    for (const statement of toSqlStatements(everything)) expect(statement).toMatch(/;$/);
  });

  it('creates a referenced table before the table whose foreign key points at it, and adds the key after both', () => {
    const statements = toSqlStatements(blog);
    const users = statements.findIndex((s) => s.startsWith('CREATE TABLE users'));
    const posts = statements.findIndex((s) => s.startsWith('CREATE TABLE posts'));
    const fk = statements.findIndex((s) => s.includes('ADD CONSTRAINT posts_author_id_fkey'));
    expect(users).toBeGreaterThanOrEqual(0);
    expect(users).toBeLessThan(posts);
    expect(posts).toBeLessThan(fk);
  });

  it('adds every foreign key of a cycle after all CREATE TABLE statements', () => {
    const statements = toSqlStatements(graph);
    const lastTable = statements.findLastIndex((s) => s.startsWith('CREATE TABLE'));
    const foreignKeys = statements.flatMap((s, i) => (s.includes('FOREIGN KEY') ? [i] : []));
    expect(foreignKeys).toHaveLength(4);
    for (const at of foreignKeys) expect(at).toBeGreaterThan(lastTable);
  });

  it('never creates the public schema, which every database has', () => {
    expect(
      toSqlStatements({ ...tenancy, schemas: ['public', 'app'] }).filter((s) =>
        s.startsWith('CREATE SCHEMA'),
      ),
    ).toEqual(['CREATE SCHEMA app;']);
  });

  it('builds indexes without CONCURRENTLY, since every table it creates is new', () => {
    const [table] = blog.tables;
    if (table === undefined) throw new Error('blog has tables');
    const model = {
      ...blog,
      tables: [{ ...table, indexes: table.indexes.map((i) => ({ ...i, concurrently: true })) }],
    };
    const indexes = toSqlStatements(model).filter((s) => s.startsWith('CREATE INDEX'));
    expect(indexes.length).toBeGreaterThan(0);
    for (const statement of indexes) expect(statement).not.toContain('CONCURRENTLY');
  });

  it('leaves out extensions or comments when asked to', () => {
    expect(
      toSqlStatements(embeddings, { extensions: false }).some((s) => s.startsWith('CREATE EXTENSION')),
    ).toBe(false);
    expect(toSqlStatements(embeddings).some((s) => s.startsWith('CREATE EXTENSION'))).toBe(true);
    expect(toSqlStatements(blog, { comments: false }).some((s) => s.startsWith('COMMENT ON'))).toBe(false);
    expect(toSqlStatements(blog).some((s) => s.startsWith('COMMENT ON'))).toBe(true);
  });

  it('writes no statement for an empty comment', () => {
    const [table] = blog.tables;
    if (table === undefined) throw new Error('blog has tables');
    const model = {
      ...blog,
      tables: [{ ...table, comment: '', columns: table.columns.map((c) => ({ ...c, comment: '' })) }],
    };
    expect(toSqlStatements(model).some((s) => s.startsWith('COMMENT ON'))).toBe(false);
  });
});

describe('toSql', () => {
  it('renders nothing for an empty model', () => {
    expect(
      toSql({ kind: 'schemaModel', extensions: [], schemas: [], enums: [], sequences: [], tables: [] }),
    ).toBe('');
  });

  it('holds exactly the statements of toSqlStatements, groups separated by one blank line', () => {
    const sql = toSql(everything);
    expect(sql.endsWith(';\n')).toBe(true);
    expect(sql).not.toMatch(/\n\n\n/);
    const statements = toSqlStatements(everything);
    expect(
      sql
        .trimEnd()
        .split(/;\n\n?/)
        .map((s) => s.replace(/;$/, '')),
    ).toEqual(statements.map((s) => s.slice(0, -1)));
    const blocks = sql.trimEnd().split('\n\n');
    const singleLine = blocks.filter((block) => !block.startsWith('CREATE TABLE'));
    for (const block of singleLine) expect(new Set(block.split('\n').map(groupOf)).size).toBe(1);
  });

  it.each(Object.entries(MODEL_FIXTURES))(
    'renders the %s model the same whatever the order of its lists',
    (_, model) => {
      expect(toSql(reversed(model))).toBe(toSql(model));
    },
  );
});
