import type { Command } from 'commander';
import { autogenerateRevision, parseRenames } from '../../migrate/autogenerate/index.js';
import { scratchDatabasesOn } from '../../migrate/compare/index.js';
import { newRevision } from '../../migrate/revisions/index.js';
import { loadSchema } from '../../project/load-schema.js';
import type { CliContext } from '../context.js';
import { collect, projectConfig, revisionList } from './support/options.js';
import { printChanges } from './support/print-changes.js';
import { withProjectDatabase } from './support/project-database.js';

interface RevisionOptions {
  readonly message: string;
  readonly autogenerate?: boolean;
  readonly renameTable?: readonly string[];
  readonly renameColumn?: readonly string[];
  readonly ignoreTable?: readonly string[];
  readonly head?: readonly string[];
  readonly revId?: string;
  readonly branchLabel?: string;
  readonly url?: string;
  readonly scratchUrl?: string;
}

export function registerRevision(program: Command, ctx: CliContext): void {
  program
    .command('revision')
    .description(
      "write a new migration after the current head; with --autogenerate, filled with what makes the database (at head) match the project's schema",
    )
    .requiredOption('-m, --message <message>', 'what the migration does')
    .option('--autogenerate', "compare the project's schema with the database and write the operations")
    .option(
      '--rename-table <old=new>',
      'with --autogenerate: table OLD was renamed to NEW (repeatable)',
      collect,
    )
    .option(
      '--rename-column <table.old=new>',
      'with --autogenerate: column OLD of TABLE (its new name) was renamed to NEW (repeatable)',
      collect,
    )
    .option(
      '--ignore-table <name>',
      'leave table NAME (or SCHEMA.NAME) alone on both sides (repeatable)',
      collect,
    )
    .option('--head <rev>', 'parent revision instead of the single head (repeatable)', collect)
    .option('--rev-id <id>', 'revision id to use instead of a random one')
    .option('--branch-label <label>', 'branch label of the new revision')
    .option(
      '--url <url>',
      "database URL for --autogenerate (default: DATABASE_URL, else the config's database)",
    )
    .option(
      '--scratch-url <url>',
      'server to canonicalise the schema on, in a scratch database (default: an in-memory PGlite)',
    )
    .action(async (options: RevisionOptions) => {
      const config = await projectConfig(ctx);
      const common = {
        message: options.message,
        ...(options.head === undefined ? {} : { parents: options.head }),
        ...(options.revId === undefined ? {} : { revision: options.revId }),
        ...(options.branchLabel === undefined ? {} : { branchLabels: [options.branchLabel] }),
      };
      if (!options.autogenerate) {
        const ignored = [options.renameTable, options.renameColumn, options.ignoreTable].some(
          (list) => list !== undefined,
        );
        if (ignored) {
          ctx.output.err(
            'warning: --rename-table, --rename-column and --ignore-table only apply with --autogenerate',
          );
        }
        const created = await newRevision({ migrations: config.migrations }, common);
        ctx.output.out(`Created ${created.file}`);
        ctx.output.out(`revision ${created.revision}, after ${revisionList(created.parents)}`);
        return;
      }
      const renames = parseRenames({
        tables: options.renameTable ?? [],
        columns: options.renameColumn ?? [],
      });
      const schema = await loadSchema(config.schema);
      const result = await withProjectDatabase(config, options.url, ctx.cwd, (db) =>
        autogenerateRevision(
          {
            migrations: config.migrations,
            db: db.session,
            model: schema.model,
            renames,
            ...(options.ignoreTable === undefined ? {} : { ignoreTables: options.ignoreTable }),
            ...(options.scratchUrl === undefined ? {} : { scratch: scratchDatabasesOn(options.scratchUrl) }),
          },
          common,
        ),
      );
      const { revision, changes } = result;
      ctx.output.out(`Created ${revision.file}`);
      ctx.output.out(`revision ${revision.revision}, after ${revisionList(revision.parents)}`);
      if (changes.operations.length === 0) {
        ctx.output.out('No schema changes were detected: the migration is empty.');
        return;
      }
      ctx.output.out(`Detected ${changes.operations.length} operation(s):`);
      printChanges(ctx.output, changes);
    });
}
