import type { Command } from 'commander';
import type { downgrade } from '../../../migrate/run/index.js';
import type { CliContext } from '../../context.js';
import { milliseconds, projectConfig } from './options.js';
import { printRun } from './print-run.js';
import { withProjectDatabase } from './project-database.js';

/** The options `upgrade` and `downgrade` share. */
export interface RunCommandOptions {
  readonly sql?: boolean;
  readonly url?: string;
  readonly lockTimeout?: string;
  readonly statementTimeout?: string;
  readonly acceptChecksumChanges?: boolean;
}

/** `upgrade` or `downgrade`: they take the same context, target and options (upgrade's target is optional). */
type RunFunction = typeof downgrade;

/** Declares the options `upgrade` and `downgrade` share (the `--sql` help differs). */
export function runCommandOptions(command: Command, sqlHelp: string): Command {
  return command
    .option('--sql', sqlHelp)
    .option('--url <url>', "database URL (default: DATABASE_URL, else the config's database)")
    .option('--lock-timeout <ms>', "give up waiting for another process's migration lock after this long")
    .option('--statement-timeout <ms>', 'statement_timeout for the migrations')
    .option(
      '--accept-checksum-changes',
      'record the new checksum of edited applied migrations instead of failing',
    );
}

/**
 * Runs `upgrade` or `downgrade` to `target`: prints the SQL of the range with `--sql` (no
 * database), else runs it on the project's database and refreshes its type parsers afterwards
 * (the migrations may have created pgvector's types).
 */
export async function runMigrationsCommand(
  ctx: CliContext,
  run: RunFunction,
  target: string,
  options: RunCommandOptions,
): Promise<void> {
  const config = await projectConfig(ctx);
  if (options.sql) {
    const result = await run({ migrations: config.migrations }, target, { sql: true });
    ctx.output.out(result.script);
    return;
  }
  const lockTimeoutMs = milliseconds(options.lockTimeout, '--lock-timeout');
  const statementTimeoutMs = milliseconds(options.statementTimeout, '--statement-timeout');
  const result = await withProjectDatabase(config, options.url, ctx.cwd, (db) =>
    run({ migrations: config.migrations, db: db.session }, target, {
      ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }),
      ...(statementTimeoutMs === undefined ? {} : { statementTimeoutMs }),
      acceptChecksumChanges: options.acceptChecksumChanges === true,
      onAfterRun: () => db.database.refreshTypes(),
    }),
  );
  printRun(ctx.output, result);
}
