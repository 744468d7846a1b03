export {
  MAX_IDENTIFIER_BYTES,
  type ObjectName,
  qualifiedIdent,
  quoteIdent,
  quoteIdentList,
  quoteLiteral,
} from './quote.js';
export {
  renderAddColumn,
  renderColumnDefinition,
  renderDropColumn,
  renderIdentityClause,
} from './render-column.js';
export { type CommentTarget, renderComment } from './render-comment.js';
export {
  renderAddConstraint,
  renderConstraintBody,
  renderConstraintClause,
  renderDropConstraint,
  renderValidateConstraint,
} from './render-constraint.js';
export {
  type EnumValuePosition,
  renderAddEnumValue,
  renderCreateEnum,
  renderDropEnum,
  renderRenameEnumValue,
} from './render-enum.js';
export { renderCreateExtension, renderDropExtension } from './render-extension.js';
export {
  type CreateIndexOptions,
  type DropIndexOptions,
  renderCreateIndex,
  renderDropIndex,
  renderIndexElement,
  renderStorageParameters,
} from './render-index.js';
export { renderCreateSchema, renderDropSchema } from './render-schema.js';
export { renderCreateSequence, renderDropSequence, renderSequenceOptions } from './render-sequence.js';
export {
  type CreateTableOptions,
  constraintsAfterCreate,
  renderCreateTable,
  renderDropTable,
} from './render-table.js';
export { renderType } from './render-type.js';
export { orderTablesByDependency } from './table-order.js';
export { type ToSqlOptions, toSql, toSqlStatements } from './to-sql.js';
