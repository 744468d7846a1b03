import type { Command } from 'commander';
import { upgrade } from '../../migrate/run/index.js';
import type { CliContext } from '../context.js';
import { milliseconds, projectConfig } from './support/options.js';
import { printRun } from './support/print-run.js';
import { withProjectDatabase } from './support/project-database.js';

interface UpgradeOptions {
  readonly sql?: boolean;
  readonly url?: string;
  readonly lockTimeout?: string;
  readonly statementTimeout?: string;
  readonly acceptChecksumChanges?: boolean;
}

export function registerUpgrade(program: Command, ctx: CliContext): void {
  program
    .command('upgrade [target]')
    .description(
      'run migrations up to TARGET (default head): head, heads, +N, REV, REV+N, LABEL@head; with --sql print the SQL of a range FROM:TO instead (no database needed)',
    )
    .option(
      '--sql',
      'print the SQL instead of running it; the target may be a range FROM:TO (default from base)',
    )
    .option('--url <url>', "database URL (default: DATABASE_URL, else the config's database)")
    .option('--lock-timeout <ms>', "give up waiting for another process's migration lock after this long")
    .option('--statement-timeout <ms>', 'statement_timeout for the migrations')
    .option(
      '--accept-checksum-changes',
      'record the new checksum of edited applied migrations instead of failing',
    )
    .action(async (target: string | undefined, options: UpgradeOptions) => {
      const config = await projectConfig(ctx);
      const to = target ?? 'head';
      if (options.sql) {
        const result = await upgrade({ migrations: config.migrations }, to, { sql: true });
        ctx.output.out(result.script);
        return;
      }
      const lockTimeoutMs = milliseconds(options.lockTimeout, '--lock-timeout');
      const statementTimeoutMs = milliseconds(options.statementTimeout, '--statement-timeout');
      const result = await withProjectDatabase(config, options.url, ctx.cwd, (db) =>
        upgrade({ migrations: config.migrations, db: db.session }, to, {
          ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }),
          ...(statementTimeoutMs === undefined ? {} : { statementTimeoutMs }),
          acceptChecksumChanges: options.acceptChecksumChanges === true,
          onAfterRun: () => db.database.refreshTypes(),
        }),
      );
      printRun(ctx.output, result);
    });
}
