/**
 * The schema DSL: tables, columns, enums, indexes and constraints in TypeScript, with
 * row types inferred and a validated SchemaModel for migrations.
 */
export type { AnyColumn, ColumnRole, ColumnSpec, ReferenceOptions, SequenceOptionsInput } from './column.js';
export { Column } from './column.js';
export { bit, bytea } from './columns/binary.js';
export { type JsonValue, json, jsonb } from './columns/json.js';
export {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  integer,
  numeric,
  real,
  serial,
  smallint,
  smallserial,
} from './columns/numeric.js';
export { date, interval, time, timestamp, timestamptz } from './columns/temporal.js';
export { char, text, tsvector, uuid, varchar } from './columns/text.js';
export { halfvec, type SparseVector, sparsevec, vector } from './columns/vector.js';
export type { CheckDef, ForeignKeyDef, PrimaryKeyDef } from './constraints.js';
export { check, foreignKey, primaryKey, UniqueBuilder, unique } from './constraints.js';
export { softDelete, timestamps, uuidPrimaryKey, versionColumn } from './conventions.js';
export {
  defineSchema,
  type Schema,
  type SchemaInput,
  type SchemaOptions,
  type TablesOf,
} from './define-schema.js';
export { type EnumType, pgEnum } from './enum.js';
export {
  IndexBuilder,
  type IndexElementInput,
  type IndexParams,
  index,
  uniqueIndex,
} from './index-builder.js';
export type {
  DatabaseOf,
  Insert,
  KyselyColumn,
  KyselyTable,
  Row,
  SelectValue,
  Simplify,
  TableKey,
  Update,
} from './infer.js';
export { pgSchema } from './pg-schema.js';
export { requiredExtensions } from './required-extensions.js';
export { SqlExpression, type SqlFragment, sql } from './sql.js';
export { type AnyTable, isTable, schemaTable, Table, type TableExtra, table } from './table.js';
export type { SchemaProblem } from './validate/problem.js';
export { schemaProblems, validateSchemaModel } from './validate/validate-schema.js';
export type { ValueKind } from './value-kind.js';
