/**
 * The statement renderers that migrations will use, run one after another on a real database:
 * each must be valid SQL on both backends and do what its name says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  renderAddColumn,
  renderAddConstraint,
  renderAddEnumValue,
  renderComment,
  renderCreateEnum,
  renderCreateExtension,
  renderCreateIndex,
  renderCreateSchema,
  renderCreateSequence,
  renderCreateTable,
  renderDropColumn,
  renderDropConstraint,
  renderDropEnum,
  renderDropExtension,
  renderDropIndex,
  renderDropSchema,
  renderDropSequence,
  renderDropTable,
  renderRenameEnumValue,
  renderValidateConstraint,
} from '../../src/ddl/index.js';
import { type CheckModel, type IndexModel, sqlType, type TableModel } from '../../src/model/index.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';

const schema = 'Billing';
const invoices: TableModel = {
  kind: 'table',
  schema,
  name: 'Invoices',
  columns: [
    {
      kind: 'column',
      name: 'id',
      type: sqlType('bigint'),
      notNull: true,
      identity: { kind: 'identity', always: true, sequence: {} },
    },
    {
      kind: 'column',
      name: 'state',
      type: sqlType('state', [], { schema }),
      notNull: true,
      default: `'open'::"Billing".state`,
    },
    { kind: 'column', name: 'total', type: sqlType('numeric', [10, 2]), notNull: true },
  ],
  primaryKey: { kind: 'primaryKey', name: 'Invoices_pkey', columns: ['id'] },
  uniques: [],
  checks: [],
  foreignKeys: [],
  indexes: [],
};
const totalCheck: CheckModel = {
  kind: 'check',
  name: 'total_positive',
  expression: 'total > 0',
  notValid: true,
};
const stateIndex: IndexModel = {
  kind: 'index',
  name: 'invoices_state_idx',
  method: 'btree',
  unique: false,
  nullsNotDistinct: false,
  elements: [{ kind: 'indexColumn', column: 'state' }],
  include: ['total'],
  with: {},
  where: 'state <> \'paid\'::"Billing".state',
  concurrently: true,
};

describe('statement renderers on a real database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  async function rows<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await db.query<R>(sql, params)).rows;
  }

  it('creates a schema, an enum in it and a table using the enum', async () => {
    await db.exec(renderCreateSchema(schema));
    await db.exec(renderCreateEnum({ kind: 'enum', schema, name: 'state', values: ['open', 'paid'] }));
    await db.exec(renderCreateTable(invoices));
    await db.exec(`INSERT INTO "Billing"."Invoices" (total) VALUES (10), (20)`);
    expect(await rows('SELECT state::text FROM "Billing"."Invoices" ORDER BY id')).toEqual([
      { state: 'open' },
      { state: 'open' },
    ]);
  });

  it('adds enum values before and after others, then renames one', async () => {
    const state = { schema, name: 'state' };
    await db.exec(renderAddEnumValue(state, 'draft', { before: 'open' }));
    await db.exec(renderAddEnumValue(state, 'void', { after: 'paid' }));
    await db.exec(renderAddEnumValue(state, 'void', undefined, { ifNotExists: true }));
    await db.exec(renderRenameEnumValue(state, 'void', "won't pay"));
    const labels = await rows<{ labels: string[] }>(
      `SELECT enum_range(NULL::"Billing".state)::text[] AS labels`,
    );
    expect(labels[0]?.labels).toEqual(['draft', 'open', 'paid', "won't pay"]);
  });

  it('adds a NOT VALID check that existing rows need not meet until it is validated, then drops it', async () => {
    await db.exec(`UPDATE "Billing"."Invoices" SET total = 0 WHERE total = 10`);
    await db.exec(renderAddConstraint(invoices, totalCheck));
    const before = await rows<{ valid: boolean }>(
      `SELECT convalidated AS valid FROM pg_constraint WHERE conname = 'total_positive'`,
    );
    expect(before).toEqual([{ valid: false }]);
    await expect(db.exec(renderValidateConstraint(invoices, totalCheck.name))).rejects.toThrow(
      /total_positive/,
    );
    await db.exec(`DELETE FROM "Billing"."Invoices" WHERE total = 0`);
    await db.exec(renderValidateConstraint(invoices, totalCheck.name));
    expect(
      await rows(`SELECT convalidated AS valid FROM pg_constraint WHERE conname = 'total_positive'`),
    ).toEqual([{ valid: true }]);
    await db.exec(renderDropConstraint(invoices, totalCheck.name));
    await db.exec(renderDropConstraint(invoices, totalCheck.name, { ifExists: true }));
    expect(await rows(`SELECT 1 FROM pg_constraint WHERE conname = 'total_positive'`)).toEqual([]);
  });

  it('adds and drops a column, with IF [NOT] EXISTS doing nothing the second time', async () => {
    const note = {
      kind: 'column',
      name: 'note',
      type: sqlType('text'),
      notNull: true,
      default: "''::text",
    } as const;
    await db.exec(renderAddColumn(invoices, note));
    await db.exec(renderAddColumn(invoices, note, { ifNotExists: true }));
    expect(await rows(`SELECT note FROM "Billing"."Invoices"`)).toEqual([{ note: '' }]);
    await db.exec(renderDropColumn(invoices, 'note'));
    await db.exec(renderDropColumn(invoices, 'note', { ifExists: true }));
    await expect(db.exec(`SELECT note FROM "Billing"."Invoices"`)).rejects.toThrow(/note/);
  });

  it('creates an index CONCURRENTLY outside a transaction, comments on it, and drops it CONCURRENTLY', async () => {
    await db.exec(renderCreateIndex(invoices, stateIndex));
    await db.exec(renderComment({ kind: 'index', schema, name: stateIndex.name }, 'Unpaid invoices.'));
    const found = await rows<{ definition: string; comment: string }>(
      `SELECT pg_get_indexdef(c.oid) AS definition, obj_description(c.oid, 'pg_class') AS comment
         FROM pg_class c WHERE c.relname = $1`,
      [stateIndex.name],
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.definition).toMatch(/USING btree \(state\) INCLUDE \(total\) WHERE/);
    expect(found[0]?.comment).toBe('Unpaid invoices.');
    await db.exec(renderDropIndex({ schema, name: stateIndex.name }, { concurrently: true }));
    await db.exec(renderDropIndex({ schema, name: stateIndex.name }, { ifExists: true }));
    expect(await rows('SELECT 1 FROM pg_class WHERE relname = $1', [stateIndex.name])).toEqual([]);
  });

  it('sets and removes table and column comments', async () => {
    const column = { kind: 'column', schema, table: invoices.name, column: 'total' } as const;
    await db.exec(renderComment(invoices, 'Bills sent.'));
    await db.exec(renderComment(column, "What's owed."));
    const read = `SELECT obj_description('"Billing"."Invoices"'::regclass, 'pg_class') AS t, col_description('"Billing"."Invoices"'::regclass, 3) AS c`;
    expect(await rows(read)).toEqual([{ t: 'Bills sent.', c: "What's owed." }]);
    await db.exec(renderComment(invoices, undefined));
    await db.exec(renderComment(column, ''));
    expect(await rows(read)).toEqual([{ t: null, c: null }]);
  });

  it('creates and drops a sequence and an extension', async () => {
    const sequence = {
      kind: 'sequence',
      schema,
      name: 'numbers',
      dataType: 'integer',
      start: '7',
      increment: '7',
    } as const;
    await db.exec(renderCreateSequence(sequence));
    await db.exec(renderCreateSequence(sequence, { ifNotExists: true }));
    expect(
      await rows(
        `SELECT nextval('"Billing".numbers')::int AS n UNION ALL SELECT nextval('"Billing".numbers')::int`,
      ),
    ).toEqual([{ n: 7 }, { n: 14 }]);
    await db.exec(renderDropSequence(sequence));
    await db.exec(renderCreateExtension({ kind: 'extension', name: 'vector' }));
    await db.exec(renderCreateExtension({ kind: 'extension', name: 'vector' }));
    expect(await rows(`SELECT extname FROM pg_extension WHERE extname = 'vector'`)).toEqual([
      { extname: 'vector' },
    ]);
    await db.exec(renderDropExtension('vector'));
    expect(await rows(`SELECT extname FROM pg_extension WHERE extname = 'vector'`)).toEqual([]);
  });

  it('drops the table, the enum and the schema', async () => {
    await db.exec(renderDropTable(invoices));
    await db.exec(renderDropTable(invoices, { ifExists: true }));
    await db.exec(renderDropEnum({ schema, name: 'state' }));
    await db.exec(renderDropSchema(schema));
    await db.exec(renderDropSchema(schema, { ifExists: true, cascade: true }));
    expect(await rows(`SELECT 1 FROM pg_namespace WHERE nspname = 'Billing'`)).toEqual([]);
  });
});
