import { isDeepStrictEqual } from 'node:util';
import { isSequenceDataType, normalizeExpression } from '../../catalog/normalize.js';
import { orderTablesByDependency } from '../../ddl/table-order.js';
import type { ColumnModel } from '../../model/column.js';
import type { ConstraintModel, ForeignKeyModel } from '../../model/constraint.js';
import type { IndexModel } from '../../model/index-model.js';
import type { SchemaModel } from '../../model/schema-model.js';
import type { TableModel } from '../../model/table.js';
import type { EnumUsage } from '../ops/enum-usage.js';
import type { MigrationOperation } from '../ops/operation.js';
import { displayName, type ObjectName } from '../ops/refs.js';
import { usingIfNeeded } from '../ops/type-change.js';
import { columnKey, objectKey } from './column-key.js';
import { indexColumns, indexExpressions, sameConstraint, sameIndex, sameType } from './compare.js';
import type { EnumRecreate } from './diff-enums.js';
import type { DiffOptions, DiffWarning } from './diff-types.js';
import { mentionsAny } from './identifiers.js';
import type { Plan } from './plan.js';

/** What happens to the columns of a table that exists on both sides. */
interface ColumnChanges {
  readonly table: TableModel;
  readonly target: TableModel;
  readonly dropped: ColumnModel[];
  readonly added: ColumnModel[];
  /** Dropped and added again: generation changes, and generated columns over retyped columns. */
  readonly rebuilt: Map<string, { readonly from: ColumnModel; readonly to: ColumnModel }>;
  /** Generated columns that become plain (DROP EXPRESSION). */
  readonly ungenerated: Map<string, ColumnModel>;
  /** Columns whose type or collation changes in place. */
  readonly retyped: Set<string>;
  /** Columns that disappear at some point of the migration: dropped, rebuilt, or rebuilt by the downgrade. */
  readonly gone: Set<string>;
  /** Columns converted to a recreated enum type. */
  readonly converted: Set<string>;
}

interface TableDiffContext {
  readonly plan: Plan;
  readonly warnings: DiffWarning[];
  readonly options: DiffOptions;
  readonly from: SchemaModel;
  readonly to: SchemaModel;
  /** Enums whose labels change in a way only recreating the type can do. */
  readonly recreates: readonly EnumRecreate[];
}

function ref(table: TableModel): ObjectName {
  return { schema: table.schema, name: table.name };
}

function withoutForeignKeys(table: TableModel): TableModel {
  return { ...table, foreignKeys: [] };
}

function sameGeneration(a: ColumnModel, b: ColumnModel): boolean {
  if (a.generated === undefined || b.generated === undefined) return a.generated === b.generated;
  return normalizeExpression(a.generated.expression) === normalizeExpression(b.generated.expression);
}

function columnChanges(table: TableModel, target: TableModel): ColumnChanges {
  const targetColumns = new Map(target.columns.map((column) => [column.name, column]));
  const tableColumns = new Map(table.columns.map((column) => [column.name, column]));
  const changes: ColumnChanges = {
    table,
    target,
    dropped: table.columns.filter((column) => !targetColumns.has(column.name)),
    added: target.columns.filter((column) => !tableColumns.has(column.name)),
    rebuilt: new Map(),
    ungenerated: new Map(),
    retyped: new Set(),
    gone: new Set(),
    converted: new Set(),
  };
  for (const column of table.columns) {
    const next = targetColumns.get(column.name);
    if (next === undefined) continue;
    const typeChanged = !sameType(column.type, next.type) || column.collation !== next.collation;
    if (next.generated !== undefined) {
      if (!sameGeneration(column, next) || typeChanged)
        changes.rebuilt.set(column.name, { from: column, to: next });
    } else if (column.generated !== undefined) {
      changes.ungenerated.set(column.name, column);
      if (typeChanged) changes.retyped.add(column.name);
    } else if (typeChanged) {
      changes.retyped.add(column.name);
    }
  }
  // PostgreSQL refuses to change the type of a column a generated column is computed from.
  for (const column of table.columns) {
    const next = targetColumns.get(column.name);
    if (next?.generated === undefined || column.generated === undefined || changes.rebuilt.has(column.name))
      continue;
    if (mentionsAny(column.generated.expression, changes.retyped)) {
      changes.rebuilt.set(column.name, { from: column, to: next });
    }
  }
  for (const column of changes.dropped) changes.gone.add(column.name);
  for (const name of changes.rebuilt.keys()) changes.gone.add(name);
  for (const name of changes.ungenerated.keys()) changes.gone.add(name);
  return changes;
}

