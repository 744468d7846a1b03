import type { SqlExecutor } from '../db/executor.js';
import { qualifiedIdent } from '../ddl/quote.js';
import { StrataError } from '../errors/strata-error.js';
import { type ConfigValidator, isConfigValidator, runValidator } from './config-validator.js';
import type { ConfigVersion } from './config-version.js';
import type { ConfigurationSession } from './configuration-session.js';
import { jsonProblems } from './json-value.js';
import { type SystemConfigurationsTable, systemConfigurationsTable } from './system-configurations-table.js';

const MODULE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.:/-]{0,199}$/;
const MAX_HISTORY_PAGE = 1000;
/** Attempts of a write that lost a race for its version number (only without the module lock's help). */
const WRITE_ATTEMPTS = 5;

export interface ConfigurationStoreOptions {
  /** The table to use (default `systemConfigurationsTable`, in `public`); it must exist. */
  readonly table?: SystemConfigurationsTable;
  /**
   * A schema per module, checked before a configuration of that module is saved (by `set`,
   * `rollback` and the default of `get`). zod-like (`safeParse`/`parse`), Standard Schema, or
   * a function returning error messages.
   */
  readonly validators?: Readonly<Record<string, ConfigValidator>>;
}

export interface GetConfigOptions<T> {
  /** Saved as the module's first version when it has no configuration yet, then returned. */
  readonly default?: T;
  /** Prompt template saved with the default. */
  readonly promptTemplate?: string;
}

export interface SetConfigOptions {
  /** The module's prompt template: a string sets it, null removes it, leaving it out keeps the current one. */
  readonly promptTemplate?: string | null;
  /** Why the change was made, kept in the history. */
  readonly note?: string;
}

export interface HistoryOptions {
  /** Versions per page, newest first (1 to 1000, default 50). */
  readonly limit?: number;
  /** Only versions older than this one (for the next page). */
  readonly beforeVersion?: number;
}

interface VersionRow {
  readonly module: string;
  readonly version: number;
  readonly config: unknown;
  readonly prompt_template: string | null;
  readonly is_active: boolean;
  readonly note: string | null;
  readonly created_at: unknown;
}

/** What a write stores; `promptTemplate: undefined` keeps the active version's template. */
interface Change {
  readonly config: unknown;
  readonly promptTemplate: string | null | undefined;
  readonly note: string | null;
}

const COLUMNS = 'module, version, config, prompt_template, is_active, note, created_at';

function toVersion<T>(row: VersionRow): ConfigVersion<T> {
  const createdAt = row.created_at instanceof Date ? row.created_at : new Date(String(row.created_at));
  return {
    kind: 'configVersion',
    module: row.module,
    version: Number(row.version),
    config: row.config as T,
    promptTemplate: row.prompt_template,
    active: row.is_active,
    note: row.note,
    createdAt,
  };
}

function checkModule(module: unknown): string {
  if (typeof module !== 'string' || !MODULE_NAME.test(module)) {
    throw new StrataError(
      'CONFIG_INVALID',
      `${JSON.stringify(module)} is not a module name: use 1 to 200 letters, digits and _ . : / - (e.g. "search" or "agents/router").`,
      { module },
    );
  }
  return module;
}

function checkVersionNumber(version: unknown, what: string): number {
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1 || version > 2147483647) {
    throw new StrataError(
      'CONFIG_INVALID',
      `${what} must be a version number (a whole number from 1); got ${String(version)}.`,
      {
        [what]: version,
      },
    );
  }
  return version;
}

function checkText(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.includes('\0')) {
    throw new StrataError(
      'CONFIG_INVALID',
      `${what} must be a string without NUL characters; got ${typeof value}.`,
      {
        [what]: typeof value,
      },
    );
  }
}

