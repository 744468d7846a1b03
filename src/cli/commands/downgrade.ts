import type { Command } from 'commander';
import { downgrade } from '../../migrate/run/index.js';
import type { CliContext } from '../context.js';
import { milliseconds, projectConfig } from './support/options.js';
import { printRun } from './support/print-run.js';
import { withProjectDatabase } from './support/project-database.js';

interface DowngradeOptions {
  readonly sql?: boolean;
  readonly url?: string;
  readonly lockTimeout?: string;
  readonly statementTimeout?: string;
  readonly acceptChecksumChanges?: boolean;
}

export function registerDowngrade(program: Command, ctx: CliContext): void {
  program
    .command('downgrade <target>')
    .description(
      'revert migrations down to TARGET: -N, REV-N, a revision (what comes after it is reverted) or base; with --sql print the SQL of a range FROM:TO instead (e.g. head:base)',
    )
    .option('--sql', 'print the SQL instead of running it; the target is a range FROM:TO')
    .option('--url <url>', "database URL (default: DATABASE_URL, else the config's database)")
    .option('--lock-timeout <ms>', "give up waiting for another process's migration lock after this long")
    .option('--statement-timeout <ms>', 'statement_timeout for the migrations')
    .option(
      '--accept-checksum-changes',
      'record the new checksum of edited applied migrations instead of failing',
    )
    // `-1` is a target, not an option.
    .allowUnknownOption()
    .action(async (target: string, options: DowngradeOptions) => {
      const config = await projectConfig(ctx);
      if (options.sql) {
        const result = await downgrade({ migrations: config.migrations }, target, { sql: true });
        ctx.output.out(result.script);
        return;
      }
      const lockTimeoutMs = milliseconds(options.lockTimeout, '--lock-timeout');
      const statementTimeoutMs = milliseconds(options.statementTimeout, '--statement-timeout');
      const result = await withProjectDatabase(config, options.url, ctx.cwd, (db) =>
        downgrade({ migrations: config.migrations, db: db.session }, target, {
          ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }),
          ...(statementTimeoutMs === undefined ? {} : { statementTimeoutMs }),
          acceptChecksumChanges: options.acceptChecksumChanges === true,
          onAfterRun: () => db.database.refreshTypes(),
        }),
      );
      printRun(ctx.output, result);
    });
}
