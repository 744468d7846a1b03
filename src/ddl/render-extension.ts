import type { ExtensionModel } from '../model/schema-model.js';
import { quoteIdent } from './quote.js';

/**
 * `CREATE EXTENSION`, by default with IF NOT EXISTS: extensions belong to the whole database
 * and are often installed beforehand by an administrator.
 *
 * @example
 * ```ts
 * renderCreateExtension({ kind: 'extension', name: 'vector' }); // CREATE EXTENSION IF NOT EXISTS vector;
 * renderCreateExtension({ kind: 'extension', name: 'pg_trgm', schema: 'ext' });
 * // CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA ext;
 * ```
 */
export function renderCreateExtension(
  extension: ExtensionModel,
  options: { readonly ifNotExists?: boolean } = {},
): string {
  const ifNotExists = options.ifNotExists === false ? '' : 'IF NOT EXISTS ';
  const schema = extension.schema === undefined ? '' : ` WITH SCHEMA ${quoteIdent(extension.schema)}`;
  return `CREATE EXTENSION ${ifNotExists}${quoteIdent(extension.name)}${schema};`;
}

/**
 * `DROP EXTENSION`.
 *
 * @example
 * ```ts
 * renderDropExtension('vector', { ifExists: true }); // DROP EXTENSION IF EXISTS vector;
 * ```
 */
export function renderDropExtension(
  name: string,
  options: { readonly ifExists?: boolean; readonly cascade?: boolean } = {},
): string {
  const ifExists = options.ifExists === true ? 'IF EXISTS ' : '';
  const cascade = options.cascade === true ? ' CASCADE' : '';
  return `DROP EXTENSION ${ifExists}${quoteIdent(name)}${cascade};`;
}
