import type { Command } from 'commander';
import { initProject } from '../../project/init.js';
import type { CliContext } from '../context.js';

export function registerInit(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('scaffold strata.config.ts, a schema module and a migrations folder')
    .action(() => {
      const result = initProject(ctx.cwd);
      for (const file of result.created) ctx.output.out(`created ${file}`);
    });
}
