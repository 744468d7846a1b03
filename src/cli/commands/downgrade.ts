import type { Command } from 'commander';
import { downgrade } from '../../migrate/run/index.js';
import type { CliContext } from '../context.js';
import {
  type RunCommandOptions,
  runCommandOptions,
  runMigrationsCommand,
} from './support/run-migrations-command.js';

export function registerDowngrade(program: Command, ctx: CliContext): void {
  runCommandOptions(
    program
      .command('downgrade <target>')
      .description(
        'revert migrations down to TARGET: -N, REV-N, a revision (what comes after it is reverted) or base; with --sql print the SQL of a range FROM:TO instead (e.g. head:base)',
      ),
    'print the SQL instead of running it; the target is a range FROM:TO',
  )
    // `-1` is a target, not an option.
    .allowUnknownOption()
    .action((target: string, options: RunCommandOptions) =>
      runMigrationsCommand(ctx, downgrade, target, options),
    );
}
