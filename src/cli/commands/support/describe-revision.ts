import type { RevisionInfo } from '../../../migrate/revisions/index.js';

/** Alembic's markers after a revision id: (head), (branchpoint), (mergepoint), (current). */
export function revisionMarks(info: RevisionInfo, current = false): string {
  const marks = [
    ...(info.isHead ? ['(head)'] : []),
    ...(info.isBranchPoint ? ['(branchpoint)'] : []),
    ...(info.isMerge ? ['(mergepoint)'] : []),
    ...(current ? ['(current)'] : []),
  ];
  return marks.length === 0 ? '' : ` ${marks.join(' ')}`;
}

/** `a1b2c3d4e5f6 (head), create notes`, with the branch labels when there are any. */
export function revisionLine(info: RevisionInfo, current = false): string {
  const labels = info.branchLabels.length === 0 ? '' : ` (${info.branchLabels.join(', ')})`;
  return `${info.revision}${labels}${revisionMarks(info, current)}, ${info.message}`;
}
