import type { Command } from 'commander';
import { upgrade } from '../../migrate/run/index.js';
import type { CliContext } from '../context.js';
import {
  type RunCommandOptions,
  runCommandOptions,
  runMigrationsCommand,
} from './support/run-migrations-command.js';

export function registerUpgrade(program: Command, ctx: CliContext): void {
  runCommandOptions(
    program
      .command('upgrade [target]')
      .description(
        'run migrations up to TARGET (default head): head, heads, +N, REV, REV+N, LABEL@head; with --sql print the SQL of a range FROM:TO instead (no database needed)',
      ),
    'print the SQL instead of running it; the target may be a range FROM:TO (default from base)',
  ).action((target: string | undefined, options: RunCommandOptions) =>
    runMigrationsCommand(ctx, upgrade, target ?? 'head', options),
  );
}