function intersects(names: readonly string[], set: ReadonlySet<string>): boolean {
  return names.some((name) => set.has(name));
}

/** Columns whose dependents (keys, indexes, expressions) must be rebuilt around the change. */
function touched(changes: ColumnChanges): Set<string> {
  return new Set([...changes.gone, ...changes.retyped, ...changes.converted]);
}

function constraintAffected(constraint: ConstraintModel, changes: ColumnChanges): boolean {
  switch (constraint.kind) {
    case 'primaryKey':
    case 'unique':
      return intersects(constraint.columns, changes.gone);
    case 'check':
      return mentionsAny(constraint.expression, touched(changes));
    case 'foreignKey':
      return intersects(constraint.columns, touched(changes));
  }
}

function indexAffected(index: IndexModel, changes: ColumnChanges): boolean {
  const all = touched(changes);
  return (
    intersects(indexColumns(index), changes.gone) ||
    indexExpressions(index).some((expression) => mentionsAny(expression, all))
  );
}

/** How one kind of named items changes: dropped, added, or both when it changes or is in the way. */
interface NamedChanges<T> {
  readonly drop: T[];
  readonly add: T[];
  readonly same: [T, T][];
}

function namedChanges<T extends { readonly name: string }>(
  before: readonly T[],
  after: readonly T[],
  same: (a: T, b: T) => boolean,
  affected: (item: T) => boolean,
): NamedChanges<T> {
  const afterByName = new Map(after.map((item) => [item.name, item]));
  const beforeNames = new Set(before.map((item) => item.name));
  const result: NamedChanges<T> = { drop: [], add: [], same: [] };
  for (const item of before) {
    const next = afterByName.get(item.name);
    if (next === undefined) result.drop.push(item);
    else if (!same(item, next) || affected(item)) {
      result.drop.push(item);
      result.add.push(next);
    } else result.same.push([item, next]);
  }
  for (const item of after) if (!beforeNames.has(item.name)) result.add.push(item);
  return result;
}

/** Key of a set of columns that some unique constraint or index guarantees, for foreign keys. */
function uniquenessKey(schema: string, table: string, columns: readonly string[]): string {
  return `${objectKey(schema, table)}\u0000${[...columns].sort().join('\u0000')}`;
}

interface TablePlan {
  readonly changes: ColumnChanges;
  readonly primaryKeys: NamedChanges<ConstraintModel>;
  readonly uniques: NamedChanges<ConstraintModel>;
  readonly checks: NamedChanges<ConstraintModel>;
  readonly indexes: NamedChanges<IndexModel>;
}

function planTable(changes: ColumnChanges): TablePlan {
  const { table, target } = changes;
  const affected = (constraint: ConstraintModel) => constraintAffected(constraint, changes);
  return {
    changes,
    primaryKeys: namedChanges(
      table.primaryKey === undefined ? [] : [table.primaryKey],
      target.primaryKey === undefined ? [] : [target.primaryKey],
      sameConstraint,
      affected,
    ),
    uniques: namedChanges(table.uniques, target.uniques, sameConstraint, affected),
    checks: namedChanges(table.checks, target.checks, sameConstraint, affected),
    indexes: namedChanges(
      table.indexes,
      target.indexes,
      (a, b) => sameIndex(a, table, b, target),
      (index) => indexAffected(index, changes),
    ),
  };
}

