import { StrataError } from '../errors/strata-error.js';
import { NON_UNRESERVED_KEYWORDS } from './keywords.js';

/** A schema-qualified object: tables, types, sequences, indexes. `TableModel` and `EnumModel` are ones. */
export interface ObjectName {
  readonly schema: string;
  readonly name: string;
}

/**
 * PostgreSQL keeps the first 63 bytes of a name (NAMEDATALEN - 1) and drops the rest with only a
 * NOTICE, so a longer name would silently differ from the model that declared it.
 */
export const MAX_IDENTIFIER_BYTES = 63;

/** What `quote_ident()` leaves bare: lower-case ASCII letters, digits and `_`, not starting with a digit. */
const BARE_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Quotes a name only when PostgreSQL needs it: keywords, upper case, anything but `[a-z0-9_]`.
 * Bare names keep the rendered DDL readable; quoted ones keep their exact spelling.
 *
 * @example
 * ```ts
 * quoteIdent('users'); // users
 * quoteIdent('user'); // "user"
 * quoteIdent('Order'); // "Order"
 * quoteIdent('a"b'); // "a""b"
 * ```
 */
export function quoteIdent(name: string): string {
  if (name.length === 0) {
    throw new StrataError(
      'SCHEMA_INVALID',
      'A name is empty: every schema, table, column, constraint, index and type needs a non-empty name.',
      { identifier: name },
    );
  }
  if (name.includes('\0')) {
    throw new StrataError(
      'SCHEMA_INVALID',
      `The name ${JSON.stringify(name)} contains a NUL character, which PostgreSQL cannot store: remove it.`,
      {
        identifier: name,
      },
    );
  }
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_IDENTIFIER_BYTES) {
    throw new StrataError(
      'SCHEMA_INVALID',
      `The name "${name}" is ${bytes} bytes long; PostgreSQL cuts names to ${MAX_IDENTIFIER_BYTES} bytes, so shorten it.`,
      { identifier: name, bytes, maxBytes: MAX_IDENTIFIER_BYTES },
    );
  }
  if (BARE_IDENTIFIER.test(name) && !NON_UNRESERVED_KEYWORDS.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A comma-separated list of quoted names, as in column lists.
 *
 * @example
 * ```ts
 * quoteIdentList(['id', 'Order']); // id, "Order"
 * ```
 */
export function quoteIdentList(names: readonly string[]): string {
  return names.map(quoteIdent).join(', ');
}

/**
 * A schema-qualified name. Objects in `public` stay unqualified (it is on every default
 * `search_path` and the DDL reads better); every other schema is always written out.
 *
 * @example
 * ```ts
 * qualifiedIdent('public', 'users'); // users
 * qualifiedIdent('app', 'Task'); // app."Task"
 * ```
 */
export function qualifiedIdent(schema: string, name: string): string {
  if (schema === 'public') return quoteIdent(name);
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * A string literal. Backslashes switch to an `E'...'` literal (as `quote_literal()` does), so the
 * value reads back the same whatever `standard_conforming_strings` is set to.
 *
 * @example
 * ```ts
 * quoteLiteral("it's"); // 'it''s'
 * quoteLiteral('C:\\tmp'); // E'C:\\tmp'
 * ```
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) {
    throw new StrataError(
      'VALUE_INVALID',
      `The text ${JSON.stringify(value)} contains a NUL character, which PostgreSQL text cannot hold: remove it.`,
      { value },
    );
  }
  const doubledQuotes = value.replaceAll("'", "''");
  if (value.includes('\\')) return `E'${doubledQuotes.replaceAll('\\', '\\\\')}'`;
  return `'${doubledQuotes}'`;
}
