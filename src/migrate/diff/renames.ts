import type { ColumnModel } from '../../model/column.js';
import type { ForeignKeyModel } from '../../model/constraint.js';
import type { IndexElement, IndexModel } from '../../model/index-model.js';
import type { SchemaModel } from '../../model/schema-model.js';
import type { TableModel } from '../../model/table.js';
import type { MigrationOperation } from '../ops/operation.js';
import type { ObjectName } from '../ops/refs.js';
import type { DiffRenames } from './diff-types.js';
import { renameInExpression } from './identifiers.js';

/** A table renamed within its schema. */
export interface TableRename {
  readonly schema: string;
  readonly from: string;
  readonly to: string;
}

/** A column renamed; `table` is the table's new name. */
export interface ColumnRename {
  readonly table: ObjectName;
  readonly from: string;
  readonly to: string;
}

export interface RenamePlan {
  readonly tables: readonly TableRename[];
  readonly columns: readonly ColumnRename[];
}

function key(schema: string, name: string): string {
  return `${schema}\u0000${name}`;
}

/** `'name'` → public.name, `'schema.name'` → schema.name. */
function splitQualified(text: string, parts: number): string[] {
  const pieces = text.split('.');
  return pieces.length === parts ? pieces : ['public', ...pieces];
}

function findTable(model: SchemaModel, schema: string, name: string): TableModel | undefined {
  return model.tables.find((table) => table.schema === schema && table.name === name);
}

function tableRenameCandidates(to: SchemaModel, options: DiffRenames): TableRename[] {
  const declared: TableRename[] = to.tables.flatMap((table) =>
    table.renamedFrom === undefined
      ? []
      : [{ schema: table.schema, from: table.renamedFrom, to: table.name }],
  );
  const given = Object.entries(options.tables ?? {}).map(([old, name]): TableRename => {
    const [schema = 'public', from = old] = splitQualified(old, 2);
    return { schema, from, to: name };
  });
  return [...given, ...declared];
}

function columnRenameCandidates(table: TableModel, options: DiffRenames): ColumnRename[] {
  const ref = { schema: table.schema, name: table.name };
  const declared = table.columns.flatMap((column) =>
    column.renamedFrom === undefined ? [] : [{ table: ref, from: column.renamedFrom, to: column.name }],
  );
  const given = Object.entries(options.columns ?? {}).flatMap(([old, name]) => {
    const [schema, tableName, from] = splitQualified(old, 3);
    return schema === table.schema && tableName === table.name && from !== undefined
      ? [{ table: ref, from, to: name }]
      : [];
  });
  return [...given, ...declared];
}

/**
 * The renames that apply between `from` and `to`: declared (by `renamedFrom` or the options),
 * the old name present only before and the new one only after. A hint that no longer applies
 * (the rename already ran) is ignored.
 */
export function resolveRenames(from: SchemaModel, to: SchemaModel, options: DiffRenames): RenamePlan {
  const tables: TableRename[] = [];
  const usedFrom = new Set<string>();
  for (const candidate of tableRenameCandidates(to, options)) {
    const valid =
      findTable(from, candidate.schema, candidate.from) !== undefined &&
      findTable(from, candidate.schema, candidate.to) === undefined &&
      findTable(to, candidate.schema, candidate.to) !== undefined &&
      findTable(to, candidate.schema, candidate.from) === undefined &&
      !usedFrom.has(key(candidate.schema, candidate.from));
    if (!valid) continue;
    usedFrom.add(key(candidate.schema, candidate.from));
    tables.push(candidate);
  }
  const renamedFrom = applyRenames(from, { tables, columns: [] });
  const columns: ColumnRename[] = [];
  for (const toTable of to.tables) {
    const fromTable = findTable(renamedFrom, toTable.schema, toTable.name);
    if (fromTable === undefined) continue;
    const has = (table: TableModel, name: string) => table.columns.some((column) => column.name === name);
    const used = new Set<string>();
    for (const candidate of columnRenameCandidates(toTable, options)) {
      const valid =
        has(fromTable, candidate.from) &&
        !has(fromTable, candidate.to) &&
        has(toTable, candidate.to) &&
        !has(toTable, candidate.from) &&
        !used.has(candidate.from);
      if (!valid) continue;
      used.add(candidate.from);
      columns.push(candidate);
    }
  }
  return { tables, columns };
}

function renameList(names: readonly string[], renames: ReadonlyMap<string, string>): string[] {
  return names.map((name) => renames.get(name) ?? name);
}