/** Uniqueness that disappears for a while: foreign keys relying on it must go first. */
function droppedUniqueness(plans: ReadonlyMap<string, TablePlan>): Set<string> {
  const keys = new Set<string>();
  for (const { changes, primaryKeys, uniques, indexes } of plans.values()) {
    const { schema, name } = changes.table;
    for (const constraint of [...primaryKeys.drop, ...uniques.drop]) {
      if (constraint.kind === 'primaryKey' || constraint.kind === 'unique') {
        keys.add(uniquenessKey(schema, name, constraint.columns));
      }
    }
    for (const index of indexes.drop) {
      if (
        index.unique &&
        index.where === undefined &&
        index.elements.every((e) => e.kind === 'indexColumn')
      ) {
        keys.add(uniquenessKey(schema, name, indexColumns(index).slice(0, index.elements.length)));
      }
    }
  }
  return keys;
}

function foreignKeyAffected(
  fk: ForeignKeyModel,
  own: ColumnChanges | undefined,
  plans: ReadonlyMap<string, TablePlan>,
  uniquenessDropped: ReadonlySet<string>,
): boolean {
  if (own !== undefined && intersects(fk.columns, touched(own))) return true;
  const { schema, table, columns } = fk.references;
  const referenced = plans.get(objectKey(schema, table));
  if (referenced !== undefined && intersects(columns, touched(referenced.changes))) return true;
  return uniquenessDropped.has(uniquenessKey(schema, table, columns));
}

function hasNoValue(column: ColumnModel): boolean {
  return (
    column.notNull &&
    column.default === undefined &&
    column.identity === undefined &&
    column.generated === undefined &&
    column.serial !== true
  );
}

/**
 * Recreates the enums whose labels ALTER TYPE cannot change, once the columns, indexes and checks
 * that go away are gone (rows in a dropped column do not stop it) and before anything uses the new
 * labels. Its columns' expression indexes and checks are rebuilt around it by the table plans.
 * Returns the defaults the converted columns end up with.
 */
function recreateEnums(
  ctx: TableDiffContext,
  changesByTable: ReadonlyMap<string, ColumnChanges>,
): Map<string, string | undefined> {
  const defaults = new Map<string, string | undefined>();
  for (const recreate of ctx.recreates) {
    const enumModel = recreate.enum;
    const isEnum = (column: ColumnModel) =>
      column.type.schema === enumModel.schema && column.type.name === enumModel.name;
    const usages: EnumUsage[] = [];
    for (const changes of changesByTable.values()) {
      const targets = new Map(changes.target.columns.map((column) => [column.name, column]));
      for (const column of changes.table.columns) {
        if (!isEnum(column) || changes.dropped.includes(column) || changes.rebuilt.has(column.name)) continue;
        changes.converted.add(column.name);
        const next = targets.get(column.name);
        const keepsType = next !== undefined && isEnum(next) && next.type.arrayDims === column.type.arrayDims;
        const after = keepsType ? next.default : undefined;
        defaults.set(columnKey(changes.table.schema, changes.table.name, column.name), after);
        usages.push({
          table: ref(changes.table),
          column: column.name,
          arrayDims: column.type.arrayDims,
          ...(column.default === undefined ? {} : { defaultBefore: column.default }),
          ...(after === undefined ? {} : { defaultAfter: after }),
        });
      }
    }
    ctx.plan.add('recreateEnums', {
      kind: 'recreateEnum',
      enum: { schema: enumModel.schema, name: enumModel.name },
      from: recreate.from,
      to: enumModel.values,
      usages,
    });
  }
  return defaults;
}

