import { parseSqlType } from '../../catalog/normalize.js';
import type { CommentTarget } from '../../ddl/render-comment.js';
import { StrataError } from '../../errors/strata-error.js';
import type { ColumnModel, IdentityModel } from '../../model/column.js';
import type { ConstraintModel } from '../../model/constraint.js';
import type { IndexModel } from '../../model/index-model.js';
import type { EnumModel, ExtensionModel, SequenceModel } from '../../model/schema-model.js';
import type { SqlType } from '../../model/sql-type.js';
import type { TableModel } from '../../model/table.js';
import type { AnyColumn, EnumTypeRef } from '../../schema/column.js';
import type { IndexBuilder } from '../../schema/index-builder.js';
import { type AnyTable, isTable, schemaTable } from '../../schema/table.js';
import { toTableModel } from '../../schema/to-table-model.js';
import type { ColumnTypeState } from './alter-column-type.js';
import type { EnumDependent, EnumUsage, ExistingEnum } from './enum-usage.js';
import type { MigrationOperation } from './operation.js';
import { type ObjectName, type ObjectRefInput, objectRef } from './refs.js';
import type { SequenceDataType } from './sequence-changes.js';

/** A column type as a SqlType or as SQL text (`'varchar(50)'`, `'app.mood[]'`). */
export type TypeInput = SqlType | string;

/** A type change as a migration author writes it. */
export interface ColumnTypeInput {
  readonly type: TypeInput;
  readonly collation?: string;
  readonly using?: string;
}

/** Options of `op.addEnumValue`. */
export interface AddEnumValueOptions {
  readonly before?: string;
  readonly after?: string;
  /** The labels before this one and the columns using the enum: lets the downgrade remove the label. */
  readonly existing?: ExistingEnum;
}

/**
 * The `op` object a migration's `up(op)` and `down(op)` receive. Each call records one
 * operation; nothing runs until the runner renders them. Tables, types and indexes are named
 * `'name'` (in `public`), `'schema.name'` or `{ schema, name }`.
 *
 * @example
 * ```ts
 * import type { OperationsApi } from 'strata/migrate';
 * import { index, table, text, uuidPrimaryKey } from 'strata/schema';
 *
 * const users = table('users', { id: uuidPrimaryKey(), email: text().notNull() });
 * const posts = table('posts', { id: uuidPrimaryKey(), title: text().notNull() });
 *
 * export function up(op: OperationsApi) {
 *   op.createTable(posts); // a DSL table or a TableModel
 *   op.addColumn('users', 'bio', text());
 *   op.setDefault('users', 'status', "'active'", { previous: "'new'" });
 *   op.createIndex('users', index('users_email_idx').on(users.columns.email), { concurrently: true });
 *   op.sql('UPDATE users SET bio = NULL', 'SELECT 1');
 * }
 * ```
 */
