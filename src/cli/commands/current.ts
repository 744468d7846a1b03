import type { Command } from 'commander';
import { current } from '../../migrate/run/index.js';
import type { CliContext } from '../context.js';
import { projectConfig } from './support/options.js';
import { withProjectDatabase } from './support/project-database.js';

export function registerCurrent(program: Command, ctx: CliContext): void {
  program
    .command('current')
    .description("show the database's current revision(s) (creates nothing)")
    .option('--url <url>', "database URL (default: DATABASE_URL, else the config's database)")
    .action(async (options: { url?: string }) => {
      const config = await projectConfig(ctx);
      const state = await withProjectDatabase(config, options.url, ctx.cwd, (db) =>
        current({ migrations: config.migrations, db: db.session }),
      );
      if (state.revisions.length === 0) {
        ctx.output.out(
          state.versionTableExists ? 'base (no migration applied)' : 'base (no version table yet)',
        );
      }
      for (const row of state.revisions) {
        const head = state.heads.includes(row.revision) ? ' (head)' : '';
        ctx.output.out(`${row.revision}${head}, ${row.message}${row.stamped ? ' [stamped]' : ''}`);
      }
      if (state.pending.length > 0) {
        ctx.output.out(`pending: ${state.pending.length} revision(s): ${state.pending.join(', ')}`);
      }
      if (state.unknown.length > 0) {
        ctx.output.err(
          `warning: applied revisions that no migration file defines: ${state.unknown.join(', ')}`,
        );
      }
      for (const m of state.checksumMismatches) {
        ctx.output.err(`warning: ${m.revision} (${m.fileName}) was edited after it was applied`);
      }
    });
}
