import { quoteIdent } from '../../ddl/quote.js';
import { renderType } from '../../ddl/render-type.js';
import type { SqlType } from '../../model/sql-type.js';

/**
 * What PostgreSQL does by itself when a column's type changes (`ALTER COLUMN … TYPE` without
 * `USING` applies the assignment cast), and what that may cost. Types are canonical (see
 * `src/catalog/normalize.ts`).
 */

const TEXT_TYPES: ReadonlySet<string> = new Set(['text', 'character varying', 'character']);
/** Integer and floating types by width: a move to a lower rank can overflow or round. */
const NUMBER_RANK: Readonly<Record<string, number>> = { smallint: 1, integer: 2, bigint: 3, numeric: 4 };
const FLOAT_TYPES: ReadonlySet<string> = new Set(['real', 'double precision']);
const TEMPORAL_TYPES: ReadonlySet<string> = new Set([
  'date',
  'timestamp without time zone',
  'timestamp with time zone',
]);
const TIME_TYPES: ReadonlySet<string> = new Set(['time without time zone', 'time with time zone']);
const BIT_TYPES: ReadonlySet<string> = new Set(['bit', 'bit varying']);
const VECTOR_TYPES: ReadonlySet<string> = new Set(['vector', 'halfvec', 'sparsevec']);

function isNumber(name: string): boolean {
  return NUMBER_RANK[name] !== undefined || FLOAT_TYPES.has(name);
}

function sameName(a: SqlType, b: SqlType): boolean {
  return a.name === b.name && a.schema === b.schema;
}

/** Two types between which PostgreSQL has an implicit or assignment cast. */
function sameFamily(from: SqlType, to: SqlType): boolean {
  if (sameName(from, to)) return true;
  const families = [TEXT_TYPES, TEMPORAL_TYPES, TIME_TYPES, BIT_TYPES];
  if (families.some((family) => family.has(from.name) && family.has(to.name))) {
    return from.schema === undefined && to.schema === undefined;
  }
  return from.schema === undefined && to.schema === undefined && isNumber(from.name) && isNumber(to.name);
}

/**
 * Whether `ALTER COLUMN … TYPE` needs a `USING` cast: PostgreSQL only converts by itself
 * where an assignment cast exists (within the number, text and date/time families, and from
 * anything to text). Leaving it out where it is not needed matters: `USING c::varchar(5)`
 * would silently truncate where the assignment cast refuses too long values.
 *
 * @example
 * ```ts
 * import { needsUsing } from 'strata/migrate';
 * import { sqlType } from 'strata/model';
 *
 * needsUsing(sqlType('integer'), sqlType('bigint')); // false
 * needsUsing(sqlType('text'), sqlType('uuid')); // true
 * ```
 */
export function needsUsing(from: SqlType, to: SqlType): boolean {
  if (from.arrayDims !== to.arrayDims) return true;
  if (sameFamily(from, to)) return false;
  // Everything has an assignment cast to text through its output function.
  return !(from.arrayDims === 0 && to.schema === undefined && TEXT_TYPES.has(to.name));
}

/**
 * The `USING` expression for a column changing from `from` to `to`: a plain cast, or a cast
 * through text where no direct cast exists (between two user-defined types such as enums).
 *
 * @example
 * ```ts
 * import { usingCast } from 'strata/migrate';
 * import { sqlType } from 'strata/model';
 *
 * usingCast('status', sqlType('text'), sqlType('task_status', [], { schema: 'app' }));
 * // status::app.task_status
 * ```
 */
export function usingCast(column: string, from: SqlType, to: SqlType): string {
  const through =
    from.schema !== undefined && !(to.schema === undefined && TEXT_TYPES.has(to.name))
      ? `::text${'[]'.repeat(from.arrayDims)}`
      : '';
  return `${quoteIdent(column)}${through}::${renderType(to)}`;
}

/** A `USING` cast when one is needed, else undefined. */
export function usingIfNeeded(column: string, from: SqlType, to: SqlType): string | undefined {
  return needsUsing(from, to) ? usingCast(column, from, to) : undefined;
}

function describeType(type: SqlType): string {
  return renderType(type);
}

