import { isStrataError } from '../errors/strata-error.js';

/** Where a command writes; tests pass their own to capture output. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: CliOutput = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** Exit codes shared by every command: 0 fine, 1 "differences found" (check, diff --exit-code), 2 errors. */
export const EXIT = { ok: 0, differences: 1, error: 2 } as const;

/** Prints an error the way every command does: code, message, and the Postgres cause when there is one. */
export function reportError(output: CliOutput, error: unknown): number {
  if (isStrataError(error)) {
    output.err(`error [${error.code}]: ${error.message}`);
    const cause = error.cause as { message?: string } | undefined;
    if (cause?.message && !error.message.includes(cause.message)) output.err(`  caused by: ${cause.message}`);
  } else {
    output.err(`error: ${(error as Error)?.message ?? String(error)}`);
  }
  return EXIT.error;
}
