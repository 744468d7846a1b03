import { quoteIdent } from './quote.js';

/**
 * `CREATE SCHEMA`.
 *
 * @example
 * ```ts
 * renderCreateSchema('app'); // CREATE SCHEMA app;
 * renderCreateSchema('Billing', { ifNotExists: true }); // CREATE SCHEMA IF NOT EXISTS "Billing";
 * ```
 */
export function renderCreateSchema(name: string, options: { readonly ifNotExists?: boolean } = {}): string {
  return `CREATE SCHEMA ${options.ifNotExists === true ? 'IF NOT EXISTS ' : ''}${quoteIdent(name)};`;
}

/**
 * `DROP SCHEMA`.
 *
 * @example
 * ```ts
 * renderDropSchema('app', { ifExists: true, cascade: true }); // DROP SCHEMA IF EXISTS app CASCADE;
 * ```
 */
export function renderDropSchema(
  name: string,
  options: { readonly ifExists?: boolean; readonly cascade?: boolean } = {},
): string {
  const ifExists = options.ifExists === true ? 'IF EXISTS ' : '';
  const cascade = options.cascade === true ? ' CASCADE' : '';
  return `DROP SCHEMA ${ifExists}${quoteIdent(name)}${cascade};`;
}