/** Operations that take one column, present on both sides, from `column` to `target`. */
function alterColumn(
  ctx: TableDiffContext,
  defaults: ReadonlyMap<string, string | undefined>,
  table: ObjectName,
  column: ColumnModel,
  target: ColumnModel,
  retyped: boolean,
): MigrationOperation[] {
  const ops: MigrationOperation[] = [];
  const base = { table, column: column.name };
  const key = columnKey(table.schema, table.name, column.name);
  const fromDefault = defaults.has(key) ? defaults.get(key) : column.default;
  if ((column.serial === true) !== (target.serial === true)) {
    ctx.warnings.push({
      kind: 'manualStep',
      message: `Column ${displayName(table)}.${column.name} ${target.serial === true ? 'becomes' : 'stops being'} serial: Strata does not create or drop the owned sequence by itself; write the change with op.sql, or use an identity column.`,
    });
  }
  const defaultsApply = !(column.serial === true || target.serial === true);
  const defaultChanged = defaultsApply && fromDefault !== target.default;
  if (column.identity !== undefined && target.identity === undefined) {
    ops.push({ kind: 'dropIdentity', ...base, identity: column.identity });
  }
  const dropFirst =
    defaultsApply &&
    fromDefault !== undefined &&
    (retyped || (defaultChanged && target.default === undefined));
  if (dropFirst) ops.push({ kind: 'dropDefault', ...base, previous: fromDefault });
  if (retyped) {
    const using = usingIfNeeded(column.name, column.type, target.type);
    const back = usingIfNeeded(column.name, target.type, column.type);
    ops.push({
      kind: 'alterColumnType',
      ...base,
      type: target.type,
      ...(target.collation === undefined ? {} : { collation: target.collation }),
      ...(using === undefined ? {} : { using }),
      previous: {
        type: column.type,
        ...(column.collation === undefined ? {} : { collation: column.collation }),
        ...(back === undefined ? {} : { using: back }),
      },
    });
  }
  if (column.notNull && !target.notNull) ops.push({ kind: 'dropNotNull', ...base });
  if (defaultsApply && target.default !== undefined && (retyped || defaultChanged)) {
    ops.push({
      kind: 'setDefault',
      ...base,
      default: target.default,
      ...(dropFirst || fromDefault === undefined ? {} : { previous: fromDefault }),
    });
  }
  if (!column.notNull && target.notNull) ops.push({ kind: 'setNotNull', ...base });
  if (column.identity === undefined && target.identity !== undefined) {
    ops.push({ kind: 'addIdentity', ...base, identity: target.identity });
  } else if (
    column.identity !== undefined &&
    target.identity !== undefined &&
    !isDeepStrictEqual(column.identity, target.identity) &&
    isSequenceDataType(target.type.name)
  ) {
    ops.push({
      kind: 'alterIdentity',
      ...base,
      dataType: target.type.name,
      from: column.identity,
      to: target.identity,
    });
  }
  if (column.comment !== target.comment) {
    ops.push({
      kind: 'setComment',
      target: { kind: 'column', schema: table.schema, table: table.name, column: column.name },
      ...(target.comment === undefined ? {} : { comment: target.comment }),
      ...(column.comment === undefined ? {} : { previous: column.comment }),
    });
  }
  return ops;
}

function columnSignature(column: ColumnModel): string {
  return JSON.stringify([
    column.type.schema ?? '',
    column.type.name,
    column.type.modifiers,
    column.type.arrayDims,
  ]);
}

function renameHints(ctx: TableDiffContext, changes: ColumnChanges): void {
  const { target } = changes;
  for (const dropped of changes.dropped) {
    for (const added of changes.added) {
      if (columnSignature(dropped) !== columnSignature(added)) continue;
      ctx.warnings.push({
        kind: 'possibleRename',
        object: 'column',
        schema: target.schema,
        table: target.name,
        from: dropped.name,
        to: added.name,
        message: `Column ${displayName(target)}.${dropped.name} is dropped and ${added.name} added with the same type: if it is a rename, declare it (.renamedFrom('${dropped.name}') on the column, or renames.columns) or its data is lost.`,
      });
    }
  }
}

