export type {
  ColumnModel,
  GeneratedModel,
  IdentityModel,
  SequenceOptions,
} from './column.js';
export type {
  CheckModel,
  ConstraintKind,
  ConstraintModel,
  ForeignKeyAction,
  ForeignKeyModel,
  PrimaryKeyModel,
  UniqueModel,
} from './constraint.js';
export type {
  IndexColumnElement,
  IndexElement,
  IndexExpressionElement,
  IndexMethod,
  IndexModel,
} from './index-model.js';
export * from './pgvector.js';
export type { EnumModel, ExtensionModel, SchemaModel, SequenceModel } from './schema-model.js';
export { qualifiedName } from './schema-model.js';
export type { SqlType } from './sql-type.js';
export { sqlType } from './sql-type.js';
export type { TableModel } from './table.js';
