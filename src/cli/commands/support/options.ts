import { StrataError } from '../../../errors/strata-error.js';
import type { ResolvedConfig } from '../../../project/config.js';
import { loadConfig } from '../../../project/load-config.js';
import type { CliContext } from '../../context.js';

/** The project's configuration, from `--config` or the working directory. */
export function projectConfig(ctx: CliContext): Promise<ResolvedConfig> {
  return loadConfig(ctx.cwd, ctx.configFile ? { configFile: ctx.configFile } : {});
}

/** Commander collector for a repeatable option (`--rename-column a.b=c --rename-column …`). */
export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/** A non-negative whole number of milliseconds from an option, or undefined when not given. */
export function milliseconds(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) {
    throw new StrataError('USAGE', `${option} takes a whole number of milliseconds, got "${value}"`, {
      option,
      value,
    });
  }
  return Number(value.trim());
}

/** Text for a list of revisions; `base` when empty. */
export function revisionList(revisions: readonly string[]): string {
  return revisions.length === 0 ? 'base' : revisions.join(', ');
}