function tableRenameHints(
  ctx: TableDiffContext,
  dropped: readonly TableModel[],
  created: readonly TableModel[],
): void {
  for (const old of dropped) {
    const oldColumns = new Set(old.columns.map((c) => `${c.name}:${columnSignature(c)}`));
    for (const table of created) {
      if (table.schema !== old.schema) continue;
      const shared = table.columns.filter((c) => oldColumns.has(`${c.name}:${columnSignature(c)}`)).length;
      const all = new Set([...oldColumns, ...table.columns.map((c) => `${c.name}:${columnSignature(c)}`)])
        .size;
      if (all === 0 || shared * 2 < all) continue;
      ctx.warnings.push({
        kind: 'possibleRename',
        object: 'table',
        schema: table.schema,
        from: old.name,
        to: table.name,
        message: `Table ${displayName(old)} is dropped and ${displayName(table)} created with ${shared === all ? 'the same' : 'mostly the same'} columns: if it is a rename, declare it (.renamedFrom('${old.name}') on the table, or renames.tables) or its rows are lost.`,
      });
    }
  }
}

function constraintOps(
  kind: 'addConstraint' | 'dropConstraint',
  table: ObjectName,
  constraints: readonly ConstraintModel[],
): MigrationOperation[] {
  return constraints.map((constraint) =>
    kind === 'addConstraint'
      ? { kind, table, constraint }
      : { kind, table, name: constraint.name, model: constraint },
  );
}

/**
 * Tables, columns, constraints, indexes and comments: everything between the enum and sequence
 * phases and the final drops. Foreign keys are dropped before and added after everything else,
 * so that tables can be created, dropped and changed in any order.
 */
