import type { MigrationFunction } from './define-migration.js';

/**
 * A migration as loaded from its file: the definition, normalised and validated,
 * plus where it came from and the checksum of its contents.
 */
export interface MigrationScript {
  readonly kind: 'migrationScript';
  readonly revision: string;
  /** Full ids of the parent revisions, in the order the file lists them; empty for a base. */
  readonly parents: readonly string[];
  readonly message: string;
  readonly branchLabels: readonly string[];
  /** `false`: run statement by statement, without a surrounding transaction. */
  readonly transactional: boolean;
  /** Absolute path of the file. */
  readonly file: string;
  /** Base name of the file, as messages and the version table show it. */
  readonly fileName: string;
  /** sha256 (hex) of the file's contents, see `migrationChecksum`. */
  readonly checksum: string;
  readonly up: MigrationFunction;
  /** Undefined for an irreversible migration. */
  readonly down: MigrationFunction | undefined;
}

/** Words that name targets, so they cannot be revision ids or branch labels. */
export const RESERVED_REVISION_WORDS: readonly string[] = ['base', 'head', 'heads', 'current'];

/** What a revision id and a branch label may contain: nothing the target syntax (`+ - @ : ,`) uses. */
export const REVISION_ID_PATTERN = /^[A-Za-z0-9_]+$/;
