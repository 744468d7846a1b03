import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/catalog/introspect.js';
import { isStrataError } from '../../src/errors/strata-error.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';

const DDL = `
create extension if not exists vector;
create schema app;
create schema audit;
create schema empty_one;

create table public.accounts (id serial primary key, name text not null);
create table app.projects (id bigint generated always as identity primary key, account_id integer references public.accounts (id));
create table audit.events (id bigserial primary key, payload jsonb);
create table audit.events_archive (id bigint primary key);

-- Strata's own version table, wherever it lives, is never part of a model.
create table public.strata_migrations (id serial primary key, revision text not null);
create table app.strata_migrations (revision text primary key);

-- Objects that belong to an extension are the extension's business.
create schema ext_schema;
create table public.ext_table (id integer primary key);
create type public.ext_enum as enum ('x');
create sequence public.ext_sequence;
alter extension vector add schema ext_schema;
alter extension vector add table public.ext_table;
alter extension vector add type public.ext_enum;
alter extension vector add sequence public.ext_sequence;

-- Sequences: a shared one used as a default, one owned by a column that does not draw from it.
create sequence public.ticket_numbers as bigint start with 100;
create table public.tickets (
  number bigint not null default nextval('public.ticket_numbers'),
  note_count integer not null default 0
);
create sequence public.note_counter owned by public.tickets.note_count;

-- A partitioned table is modelled once, by its parent.
create table public.measurements (taken_on date not null, value double precision) partition by range (taken_on);
create table public.measurements_2024 partition of public.measurements
  for values from ('2024-01-01') to ('2025-01-01');
`;

describe('what introspect reads', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase();
    await db.exec(DDL);
  });
  afterAll(async () => {
    await db.close();
  });

  it("reads every user schema but none of PostgreSQL's own, nor extension-created ones", async () => {
    const model = await introspect(db);
    expect(model.schemas).toEqual(['app', 'audit', 'empty_one']);
    const schemasOfTables = new Set(model.tables.map((t) => t.schema));
    expect([...schemasOfTables].sort()).toEqual(['app', 'audit', 'public']);
  });

  it("never reads Strata's version table, in any schema, nor its serial sequence", async () => {
    const model = await introspect(db);
    expect(model.tables.map((t) => t.name)).not.toContain('strata_migrations');
    expect(model.sequences.map((s) => s.name)).not.toContain('strata_migrations_id_seq');
  });

  it('skips tables, enums, sequences and schemas that belong to an extension', async () => {
    const model = await introspect(db);
    expect(model.tables.map((t) => t.name)).not.toContain('ext_table');
    expect(model.enums.map((e) => e.name)).not.toContain('ext_enum');
    expect(model.sequences.map((s) => s.name)).not.toContain('ext_sequence');
    expect(model.schemas).not.toContain('ext_schema');
  });

  it('keeps shared sequences and sequences owned by a column that does not draw from them', async () => {
    const model = await introspect(db);
    expect(model.sequences).toEqual([
      { kind: 'sequence', schema: 'public', name: 'note_counter', dataType: 'bigint' },
      { kind: 'sequence', schema: 'public', name: 'ticket_numbers', dataType: 'bigint', start: '100' },
    ]);
    const tickets = model.tables.find((t) => t.name === 'tickets');
    expect(tickets?.columns[0]?.default).toBe("nextval('ticket_numbers'::regclass)");
    expect(tickets?.columns[0]?.serial).toBeUndefined();
    expect(tickets?.columns[1]?.default).toBe('0');
  });

  it('folds bigserial columns like serial ones', async () => {
    const model = await introspect(db, { schemas: ['audit'] });
    const events = model.tables.find((t) => t.name === 'events');
    expect(events?.columns[0]).toStrictEqual({
      kind: 'column',
      name: 'id',
      type: { kind: 'sqlType', name: 'bigint', modifiers: [], arrayDims: 0 },
      notNull: true,
      serial: true,
    });
    expect(model.sequences).toEqual([]);
  });

  it('models a partitioned table once, without its partitions', async () => {
    const model = await introspect(db, { schemas: ['public'] });
    const names = model.tables.map((t) => t.name);
    expect(names).toContain('measurements');
    expect(names).not.toContain('measurements_2024');
  });

  it('reads only the schemas asked for', async () => {
    const model = await introspect(db, { schemas: ['audit', 'app'] });
    expect(model.schemas).toEqual(['app', 'audit']);
    expect(model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual([
      'app.projects',
      'audit.events',
      'audit.events_archive',
    ]);
    expect(model.sequences).toEqual([]);
    expect(model.extensions.map((e) => e.name)).toEqual(['vector']);
  });

  it('keeps foreign keys that reference a table outside the schemas asked for', async () => {
    const model = await introspect(db, { schemas: ['app'] });
    expect(model.tables[0]?.foreignKeys[0]?.references).toEqual({
      schema: 'public',
      table: 'accounts',
      columns: ['id'],
    });
  });

  it('leaves out excluded tables, by name in any schema or by schema-qualified name', async () => {
    const byName = await introspect(db, { excludeTables: ['events_archive'] });
    expect(byName.tables.map((t) => t.name)).not.toContain('events_archive');
    expect(byName.tables.map((t) => t.name)).toContain('events');

    const qualified = await introspect(db, { excludeTables: ['audit.events', 'public.events_archive'] });
    const names = qualified.tables.map((t) => `${t.schema}.${t.name}`);
    expect(names).not.toContain('audit.events');
    expect(names).toContain('audit.events_archive');
  });

  it('reads nothing but extensions from a schema list that matches nothing', async () => {
    const model = await introspect(db, { schemas: ['no_such_schema'] });
    expect(model).toEqual({
      kind: 'schemaModel',
      extensions: [{ kind: 'extension', name: 'vector' }],
      schemas: [],
      enums: [],
      sequences: [],
      tables: [],
    });
  });

  it('rejects malformed options with a StrataError naming the option', async () => {
    const bad = { schemas: ['app', ''] };
    await expect(introspect(db, bad)).rejects.toSatisfy(
      (error: unknown) => isStrataError(error, 'CONFIG_INVALID') && error.message.includes('"schemas"'),
    );
    const notAnArray = { excludeTables: 'audit.events' } as unknown as { excludeTables: string[] };
    await expect(introspect(db, notAnArray)).rejects.toSatisfy(
      (error: unknown) => isStrataError(error, 'CONFIG_INVALID') && error.message.includes('"excludeTables"'),
    );
  });
});
