import { existsSync } from 'node:fs';
import { StrataError } from '../errors/strata-error.js';
import { defineSchema, type Schema } from '../schema/define-schema.js';
import { isEnumType } from '../schema/enum.js';
import { isTable } from '../schema/table.js';
import { importModule } from './load-config.js';

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && (value as Schema).kind === 'schemaDef';
}

/**
 * Loads a project's schema module: its `defineSchema(...)` result (default export or
 * `schema`), or else every table and enum it exports.
 */
export async function loadSchema(file: string): Promise<Schema> {
  if (!existsSync(file)) {
    throw new StrataError(
      'CONFIG_INVALID',
      `Schema module ${file} does not exist. Set "schema" in strata.config.ts or run "strata init".`,
      { file },
    );
  }
  const mod = await importModule(file);
  const explicit = [mod.default, mod.schema].find(isSchema);
  if (explicit) return explicit;
  const parts = Object.fromEntries(Object.entries(mod).filter(([, v]) => isTable(v) || isEnumType(v)));
  if (Object.keys(parts).length === 0) {
    throw new StrataError(
      'CONFIG_INVALID',
      `Schema module ${file} exports no schema, table or enum. Export defineSchema({ ... }) as "schema".`,
      { file },
    );
  }
  return defineSchema(parts);
}
