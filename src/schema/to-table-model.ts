import { implicitConstraintName, implicitIndexName } from '../catalog/normalize.js';
import type {
  CheckModel,
  ColumnModel,
  ForeignKeyModel,
  IndexModel,
  PrimaryKeyModel,
  TableModel,
  UniqueModel,
} from '../model/index.js';
import { assertNever } from '../util/assert-never.js';
import type { AnyColumn } from './column.js';
import type { ForeignKeyDef } from './constraints.js';
import type { IndexParams } from './index-builder.js';
import { schemaError } from './schema-error.js';
import type { AnyTable, TableExtra } from './table.js';

function byName<T extends { readonly name: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function columnModel(col: AnyColumn): ColumnModel {
  const s = col.spec;
  return {
    kind: 'column',
    name: col.columnName,
    type: s.type,
    notNull: s.notNull || s.primaryKey || s.identity !== undefined || s.serial === true,
    ...(s.default === undefined ? {} : { default: s.default }),
    ...(s.serial ? { serial: true } : {}),
    ...(s.identity === undefined ? {} : { identity: s.identity }),
    ...(s.generated === undefined ? {} : { generated: s.generated }),
    ...(s.collation === undefined ? {} : { collation: s.collation }),
    ...(s.comment === undefined ? {} : { comment: s.comment }),
    ...(s.renamedFrom === undefined ? {} : { renamedFrom: s.renamedFrom }),
  };
}

/** Storage parameter values as PostgreSQL keeps them in reloptions (text). */
function paramsModel(params: IndexParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) out[key] = String(value);
  return out;
}

function resolveForeignColumns(def: ForeignKeyDef): readonly AnyColumn[] {
  return typeof def.foreignColumns === 'function' ? def.foreignColumns() : def.foreignColumns;
}

function foreignKeyModel(
  table: AnyTable,
  columns: readonly AnyColumn[],
  targets: readonly AnyColumn[],
  options: Omit<ForeignKeyModel, 'kind' | 'name' | 'columns' | 'references'> & { name?: string },
): ForeignKeyModel {
  const first = targets[0];
  if (!first?.owner) {
    throw schemaError(
      `Foreign key on ${table.qualifiedName}(${columns.map((c) => c.columnName).join(', ')}) references a column that belongs to no table`,
      'Reference a column of a declared table, e.g. references(() => users.columns.id).',
      { table: table.qualifiedName },
    );
  }
  const names = columns.map((c) => c.columnName);
  return {
    kind: 'foreignKey',
    name: options.name ?? implicitConstraintName(table.name, names, 'foreignKey'),
    columns: names,
    references: {
      schema: first.owner.schema,
      table: first.owner.name,
      columns: targets.map((c) => c.columnName),
    },
    onDelete: options.onDelete,
    onUpdate: options.onUpdate,
    match: options.match,
    deferrable: options.deferrable,
    initiallyDeferred: options.initiallyDeferred,
    notValid: options.notValid,
  };
}

/**
 * Turns a DSL table into its TableModel: constraint and index names PostgreSQL would
 * give are filled in, so the model compares equal to what the catalog reader reads.
 */
