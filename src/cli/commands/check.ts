import type { Command } from 'commander';
import { checkSchema, parseRenames } from '../../migrate/autogenerate/index.js';
import { scratchDatabasesOn } from '../../migrate/compare/index.js';
import { loadSchema } from '../../project/load-schema.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../output.js';
import { collect, projectConfig } from './support/options.js';
import { printChanges } from './support/print-changes.js';
import { withProjectDatabase } from './support/project-database.js';

interface CheckOptions {
  readonly url?: string;
  readonly scratchUrl?: string;
  readonly renameTable?: readonly string[];
  readonly renameColumn?: readonly string[];
  readonly ignoreTable?: readonly string[];
}

export function registerCheck(program: Command, ctx: CliContext): void {
  program
    .command('check')
    .description(
      "exit 1 when the database (at head) differs from the project's schema, i.e. when revision --autogenerate would write operations",
    )
    .option('--url <url>', "database URL (default: DATABASE_URL, else the config's database)")
    .option(
      '--scratch-url <url>',
      'server to canonicalise the schema on, in a scratch database (default: an in-memory PGlite)',
    )
    .option('--rename-table <old=new>', 'table OLD was renamed to NEW (repeatable)', collect)
    .option('--rename-column <table.old=new>', 'column OLD of TABLE was renamed to NEW (repeatable)', collect)
    .option(
      '--ignore-table <name>',
      'leave table NAME (or SCHEMA.NAME) alone on both sides (repeatable)',
      collect,
    )
    .action(async (options: CheckOptions) => {
      const config = await projectConfig(ctx);
      const renames = parseRenames({
        tables: options.renameTable ?? [],
        columns: options.renameColumn ?? [],
      });
      const schema = await loadSchema(config.schema);
      const result = await withProjectDatabase(config, options.url, ctx.cwd, (db) =>
        checkSchema({
          migrations: config.migrations,
          db: db.session,
          model: schema.model,
          renames,
          ...(options.ignoreTable === undefined ? {} : { ignoreTables: options.ignoreTable }),
          ...(options.scratchUrl === undefined ? {} : { scratch: scratchDatabasesOn(options.scratchUrl) }),
        }),
      );
      if (result.clean) {
        ctx.output.out('No new upgrade operations detected: the database matches the schema.');
        return;
      }
      ctx.output.out(
        `The database differs from the schema: revision --autogenerate would write ${result.changes.operations.length} operation(s):`,
      );
      printChanges(ctx.output, result.changes);
      ctx.exitCode = EXIT.differences;
    });
}
