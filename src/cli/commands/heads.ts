import type { Command } from 'commander';
import { heads } from '../../migrate/revisions/index.js';
import type { CliContext } from '../context.js';
import { revisionLine } from './support/describe-revision.js';
import { projectConfig } from './support/options.js';

export function registerHeads(program: Command, ctx: CliContext): void {
  program
    .command('heads')
    .description('list the heads of the migrations (revisions nothing builds on yet)')
    .action(async () => {
      const config = await projectConfig(ctx);
      const result = await heads({ migrations: config.migrations });
      for (const info of result) ctx.output.out(revisionLine(info));
      if (result.length === 0) ctx.output.out('No revisions.');
    });
}
