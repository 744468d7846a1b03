/**
 * Typed filters and sorts compiled to parameterised SQL (or Kysely expressions), value checks
 * and codecs that are not connection concerns (VALUE_INVALID before a value is sent, binary
 * and text COPY encoders), and keyset cursors.
 */
export { compileWhere, escapeLike, whereExpression } from './compile-filter.js';
export {
  type BinaryEncoder,
  binaryEncoderFor,
  COPY_BINARY_HEADER,
  COPY_BINARY_TRAILER,
  CopyBuffer,
  floatToHalf,
  type PgTypeInfo,
} from './copy-binary.js';
export { copyTextRow, copyTextValue, escapeCopyText } from './copy-text.js';
export type {
  AnyJsonPathFilter,
  ArrayFilter,
  ComparisonFilter,
  Direction,
  FieldFilter,
  JsonAt,
  JsonContains,
  JsonDocumentFilter,
  JsonFilter,
  JsonLeafFilter,
  JsonPath,
  JsonPathFilter,
  NullFilter,
  NullsOrder,
  OrderBy,
  OrderTerm,
  RowFilter,
  TextFilter,
  Where,
} from './filter.js';
export { afterCursorCondition, decodeCursor, encodeCursor, totalOrder } from './keyset.js';
export { orderBySql, resolveOrderBy, type SortKey } from './order-by.js';
export {
  makeBulkValuePreparer,
  makeValuePreparer,
  type PrepareOptions,
  type PrepareValue,
  stringifyJson,
} from './prepare-value.js';
export { joinConditions, Param, type SqlParts, writeParts } from './sql-parts.js';
export { KyselySqlWriter, quoteIdentifier, type SqlWriter, TextSqlWriter } from './sql-writer.js';
export { type ColumnMeta, columnOf, type TableMeta, tableMeta } from './table-meta.js';
export { describeValue, type ValueTarget, valueInvalid } from './value-error.js';
