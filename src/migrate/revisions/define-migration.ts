import type { createOperationsApi } from '../ops/index.js';

/** The `op` object a migration's `up` and `down` receive (see src/migrate/ops). */
export type MigrationOps = ReturnType<typeof createOperationsApi>['api'];

/** `up` / `down` of a migration: records operations on `op`; may be async. */
export type MigrationFunction = (op: MigrationOps) => void | Promise<void>;

/** What a migration file declares. */
export interface MigrationDefinition {
  /** Unique id of this revision (letters, digits and `_`; generated ids are 12 hex digits). */
  readonly revision: string;
  /** Full ids of the revisions this one comes after; empty (or omitted) for a first revision. Several = a merge. */
  readonly parents?: readonly string[];
  /** One-line description, shown by `history`. */
  readonly message: string;
  /** Names that `LABEL@head` can use to pick the head of the branch starting here. */
  readonly branchLabels?: readonly string[];
  /**
   * `false` runs the migration statement by statement with no surrounding transaction
   * (each statement commits on its own). Default `true`: one transaction per migration,
   * split only around statements PostgreSQL refuses to run in one.
   */
  readonly transactional?: boolean;
  readonly up: MigrationFunction;
  /** Omit for an irreversible migration: downgrading past it then fails with IRREVERSIBLE. */
  readonly down?: MigrationFunction;
}

/**
 * Types a migration file's default export. Returns its argument unchanged, so a file
 * may equally export a plain object of the same shape.
 *
 * @example
 * ```ts
 * // migrations/20261122_1104_3f2a9c1b7d4e_add_documents.ts
 * import { defineMigration } from 'strata';
 * export default defineMigration({
 *   revision: '3f2a9c1b7d4e',
 *   parents: ['a1b2c3d4e5f6'],
 *   message: 'add documents',
 *   up(op) {
 *     op.sql('CREATE TABLE documents (id bigint PRIMARY KEY, body text NOT NULL)');
 *   },
 *   down(op) {
 *     op.sql('DROP TABLE documents');
 *   },
 * });
 * ```
 */
export function defineMigration<const T extends MigrationDefinition>(definition: T): T {
  return definition;
}