export function toTableModel(table: AnyTable): TableModel {
  const columns = Object.values(table.columns) as AnyColumn[];
  const uniques: UniqueModel[] = [];
  const checks: CheckModel[] = [];
  const foreignKeys: ForeignKeyModel[] = [];
  const indexes: IndexModel[] = [];
  let primaryKey: PrimaryKeyModel | undefined;

  const pkColumns = columns.filter((c) => c.spec.primaryKey).map((c) => c.columnName);
  if (pkColumns.length > 1) {
    throw schemaError(
      `Table ${table.qualifiedName} marks several columns as primaryKey(): ${pkColumns.join(', ')}`,
      'Declare a composite key with primaryKey(t.a, t.b) in the table extras instead.',
      { table: table.qualifiedName, columns: pkColumns },
    );
  }
  if (pkColumns.length === 1) {
    primaryKey = {
      kind: 'primaryKey',
      name: implicitConstraintName(table.name, pkColumns, 'primaryKey'),
      columns: pkColumns,
    };
  }

  for (const col of columns) {
    const s = col.spec;
    if (s.unique) {
      uniques.push({
        kind: 'unique',
        name: s.unique.name ?? implicitConstraintName(table.name, [col.columnName], 'unique'),
        columns: [col.columnName],
        nullsNotDistinct: s.unique.nullsNotDistinct,
        deferrable: false,
        initiallyDeferred: false,
      });
    }
    for (const c of s.checks) {
      checks.push({
        kind: 'check',
        name: c.name ?? implicitConstraintName(table.name, [col.columnName], 'check'),
        expression: c.expression,
        notValid: false,
      });
    }
    if (s.references) {
      const r = s.references;
      foreignKeys.push(
        foreignKeyModel(table, [col], [r.target()], {
          ...(r.name === undefined ? {} : { name: r.name }),
          onDelete: r.onDelete,
          onUpdate: r.onUpdate,
          match: r.match,
          deferrable: r.deferrable,
          initiallyDeferred: r.initiallyDeferred,
          notValid: false,
        }),
      );
    }
  }

  const handlers: { [K in TableExtra['kind']]: (extra: Extract<TableExtra, { kind: K }>) => void } = {
    primaryKeyDef: (def) => {
      if (primaryKey) {
        throw schemaError(
          `Table ${table.qualifiedName} has two primary keys`,
          'Keep either the column-level primaryKey() or the composite primaryKey() extra.',
          { table: table.qualifiedName },
        );
      }
      const names = def.columns.map((c) => c.columnName);
      primaryKey = {
        kind: 'primaryKey',
        name: def.name ?? implicitConstraintName(table.name, names, 'primaryKey'),
        columns: names,
      };
    },
    uniqueDef: (builder) => {
      const def = builder.def;
      const names = def.columns.map((c) => c.columnName);
      uniques.push({
        kind: 'unique',
        name: def.name ?? implicitConstraintName(table.name, names, 'unique'),
        columns: names,
        nullsNotDistinct: def.nullsNotDistinct,
        deferrable: def.deferrable,
        initiallyDeferred: def.initiallyDeferred,
      });
    },
    checkDef: (def) => {
      checks.push({ kind: 'check', name: def.name, expression: def.expression, notValid: def.notValid });
    },
    foreignKeyDef: (def) => {
      foreignKeys.push(
        foreignKeyModel(table, def.columns, resolveForeignColumns(def), {
          ...(def.name === undefined ? {} : { name: def.name }),
          onDelete: def.onDelete,
          onUpdate: def.onUpdate,
          match: def.match,
          deferrable: def.deferrable,
          initiallyDeferred: def.initiallyDeferred,
          notValid: def.notValid,
        }),
      );
    },
    indexDef: (builder) => {
      const spec = builder.spec;
      // PostgreSQL names an index after its key elements, then its INCLUDE columns.
      const nameParts = [...spec.elements, ...spec.include];
      indexes.push({
        kind: 'index',
        name: spec.name ?? implicitIndexName(table.name, nameParts),
        method: spec.method,
        unique: spec.unique,
        nullsNotDistinct: spec.nullsNotDistinct,
        elements: spec.elements.map((e) => {
          switch (e.kind) {
            case 'indexColumn':
              return { ...e };
            case 'indexExpression':
              return { ...e };
            default:
              return assertNever(e, 'index element');
          }
        }),
        include: spec.include,
        ...(spec.where === undefined ? {} : { where: spec.where }),
        with: paramsModel(spec.with),
        ...(spec.concurrently ? { concurrently: true } : {}),
        ...(spec.comment === undefined ? {} : { comment: spec.comment }),
      });
    },
  };
  for (const extra of table.extras()) {
    (handlers[extra.kind] as (e: TableExtra) => void)(extra);
  }

  return {
    kind: 'table',
    schema: table.schema,
    name: table.name,
    columns: columns.map(columnModel),
    ...(primaryKey === undefined ? {} : { primaryKey }),
    uniques: byName(uniques),
    checks: byName(checks),
    foreignKeys: byName(foreignKeys),
    indexes: byName(indexes),
    ...(table.options.comment === undefined ? {} : { comment: table.options.comment }),
    ...(table.options.renamedFrom === undefined ? {} : { renamedFrom: table.options.renamedFrom }),
  };
}
