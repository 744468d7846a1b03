import type { RunResult } from '../../../migrate/run/index.js';
import type { CliOutput } from '../../output.js';
import { revisionList } from './options.js';

/** Prints what an online upgrade or downgrade did, one line per migration. */
export function printRun(output: CliOutput, result: RunResult): void {
  for (const step of result.steps) {
    output.out(
      `${step.direction === 'up' ? 'upgrade' : 'downgrade'} ${step.revision} ${step.message} (${step.durationMs} ms)`,
    );
    for (const note of step.notes) output.out(`  note: ${note}`);
  }
  for (const accepted of result.acceptedChecksums) {
    output.out(
      `accepted the edited file of ${accepted.revision} (${accepted.fileName}): its new checksum is recorded`,
    );
  }
  const at = revisionList(result.to);
  output.out(result.steps.length === 0 ? `Already at ${at}: nothing to run.` : `Now at ${at}.`);
}
