import type { Command } from 'commander';
import { merge } from '../../migrate/revisions/index.js';
import type { CliContext } from '../context.js';
import { projectConfig } from './support/options.js';

interface MergeOptions {
  readonly message: string;
  readonly revId?: string;
  readonly branchLabel?: string;
}

export function registerMerge(program: Command, ctx: CliContext): void {
  program
    .command('merge [revisions...]')
    .description('write an empty revision that joins several heads (default: all of them) into one')
    .requiredOption('-m, --message <message>', 'what the merge is for')
    .option('--rev-id <id>', 'revision id to use instead of a random one')
    .option('--branch-label <label>', 'branch label of the new revision')
    .action(async (revisions: readonly string[], options: MergeOptions) => {
      const config = await projectConfig(ctx);
      const result = await merge({ migrations: config.migrations }, revisions, options.message, {
        ...(options.revId === undefined ? {} : { revision: options.revId }),
        ...(options.branchLabel === undefined ? {} : { branchLabels: [options.branchLabel] }),
      });
      ctx.output.out(`Created ${result.file}`);
      ctx.output.out(`revision ${result.revision} merges ${result.parents.join(', ')}`);
    });
}
