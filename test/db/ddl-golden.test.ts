/**
 * Every golden DDL file runs on an empty database, and the catalog then holds what the fixture
 * declares. Each file runs in a transaction that is rolled back, so every one starts from the same
 * empty database (checked before it runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderType } from '../../src/ddl/index.js';
import type { SchemaModel, TableModel } from '../../src/model/index.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { readGoldenDdl } from '../support/golden-ddl.js';
import { embeddings, MODEL_FIXTURES } from '../support/model-fixtures.js';

const USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')";

function relation(table: { schema: string; name: string }, name = table.name): string {
  return `"${table.schema}"."${name.replaceAll('"', '""')}"`;
}

function allIndexNames(table: TableModel): string[] {
  return [
    ...(table.primaryKey === undefined ? [] : [table.primaryKey.name]),
    ...table.uniques.map((u) => u.name),
    ...table.indexes.map((i) => i.name),
  ].sort();
}

describe('golden DDL files on a real database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  async function one<R>(sql: string, params: unknown[] = []): Promise<R> {
    const result = await db.query<R>(sql, params);
    const [row] = result.rows;
    if (row === undefined) throw new Error(`no row from: ${sql} ${JSON.stringify(params)}`);
    return row;
  }

  /** Runs the golden file inside a transaction, the checks after it, and rolls everything back. */
  async function withGolden(name: string, checks: () => Promise<void>): Promise<void> {
    const sql = await readGoldenDdl(name);
    if (sql === undefined) throw new Error(`test/golden/ddl/${name}.sql is missing`);
    const before = await one<{ tables: number; schemas: number }>(
      `SELECT (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'i', 'S') AND ${USER_SCHEMAS}) AS tables,
              (SELECT count(*)::int FROM pg_namespace n
                WHERE ${USER_SCHEMAS} AND n.nspname <> 'public' AND n.nspname NOT LIKE 'pg_%') AS schemas`,
    );
    expect(before).toEqual({ tables: 0, schemas: 0 });
    await db.exec('BEGIN');
    try {
      await db.exec(sql);
      await checks();
    } finally {
      await db.exec('ROLLBACK');
    }
  }

  async function expectCatalogMatches(model: SchemaModel): Promise<void> {
    const counts = await one<{ tables: number; indexes: number }>(
      `SELECT (SELECT count(*)::int FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')) AS tables,
              (SELECT count(*)::int FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')) AS indexes`,
    );
    expect(counts).toEqual({
      tables: model.tables.length,
      indexes: model.tables.reduce((sum, table) => sum + allIndexNames(table).length, 0),
    });

    for (const enumModel of model.enums) {
      const labels = await db.query<{ label: string }>(
        `SELECT e.enumlabel AS label FROM pg_enum e WHERE e.enumtypid = $1::regtype ORDER BY e.enumsortorder`,
        [relation(enumModel)],
      );
      expect(labels.rows.map((row) => row.label)).toEqual(enumModel.values);
    }

    for (const sequence of model.sequences) {
      const row = await one<Record<string, string>>(
        `SELECT data_type::text AS "dataType", start_value::text AS start, increment_by::text AS increment,
                min_value::text AS "minValue", cache_size::text AS cache
           FROM pg_sequences WHERE schemaname = $1 AND sequencename = $2`,
        [sequence.schema, sequence.name],
      );
      const { kind, schema, name, ...declared } = sequence;
      expect(row).toMatchObject(declared);
    }

    for (const table of model.tables) await expectTableMatches(table);
  }

  async function expectTableMatches(table: TableModel): Promise<void> {
    const oid = relation(table);
    const columns = await db.query<{
      name: string;
      type: string;
      notNull: boolean;
      identity: string;
      generated: string;
      comment: string | null;
    }>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type, attnotnull AS "notNull",
              attidentity::text AS identity, attgenerated::text AS generated, col_description(attrelid, attnum) AS comment
         FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      [oid],
    );
    expect(columns.rows).toEqual(
      table.columns.map((column) => ({
        name: column.name,
        type: renderType(column.type),
        notNull: column.notNull,
        identity: column.identity === undefined ? '' : column.identity.always ? 'a' : 'd',
        generated: column.generated === undefined ? '' : 's',
        comment: column.comment ?? null,
      })),
    );

    const constraints = await db.query<{
      name: string;
      type: string;
      validated: boolean;
      deferrable: boolean;
      deferred: boolean;
    }>(
      `SELECT conname AS name, contype::text AS type, convalidated AS validated,
              condeferrable AS deferrable, condeferred AS deferred
         FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'c', 'f') ORDER BY conname`,
      [oid],
    );
    const declared = [
      ...(table.primaryKey === undefined
        ? []
        : [{ name: table.primaryKey.name, type: 'p', validated: true, deferrable: false, deferred: false }]),
      ...table.uniques.map((u) => ({
        name: u.name,
        type: 'u',
        validated: true,
        deferrable: u.deferrable,
        deferred: u.initiallyDeferred,
      })),
      ...table.checks.map((c) => ({
        name: c.name,
        type: 'c',
        validated: !c.notValid,
        deferrable: false,
        deferred: false,
      })),
      ...table.foreignKeys.map((f) => ({
        name: f.name,
        type: 'f',
        validated: !f.notValid,
        deferrable: f.deferrable,
        deferred: f.initiallyDeferred,
      })),
    ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    expect(constraints.rows).toEqual(declared);

    const indexes = await db.query<{
      name: string;
      unique: boolean;
      options: string[] | null;
      comment: string | null;
    }>(
      `SELECT c.relname AS name, i.indisunique AS unique, c.reloptions AS options, obj_description(c.oid, 'pg_class') AS comment
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1::regclass ORDER BY c.relname`,
      [oid],
    );
    expect(indexes.rows.map((row) => row.name)).toEqual(allIndexNames(table));
    for (const index of table.indexes) {
      const row = indexes.rows.find((candidate) => candidate.name === index.name);
      const options = Object.entries(index.with).map(([key, value]) => `${key}=${value}`);
      expect(row).toEqual({
        name: index.name,
        unique: index.unique,
        options: options.length === 0 ? null : options,
        comment: index.comment ?? null,
      });
    }

    const comment = await one<{ comment: string | null }>(
      `SELECT obj_description($1::regclass, 'pg_class') AS comment`,
      [oid],
    );
    expect(comment.comment).toBe(table.comment ?? null);
  }

  for (const [name, model] of Object.entries(MODEL_FIXTURES)) {
    it(`${name}.sql runs on an empty database and creates the tables, columns, constraints and indexes it declares`, async () => {
      await withGolden(name, () => expectCatalogMatches(model));
    });
  }

  it('embeddings.sql builds the HNSW index with its m and ef_construction and the expression indexes pgvector accepts', async () => {
    await withGolden('embeddings', async () => {
      const hnsw = await one<{ options: string[]; definition: string }>(
        `SELECT c.reloptions AS options, pg_get_indexdef(c.oid) AS definition
           FROM pg_class c WHERE c.oid = 'chunks_embedding_hnsw_idx'::regclass`,
      );
      expect(hnsw.options).toEqual(['m=16', 'ef_construction=64']);
      expect(hnsw.definition).toContain('USING hnsw (embedding vector_cosine_ops)');
      const methods = await db.query<{ name: string; method: string }>(
        `SELECT c.relname AS name, a.amname AS method FROM pg_class c JOIN pg_am a ON a.oid = c.relam
          WHERE c.relname = ANY($1) ORDER BY c.relname`,
        [embeddings.tables.flatMap((table) => table.indexes.map((index) => index.name))],
      );
      expect(methods.rows).toEqual(
        embeddings.tables
          .flatMap((table) => table.indexes.map((index) => ({ name: index.name, method: index.method })))
          .sort((a, b) => (a.name < b.name ? -1 : 1)),
      );
      const halfvec = await one<{ definition: string }>(
        `SELECT pg_get_indexdef('chunks_embedding_halfvec_idx'::regclass) AS definition`,
      );
      expect(halfvec.definition).toContain('(((embedding)::halfvec(1536)) halfvec_cosine_ops)');
    });
  });

  it('documents.sql computes the generated tsvector column, which the GIN index serves', async () => {
    await withGolden('documents', async () => {
      await db.exec(
        `INSERT INTO documents (owner_id, title, body) VALUES (gen_random_uuid(), 'Vector search', 'HNSW graphs in PostgreSQL')`,
      );
      const found = await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM documents WHERE search @@ to_tsquery('english', 'graph & postgresql')`,
      );
      expect(found.n).toBe(1);
    });
  });

  it('graph.sql lets the two tables of a foreign key cycle reference each other within one transaction', async () => {
    await withGolden('graph', async () => {
      await db.exec(`
        INSERT INTO departments (name, head_id) VALUES ('Research', 1);
        INSERT INTO employees (department_id, name) VALUES (1, 'Ada');
        SET CONSTRAINTS ALL IMMEDIATE;
      `);
      const head = await one<{ name: string }>(
        'SELECT e.name FROM departments d JOIN employees e ON e.id = d.head_id',
      );
      expect(head.name).toBe('Ada');
    });
  });
});