export interface OperationsApi {
  createSchema(name: string): void;
  dropSchema(name: string): void;
  createExtension(extension: string | ExtensionModel): void;
  dropExtension(extension: string | ExtensionModel): void;
  /** From a DSL enum (`pgEnum`) or an EnumModel, or from a name and its labels. */
  createEnum(enumType: EnumModel | EnumTypeRef): void;
  createEnum(name: ObjectRefInput, values: readonly string[]): void;
  /** `values` (its labels) let the downgrade create it again. */
  dropEnum(name: ObjectRefInput, values?: readonly string[]): void;
  addEnumValue(name: ObjectRefInput, value: string, options?: AddEnumValueOptions): void;
  renameEnumValue(name: ObjectRefInput, from: string, to: string): void;
  recreateEnum(
    name: ObjectRefInput,
    change: {
      readonly from: readonly string[];
      readonly to: readonly string[];
      readonly usages?: readonly EnumUsage[];
      readonly dependents?: readonly EnumDependent[];
    },
  ): void;
  createSequence(sequence: SequenceModel): void;
  dropSequence(name: ObjectRefInput, model?: SequenceModel): void;
  alterSequence(from: SequenceModel, to: SequenceModel): void;
  createTable(table: TableModel | AnyTable): void;
  /** `model` (a TableModel or the DSL table) lets the downgrade create it again. */
  dropTable(name: ObjectRefInput, model?: TableModel | AnyTable): void;
  renameTable(name: ObjectRefInput, newName: string): void;
  /** A ColumnModel, or a name and a DSL column (its constraints go through `addConstraint`). */
  addColumn(table: ObjectRefInput, column: ColumnModel): void;
  addColumn(table: ObjectRefInput, name: string, column: AnyColumn): void;
  dropColumn(table: ObjectRefInput, column: string, model?: ColumnModel): void;
  renameColumn(table: ObjectRefInput, from: string, to: string): void;
  /** `previous` (the old type, and the USING that converts back) lets the downgrade run. */
  alterColumnType(
    table: ObjectRefInput,
    column: string,
    change: ColumnTypeInput & { readonly previous?: ColumnTypeInput },
  ): void;
  setNotNull(table: ObjectRefInput, column: string): void;
  dropNotNull(table: ObjectRefInput, column: string): void;
  /** `previous`: the default the column had; leave it out when it had none. */
  setDefault(
    table: ObjectRefInput,
    column: string,
    expression: string,
    options?: { readonly previous?: string },
  ): void;
  /** `previous`: the default dropped, so the downgrade can set it again. */
  dropDefault(table: ObjectRefInput, column: string, options?: { readonly previous?: string }): void;
  addIdentity(table: ObjectRefInput, column: string, identity: IdentityModel): void;
  dropIdentity(table: ObjectRefInput, column: string, identity?: IdentityModel): void;
  alterIdentity(
    table: ObjectRefInput,
    column: string,
    change: { readonly dataType: SequenceDataType; readonly from: IdentityModel; readonly to: IdentityModel },
  ): void;
  /** Replaces a plain column by the generated one described (dropped and added again). */
  addGenerated(table: ObjectRefInput, column: ColumnModel): void;
  /** Makes a generated column plain, keeping its values; `model` lets the downgrade restore it. */
  dropGenerated(table: ObjectRefInput, column: string, model?: ColumnModel): void;
  /** `null` removes the comment; `previous` is the comment there was. */
  setComment(target: CommentTarget, comment: string | null, options?: { readonly previous?: string }): void;
  createIndex(
    table: ObjectRefInput,
    index: IndexModel | IndexBuilder,
    options?: { readonly concurrently?: boolean },
  ): void;
  dropIndex(
    table: ObjectRefInput,
    name: string,
    options?: { readonly model?: IndexModel; readonly concurrently?: boolean },
  ): void;
  /** `index` is the index's current name (`'schema.name'` outside `public`). */
  renameIndex(index: ObjectRefInput, newName: string): void;
  addConstraint(table: ObjectRefInput, constraint: ConstraintModel): void;
  dropConstraint(table: ObjectRefInput, name: string, model?: ConstraintModel): void;
  renameConstraint(table: ObjectRefInput, from: string, to: string): void;
  /** Raw SQL; `down` undoes it (without it the migration cannot be downgraded past this step). */
  sql(sql: string, down?: string | null, options?: { readonly transactional?: boolean }): void;
  /** Marks a downgrade that cannot be written: running it fails with IRREVERSIBLE and the reason. */
  irreversible(reason: string): never;
}

