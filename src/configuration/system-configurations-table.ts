import {
  boolean,
  check,
  integer,
  jsonb,
  primaryKey,
  schemaTable,
  sql,
  text,
  timestamptz,
  uniqueIndex,
} from '../schema/index.js';

/**
 * The `system_configurations` table in a given PostgreSQL schema (see
 * `systemConfigurationsTable` for the one in `public`). One row per version of a module's
 * configuration; the primary key (module, version) makes two writers unable to claim the
 * same version, and a partial unique index allows one active version per module.
 *
 * @example
 * ```ts
 * import { defineSchema, table, text, uuidPrimaryKey } from 'strata/schema';
 * import { configurationStoreTable } from 'strata/configuration';
 *
 * export const users = table('users', { id: uuidPrimaryKey(), email: text().notNull() });
 * export const systemConfigurations = configurationStoreTable({ schema: 'admin' });
 * export const schema = defineSchema({ users, systemConfigurations });
 * ```
 */
export function configurationStoreTable<TSchema extends string = 'public'>(
  options: { readonly schema?: TSchema } = {},
) {
  const schema = (options.schema ?? 'public') as TSchema;
  return schemaTable(
    schema,
    'system_configurations',
    {
      module: text().notNull(),
      version: integer().notNull(),
      config: jsonb().notNull(),
      prompt_template: text(),
      is_active: boolean().notNull().default(false),
      note: text(),
      created_at: timestamptz().notNull().defaultNow(),
    },
    (t) => [
      primaryKey(t.module, t.version),
      check('system_configurations_version_check', 'version > 0'),
      uniqueIndex('system_configurations_active_idx').on(t.module).where(sql`${t.is_active}`),
    ],
  ).comment('Versioned configuration per module; every change is a new version, one version is active.');
}

/** The table of a configuration store (see `configurationStoreTable`). */
export type SystemConfigurationsTable = ReturnType<typeof configurationStoreTable>;

/**
 * `system_configurations` in `public`, to add to an app's schema so migrations create it.
 *
 * @example
 * ```ts
 * import { defineSchema, table, text, uuidPrimaryKey } from 'strata/schema';
 * import { systemConfigurationsTable } from 'strata/configuration';
 *
 * export const users = table('users', { id: uuidPrimaryKey(), email: text().notNull() });
 * export const schema = defineSchema({ users, systemConfigurations: systemConfigurationsTable });
 * ```
 */
export const systemConfigurationsTable: SystemConfigurationsTable = configurationStoreTable();
