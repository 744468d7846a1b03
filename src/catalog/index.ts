export type { CatalogScope } from './catalog-query.js';
export { catalogScope, STRATA_VERSION_TABLE, tableKey } from './catalog-query.js';
export type { IntrospectOptions } from './introspect.js';
export { introspect } from './introspect.js';
export type { NormalizedTypeName, SequenceDataType } from './normalize.js';
export {
  formatSqlType,
  implicitConstraintName,
  implicitIndexName,
  implicitSequenceName,
  isSequenceDataType,
  normalizeDefault,
  normalizeExpression,
  normalizeSchemaModel,
  normalizeSequenceOptions,
  normalizeTypeName,
  parseColumnType,
  parseSqlType,
  quoteIdentifier,
  unwrapParentheses,
} from './normalize.js';
export { compareNames, sortByName, sortBySchemaAndName } from './order.js';
export { readColumns } from './read-columns.js';
export type { CatalogComments } from './read-comments.js';
export { readComments } from './read-comments.js';
export type { TableConstraints } from './read-constraints.js';
export { readConstraints } from './read-constraints.js';
export { readEnums } from './read-enums.js';
export { readExtensions } from './read-extensions.js';
export { readIndexes } from './read-indexes.js';
export { readSchemas } from './read-schemas.js';
export { readSequences } from './read-sequences.js';
export type { CatalogTableRef } from './read-tables.js';
export { readTables } from './read-tables.js';
export type { DecodedType } from './typmod.js';
export { decodeBuiltinTypmod, decodeExtensionTypmod } from './typmod.js';
