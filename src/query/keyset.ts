import { StrataError } from '../errors/strata-error.js';
import type { SortKey } from './order-by.js';
import { Param, type SqlParts } from './sql-parts.js';
import type { TableMeta } from './table-meta.js';

/**
 * Keyset (cursor) pagination: the sort keys are made total by appending the primary key,
 * and a cursor holds the sort-key values of the last row of a page. The next page is the rows
 * strictly after it in sort order, NULLs placed as PostgreSQL places them.
 */

/** The sort keys with the primary key columns appended (so no two rows tie). */
export function totalOrder(meta: TableMeta, keys: readonly SortKey[]): SortKey[] {
  if (meta.primaryKey.length === 0) {
    throw new StrataError(
      'USAGE',
      `Keyset pagination on ${meta.label} needs a primary key to break ties between rows; the table has none.`,
      { table: meta.label },
    );
  }
  const out = [...keys];
  for (const column of meta.primaryKey) {
    if (!out.some((key) => key.column === column)) {
      out.push({ column, descending: false, nullsFirst: false, explicitNulls: false });
    }
  }
  return out;
}

/** Timestamps are carried as PostgreSQL's text, which keeps the microseconds a JavaScript Date drops. */
export function cursorNeedsText(key: SortKey): boolean {
  return key.column.kind.kind === 'timestamp';
}

/** The name under which a query returns sort-key `i` for the cursor when the row does not carry it exactly. */
export function cursorField(i: number): string {
  return `__strata_cursor_${i}`;
}

interface CursorPayload {
  /** Sort signature: column names and directions, so a cursor is not used with another sort. */
  readonly s: string;
  readonly v: readonly unknown[];
}

function signature(keys: readonly SortKey[]): string {
  return keys.map((k) => `${k.column.name}:${k.descending ? 'd' : 'a'}${k.nullsFirst ? 'f' : 'l'}`).join(',');
}

/** Cursor text for the sort-key values of a row. */
export function encodeCursor(keys: readonly SortKey[], values: readonly unknown[]): string {
  const encoded = values.map((value) => {
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Date) return value.toISOString();
    if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
    return value;
  });
  const payload: CursorPayload = { s: signature(keys), v: encoded };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/**
 * The values a cursor holds, checked against the sort it is used with. A cursor is opaque to
 * callers but not trusted: a malformed or foreign one is a VALUE_INVALID error, and its values
 * only ever become parameters.
 */
export function decodeCursor(keys: readonly SortKey[], cursor: string): unknown[] {
  const invalid = (reason: string) =>
    new StrataError(
      'VALUE_INVALID',
      `Invalid pagination cursor: ${reason}. Pass back a cursor from the same query.`,
      {
        reason,
      },
    );
  if (typeof cursor !== 'string' || cursor.length > 16_384) throw invalid('not a cursor string');
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('it cannot be decoded');
  }
  const p = payload as Partial<CursorPayload> | null;
  if (typeof p !== 'object' || p === null || typeof p.s !== 'string' || !Array.isArray(p.v)) {
    throw invalid('it cannot be decoded');
  }
  if (p.s !== signature(keys) || p.v.length !== keys.length)
    throw invalid('it was made for another sort order');
  return keys.map((key, i) => {
    const value: unknown = p.v![i];
    if (value === null) return null;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw invalid(`the value for ${key.column.name} is not a scalar`);
    }
    const kind = key.column.kind.kind;
    if (kind === 'timestamp') {
      if (typeof value !== 'string') throw invalid(`the value for ${key.column.name} is not a timestamp`);
      return value;
    }
    if (kind === 'bytea') {
      if (typeof value !== 'string') throw invalid(`the value for ${key.column.name} is not bytes`);
      return Buffer.from(value, 'base64');
    }
    try {
      return key.column.prepare(value);
    } catch {
      throw invalid(`the value for ${key.column.name} does not fit the column`);
    }
  });
}

/**
 * `WHERE` parts selecting the rows after a cursor:
 * `(k1 after v1) OR (k1 = v1 AND k2 after v2) OR …`, where "after" accounts for direction and
 * for NULLs (which come last ascending and first descending unless the sort says otherwise).
 */
export function afterCursorCondition(
  keys: readonly SortKey[],
  values: readonly unknown[],
  alias?: string,
): SqlParts {
  const ref = (key: SortKey) => (alias === undefined ? key.column.sql : `${alias}.${key.column.sql}`);
  const alternatives: SqlParts[] = [];
  const equalities: SqlParts[] = [];
  keys.forEach((key, i) => {
    const value = values[i];
    const column = ref(key);
    const nullable = !key.column.notNull;
    let after: SqlParts | undefined;
    let equal: SqlParts;
    if (value === null) {
      // Rows with NULL here: after them come the non-NULL ones only when NULLs sort first.
      after = key.nullsFirst ? [`${column} IS NOT NULL`] : undefined;
      equal = [`${column} IS NULL`];
    } else {
      const operator = key.descending ? '<' : '>';
      after = [`${column} ${operator} `, new Param(value)];
      if (nullable && !key.nullsFirst) after = ['(', ...after, ` OR ${column} IS NULL)`];
      equal = [`${column} = `, new Param(value)];
    }
    if (after !== undefined) {
      const alternative: SqlParts = [];
      for (const e of equalities) alternative.push(...e, ' AND ');
      alternative.push(...after);
      alternatives.push(alternative);
    }
    equalities.push(equal);
  });
  if (alternatives.length === 0) return ['FALSE'];
  const out: SqlParts = ['('];
  alternatives.forEach((alternative, i) => {
    if (i > 0) out.push(' OR ');
    out.push('(', ...alternative, ')');
  });
  out.push(')');
  return out;
}
