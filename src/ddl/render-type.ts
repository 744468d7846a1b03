import { StrataError } from '../errors/strata-error.js';
import type { SqlType } from '../model/sql-type.js';
import { qualifiedIdent } from './quote.js';

/** `timestamp`/`time` names where the modifier goes before the time zone words: `timestamp(3) with time zone`. */
const TIME_ZONE_SUFFIX = / with(?:out)? time zone$/;

/**
 * Built-in and extension type names as `format_type` prints them: lower-case words separated by
 * single spaces (`double precision`), or the internal `"char"`. Anything else is either a
 * user-defined type (which must carry its schema) or not a type name at all.
 */
const BUILT_IN_TYPE_NAME = /^[a-z_][a-z0-9_]*(?: [a-z_][a-z0-9_]*)*$|^"char"$/;

/**
 * Renders a column type as PostgreSQL's `format_type` would print it, so that the DDL of a model
 * and the catalog of the database it creates read the same.
 *
 * @example
 * ```ts
 * import { renderType } from 'strata/ddl';
 * import { sqlType } from 'strata/model';
 *
 * renderType(sqlType('character varying', [50])); // character varying(50)
 * renderType(sqlType('timestamp with time zone', [3])); // timestamp(3) with time zone
 * renderType(sqlType('mood', [], { schema: 'app', arrayDims: 1 })); // app.mood[]
 * ```
 */
export function renderType(type: SqlType): string {
  for (const modifier of type.modifiers) {
    if (!Number.isInteger(modifier)) {
      throw new StrataError(
        'SCHEMA_INVALID',
        `Type ${type.name} has the modifier ${String(modifier)}; type modifiers are whole numbers, e.g. numeric(10,2).`,
        { type: type.name, modifiers: type.modifiers },
      );
    }
  }
  if (!Number.isInteger(type.arrayDims) || type.arrayDims < 0) {
    throw new StrataError(
      'SCHEMA_INVALID',
      `Type ${type.name} has arrayDims ${String(type.arrayDims)}; use 0 for a scalar and 1 for an array.`,
      { type: type.name, arrayDims: type.arrayDims },
    );
  }
  const modifiers = type.modifiers.length === 0 ? '' : `(${type.modifiers.join(',')})`;
  return withModifiers(type, modifiers) + '[]'.repeat(type.arrayDims);
}

function withModifiers(type: SqlType, modifiers: string): string {
  if (type.schema !== undefined) return qualifiedIdent(type.schema, type.name) + modifiers;
  if (!BUILT_IN_TYPE_NAME.test(type.name)) {
    throw new StrataError(
      'SCHEMA_INVALID',
      `Type name ${JSON.stringify(type.name)} is not a built-in or extension type name; ` +
        'give a user-defined type its schema (sqlType(name, [], { schema })) and no quotes or modifiers in the name.',
      { type: type.name },
    );
  }
  const timeZone = TIME_ZONE_SUFFIX.exec(type.name);
  if (timeZone === null) return type.name + modifiers;
  return type.name.slice(0, timeZone.index) + modifiers + timeZone[0];
}
