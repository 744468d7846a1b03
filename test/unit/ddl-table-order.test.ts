import { describe, expect, it } from 'vitest';
import { orderTablesByDependency } from '../../src/ddl/index.js';
import type { TableModel } from '../../src/model/index.js';

/** A table `schema.name` with one foreign key per referenced `schema.table`. */
function table(qualified: string, ...references: string[]): TableModel {
  const [schema = '', name = ''] = qualified.split('.');
  return {
    kind: 'table',
    schema,
    name,
    columns: [],
    uniques: [],
    checks: [],
    indexes: [],
    foreignKeys: references.map((reference, i) => {
      const [refSchema = '', refTable = ''] = reference.split('.');
      return {
        kind: 'foreignKey',
        name: `${name}_fkey${i}`,
        columns: ['ref'],
        references: { schema: refSchema, table: refTable, columns: ['id'] },
        onDelete: 'no action',
        onUpdate: 'no action',
        match: 'simple',
        deferrable: false,
        initiallyDeferred: false,
        notValid: false,
      };
    }),
  };
}

const names = (tables: readonly TableModel[]): string[] => tables.map((t) => `${t.schema}.${t.name}`);

describe('orderTablesByDependency', () => {
  it('puts referenced tables before the tables that reference them', () => {
    const tables = [
      table('public.a_comments', 'public.b_posts'),
      table('public.b_posts', 'public.c_users'),
      table('public.c_users'),
    ];
    expect(names(orderTablesByDependency(tables))).toEqual([
      'public.c_users',
      'public.b_posts',
      'public.a_comments',
    ]);
  });

  it('orders independent tables by schema, then name, whatever the input order', () => {
    const tables = [table('public.b'), table('app.z'), table('public.a'), table('app.y')];
    const expected = ['app.y', 'app.z', 'public.a', 'public.b'];
    expect(names(orderTablesByDependency(tables))).toEqual(expected);
    expect(names(orderTablesByDependency([...tables].reverse()))).toEqual(expected);
  });

  it('ignores self-references and references to tables outside the list', () => {
    const tables = [table('public.b', 'public.b', 'other.x'), table('public.a', 'public.a')];
    expect(names(orderTablesByDependency(tables))).toEqual(['public.a', 'public.b']);
  });

  it('breaks a cycle at its first table by name and still places its dependants after it', () => {
    const tables = [
      table('public.employees', 'public.departments'),
      table('public.departments', 'public.employees'),
      table('public.badges', 'public.employees'),
    ];
    const ordered = names(orderTablesByDependency(tables));
    expect(ordered).toEqual(['public.departments', 'public.employees', 'public.badges']);
    expect(names(orderTablesByDependency([...tables].reverse()))).toEqual(ordered);
  });

  it('places a cycle after the cycle it references', () => {
    const tables = [
      table('public.a', 'public.b', 'public.c'),
      table('public.b', 'public.a'),
      table('public.c', 'public.d'),
      table('public.d', 'public.c'),
    ];
    expect(names(orderTablesByDependency(tables))).toEqual(['public.c', 'public.d', 'public.a', 'public.b']);
  });

  it('keeps every table exactly once', () => {
    const tables = [table('s.a', 's.b'), table('s.b', 's.c'), table('s.c', 's.a'), table('s.d')];
    expect(names(orderTablesByDependency(tables)).sort()).toEqual(['s.a', 's.b', 's.c', 's.d']);
  });
});