/** The api handed to a migration, and the operations it recorded. */
export interface OperationsRecorder {
  readonly api: OperationsApi;
  operations(): readonly MigrationOperation[];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function usage(message: string, details: Readonly<Record<string, unknown>> = {}): StrataError {
  return new StrataError('USAGE', message, details);
}

function typeOf(input: TypeInput): SqlType {
  return typeof input === 'string' ? parseSqlType(input) : input;
}

function typeState(input: ColumnTypeInput): ColumnTypeState {
  return {
    type: typeOf(input.type),
    ...(input.collation === undefined ? {} : { collation: input.collation }),
    ...(input.using === undefined ? {} : { using: input.using }),
  };
}

function tableModelOf(table: TableModel | AnyTable): TableModel {
  return isTable(table) ? toTableModel(table) : table;
}

function isEnumModel(value: unknown): value is EnumModel | EnumTypeRef {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'enum' || kind === 'enumType';
}

function dslColumnModel(table: ObjectName, name: string, column: AnyColumn): ColumnModel {
  const spec = column.spec;
  if (
    spec.primaryKey ||
    spec.unique !== undefined ||
    spec.checks.length > 0 ||
    spec.references !== undefined
  ) {
    throw usage(
      `op.addColumn('${name}'): the column declares a primary key, unique, check or reference; add the column without it and the constraint with op.addConstraint.`,
      { column: name },
    );
  }
  const model = toTableModel(schemaTable(table.schema, table.name, { [name]: column })).columns[0];
  if (model === undefined)
    throw usage(`op.addColumn('${name}'): the column could not be read.`, { column: name });
  return model;
}

function dslIndexModel(table: ObjectName, index: IndexBuilder): IndexModel {
  const model = toTableModel(schemaTable(table.schema, table.name, {}, () => [index])).indexes[0];
  if (model === undefined) throw usage('op.createIndex: the index could not be read.', { table: table.name });
  return model;
}

function isIndexBuilder(value: IndexModel | IndexBuilder): value is IndexBuilder {
  return value.kind === 'indexDef';
}

/**
 * A fresh `op` object and the list it records into.
 *
 * @example
 * ```ts
 * import { createOperationsApi, type MigrationDefinition, renderOperation } from 'strata/migrate';
 *
 * declare const migration: MigrationDefinition; // a migration file's default export
 * const recorder = createOperationsApi();
 * await migration.up(recorder.api);
 * const statements = recorder.operations().flatMap((op) => renderOperation(op));
 * ```
 */
export function createOperationsApi(): OperationsRecorder {
  const recorded: MigrationOperation[] = [];
  const record = (op: MigrationOperation): void => {
    recorded.push(deepFreeze(structuredClone(op)));
  };
  const extension = (input: string | ExtensionModel): ExtensionModel =>
    typeof input === 'string' ? { kind: 'extension', name: input } : input;

  const api: OperationsApi = {
    createSchema: (name) => record({ kind: 'createSchema', name }),
    dropSchema: (name) => record({ kind: 'dropSchema', name }),
    createExtension: (input) => record({ kind: 'createExtension', extension: extension(input) }),
    dropExtension: (input) => record({ kind: 'dropExtension', extension: extension(input) }),
    createEnum: (first: EnumModel | EnumTypeRef | ObjectRefInput, values?: readonly string[]) => {
      if (values === undefined) {
        if (!isEnumModel(first)) {
          throw usage(
            'op.createEnum needs its labels: op.createEnum(name, [labels]) or op.createEnum(pgEnum(...)).',
          );
        }
        record({
          kind: 'createEnum',
          enum: { kind: 'enum', schema: first.schema, name: first.name, values: [...first.values] },
        });
        return;
      }
      const ref = objectRef(first as ObjectRefInput);
      record({ kind: 'createEnum', enum: { kind: 'enum', schema: ref.schema, name: ref.name, values } });
    },
    dropEnum: (name, values) =>
      record({ kind: 'dropEnum', enum: objectRef(name), ...(values === undefined ? {} : { values }) }),
    addEnumValue: (name, value, options = {}) => {
      if (options.before !== undefined && options.after !== undefined) {
        throw usage(`op.addEnumValue('${value}'): give either before or after, not both.`, { value });
      }
      record({
        kind: 'addEnumValue',
        enum: objectRef(name),
        value,
        ...(options.before !== undefined ? { position: { before: options.before } } : {}),
        ...(options.after !== undefined ? { position: { after: options.after } } : {}),
        ...(options.existing === undefined ? {} : { existing: options.existing }),
      });
    },
    renameEnumValue: (name, from, to) => record({ kind: 'renameEnumValue', enum: objectRef(name), from, to }),
    recreateEnum: (name, change) =>
      record({
        kind: 'recreateEnum',
        enum: objectRef(name),
        from: change.from,
        to: change.to,
        usages: change.usages ?? [],
        ...(change.dependents === undefined ? {} : { dependents: change.dependents }),
      }),
    createSequence: (sequence) => record({ kind: 'createSequence', sequence }),
    dropSequence: (name, model) =>
      record({ kind: 'dropSequence', sequence: objectRef(name), ...(model === undefined ? {} : { model }) }),
    alterSequence: (from, to) => {
      if (from.schema !== to.schema || from.name !== to.name) {
        throw usage(`op.alterSequence: from and to name different sequences (${from.name}, ${to.name}).`);
      }
      record({ kind: 'alterSequence', from, to });
    },
    createTable: (table) => record({ kind: 'createTable', table: tableModelOf(table) }),
    dropTable: (name, model) =>
      record({
        kind: 'dropTable',
        table: objectRef(name),
        ...(model === undefined ? {} : { model: tableModelOf(model) }),
      }),
    renameTable: (name, newName) => {
      const ref = objectRef(name);
      record({ kind: 'renameTable', schema: ref.schema, from: ref.name, to: newName });
    },
    addColumn: (table: ObjectRefInput, column: ColumnModel | string, dsl?: AnyColumn) => {
      const ref = objectRef(table);
      if (typeof column === 'string') {
        if (dsl === undefined)
          throw usage(`op.addColumn('${column}') needs the column: op.addColumn(table, name, text()).`);
        record({ kind: 'addColumn', table: ref, column: dslColumnModel(ref, column, dsl) });
        return;
      }
      record({ kind: 'addColumn', table: ref, column });
    },
    dropColumn: (table, column, model) =>
      record({
        kind: 'dropColumn',
        table: objectRef(table),
        column,
        ...(model === undefined ? {} : { model }),
      }),
    renameColumn: (table, from, to) => record({ kind: 'renameColumn', table: objectRef(table), from, to }),
    alterColumnType: (table, column, change) =>
      record({
        kind: 'alterColumnType',
        table: objectRef(table),
        column,
        ...typeState(change),
        ...(change.previous === undefined ? {} : { previous: typeState(change.previous) }),
      }),
    setNotNull: (table, column) => record({ kind: 'setNotNull', table: objectRef(table), column }),
    dropNotNull: (table, column) => record({ kind: 'dropNotNull', table: objectRef(table), column }),
    setDefault: (table, column, expression, options = {}) =>
      record({
        kind: 'setDefault',
        table: objectRef(table),
        column,
        default: expression,
        ...(options.previous === undefined ? {} : { previous: options.previous }),
      }),
    dropDefault: (table, column, options = {}) =>
      record({
        kind: 'dropDefault',
        table: objectRef(table),
        column,
        ...(options.previous === undefined ? {} : { previous: options.previous }),
      }),
    addIdentity: (table, column, identity) =>
      record({ kind: 'addIdentity', table: objectRef(table), column, identity }),
    dropIdentity: (table, column, identity) =>
      record({
        kind: 'dropIdentity',
        table: objectRef(table),
        column,
        ...(identity === undefined ? {} : { identity }),
      }),
    alterIdentity: (table, column, change) =>
      record({
        kind: 'alterIdentity',
        table: objectRef(table),
        column,
        dataType: change.dataType,
        from: change.from,
        to: change.to,
      }),
    addGenerated: (table, column) => {
      if (column.generated === undefined) {
        throw usage(`op.addGenerated('${column.name}'): the column model has no generated expression.`);
      }
      record({ kind: 'addGenerated', table: objectRef(table), column });
    },
    dropGenerated: (table, column, model) =>
      record({
        kind: 'dropGenerated',
        table: objectRef(table),
        column,
        ...(model === undefined ? {} : { model }),
      }),
    setComment: (target, comment, options = {}) =>
      record({
        kind: 'setComment',
        target,
        ...(comment === null ? {} : { comment }),
        ...(options.previous === undefined ? {} : { previous: options.previous }),
      }),
    createIndex: (table, index, options = {}) => {
      const ref = objectRef(table);
      record({
        kind: 'createIndex',
        table: ref,
        index: isIndexBuilder(index) ? dslIndexModel(ref, index) : index,
        ...(options.concurrently === undefined ? {} : { concurrently: options.concurrently }),
      });
    },
    dropIndex: (table, name, options = {}) =>
      record({
        kind: 'dropIndex',
        table: objectRef(table),
        name,
        ...(options.model === undefined ? {} : { model: options.model }),
        ...(options.concurrently === undefined ? {} : { concurrently: options.concurrently }),
      }),
    renameIndex: (index, newName) => {
      const ref = objectRef(index);
      record({ kind: 'renameIndex', schema: ref.schema, from: ref.name, to: newName });
    },
    addConstraint: (table, constraint) =>
      record({ kind: 'addConstraint', table: objectRef(table), constraint }),
    dropConstraint: (table, name, model) =>
      record({
        kind: 'dropConstraint',
        table: objectRef(table),
        name,
        ...(model === undefined ? {} : { model }),
      }),
    renameConstraint: (table, from, to) =>
      record({ kind: 'renameConstraint', table: objectRef(table), from, to }),
    sql: (sql, down, options = {}) =>
      record({
        kind: 'sql',
        sql,
        ...(down === undefined || down === null ? {} : { down }),
        ...(options.transactional === undefined ? {} : { transactional: options.transactional }),
      }),
    irreversible: (reason) => {
      throw new StrataError('IRREVERSIBLE', `This migration cannot be downgraded: ${reason}`, { reason });
    },
  };
  return { api, operations: () => [...recorded] };
}
