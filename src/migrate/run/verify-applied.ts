import { StrataError } from '../../errors/strata-error.js';
import type { RevisionGraph } from '../revisions/revision-graph.js';
import type { AppliedRevision } from './version-table.js';

/** An applied migration whose file changed since it was applied. */
export interface ChecksumMismatch {
  readonly kind: 'checksumMismatch';
  readonly revision: string;
  /** The file as it is now. */
  readonly fileName: string;
  readonly recorded: string;
  readonly actual: string;
}

/** Applied revisions whose file's checksum differs from the recorded one. */
export function findChecksumMismatches(
  graph: RevisionGraph,
  applied: readonly AppliedRevision[],
): ChecksumMismatch[] {
  const mismatches: ChecksumMismatch[] = [];
  for (const row of applied) {
    const script = graph.byRevision.get(row.revision);
    if (script && script.checksum !== row.checksum) {
      mismatches.push({
        kind: 'checksumMismatch',
        revision: row.revision,
        fileName: script.fileName,
        recorded: row.checksum,
        actual: script.checksum,
      });
    }
  }
  return mismatches;
}

/** Applied revisions no migration file defines. */
export function findUnknownRevisions(
  graph: RevisionGraph,
  applied: readonly AppliedRevision[],
): AppliedRevision[] {
  return applied.filter((row) => !graph.byRevision.has(row.revision));
}

export function checksumMismatchError(mismatches: readonly ChecksumMismatch[]): StrataError {
  const files = mismatches.map((m) => `${m.fileName} (revision ${m.revision})`).join(', ');
  return new StrataError(
    'MIGRATION_CHECKSUM_MISMATCH',
    `Applied migration file${mismatches.length > 1 ? 's were' : ' was'} edited after being applied: ${files}. Editing an applied migration does not re-run it; revert the edit and write a new migration, or accept the new contents with acceptChecksumChanges: true`,
    { mismatches },
  );
}

export function unknownRevisionsError(
  graph: RevisionGraph,
  unknown: readonly AppliedRevision[],
): StrataError {
  const list = unknown.map((row) => `${row.revision} (${row.fileName})`).join(', ');
  const where = graph.directory ? ` in ${graph.directory}` : '';
  return new StrataError(
    'REVISION_NOT_FOUND',
    `The database has revision${unknown.length > 1 ? 's' : ''} ${list} applied, but no migration file${where} defines ${unknown.length > 1 ? 'them' : 'it'}: restore the file(s), or stamp() the database to a revision that exists`,
    { revisions: unknown.map((row) => row.revision) },
  );
}
