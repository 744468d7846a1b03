import { describe, expect, it } from 'vitest';
import { constraintsAfterCreate, renderCreateTable, renderDropTable } from '../../src/ddl/index.js';
import { type ForeignKeyModel, sqlType, type TableModel } from '../../src/model/index.js';
import { blog, commerce } from '../support/model-fixtures.js';

function tableNamed(model: { tables: readonly TableModel[] }, name: string): TableModel {
  const table = model.tables.find((candidate) => candidate.name === name);
  if (table === undefined) throw new Error(`fixture has no table ${name}`);
  return table;
}

const emptyTable: TableModel = {
  kind: 'table',
  schema: 'app',
  name: 'Empty',
  columns: [],
  uniques: [],
  checks: [],
  foreignKeys: [],
  indexes: [],
};

const fk = (name: string, notValid = false): ForeignKeyModel => ({
  kind: 'foreignKey',
  name,
  columns: ['a'],
  references: { schema: 'public', table: 'other', columns: ['id'] },
  onDelete: 'no action',
  onUpdate: 'no action',
  match: 'simple',
  deferrable: false,
  initiallyDeferred: false,
  notValid,
});

describe('renderCreateTable', () => {
  it('writes one column or constraint per line: columns in order, then primary key, uniques and checks', () => {
    expect(renderCreateTable(tableNamed(blog, 'users'))).toBe(
      [
        'CREATE TABLE users (',
        '  id uuid DEFAULT gen_random_uuid() NOT NULL,',
        '  email text NOT NULL,',
        '  display_name character varying(100),',
        '  created_at timestamp with time zone DEFAULT now() NOT NULL,',
        '  CONSTRAINT users_pkey PRIMARY KEY (id),',
        '  CONSTRAINT users_email_key UNIQUE (email)',
        ');',
      ].join('\n'),
    );
  });

  it('leaves foreign keys out unless asked to inline them', () => {
    const posts = tableNamed(blog, 'posts');
    expect(renderCreateTable(posts)).not.toContain('FOREIGN KEY');
    expect(renderCreateTable(posts, { inlineForeignKeys: true })).toContain(
      '  CONSTRAINT posts_pkey PRIMARY KEY (id),\n' +
        '  CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE\n);',
    );
  });

  it('leaves NOT VALID constraints out even when inlining, since CREATE TABLE would validate them', () => {
    const table: TableModel = {
      ...emptyTable,
      columns: [{ kind: 'column', name: 'a', type: sqlType('integer'), notNull: false }],
      checks: [
        { kind: 'check', name: 'a_positive', expression: 'a > 0', notValid: true },
        { kind: 'check', name: 'a_small', expression: 'a < 10', notValid: false },
      ],
      foreignKeys: [fk('a_fkey', true)],
    };
    const sql = renderCreateTable(table, { inlineForeignKeys: true });
    expect(sql).toContain('CONSTRAINT a_small CHECK (a < 10)');
    expect(sql).not.toContain('a_positive');
    expect(sql).not.toContain('a_fkey');
  });

  it('orders unique and check constraints by name whatever their order in the model', () => {
    const orders = tableNamed(commerce, 'order_lines');
    const reversed = {
      ...orders,
      uniques: [...orders.uniques].reverse(),
      checks: [...orders.checks].reverse(),
    };
    expect(renderCreateTable(reversed)).toBe(renderCreateTable(orders));
  });

  it('renders a table without columns as ()', () => {
    expect(renderCreateTable(emptyTable)).toBe('CREATE TABLE app."Empty" ();');
  });
});

describe('constraintsAfterCreate', () => {
  it('returns NOT VALID checks, then foreign keys, each by name', () => {
    const table: TableModel = {
      ...emptyTable,
      checks: [
        { kind: 'check', name: 'z_check', expression: 'true', notValid: true },
        { kind: 'check', name: 'b_check', expression: 'true', notValid: false },
        { kind: 'check', name: 'a_check', expression: 'true', notValid: true },
      ],
      foreignKeys: [fk('y_fkey'), fk('x_fkey', true)],
    };
    expect(constraintsAfterCreate(table).map((c) => c.name)).toEqual([
      'a_check',
      'z_check',
      'x_fkey',
      'y_fkey',
    ]);
    expect(constraintsAfterCreate(table, { inlineForeignKeys: true }).map((c) => c.name)).toEqual([
      'a_check',
      'z_check',
      'x_fkey',
    ]);
  });
});

describe('renderDropTable', () => {
  it('drops a table, with IF EXISTS and CASCADE on request', () => {
    expect(renderDropTable({ schema: 'public', name: 'user' })).toBe('DROP TABLE "user";');
    expect(renderDropTable({ schema: 'app', name: 'tasks' }, { ifExists: true, cascade: true })).toBe(
      'DROP TABLE IF EXISTS app.tasks CASCADE;',
    );
  });
});
