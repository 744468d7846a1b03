import { normalizeSchemaModel } from '../../catalog/normalize.js';
import type { ConstraintModel } from '../../model/constraint.js';
import type { SchemaModel } from '../../model/schema-model.js';
import type { TableModel } from '../../model/table.js';

/** The kinds of objects `schemaDifferences` names. */
export type DifferenceObject =
  | 'extension'
  | 'schema'
  | 'enum'
  | 'sequence'
  | 'table'
  | 'column'
  | 'constraint'
  | 'index';

/** One object that is not the same in two schema models. */
export interface ObjectDifference {
  readonly kind: 'objectDifference';
  readonly object: DifferenceObject;
  /** Qualified name: `public.posts`, `public.posts.title` (a column), `public.posts.posts_title_idx` (an index). */
  readonly name: string;
  /** `missing`: expected but absent; `unexpected`: present but not expected; `changed`: present in both, different. */
  readonly change: 'missing' | 'unexpected' | 'changed';
  /** For `changed`: each property that differs, as `property: expected → actual`. */
  readonly details: readonly string[];
  /** One line naming the object and what differs. */
  readonly message: string;
}

function show(value: unknown): string {
  if (value === undefined) return 'none';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Properties of two values of the same object that differ, as `key: expected → actual`. */
function propertyChanges(expected: object, actual: object): string[] {
  const a = expected as Record<string, unknown>;
  const b = actual as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys
    .filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .map((key) => `${key}: ${show(a[key])} → ${show(b[key])}`);
}

function difference(
  object: DifferenceObject,
  name: string,
  change: ObjectDifference['change'],
  details: readonly string[] = [],
): ObjectDifference {
  const what = `${object} ${name}`;
  const message =
    change === 'missing'
      ? `${what} is missing`
      : change === 'unexpected'
        ? `${what} should not exist`
        : `${what} differs: ${details.join('; ')}`;
  return { kind: 'objectDifference', object, name, change, details, message };
}

/** Compares two keyed lists; `key` names an item, `inner` compares two items with the same key. */
function compareKeyed<T extends object>(
  object: DifferenceObject,
  expected: readonly T[],
  actual: readonly T[],
  key: (item: T) => string,
  inner: (name: string, a: T, b: T) => ObjectDifference[] = (name, a, b) => {
    const details = propertyChanges(a, b);
    return details.length === 0 ? [] : [difference(object, name, 'changed', details)];
  },
): ObjectDifference[] {
  const before = new Map(expected.map((item) => [key(item), item]));
  const after = new Map(actual.map((item) => [key(item), item]));
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.flatMap((name) => {
    const a = before.get(name);
    const b = after.get(name);
    if (a === undefined) return [difference(object, name, 'unexpected')];
    if (b === undefined) return [difference(object, name, 'missing')];
    return inner(name, a, b);
  });
}

function constraintsOf(table: TableModel): ConstraintModel[] {
  return [
    ...(table.primaryKey === undefined ? [] : [table.primaryKey]),
    ...table.uniques,
    ...table.checks,
    ...table.foreignKeys,
  ];
}

function tableDifferences(name: string, expected: TableModel, actual: TableModel): ObjectDifference[] {
  const prefix = `${name}.`;
  const own =
    expected.comment === actual.comment
      ? []
      : [`comment: ${show(expected.comment)} → ${show(actual.comment)}`];
  return [
    ...(own.length === 0 ? [] : [difference('table', name, 'changed', own)]),
    // Compared by name, not position: a downgrade that adds back a dropped column puts it last,
    // and no migration can restore the position without rebuilding the table.
    ...compareKeyed('column', expected.columns, actual.columns, (c) => prefix + c.name),
    ...compareKeyed('constraint', constraintsOf(expected), constraintsOf(actual), (c) => prefix + c.name),
    ...compareKeyed('index', expected.indexes, actual.indexes, (i) => prefix + i.name),
  ];
}

/**
 * Every object that differs between two schema models (typically two introspections of
 * databases that should be the same), named, with the properties that differ. Spelling that
 * PostgreSQL does not distinguish is normalised away; the order of a table's columns is ignored.
 * An empty list means the schemas are the same.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { introspect } from 'strata/catalog';
 *
 * declare const reference: Database;
 * declare const db: Database;
 * const differences = schemaDifferences(await introspect(reference.executor), await introspect(db.executor));
 * differences.map((d) => d.message); // ['column public.posts.title is missing']
 * ```
 */
export function schemaDifferences(expected: SchemaModel, actual: SchemaModel): ObjectDifference[] {
  const a = normalizeSchemaModel(expected);
  const b = normalizeSchemaModel(actual);
  const qualified = (item: { readonly schema: string; readonly name: string }) =>
    `${item.schema}.${item.name}`;
  return [
    ...compareKeyed('extension', a.extensions, b.extensions, (e) => e.name),
    ...compareKeyed(
      'schema',
      a.schemas.map((name) => ({ name })),
      b.schemas.map((name) => ({ name })),
      (s) => s.name,
    ),
    ...compareKeyed('enum', a.enums, b.enums, qualified),
    ...compareKeyed('sequence', a.sequences, b.sequences, qualified),
    ...compareKeyed('table', a.tables, b.tables, qualified, tableDifferences),
  ];
}