function isUniqueViolation(error: unknown): boolean {
  if (error instanceof StrataError) return error.code === 'UNIQUE_VIOLATION';
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/**
 * Configuration in the database instead of in code: one JSON configuration per module, with
 * an optional prompt template, versioned (every change is a new version and the history is
 * kept), one active version per module, rollback to any earlier version, and an optional
 * schema per module that a configuration must pass before it is saved.
 *
 * Writers of one module are serialised by a transaction-scoped lock, and the primary key
 * (module, version) guarantees that two writers never share a version number.
 *
 * @example
 * ```ts
 * import { connect } from 'strata/db';
 * import { ConfigurationStore } from 'strata/configuration';
 *
 * const db = await connect({ url: process.env.DATABASE_URL });
 * const configs = new ConfigurationStore(db, {
 *   validators: { search: (c) => (typeof (c as { topK?: unknown }).topK === 'number' ? [] : ['topK must be a number']) },
 * });
 * // Never hard-code: the first call stores the default as version 1, later calls read what is active.
 * const search = await configs.get('search', { default: { topK: 10, hybrid: true } });
 * await configs.set('search', { ...search, topK: 20 }, { note: 'more recall' }); // version 2
 * await configs.rollback('search', 1); // version 3, equal to version 1
 * ```
 */
export class ConfigurationStore {
  readonly #session: ConfigurationSession;
  readonly #table: string;
  readonly #lockPrefix: string;
  readonly #validators: ReadonlyMap<string, ConfigValidator>;

  constructor(session: ConfigurationSession, options: ConfigurationStoreOptions = {}) {
    this.#session = session;
    const table = options.table ?? systemConfigurationsTable;
    this.#table = qualifiedIdent(table.schema, table.name);
    this.#lockPrefix = `strata.configuration:${table.schema}.${table.name}:`;
    const validators = new Map<string, ConfigValidator>();
    for (const [module, validator] of Object.entries(options.validators ?? {})) {
      checkModule(module);
      if (!isConfigValidator(validator)) {
        throw new StrataError(
          'CONFIG_INVALID',
          `The validator of module "${module}" is neither a function nor an object with safeParse, parse or ~standard.validate.`,
          { module },
        );
      }
      validators.set(module, validator);
    }
    this.#validators = validators;
  }

  /**
   * The active configuration of a module. When the module has none and a `default` is given,
   * the default is validated, saved as the first version and returned (once, even when
   * several processes start together); without a default that is NOT_FOUND.
   *
   * @example
   * ```ts
   * declare const configs: ConfigurationStore;
   * const { topK } = await configs.get('search', { default: { topK: 10 } });
   * ```
   */
  async get<T = unknown>(module: string, options: GetConfigOptions<T> = {}): Promise<T> {
    return (await this.current<T>(module, options)).config;
  }

  /**
   * Like `get`, with the version's details: number, prompt template, note, creation time.
   *
   * @example
   * ```ts
   * declare const configs: ConfigurationStore;
   * const { config, promptTemplate, version } = await configs.current('summarizer', {
   *   default: { model: 'small' },
   *   promptTemplate: 'Summarise:\n{{text}}',
   * });
   * ```
   */
  async current<T = unknown>(module: string, options: GetConfigOptions<T> = {}): Promise<ConfigVersion<T>> {
    checkModule(module);
    const found = await this.#active<T>(this.#session.executor, module);
    if (found) return found;
    if (!('default' in options) || options.default === undefined) {
      throw new StrataError(
        'NOT_FOUND',
        `Module "${module}" has no configuration: save one with set("${module}", config), or pass { default } to get().`,
        { module },
      );
    }
    if (options.promptTemplate !== undefined) checkText(options.promptTemplate, 'promptTemplate');
    const config = await this.#validate(module, options.default);
    return this.#write<T>(
      module,
      { config, promptTemplate: options.promptTemplate ?? null, note: 'Default' },
      true,
    );
  }

  /**
   * Saves a new version of a module's configuration and makes it active. The configuration is
   * validated first (CONFIG_INVALID, and nothing saved, when it fails). Saving what is already
   * active changes nothing and returns the active version.
   *
   * @example
   * ```ts
   * declare const configs: ConfigurationStore;
   * const saved = await configs.set('search', { topK: 20 }, { note: 'raise recall', promptTemplate: null });
   * saved.version; // e.g. 2
   * ```
   */
  async set<T = unknown>(
    module: string,
    config: T,
    options: SetConfigOptions = {},
  ): Promise<ConfigVersion<T>> {
    checkModule(module);
    if (options.promptTemplate !== undefined && options.promptTemplate !== null) {
      checkText(options.promptTemplate, 'promptTemplate');
    }
    if (options.note !== undefined) checkText(options.note, 'note');
    const value = await this.#validate(module, config);
    return this.#write<T>(
      module,
      { config: value, promptTemplate: options.promptTemplate, note: options.note ?? null },
      false,
    );
  }

  /**
   * Makes an earlier version current again, as a new version (the history only grows). The
   * old configuration must still pass the module's validator.
   *
   * @example
   * ```ts
   * declare const configs: ConfigurationStore;
   * const restored = await configs.rollback('search', 3);
   * restored.note; // 'Rolled back to version 3'
   * ```
   */
  async rollback<T = unknown>(
    module: string,
    version: number,
    options: { readonly note?: string } = {},
  ): Promise<ConfigVersion<T>> {
    checkModule(module);
    checkVersionNumber(version, 'version');
    if (options.note !== undefined) checkText(options.note, 'note');
    const target = await this.version(module, version);
    const config = await this.#validate(module, target.config);
    return this.#write<T>(
      module,
      {
        config,
        promptTemplate: target.promptTemplate,
        note: options.note ?? `Rolled back to version ${version}`,
      },
      false,
    );
  }

  /**
   * One version of a module's configuration; NOT_FOUND when it does not exist.
   *
   * @example
   * ```ts
   * declare const configs: ConfigurationStore;
   * const first = await configs.version('search', 1);
   * ```
   */
  async version<T = unknown>(module: string, version: number): Promise<ConfigVersion<T>> {
    checkModule(module);
    checkVersionNumber(version, 'version');
    const result = await this.#session.executor.query<VersionRow>(
      `select ${COLUMNS} from ${this.#table} where module = $1 and version = $2`,
      [module, version],
    );
    const row = result.rows[0];
    if (!row) {
      throw new StrataError('NOT_FOUND', `Module "${module}" has no configuration version ${version}.`, {
        module,
        version,
      });
    }
    return toVersion<T>(row);
  }

  /**
   * A module's versions, newest first. Page with `beforeVersion` set to the last version seen.
   *
   * @example
   * ```ts
   * declare const configs: ConfigurationStore;
   * const recent = await configs.history('search', { limit: 10 });
   * const older = await configs.history('search', { limit: 10, beforeVersion: recent.at(-1)?.version });
   * ```
   */
  async history<T = unknown>(module: string, options: HistoryOptions = {}): Promise<ConfigVersion<T>[]> {
    checkModule(module);
    const limit = options.limit ?? 50;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_HISTORY_PAGE) {
      throw new StrataError(
        'CONFIG_INVALID',
        `limit must be a whole number from 1 to ${MAX_HISTORY_PAGE}; got ${String(limit)}.`,
        {
          limit,
        },
      );
    }
    const before =
      options.beforeVersion === undefined ? null : checkVersionNumber(options.beforeVersion, 'beforeVersion');
    const result = await this.#session.executor.query<VersionRow>(
      `select ${COLUMNS} from ${this.#table}
       where module = $1 and ($2::int is null or version < $2::int)
       order by version desc limit $3`,
      [module, before, limit],
    );
    return result.rows.map((row) => toVersion<T>(row));
  }

  /**
   * The active version of every module, by module name.
   *
   * @example
   * ```ts
   * declare const configs: ConfigurationStore;
   * for (const { module, version } of await configs.modules()) console.log(module, version);
   * ```
   */
  async modules(): Promise<ConfigVersion[]> {
    const result = await this.#session.executor.query<VersionRow>(
      `select ${COLUMNS} from ${this.#table} where is_active order by module`,
    );
    return result.rows.map((row) => toVersion(row));
  }

  async #validate(module: string, config: unknown): Promise<unknown> {
    const validator = this.#validators.get(module);
    let value = config;
    if (validator) {
      const outcome = await runValidator(validator, config);
      if (outcome.kind === 'invalid') {
        throw new StrataError(
          'CONFIG_INVALID',
          `The configuration of module "${module}" does not match its schema; nothing was saved:\n` +
            outcome.issues.map((issue) => `- ${issue}`).join('\n'),
          { module, issues: outcome.issues },
        );
      }
      value = outcome.value;
    }
    const problems = jsonProblems(value);
    if (problems.length > 0) {
      throw new StrataError(
        'CONFIG_INVALID',
        `The configuration of module "${module}" is not plain JSON; nothing was saved:\n` +
          problems.map((problem) => `- ${problem}`).join('\n'),
        { module, issues: problems },
      );
    }
    return value;
  }

  async #active<T>(executor: SqlExecutor, module: string): Promise<ConfigVersion<T> | undefined> {
    const result = await executor.query<VersionRow>(
      `select ${COLUMNS} from ${this.#table} where module = $1 and is_active`,
      [module],
    );
    const row = result.rows[0];
    return row ? toVersion<T>(row) : undefined;
  }

  /**
   * Saves `change` as the next version and activates it, under the module's lock. With
   * `onlyIfNone`, a version another writer activated meanwhile wins (the default of `get`).
   */
  async #write<T>(module: string, change: Change, onlyIfNone: boolean): Promise<ConfigVersion<T>> {
    const json = JSON.stringify(change.config);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.#session.transaction(async (tx) => {
          const executor = tx.executor;
          await executor.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
            this.#lockPrefix + module,
          ]);
          const state = await executor.query<{
            next: number;
            same: boolean | null;
            prompt_template: string | null;
            active: number | null;
          }>(
            `select coalesce(max(version), 0)::int + 1 as next,
                    bool_or(is_active and config = $2::jsonb) as same,
                    max(prompt_template) filter (where is_active) as prompt_template,
                    max(version) filter (where is_active) as active
             from ${this.#table} where module = $1`,
            [module, json],
          );
          const { next, same, prompt_template: activeTemplate, active } = state.rows[0]!;
          const promptTemplate = change.promptTemplate === undefined ? activeTemplate : change.promptTemplate;
          if (active !== null && (onlyIfNone || (same === true && promptTemplate === activeTemplate))) {
            return (await this.#active<T>(executor, module))!;
          }
          await executor.query(
            `update ${this.#table} set is_active = false where module = $1 and is_active`,
            [module],
          );
          const inserted = await executor.query<VersionRow>(
            `insert into ${this.#table} (module, version, config, prompt_template, is_active, note)
             values ($1, $2, $3::jsonb, $4, true, $5) returning ${COLUMNS}`,
            [module, next, json, promptTemplate, change.note],
          );
          return toVersion<T>(inserted.rows[0]!);
        });
      } catch (error) {
        // The lock makes this rare: it takes a writer that does not lock, or a caller's
        // transaction whose snapshot predates the other writer's commit.
        if (!isUniqueViolation(error)) throw error;
        if (attempt >= WRITE_ATTEMPTS) {
          throw new StrataError(
            'CONFLICT',
            `Module "${module}" was changed by another writer ${WRITE_ATTEMPTS} times while saving: retry, ` +
              'outside a repeatable read or serializable transaction.',
            { module },
            { cause: error },
          );
        }
      }
    }
  }
}
