import type { SchemaChanges } from '../../../migrate/autogenerate/index.js';
import type { RenameHint } from '../../../migrate/diff/index.js';
import { describeOperation } from '../../../migrate/ops/index.js';
import type { CliOutput } from '../../output.js';

function name(schema: string, object: string): string {
  return schema === 'public' ? object : `${schema}.${object}`;
}

/** A rename hint in the terms of the command line: which option says it is a rename. */
export function renameHintLine(hint: RenameHint): string {
  if (hint.object === 'table') {
    const old = name(hint.schema, hint.from);
    return `drop + create of table ${old}/${hint.to} may be a rename: pass --rename-table ${old}=${hint.to} or declare renamedFrom`;
  }
  const table = name(hint.schema, hint.table ?? '?');
  return `drop + add of ${table}.${hint.from}/${hint.to} may be a rename: pass --rename-column ${table}.${hint.from}=${hint.to} or declare renamedFrom`;
}

/** Prints the detected operations (stdout) and what to look at (stderr): destructive steps, rename hints. */
export function printChanges(output: CliOutput, changes: SchemaChanges): void {
  for (const op of changes.operations) output.out(`  ${describeOperation(op)}`);
  for (const warning of changes.destructive) output.err(`DESTRUCTIVE: ${warning.reason}`);
  for (const hint of changes.renameHints) output.err(`hint: ${renameHintLine(hint)}`);
  for (const step of changes.manualSteps) output.err(`manual step: ${step.message}`);
  for (const op of changes.irreversible) {
    output.err(`irreversible: the downgrade cannot undo "${describeOperation(op.operation)}": ${op.reason}`);
  }
  for (const rename of changes.unusedRenames) {
    output.err(`warning: the rename ${rename} matches no table or column that is renamed; it was ignored`);
  }
}
