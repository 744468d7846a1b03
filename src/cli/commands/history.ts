import type { Command } from 'commander';
import type { MigrationContext } from '../../migrate/revisions/index.js';
import { type HistoryResult, history } from '../../migrate/run/index.js';
import type { CliContext } from '../context.js';
import { revisionLine } from './support/describe-revision.js';
import { projectConfig } from './support/options.js';
import { withProjectDatabase } from './support/project-database.js';

interface HistoryOptions {
  readonly rev?: string;
  readonly indicateCurrent?: boolean;
  readonly url?: string;
}

export function registerHistory(program: Command, ctx: CliContext): void {
  program
    .command('history')
    .description('list the revisions, newest first')
    .option('-r, --rev <range>', 'only the revisions in START:END (e.g. base:head, current:, -2:current)')
    .option('-i, --indicate-current', 'read the database and mark its current revision(s)')
    .option('--url <url>', "database URL for -i (default: DATABASE_URL, else the config's database)")
    .action(async (options: HistoryOptions) => {
      const config = await projectConfig(ctx);
      const range = options.rev === undefined ? {} : { range: options.rev };
      const run = (context: MigrationContext): Promise<HistoryResult> => history(context, range);
      const withDb = options.indicateCurrent === true || options.url !== undefined;
      const result = withDb
        ? await withProjectDatabase(config, options.url, ctx.cwd, (db) =>
            run({ migrations: config.migrations, db: db.session }),
          )
        : await run({ migrations: config.migrations });
      for (const entry of result.entries) {
        const info = entry.revision;
        const parents = info.parents.length === 0 ? '<base>' : info.parents.join(', ');
        const edited = entry.checksumChanged ? ' [edited since applied]' : '';
        ctx.output.out(`${parents} -> ${revisionLine(info, entry.current)}${edited}`);
      }
      if (result.entries.length === 0) ctx.output.out('No revisions.');
    });
}
