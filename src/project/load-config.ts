import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { createJiti } from 'jiti';
import { StrataError } from '../errors/strata-error.js';
import type { ResolvedConfig, StrataConfig } from './config.js';

/** Config file names looked for, in order. */
export const CONFIG_FILES = [
  'strata.config.ts',
  'strata.config.mts',
  'strata.config.js',
  'strata.config.mjs',
] as const;

/** Schema modules looked for when the config names none. */
export const DEFAULT_SCHEMA_FILES = [
  'src/schema.ts',
  'src/db/schema.ts',
  'schema.ts',
  'src/schema/index.ts',
] as const;

/** Imports a TypeScript or JavaScript module at run time, with no build step for the user. */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  const jiti = createJiti(import.meta.url, { interopDefault: false, moduleCache: false });
  try {
    return (await jiti.import(file)) as Record<string, unknown>;
  } catch (error) {
    throw new StrataError(
      'CONFIG_INVALID',
      `Could not load ${file}: ${(error as Error).message}`,
      { file },
      { cause: error },
    );
  }
}

function validate(config: unknown, file: string): StrataConfig {
  if (typeof config !== 'object' || config === null) {
    throw new StrataError(
      'CONFIG_INVALID',
      `${file} must export a config object (export default defineConfig({ ... }))`,
      { file },
    );
  }
  const c = config as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!['schema', 'migrations', 'database'].includes(key)) {
      throw new StrataError(
        'CONFIG_INVALID',
        `${file} has an unknown option "${key}"; the options are schema, migrations and database`,
        { file, option: key },
      );
    }
  }
  for (const key of ['schema', 'migrations'] as const) {
    if (c[key] !== undefined && typeof c[key] !== 'string') {
      throw new StrataError('CONFIG_INVALID', `${file}: "${key}" must be a path string`, {
        file,
        option: key,
      });
    }
  }
  return c as StrataConfig;
}

/**
 * Finds and loads the project's `strata.config.ts` (or uses defaults without one) and
 * resolves every path against the project folder. `DATABASE_URL` overrides the config's url.
 */
export async function loadConfig(
  root: string = process.cwd(),
  options: { configFile?: string } = {},
): Promise<ResolvedConfig> {
  const absoluteRoot = resolve(root);
  let configFile: string | undefined;
  if (options.configFile) {
    configFile = isAbsolute(options.configFile)
      ? options.configFile
      : resolve(absoluteRoot, options.configFile);
    if (!existsSync(configFile)) {
      throw new StrataError('CONFIG_INVALID', `Config file ${configFile} does not exist`, {
        file: configFile,
      });
    }
  } else {
    configFile = CONFIG_FILES.map((f) => resolve(absoluteRoot, f)).find((f) => existsSync(f));
  }
  let config: StrataConfig = {};
  if (configFile) {
    const mod = await importModule(configFile);
    config = validate(mod.default ?? mod.config, configFile);
  }
  const schema = config.schema
    ? resolve(absoluteRoot, config.schema)
    : (DEFAULT_SCHEMA_FILES.map((f) => resolve(absoluteRoot, f)).find((f) => existsSync(f)) ??
      resolve(absoluteRoot, DEFAULT_SCHEMA_FILES[0]));
  return {
    kind: 'resolvedConfig',
    root: absoluteRoot,
    configFile,
    schema,
    migrations: resolve(absoluteRoot, config.migrations ?? 'migrations'),
    database: {
      url: process.env.DATABASE_URL || config.database?.url,
      dataDir: resolve(absoluteRoot, config.database?.dataDir ?? '.strata/db'),
    },
  };
}