function modifierNarrowing(from: SqlType, to: SqlType): string | false {
  const [fromFirst, fromSecond] = from.modifiers;
  const [toFirst, toSecond] = to.modifiers;
  const what = `${describeType(from)} to ${describeType(to)}`;
  if (TEXT_TYPES.has(from.name) || BIT_TYPES.has(from.name)) {
    if (toFirst !== undefined && (fromFirst === undefined || toFirst < fromFirst)) {
      return `narrows ${what}: longer values make the migration fail`;
    }
    return false;
  }
  if (from.name === 'numeric') {
    if (toFirst === undefined) return false;
    if (fromFirst === undefined || toFirst < fromFirst || (toSecond ?? 0) < (fromSecond ?? 0)) {
      return `narrows ${what}: values are rounded to the new scale and too large values make the migration fail`;
    }
    return false;
  }
  if (TEMPORAL_TYPES.has(from.name) || TIME_TYPES.has(from.name) || from.name === 'interval') {
    if (toFirst !== undefined && (fromFirst === undefined || toFirst < fromFirst)) {
      return `narrows ${what}: fractional seconds are rounded to ${toFirst} digits`;
    }
    return false;
  }
  if (VECTOR_TYPES.has(from.name)) {
    if (fromFirst !== toFirst) {
      return `changes ${what}: stored vectors keep their dimensions, so the migration fails unless the table is empty`;
    }
    return false;
  }
  if (fromFirst !== toFirst || fromSecond !== toSecond) return `changes ${what}: values may not convert`;
  return false;
}

function numberNarrowing(from: SqlType, to: SqlType): string | false {
  const what = `${describeType(from)} to ${describeType(to)}`;
  const fromRank = NUMBER_RANK[from.name];
  const toRank = NUMBER_RANK[to.name];
  if (fromRank !== undefined && toRank !== undefined) {
    if (toRank >= fromRank && (to.name !== 'numeric' || to.modifiers.length === 0)) return false;
    return `narrows ${what}: values out of range make the migration fail${from.name === 'numeric' ? ' and fractions are rounded' : ''}`;
  }
  if (FLOAT_TYPES.has(from.name) && FLOAT_TYPES.has(to.name)) {
    return to.name === 'double precision' ? false : `narrows ${what}: values lose precision`;
  }
  if (FLOAT_TYPES.has(from.name)) return `converts ${what}: fractions are rounded`;
  if (from.name === 'smallint' || from.name === 'integer') return false;
  return `converts ${what}: values lose precision`;
}

/**
 * Why changing a column from `from` to `to` may lose data or fail on existing rows, or
 * `false` when every value converts exactly (a widening).
 *
 * @example
 * ```ts
 * import { typeChangeRisk } from 'strata/migrate';
 * import { sqlType } from 'strata/model';
 *
 * typeChangeRisk(sqlType('integer'), sqlType('bigint')); // false
 * typeChangeRisk(sqlType('character varying', [100]), sqlType('character varying', [20]));
 * // 'narrows character varying(100) to character varying(20): longer values make the migration fail'
 * ```
 */
export function typeChangeRisk(from: SqlType, to: SqlType): string | false {
  const what = `${describeType(from)} to ${describeType(to)}`;
  if (from.arrayDims !== to.arrayDims)
    return `converts ${what}: values must convert between array and scalar`;
  if (sameName(from, to)) return modifierNarrowing(from, to);
  if (to.schema === undefined && TEXT_TYPES.has(to.name)) {
    if (to.modifiers[0] !== undefined) return `narrows ${what}: longer values make the migration fail`;
    return false;
  }
  if (from.schema === undefined && to.schema === undefined) {
    if (isNumber(from.name) && isNumber(to.name)) return numberNarrowing(from, to);
    if (TEXT_TYPES.has(from.name) && TEXT_TYPES.has(to.name)) return false;
    if (from.name === 'date' && to.name.startsWith('timestamp')) return false;
    if (from.name === 'timestamp without time zone' && to.name === 'timestamp with time zone') return false;
    if (from.name === 'timestamp with time zone' && to.name === 'timestamp without time zone') {
      return `converts ${what}: values are shifted to the session time zone and lose it`;
    }
    if (from.name.startsWith('timestamp') && to.name === 'date')
      return `converts ${what}: the time of day is lost`;
    if (from.name === 'json' && to.name === 'jsonb') {
      return `converts ${what}: key order, duplicate keys and whitespace are lost`;
    }
    if (from.name === 'jsonb' && to.name === 'json') return false;
  }
  return `converts ${what}: values that do not convert make the migration fail`;
}
