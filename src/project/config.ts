/**
 * A project's Strata configuration, as written in `strata.config.ts`.
 *
 * @example
 * ```ts
 * // strata.config.ts
 * import { defineConfig } from 'strata';
 * export default defineConfig({
 *   schema: './src/db/schema.ts',
 *   migrations: './migrations',
 *   database: { dataDir: '.strata/db' },
 * });
 * ```
 */
export interface StrataConfig {
  /** Module that exports the schema (a `defineSchema` result, or tables and enums). */
  readonly schema?: string;
  /** Folder of migration files. */
  readonly migrations?: string;
  readonly database?: {
    /** `postgres://…` for a server, `memory://` for a throwaway embedded database. `DATABASE_URL` wins when set. */
    readonly url?: string;
    /** Folder of the embedded database (default `.strata/db`). */
    readonly dataDir?: string;
  };
}

/** A configuration with every path resolved against the project folder. */
export interface ResolvedConfig {
  readonly kind: 'resolvedConfig';
  /** The project folder (where `strata.config.ts` is, or the working directory). */
  readonly root: string;
  /** The config file that was loaded, if any. */
  readonly configFile: string | undefined;
  readonly schema: string;
  readonly migrations: string;
  readonly database: { readonly url: string | undefined; readonly dataDir: string };
}

/** Identity function that types a config file. */
export function defineConfig(config: StrataConfig): StrataConfig {
  return config;
}
