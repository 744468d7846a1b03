import type { ConstraintModel } from '../../model/constraint.js';
import type { SchemaModel } from '../../model/schema-model.js';
import type { TableModel } from '../../model/table.js';
import type { MigrationOperation } from '../ops/operation.js';
import { sameConstraint, sameIndex } from './compare.js';

function key(schema: string, name: string): string {
  return `${schema}\u0000${name}`;
}

/** Names in pg_class per schema: tables, indexes (those of keys too) and sequences share them. */
function relationNames(model: SchemaModel): Set<string> {
  const names = new Set<string>();
  for (const table of model.tables) {
    names.add(key(table.schema, table.name));
    for (const index of table.indexes) names.add(key(table.schema, index.name));
    if (table.primaryKey !== undefined) names.add(key(table.schema, table.primaryKey.name));
    for (const unique of table.uniques) names.add(key(table.schema, unique.name));
  }
  for (const sequence of model.sequences) names.add(key(sequence.schema, sequence.name));
  return names;
}

interface Named {
  readonly name: string;
}

/**
 * Pairs items only one side has by name but that are otherwise equal; each pair is a rename.
 * `free` says whether a name may be taken (and takes it when the rename is kept).
 */
function pairRenames<T extends Named>(
  before: readonly T[],
  after: readonly T[],
  same: (a: T, b: T) => boolean,
  free: (from: string, to: string) => boolean,
): [T, T][] {
  const afterNames = new Set(after.map((item) => item.name));
  const beforeNames = new Set(before.map((item) => item.name));
  const candidates = after.filter((item) => !beforeNames.has(item.name));
  const pairs: [T, T][] = [];
  for (const item of before) {
    if (afterNames.has(item.name)) continue;
    const at = candidates.findIndex((candidate) => same(item, candidate) && free(item.name, candidate.name));
    if (at === -1) continue;
    pairs.push([item, candidates[at]!]);
    candidates.splice(at, 1);
  }
  return pairs;
}

function renameIn<T extends Named>(items: readonly T[], pairs: readonly [T, T][]): T[] {
  const to = new Map(pairs.map(([a, b]) => [a.name, b.name]));
  return items.map((item) => (to.has(item.name) ? { ...item, name: to.get(item.name)! } : item));
}

/**
 * Constraints and indexes that exist on both sides under different names but with the same
 * definition (PostgreSQL's implicit names follow the table name at creation, a renamed table
 * keeps the old ones): they are renamed rather than rebuilt. Returns the renames and the `from`
 * model once they have run.
 */
export function matchRenamedNames(
  from: SchemaModel,
  to: SchemaModel,
): { readonly model: SchemaModel; readonly operations: MigrationOperation[] } {
  const operations: MigrationOperation[] = [];
  const relations = relationNames(from);
  const relationFree = (schema: string) => (before: string, after: string) => {
    if (relations.has(key(schema, after))) return false;
    relations.delete(key(schema, before));
    relations.add(key(schema, after));
    return true;
  };
  const tables = from.tables.map((fromTable): TableModel => {
    const toTable = to.tables.find(
      (table) => table.schema === fromTable.schema && table.name === fromTable.name,
    );
    if (toTable === undefined) return fromTable;
    const ref = { schema: fromTable.schema, name: fromTable.name };
    const constraintNames = new Set<string>([
      ...fromTable.checks.map((c) => c.name),
      ...fromTable.foreignKeys.map((c) => c.name),
      ...fromTable.uniques.map((c) => c.name),
      ...(fromTable.primaryKey === undefined ? [] : [fromTable.primaryKey.name]),
    ]);
    const constraintFree = (before: string, after: string) => {
      if (constraintNames.has(after)) return false;
      constraintNames.delete(before);
      constraintNames.add(after);
      return true;
    };
    const bothFree = (before: string, after: string) =>
      !constraintNames.has(after) &&
      relationFree(fromTable.schema)(before, after) &&
      constraintFree(before, after);
    const constraintOps = (pairs: readonly [ConstraintModel, ConstraintModel][]) =>
      pairs.map(
        ([a, b]): MigrationOperation => ({ kind: 'renameConstraint', table: ref, from: a.name, to: b.name }),
      );

    const pkPairs = pairRenames(
      fromTable.primaryKey === undefined ? [] : [fromTable.primaryKey],
      toTable.primaryKey === undefined ? [] : [toTable.primaryKey],
      sameConstraint,
      bothFree,
    );
    const uniquePairs = pairRenames(fromTable.uniques, toTable.uniques, sameConstraint, bothFree);
    const checkPairs = pairRenames(fromTable.checks, toTable.checks, sameConstraint, constraintFree);
    const fkPairs = pairRenames(fromTable.foreignKeys, toTable.foreignKeys, sameConstraint, constraintFree);
    const indexPairs = pairRenames(
      fromTable.indexes,
      toTable.indexes,
      (a, b) => sameIndex(a, fromTable, b, toTable),
      relationFree(fromTable.schema),
    );
    operations.push(
      ...constraintOps([...pkPairs, ...uniquePairs, ...checkPairs, ...fkPairs]),
      ...indexPairs.map(
        ([a, b]): MigrationOperation => ({
          kind: 'renameIndex',
          schema: fromTable.schema,
          from: a.name,
          to: b.name,
        }),
      ),
    );
    const primaryKey =
      fromTable.primaryKey === undefined ? undefined : renameIn([fromTable.primaryKey], pkPairs)[0];
    return {
      ...fromTable,
      ...(primaryKey === undefined ? {} : { primaryKey }),
      uniques: renameIn(fromTable.uniques, uniquePairs),
      checks: renameIn(fromTable.checks, checkPairs),
      foreignKeys: renameIn(fromTable.foreignKeys, fkPairs),
      indexes: renameIn(fromTable.indexes, indexPairs),
    };
  });
  return { model: { ...from, tables }, operations };
}
