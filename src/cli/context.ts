import type { CliOutput } from './output.js';

/** What every command gets: where to write, the working directory, the --config option. */
export interface CliContext {
  readonly output: CliOutput;
  readonly cwd: string;
  configFile: string | undefined;
  /** Set by a command to ask for a non-zero exit without an error (check, diff --exit-code). */
  exitCode: number;
}
