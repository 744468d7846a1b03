import type { Command } from 'commander';
import { branches } from '../../migrate/revisions/index.js';
import type { CliContext } from '../context.js';
import { revisionLine } from './support/describe-revision.js';
import { projectConfig } from './support/options.js';

export function registerBranches(program: Command, ctx: CliContext): void {
  program
    .command('branches')
    .description('list the branch points of the migrations and the branches starting there')
    .action(async () => {
      const config = await projectConfig(ctx);
      const result = await branches({ migrations: config.migrations });
      for (const info of result) {
        ctx.output.out(revisionLine(info));
        for (const child of info.children) ctx.output.out(`  -> ${child}`);
      }
      if (result.length === 0) ctx.output.out('No branch points.');
    });
}