function renameExpression(expression: string, renames: ReadonlyMap<string, string>): string {
  let result = expression;
  // Two passes through placeholders would be needed for swaps (a→b, b→a); declared renames never
  // swap because a new name must not exist before.
  for (const [from, to] of renames) result = renameInExpression(result, from, to);
  return result;
}

function renameElement(element: IndexElement, renames: ReadonlyMap<string, string>): IndexElement {
  return element.kind === 'indexColumn'
    ? { ...element, column: renames.get(element.column) ?? element.column }
    : { ...element, expression: renameExpression(element.expression, renames) };
}

function renameIndexColumns(index: IndexModel, renames: ReadonlyMap<string, string>): IndexModel {
  return {
    ...index,
    elements: index.elements.map((element) => renameElement(element, renames)),
    include: renameList(index.include, renames),
    ...(index.where === undefined ? {} : { where: renameExpression(index.where, renames) }),
  };
}

function renameColumnModel(column: ColumnModel, renames: ReadonlyMap<string, string>): ColumnModel {
  return {
    ...column,
    name: renames.get(column.name) ?? column.name,
    ...(column.generated === undefined
      ? {}
      : {
          generated: {
            ...column.generated,
            expression: renameExpression(column.generated.expression, renames),
          },
        }),
  };
}

function renameOwnColumns(table: TableModel, renames: ReadonlyMap<string, string>): TableModel {
  if (renames.size === 0) return table;
  return {
    ...table,
    columns: table.columns.map((column) => renameColumnModel(column, renames)),
    ...(table.primaryKey === undefined
      ? {}
      : { primaryKey: { ...table.primaryKey, columns: renameList(table.primaryKey.columns, renames) } }),
    uniques: table.uniques.map((unique) => ({ ...unique, columns: renameList(unique.columns, renames) })),
    checks: table.checks.map((check) => ({
      ...check,
      expression: renameExpression(check.expression, renames),
    })),
    foreignKeys: table.foreignKeys.map((fk) => ({ ...fk, columns: renameList(fk.columns, renames) })),
    indexes: table.indexes.map((index) => renameIndexColumns(index, renames)),
  };
}

function renameReference(
  fk: ForeignKeyModel,
  tableRenames: ReadonlyMap<string, string>,
  columnRenames: ReadonlyMap<string, ReadonlyMap<string, string>>,
): ForeignKeyModel {
  const { schema } = fk.references;
  const table = tableRenames.get(key(schema, fk.references.table)) ?? fk.references.table;
  const columns = columnRenames.get(key(schema, table));
  return {
    ...fk,
    references: {
      schema,
      table,
      columns:
        columns === undefined ? [...fk.references.columns] : renameList(fk.references.columns, columns),
    },
  };
}

/**
 * The model as it is once the renames have run: tables and columns under their new names, and
 * every reference to them (keys, indexes, expressions, other tables' foreign keys) following,
 * as PostgreSQL does it.
 */
export function applyRenames(model: SchemaModel, plan: RenamePlan): SchemaModel {
  if (plan.tables.length === 0 && plan.columns.length === 0) return model;
  const tableRenames = new Map(plan.tables.map((rename) => [key(rename.schema, rename.from), rename.to]));
  const columnRenames = new Map<string, Map<string, string>>();
  for (const rename of plan.columns) {
    const tableKey = key(rename.table.schema, rename.table.name);
    const forTable = columnRenames.get(tableKey) ?? new Map<string, string>();
    forTable.set(rename.from, rename.to);
    columnRenames.set(tableKey, forTable);
  }
  const tables = model.tables.map((table) => {
    const name = tableRenames.get(key(table.schema, table.name)) ?? table.name;
    const renamed = renameOwnColumns(
      { ...table, name },
      columnRenames.get(key(table.schema, name)) ?? new Map(),
    );
    return {
      ...renamed,
      foreignKeys: renamed.foreignKeys.map((fk) => renameReference(fk, tableRenames, columnRenames)),
    };
  });
  return { ...model, tables };
}

/** The operations that perform the table and column renames. */
export function renameOperations(plan: RenamePlan): MigrationOperation[] {
  return [
    ...plan.tables.map((rename): MigrationOperation => ({ kind: 'renameTable', ...rename })),
    ...plan.columns.map((rename): MigrationOperation => ({ kind: 'renameColumn', ...rename })),
  ];
}
