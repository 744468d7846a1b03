import type { AddColumnOperation } from './add-column.js';
import type { AddConstraintOperation } from './add-constraint.js';
import type { AddEnumValueOperation } from './add-enum-value.js';
import type { AddGeneratedOperation } from './add-generated.js';
import type { AddIdentityOperation } from './add-identity.js';
import type { AlterColumnTypeOperation } from './alter-column-type.js';
import type { AlterIdentityOperation } from './alter-identity.js';
import type { AlterSequenceOperation } from './alter-sequence.js';
import type { CreateEnumOperation } from './create-enum.js';
import type { CreateExtensionOperation } from './create-extension.js';
import type { CreateIndexOperation } from './create-index.js';
import type { CreateSchemaOperation } from './create-schema.js';
import type { CreateSequenceOperation } from './create-sequence.js';
import type { CreateTableOperation } from './create-table.js';
import type { DropColumnOperation } from './drop-column.js';
import type { DropConstraintOperation } from './drop-constraint.js';
import type { DropDefaultOperation } from './drop-default.js';
import type { DropEnumOperation } from './drop-enum.js';
import type { DropExtensionOperation } from './drop-extension.js';
import type { DropGeneratedOperation } from './drop-generated.js';
import type { DropIdentityOperation } from './drop-identity.js';
import type { DropIndexOperation } from './drop-index.js';
import type { DropNotNullOperation } from './drop-not-null.js';
import type { DropSchemaOperation } from './drop-schema.js';
import type { DropSequenceOperation } from './drop-sequence.js';
import type { DropTableOperation } from './drop-table.js';
import type { SqlOperation } from './raw-sql.js';
import type { RecreateEnumOperation } from './recreate-enum.js';
import type { RenameColumnOperation } from './rename-column.js';
import type { RenameConstraintOperation } from './rename-constraint.js';
import type { RenameEnumValueOperation } from './rename-enum-value.js';
import type { RenameIndexOperation } from './rename-index.js';
import type { RenameTableOperation } from './rename-table.js';
import type { SetCommentOperation } from './set-comment.js';
import type { SetDefaultOperation } from './set-default.js';
import type { SetNotNullOperation } from './set-not-null.js';

/**
 * One step of a migration, as an immutable value with a `kind`. Each carries what its inverse
 * needs (a dropped column carries its ColumnModel, a dropped table its TableModel), so that
 * `invertOperation` is exact.
 */
export type MigrationOperation =
  | CreateSchemaOperation
  | DropSchemaOperation
  | CreateExtensionOperation
  | DropExtensionOperation
  | CreateEnumOperation
  | DropEnumOperation
  | AddEnumValueOperation
  | RenameEnumValueOperation
  | RecreateEnumOperation
  | CreateSequenceOperation
  | DropSequenceOperation
  | AlterSequenceOperation
  | CreateTableOperation
  | DropTableOperation
  | RenameTableOperation
  | AddColumnOperation
  | DropColumnOperation
  | RenameColumnOperation
  | AlterColumnTypeOperation
  | SetNotNullOperation
  | DropNotNullOperation
  | SetDefaultOperation
  | DropDefaultOperation
  | AddIdentityOperation
  | DropIdentityOperation
  | AlterIdentityOperation
  | AddGeneratedOperation
  | DropGeneratedOperation
  | SetCommentOperation
  | CreateIndexOperation
  | DropIndexOperation
  | RenameIndexOperation
  | AddConstraintOperation
  | DropConstraintOperation
  | RenameConstraintOperation
  | SqlOperation;

export type OperationKind = MigrationOperation['kind'];

/** The operation of one kind. */
export type OperationOfKind<K extends OperationKind> = Extract<MigrationOperation, { readonly kind: K }>;

/** What `invertOperation` answers for an operation that cannot be undone, and why. */
export interface IrreversibleOperation {
  readonly kind: 'irreversible';
  readonly reason: string;
  readonly operation: MigrationOperation;
}
