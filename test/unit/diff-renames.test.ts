import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/migrate/diff/index.js';
import { check, defineSchema, index, integer, pgEnum, sql, table, text } from '../../src/schema/index.js';

const kinds = (ops: readonly { kind: string }[]) => ops.map((op) => op.kind);

const people = table('people', { id: integer().primaryKey(), name: text().notNull() });
const persons = table('persons', { id: integer().primaryKey(), name: text().notNull() });
const before = defineSchema({ people }).model;

describe('diffSchemas renames', () => {
  it('renames a table declared with renamedFrom, and its implicitly named key', () => {
    const { operations, warnings } = diffSchemas(
      before,
      defineSchema({ persons: persons.renamedFrom('people') }).model,
    );
    expect(operations).toEqual([
      { kind: 'renameTable', schema: 'public', from: 'people', to: 'persons' },
      {
        kind: 'renameConstraint',
        table: { schema: 'public', name: 'persons' },
        from: 'people_pkey',
        to: 'persons_pkey',
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('renames a table given in the options', () => {
    const { operations } = diffSchemas(before, defineSchema({ persons }).model, {
      renames: { tables: { people: 'persons' } },
    });
    expect(kinds(operations)).toEqual(['renameTable', 'renameConstraint']);
  });

  it('never guesses: an undeclared rename is a drop and a create, with a hint', () => {
    const { operations, warnings } = diffSchemas(before, defineSchema({ persons }).model);
    expect(kinds(operations)).toEqual(['dropTable', 'createTable']);
    expect(warnings).toContainEqual(
      expect.objectContaining({ kind: 'possibleRename', object: 'table', from: 'people', to: 'persons' }),
    );
    expect(warnings.find((w) => w.kind === 'possibleRename')?.message).toMatch(/renamedFrom\('people'\)/);
  });

  it('ignores a rename hint that has already run', () => {
    const model = defineSchema({ persons: persons.renamedFrom('people') }).model;
    expect(diffSchemas(defineSchema({ persons }).model, model).operations).toEqual([]);
  });

  it('renames a column, and the check, index and foreign keys that mention it follow without a rebuild', () => {
    const owners = table('owners', { id: integer().primaryKey(), name: text() }, (t) => [
      check('owners_name_check', sql`${t.name} <> ''`),
      index('owners_name_idx').on(sql`lower(${t.name})`),
    ]);
    const pets = table('pets', {
      id: integer().primaryKey(),
      owner: integer().references(() => owners.columns.id),
    });
    const owners2 = table(
      'owners',
      { key: integer().primaryKey().renamedFrom('id'), full_name: text().renamedFrom('name') },
      (t) => [
        check('owners_name_check', sql`${t.full_name} <> ''`),
        index('owners_name_idx').on(sql`lower(${t.full_name})`),
      ],
    );
    const pets2 = table('pets', {
      id: integer().primaryKey(),
      owner: integer().references(() => owners2.columns.key),
    });
    const { operations } = diffSchemas(
      defineSchema({ owners, pets }).model,
      defineSchema({ owners: owners2, pets: pets2 }).model,
    );
    expect(operations).toEqual([
      { kind: 'renameColumn', table: { schema: 'public', name: 'owners' }, from: 'id', to: 'key' },
      { kind: 'renameColumn', table: { schema: 'public', name: 'owners' }, from: 'name', to: 'full_name' },
    ]);
  });

  it('renames a column given in the options, with its implicitly named unique constraint', () => {
    const t1 = table('t', { id: integer().primaryKey(), email: text().unique() });
    const t2 = table('t', { id: integer().primaryKey(), login: text().unique() });
    const { operations } = diffSchemas(defineSchema({ t: t1 }).model, defineSchema({ t: t2 }).model, {
      renames: { columns: { 't.email': 'login' } },
    });
    expect(operations).toEqual([
      { kind: 'renameColumn', table: { schema: 'public', name: 't' }, from: 'email', to: 'login' },
      {
        kind: 'renameConstraint',
        table: { schema: 'public', name: 't' },
        from: 't_email_key',
        to: 't_login_key',
      },
    ]);
  });

  it('hints at a column rename for a dropped and an added column of the same type', () => {
    const t1 = table('t', { id: integer().primaryKey(), title: text() });
    const t2 = table('t', { id: integer().primaryKey(), headline: text() });
    const { operations, warnings } = diffSchemas(
      defineSchema({ t: t1 }).model,
      defineSchema({ t: t2 }).model,
    );
    expect(kinds(operations)).toEqual(['dropColumn', 'addColumn']);
    expect(warnings).toContainEqual(
      expect.objectContaining({
        kind: 'possibleRename',
        object: 'column',
        table: 't',
        from: 'title',
        to: 'headline',
      }),
    );
  });

  it('does not hint at a rename between columns of different types', () => {
    const t1 = table('t', { id: integer().primaryKey(), title: text() });
    const t2 = table('t', { id: integer().primaryKey(), count: integer() });
    const { warnings } = diffSchemas(defineSchema({ t: t1 }).model, defineSchema({ t: t2 }).model);
    expect(warnings.filter((w) => w.kind === 'possibleRename')).toEqual([]);
  });

  it('renames an enum label given in the options instead of recreating the type', () => {
    const t1 = table('t', { id: integer().primaryKey(), m: pgEnum('mood', ['sad', 'happy'])() });
    const t2 = table('t', { id: integer().primaryKey(), m: pgEnum('mood', ['blue', 'happy'])() });
    const { operations } = diffSchemas(defineSchema({ t: t1 }).model, defineSchema({ t: t2 }).model, {
      renames: { enumValues: { 'public.mood': { sad: 'blue' } } },
    });
    expect(operations).toEqual([
      { kind: 'renameEnumValue', enum: { schema: 'public', name: 'mood' }, from: 'sad', to: 'blue' },
    ]);
  });

  it('renames an index whose definition did not change', () => {
    const t1 = table('t', { id: integer().primaryKey(), a: text() }, (t) => [index('old_name').on(t.a)]);
    const t2 = table('t', { id: integer().primaryKey(), a: text() }, (t) => [index('new_name').on(t.a)]);
    expect(diffSchemas(defineSchema({ t: t1 }).model, defineSchema({ t: t2 }).model).operations).toEqual([
      { kind: 'renameIndex', schema: 'public', from: 'old_name', to: 'new_name' },
    ]);
  });
});
