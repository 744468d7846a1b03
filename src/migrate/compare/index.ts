/**
 * Comparing schemas wherever they come from (servers, embedded databases, the project schema,
 * the project's migrations at a revision), and the scratch databases that takes.
 */
export {
  type CompareSchemasOptions,
  compareModels,
  compareSchemas,
  type SchemaComparison,
} from './compare-schemas.js';
export { loadSchemaSource, type SchemaSourceOptions } from './load-schema-source.js';
export { type DifferenceObject, type ObjectDifference, schemaDifferences } from './schema-differences.js';
export { describeSchemaSource, parseSchemaSource, type SchemaSource } from './schema-source.js';
export {
  openScratchSession,
  type ScratchOptions,
  type ScratchSession,
  scratchDatabasesOn,
} from './scratch-session.js';
