/**
 * Autogenerate: compares the project's schema with a database at head and writes the
 * migration that closes the gap (or, for `check`, only says whether there is one).
 */
export {
  type AutogenerateOptions,
  type AutogenerateResult,
  autogenerateRevision,
  migrationWarnings,
} from './autogenerate-revision.js';
export { type CheckResult, checkSchema } from './check-schema.js';
export { type AutogenerateContext, detectSchemaChanges, type SchemaChanges } from './detect-changes.js';
export { parseRenames } from './parse-renames.js';
