import type { Command } from 'commander';
import { parseRenames } from '../../migrate/autogenerate/index.js';
import { compareSchemas, scratchDatabasesOn } from '../../migrate/compare/index.js';
import { describeOperation } from '../../migrate/ops/index.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../output.js';
import { collect, projectConfig } from './support/options.js';
import { renameHintLine } from './support/print-changes.js';

interface DiffOptions {
  readonly from: string;
  readonly to: string;
  readonly down?: boolean;
  readonly exitCode?: boolean;
  readonly renameTable?: readonly string[];
  readonly renameColumn?: readonly string[];
  readonly ignoreTable?: readonly string[];
  readonly scratchUrl?: string;
}

const SOURCES =
  'postgres://… (a server), pglite:PATH (an embedded database folder), schema: or schema:FILE (the project schema), migrations:REV (the schema the migrations build at REV, e.g. migrations:head)';

export function registerDiff(program: Command, ctx: CliContext): void {
  program
    .command('diff')
    .description(
      'print the SQL that makes the --from schema equal to the --to schema (with --down: the SQL that turns it back afterwards); changes nothing',
    )
    .requiredOption('--from <source>', `the schema to change: ${SOURCES}`)
    .requiredOption('--to <source>', 'the schema to reach (same forms as --from)')
    .option('--down', 'print the SQL that turns --from back after the upgrade, instead of the upgrade')
    .option('--exit-code', 'exit 1 when the schemas differ')
    .option('--rename-table <old=new>', 'table OLD was renamed to NEW (repeatable)', collect)
    .option('--rename-column <table.old=new>', 'column OLD of TABLE was renamed to NEW (repeatable)', collect)
    .option(
      '--ignore-table <name>',
      'leave table NAME (or SCHEMA.NAME) alone on both sides (repeatable)',
      collect,
    )
    .option(
      '--scratch-url <url>',
      'server for scratch databases (schema: and migrations: sources; default: an in-memory PGlite)',
    )
    .action(async (options: DiffOptions) => {
      const config = await projectConfig(ctx);
      const renames = parseRenames({
        tables: options.renameTable ?? [],
        columns: options.renameColumn ?? [],
      });
      const result = await compareSchemas(options.from, options.to, {
        cwd: ctx.cwd,
        config,
        renames,
        ...(options.ignoreTable === undefined ? {} : { ignoreTables: options.ignoreTable }),
        ...(options.scratchUrl === undefined
          ? {}
          : { scratch: scratchDatabasesOn(options.scratchUrl), scratchUrl: options.scratchUrl }),
      });
      if (result.identical) {
        ctx.output.err(`No differences: ${result.from} and ${result.to} have the same schema.`);
        return;
      }
      ctx.output.out(options.down ? result.downSql : result.upSql);
      const warnings = result.warnings;
      for (const w of warnings) if (w.kind === 'destructive') ctx.output.err(`DESTRUCTIVE: ${w.reason}`);
      for (const w of warnings) if (w.kind === 'possibleRename') ctx.output.err(`hint: ${renameHintLine(w)}`);
      for (const w of warnings) if (w.kind === 'manualStep') ctx.output.err(`manual step: ${w.message}`);
      if (options.down) {
        for (const op of result.irreversible) {
          ctx.output.err(`irreversible: cannot undo "${describeOperation(op.operation)}": ${op.reason}`);
        }
      }
      if (options.exitCode) ctx.exitCode = EXIT.differences;
    });
}
