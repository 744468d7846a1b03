/**
 * The schema differ: compares two SchemaModels into migration operations that always run,
 * with rename hints and destructive-change warnings.
 */
export {
  canonicalizeModel,
  pgliteScratchDatabase,
  type ScratchDatabase,
  type ScratchDatabaseFactory,
} from './canonicalize-model.js';
export { diffSchemas } from './diff-schemas.js';
export type {
  DestructiveWarning,
  DiffOptions,
  DiffRenames,
  DiffWarning,
  ManualStepWarning,
  RenameHint,
  SchemaDiff,
} from './diff-types.js';
export { mentionsAny, renameInExpression } from './identifiers.js';
export { PHASES, type Phase } from './plan.js';
