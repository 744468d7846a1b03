/**
 * Migration files and the revision graph: defining, loading, resolving targets and
 * writing new revisions. No database access here (see ../run for that).
 */
export { migrationChecksum } from './checksum.js';
export {
  defineMigration,
  type MigrationDefinition,
  type MigrationFunction,
  type MigrationOps,
} from './define-migration.js';
export {
  isMigrationFileName,
  loadMigrationFile,
  loadMigrationScripts,
  loadMigrations,
} from './load-migrations.js';
export { contextGraph, type MigrationContext } from './migration-context.js';
export { messageSlug, migrationFileName } from './migration-file-name.js';
export { type MigrationScript, RESERVED_REVISION_WORDS, REVISION_ID_PATTERN } from './migration-script.js';
export {
  type MergeOptions,
  merge,
  type NewRevisionOptions,
  type NewRevisionResult,
  newRevision,
} from './new-revision.js';
export { type MigrationFileSpec, renderMigrationFile, tsString } from './render-migration-file.js';
export { resolveRevision } from './resolve-revision.js';
export {
  ancestorsOf,
  buildRevisionGraph,
  descendantsOf,
  describeRevision,
  inGraphOrder,
  type RevisionGraph,
  scriptOf,
} from './revision-graph.js';
export { branches, heads, type RevisionInfo, revisionInfo } from './revision-info.js';
export {
  parseRange,
  parseTarget,
  type ResolvedTarget,
  type RevisionRange,
  type RevisionTarget,
  resolveTarget,
  type TargetAnchor,
} from './target.js';
export { toMigrationScript } from './to-migration-script.js';
