import type { Command } from 'commander';
import { toSql } from '../../ddl/to-sql.js';
import { loadConfig } from '../../project/load-config.js';
import { loadSchema } from '../../project/load-schema.js';
import type { CliContext } from '../context.js';

export function registerSql(program: Command, ctx: CliContext): void {
  program
    .command('sql')
    .description("print the complete DDL of the project's schema")
    .option('--schema <file>', 'schema module (default: from strata.config.ts)')
    .action(async (options: { schema?: string }) => {
      const config = await loadConfig(ctx.cwd, ctx.configFile ? { configFile: ctx.configFile } : {});
      const schema = await loadSchema(options.schema ? `${ctx.cwd}/${options.schema}` : config.schema);
      ctx.output.out(toSql(schema.model));
    });
}
