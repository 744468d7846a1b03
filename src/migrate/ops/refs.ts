import { type ObjectName, qualifiedIdent, quoteIdent } from '../../ddl/quote.js';
import { StrataError } from '../../errors/strata-error.js';

export type { ObjectName };

/** A table, type, sequence or index: `'users'` (in `public`), `'app.users'`, or `{ schema, name }`. */
export type ObjectRefInput = string | ObjectName;

/**
 * A clean `{ schema, name }` from what a migration author wrote. A string with one dot is
 * `schema.name`; without a dot the object is in `public`. Models (a TableModel is an ObjectName)
 * are reduced to their name so that operation values stay small.
 *
 * @example
 * ```ts
 * objectRef('app.users'); // { schema: 'app', name: 'users' }
 * objectRef('users'); // { schema: 'public', name: 'users' }
 * ```
 */
export function objectRef(input: ObjectRefInput): ObjectName {
  if (typeof input !== 'string') return { schema: input.schema, name: input.name };
  const parts = input.split('.');
  if (parts.length === 1 && parts[0] !== '') return { schema: 'public', name: input };
  if (parts.length === 2 && parts[0] !== '' && parts[1] !== '') return { schema: parts[0]!, name: parts[1]! };
  throw new StrataError(
    'USAGE',
    `${JSON.stringify(input)} is not a valid object name: write 'name' or 'schema.name', or pass { schema, name } when a name contains a dot.`,
    { name: input },
  );
}

/** The shortest argument `objectRef` turns back into `ref`, for generated code. */
export function refArg(ref: ObjectName): string | ObjectName {
  if (ref.schema.includes('.') || ref.name.includes('.') || ref.name === '' || ref.schema === '') {
    return { schema: ref.schema, name: ref.name };
  }
  return ref.schema === 'public' ? ref.name : `${ref.schema}.${ref.name}`;
}

/** `users`, `app.users`: for messages. */
export function displayName(ref: ObjectName): string {
  return ref.schema === 'public' ? ref.name : `${ref.schema}.${ref.name}`;
}

/** `ALTER TABLE <table>`. */
export function alterTable(table: ObjectName): string {
  return `ALTER TABLE ${qualifiedIdent(table.schema, table.name)}`;
}

/** `ALTER TABLE <table> ALTER COLUMN <column>`. */
export function alterColumn(table: ObjectName, column: string): string {
  return `${alterTable(table)} ALTER COLUMN ${quoteIdent(column)}`;
}
