import type { Command } from 'commander';
import { stamp } from '../../migrate/run/index.js';
import type { CliContext } from '../context.js';
import { milliseconds, projectConfig, revisionList } from './support/options.js';
import { withProjectDatabase } from './support/project-database.js';

export function registerStamp(program: Command, ctx: CliContext): void {
  program
    .command('stamp <target>')
    .description(
      'record the database as being at TARGET (a revision, head, heads or base) without running anything',
    )
    .option('--url <url>', "database URL (default: DATABASE_URL, else the config's database)")
    .option('--lock-timeout <ms>', "give up waiting for another process's migration lock after this long")
    .allowUnknownOption()
    .action(async (target: string, options: { url?: string; lockTimeout?: string }) => {
      const config = await projectConfig(ctx);
      const lockTimeoutMs = milliseconds(options.lockTimeout, '--lock-timeout');
      const result = await withProjectDatabase(config, options.url, ctx.cwd, (db) =>
        stamp({ migrations: config.migrations, db: db.session }, target, {
          ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }),
        }),
      );
      for (const id of result.removed) ctx.output.out(`unstamped ${id}`);
      for (const id of result.added) ctx.output.out(`stamped ${id}`);
      ctx.output.out(`Stamped: ${revisionList(result.from)} -> ${revisionList(result.to)}`);
    });
}
