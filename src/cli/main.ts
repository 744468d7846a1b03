import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerBranches } from './commands/branches.js';
import { registerCheck } from './commands/check.js';
import { registerCurrent } from './commands/current.js';
import { registerDiff } from './commands/diff.js';
import { registerDowngrade } from './commands/downgrade.js';
import { registerHeads } from './commands/heads.js';
import { registerHistory } from './commands/history.js';
import { registerInit } from './commands/init.js';
import { registerMerge } from './commands/merge.js';
import { registerRevision } from './commands/revision.js';
import { registerSql } from './commands/sql.js';
import { registerStamp } from './commands/stamp.js';
import { registerUpgrade } from './commands/upgrade.js';
import { registerVerify } from './commands/verify.js';
import type { CliContext } from './context.js';
import { type CliOutput, EXIT, processOutput, reportError } from './output.js';

/** Every command, registered in the order `strata --help` lists them. */
const COMMANDS: readonly ((program: Command, ctx: CliContext) => void)[] = [
  registerInit,
  registerSql,
  registerRevision,
  registerUpgrade,
  registerDowngrade,
  registerCurrent,
  registerHistory,
  registerHeads,
  registerBranches,
  registerMerge,
  registerStamp,
  registerCheck,
  registerDiff,
  registerVerify,
];

/**
 * Runs the CLI with `argv` (as `process.argv`) and returns the exit code. Thin by design:
 * each command calls a library function and prints its result.
 */
export async function main(
  argv: readonly string[],
  output: CliOutput = processOutput,
  cwd = process.cwd(),
): Promise<number> {
  const ctx: CliContext = { output, cwd, configFile: undefined, exitCode: EXIT.ok };
  const program = new Command('strata')
    .description('Strata: schema, migrations, repositories and search for PostgreSQL + pgvector')
    .option('-c, --config <file>', 'path to strata.config.ts')
    .exitOverride()
    .configureOutput({ writeOut: (s) => output.out(s), writeErr: (s) => output.err(s) })
    .hook('preAction', (cmd) => {
      ctx.configFile = cmd.opts<{ config?: string }>().config;
    });
  for (const register of COMMANDS) register(program, ctx);
  try {
    await program.parseAsync(argv as string[]);
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    return reportError(output, error);
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
