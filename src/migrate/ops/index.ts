/**
 * Migration operations: immutable values that render to SQL, know their exact inverse and say
 * when they lose data. `createOperationsApi()` is the `op` object of hand-written migrations,
 * `renderOperationsAsCode()` what the autogenerate file writer emits.
 */
export type { AddColumnOperation } from './add-column.js';
export type { AddConstraintOperation } from './add-constraint.js';
export { type AddEnumValueOperation, insertEnumValue } from './add-enum-value.js';
export type { AddGeneratedOperation } from './add-generated.js';
export type { AddIdentityOperation } from './add-identity.js';
export type { AlterColumnTypeOperation, ColumnTypeState } from './alter-column-type.js';
export type { AlterIdentityOperation } from './alter-identity.js';
export type { AlterSequenceOperation } from './alter-sequence.js';
export type { CreateEnumOperation } from './create-enum.js';
export type { CreateExtensionOperation } from './create-extension.js';
export type { CreateIndexOperation } from './create-index.js';
export type { CreateSchemaOperation } from './create-schema.js';
export type { CreateSequenceOperation } from './create-sequence.js';
export type { CreateTableOperation } from './create-table.js';
export {
  describeOperation,
  invertOperation,
  invertOperations,
  isDestructive,
  renderOperation,
  renderOperations,
} from './dispatch.js';
export type { DropColumnOperation } from './drop-column.js';
export type { DropConstraintOperation } from './drop-constraint.js';
export type { DropDefaultOperation } from './drop-default.js';
export type { DropEnumOperation } from './drop-enum.js';
export type { DropExtensionOperation } from './drop-extension.js';
export type { DropGeneratedOperation } from './drop-generated.js';
export type { DropIdentityOperation } from './drop-identity.js';
export type { DropIndexOperation } from './drop-index.js';
export type { DropNotNullOperation } from './drop-not-null.js';
export type { DropSchemaOperation } from './drop-schema.js';
export type { DropSequenceOperation } from './drop-sequence.js';
export type { DropTableOperation } from './drop-table.js';
export type { EnumDependent, EnumUsage, ExistingEnum } from './enum-usage.js';
export type { OperationCall, RenderOptions } from './handler.js';
export { irreversible, isIrreversible } from './irreversible.js';
export type {
  IrreversibleOperation,
  MigrationOperation,
  OperationKind,
  OperationOfKind,
} from './operation.js';
export {
  type AddEnumValueOptions,
  type ColumnTypeInput,
  createOperationsApi,
  type OperationsApi,
  type OperationsRecorder,
  type TypeInput,
} from './operations-api.js';
export type { SqlOperation } from './raw-sql.js';
export { type RecreateEnumOperation, setAsideName } from './recreate-enum.js';
export { displayName, type ObjectName, type ObjectRefInput, objectRef } from './refs.js';
export type { RenameColumnOperation } from './rename-column.js';
export type { RenameConstraintOperation } from './rename-constraint.js';
export type { RenameEnumValueOperation } from './rename-enum-value.js';
export type { RenameIndexOperation } from './rename-index.js';
export type { RenameTableOperation } from './rename-table.js';
export { renderOperationsAsCode } from './render-code.js';
export { outsideTransaction, type RenderedStatement, statement } from './rendered-statement.js';
export type { SequenceDataType } from './sequence-changes.js';
export type { SetCommentOperation } from './set-comment.js';
export type { SetDefaultOperation } from './set-default.js';
export type { SetNotNullOperation } from './set-not-null.js';
export { needsUsing, typeChangeRisk, usingCast, usingIfNeeded } from './type-change.js';
