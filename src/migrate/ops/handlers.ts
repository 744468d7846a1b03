import { addColumnHandler } from './add-column.js';
import { addConstraintHandler } from './add-constraint.js';
import { addEnumValueHandler } from './add-enum-value.js';
import { addGeneratedHandler } from './add-generated.js';
import { addIdentityHandler } from './add-identity.js';
import { alterColumnTypeHandler } from './alter-column-type.js';
import { alterIdentityHandler } from './alter-identity.js';
import { alterSequenceHandler } from './alter-sequence.js';
import { createEnumHandler } from './create-enum.js';
import { createExtensionHandler } from './create-extension.js';
import { createIndexHandler } from './create-index.js';
import { createSchemaHandler } from './create-schema.js';
import { createSequenceHandler } from './create-sequence.js';
import { createTableHandler } from './create-table.js';
import { dropColumnHandler } from './drop-column.js';
import { dropConstraintHandler } from './drop-constraint.js';
import { dropDefaultHandler } from './drop-default.js';
import { dropEnumHandler } from './drop-enum.js';
import { dropExtensionHandler } from './drop-extension.js';
import { dropGeneratedHandler } from './drop-generated.js';
import { dropIdentityHandler } from './drop-identity.js';
import { dropIndexHandler } from './drop-index.js';
import { dropNotNullHandler } from './drop-not-null.js';
import { dropSchemaHandler } from './drop-schema.js';
import { dropSequenceHandler } from './drop-sequence.js';
import { dropTableHandler } from './drop-table.js';
import type { OperationHandler } from './handler.js';
import type { MigrationOperation, OperationKind, OperationOfKind } from './operation.js';
import { sqlHandler } from './raw-sql.js';
import { recreateEnumHandler } from './recreate-enum.js';
import { renameColumnHandler } from './rename-column.js';
import { renameConstraintHandler } from './rename-constraint.js';
import { renameEnumValueHandler } from './rename-enum-value.js';
import { renameIndexHandler } from './rename-index.js';
import { renameTableHandler } from './rename-table.js';
import { setCommentHandler } from './set-comment.js';
import { setDefaultHandler } from './set-default.js';
import { setNotNullHandler } from './set-not-null.js';

/**
 * The dispatch table: one handler per operation kind. A kind added to MigrationOperation
 * without a handler here does not compile.
 */
const HANDLERS: { readonly [K in OperationKind]: OperationHandler<OperationOfKind<K>> } = {
  createSchema: createSchemaHandler,
  dropSchema: dropSchemaHandler,
  createExtension: createExtensionHandler,
  dropExtension: dropExtensionHandler,
  createEnum: createEnumHandler,
  dropEnum: dropEnumHandler,
  addEnumValue: addEnumValueHandler,
  renameEnumValue: renameEnumValueHandler,
  recreateEnum: recreateEnumHandler,
  createSequence: createSequenceHandler,
  dropSequence: dropSequenceHandler,
  alterSequence: alterSequenceHandler,
  createTable: createTableHandler,
  dropTable: dropTableHandler,
  renameTable: renameTableHandler,
  addColumn: addColumnHandler,
  dropColumn: dropColumnHandler,
  renameColumn: renameColumnHandler,
  alterColumnType: alterColumnTypeHandler,
  setNotNull: setNotNullHandler,
  dropNotNull: dropNotNullHandler,
  setDefault: setDefaultHandler,
  dropDefault: dropDefaultHandler,
  addIdentity: addIdentityHandler,
  dropIdentity: dropIdentityHandler,
  alterIdentity: alterIdentityHandler,
  addGenerated: addGeneratedHandler,
  dropGenerated: dropGeneratedHandler,
  setComment: setCommentHandler,
  createIndex: createIndexHandler,
  dropIndex: dropIndexHandler,
  renameIndex: renameIndexHandler,
  addConstraint: addConstraintHandler,
  dropConstraint: dropConstraintHandler,
  renameConstraint: renameConstraintHandler,
  sql: sqlHandler,
};

/** The handler of an operation's kind. */
export function handlerFor<O extends MigrationOperation>(op: O): OperationHandler<O> {
  return HANDLERS[op.kind] as unknown as OperationHandler<O>;
}