export function diffTables(ctx: TableDiffContext): void {
  const { plan, from, to, options } = ctx;
  const targetByKey = new Map(to.tables.map((table) => [objectKey(table.schema, table.name), table]));
  const sourceKeys = new Set(from.tables.map((table) => objectKey(table.schema, table.name)));
  const dropped = from.tables.filter((table) => !targetByKey.has(objectKey(table.schema, table.name)));
  const created = to.tables.filter((table) => !sourceKeys.has(objectKey(table.schema, table.name)));
  const changesByTable = new Map<string, ColumnChanges>();
  for (const table of from.tables) {
    const target = targetByKey.get(objectKey(table.schema, table.name));
    if (target !== undefined)
      changesByTable.set(objectKey(table.schema, table.name), columnChanges(table, target));
  }
  const defaults = recreateEnums(ctx, changesByTable);
  const plans = new Map<string, TablePlan>();
  for (const [key, changes] of changesByTable) plans.set(key, planTable(changes));
  const uniquenessDropped = droppedUniqueness(plans);

  // Foreign keys: of dropped tables, then of kept tables; added ones last.
  for (const table of dropped) {
    plan.add('dropForeignKeys', ...constraintOps('dropConstraint', ref(table), table.foreignKeys));
  }
  for (const { changes } of plans.values()) {
    const fks = namedChanges(changes.table.foreignKeys, changes.target.foreignKeys, sameConstraint, (fk) =>
      foreignKeyAffected(fk, changes, plans, uniquenessDropped),
    );
    plan.add('dropForeignKeys', ...constraintOps('dropConstraint', ref(changes.table), fks.drop));
    plan.add('addForeignKeys', ...constraintOps('addConstraint', ref(changes.target), fks.add));
  }

  const concurrently = options.concurrentIndexes === true;
  for (const tablePlan of plans.values()) {
    const { changes } = tablePlan;
    const table = ref(changes.table);
    plan.add(
      'dropIndexesAndConstraints',
      ...constraintOps('dropConstraint', table, tablePlan.checks.drop),
      ...tablePlan.indexes.drop.map(
        (index): MigrationOperation => ({
          kind: 'dropIndex',
          table,
          name: index.name,
          model: index,
          ...(concurrently ? { concurrently: true } : {}),
        }),
      ),
      ...constraintOps('dropConstraint', table, tablePlan.uniques.drop),
      ...constraintOps('dropConstraint', table, tablePlan.primaryKeys.drop),
    );
  }

  for (const table of orderTablesByDependency(dropped).reverse()) {
    plan.add('dropTables', { kind: 'dropTable', table: ref(table), model: withoutForeignKeys(table) });
  }

  for (const { changes } of plans.values()) {
    const table = ref(changes.table);
    const byGeneration = [...changes.dropped].sort(
      (a, b) => Number(b.generated !== undefined) - Number(a.generated !== undefined),
    );
    plan.add(
      'dropColumns',
      ...[...changes.ungenerated.values()].map(
        (column): MigrationOperation => ({
          kind: 'dropGenerated',
          table,
          column: column.name,
          model: column,
        }),
      ),
      ...[...changes.rebuilt.values()].map(
        ({ from: column }): MigrationOperation => ({
          kind: 'dropColumn',
          table,
          column: column.name,
          model: column,
        }),
      ),
      ...byGeneration.map(
        (column): MigrationOperation => ({ kind: 'dropColumn', table, column: column.name, model: column }),
      ),
    );
  }

  for (const table of orderTablesByDependency(created)) {
    plan.add('createTables', { kind: 'createTable', table: withoutForeignKeys(table) });
    plan.add('addForeignKeys', ...constraintOps('addConstraint', ref(table), table.foreignKeys));
  }

  for (const tablePlan of plans.values()) {
    const { changes } = tablePlan;
    const table = ref(changes.target);
    const targetColumns = new Map(changes.target.columns.map((column) => [column.name, column]));
    for (const column of changes.table.columns) {
      const target = targetColumns.get(column.name);
      if (target === undefined || changes.rebuilt.has(column.name)) continue;
      const current = changes.ungenerated.has(column.name) ? { ...column, generated: undefined } : column;
      plan.add(
        'alterColumns',
        ...alterColumn(ctx, defaults, table, current, target, changes.retyped.has(column.name)),
      );
    }
    const addedNames = new Set(changes.added.map((column) => column.name));
    for (const column of changes.target.columns) {
      if (!addedNames.has(column.name) && !changes.rebuilt.has(column.name)) continue;
      plan.add('alterColumns', { kind: 'addColumn', table, column });
      if (addedNames.has(column.name) && hasNoValue(column)) {
        ctx.warnings.push({
          kind: 'manualStep',
          message: `Column ${displayName(table)}.${column.name} is added NOT NULL without a default: the migration fails if the table has rows. Give it a default, or add it nullable, fill it (op.sql) and set NOT NULL.`,
        });
      }
    }
    renameHints(ctx, changes);

    plan.add(
      'addIndexesAndConstraints',
      ...constraintOps('addConstraint', table, tablePlan.primaryKeys.add),
      ...constraintOps('addConstraint', table, tablePlan.uniques.add),
      ...constraintOps('addConstraint', table, tablePlan.checks.add),
      ...tablePlan.indexes.add.map(
        (index): MigrationOperation => ({
          kind: 'createIndex',
          table,
          index,
          ...(concurrently || index.concurrently === true ? { concurrently: true } : {}),
        }),
      ),
    );

    if (changes.table.comment !== changes.target.comment) {
      plan.add('comments', {
        kind: 'setComment',
        target: { kind: 'table', ...table },
        ...(changes.target.comment === undefined ? {} : { comment: changes.target.comment }),
        ...(changes.table.comment === undefined ? {} : { previous: changes.table.comment }),
      });
    }
    for (const [index, next] of tablePlan.indexes.same) {
      if (index.comment === next.comment) continue;
      plan.add('comments', {
        kind: 'setComment',
        target: { kind: 'index', schema: table.schema, name: next.name },
        ...(next.comment === undefined ? {} : { comment: next.comment }),
        ...(index.comment === undefined ? {} : { previous: index.comment }),
      });
    }
  }
  tableRenameHints(ctx, dropped, created);
}
