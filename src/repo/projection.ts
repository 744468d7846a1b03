import { StrataError } from '../errors/strata-error.js';
import { type ColumnMeta, columnOf, type TableMeta } from '../query/table-meta.js';
import { describeValue } from '../query/value-error.js';

/** The columns a statement returns, precomputed per selection. */
export interface Projection {
  /** Every column read, including hidden ones. */
  readonly columns: readonly ColumnMeta[];
  /** Columns read only for Strata's own use (relation keys), removed from the rows returned. */
  readonly hidden: readonly string[];
  /** Columns whose values need `decode`. */
  readonly decoded: readonly ColumnMeta[];
  /** `"a", "b"`. */
  readonly sql: string;
}

/**
 * Projections of one table, cached by selection: the hot path looks a string up instead of
 * rebuilding column lists.
 */
export class Projections {
  readonly #meta: TableMeta;
  readonly #cache = new Map<string, Projection>();
  readonly default: Projection;

  constructor(meta: TableMeta) {
    this.#meta = meta;
    this.default = this.#build(meta.defaultSelect, []);
  }

  /** The projection of `select` (undefined: default columns; `'*'`: all), plus `extra` hidden columns. */
  of(select: unknown, extra: readonly string[] = []): Projection {
    if (select === undefined && extra.length === 0) return this.default;
    const key = `${select === undefined ? '' : select === '*' ? '*' : Array.isArray(select) ? select.join('\u0000') : '?'}|${extra.join('\u0000')}`;
    let projection = this.#cache.get(key);
    if (projection === undefined) {
      projection = this.#build(this.#selected(select), extra);
      if (this.#cache.size < 1000) this.#cache.set(key, projection);
    }
    return projection;
  }

  #selected(select: unknown): readonly ColumnMeta[] {
    if (select === undefined) return this.#meta.defaultSelect;
    if (select === '*') return this.#meta.columnList;
    if (!Array.isArray(select) || select.length === 0) {
      throw new StrataError(
        'USAGE',
        `select must be a non-empty list of column names or '*'; got ${describeValue(select)}.`,
        { table: this.#meta.label },
      );
    }
    const columns: ColumnMeta[] = [];
    for (const name of select) {
      const column = columnOf(this.#meta, name as string, 'selected column');
      if (!columns.includes(column)) columns.push(column);
    }
    return columns;
  }

  #build(selected: readonly ColumnMeta[], extra: readonly string[]): Projection {
    const columns = [...selected];
    const hidden: string[] = [];
    for (const name of extra) {
      const column = columnOf(this.#meta, name);
      if (!columns.includes(column)) {
        columns.push(column);
        hidden.push(name);
      }
    }
    const decoded = columns.filter((c) => c.decode !== undefined);
    return {
      columns,
      hidden,
      decoded,
      sql: columns.map((c) => c.sql).join(', '),
    };
  }
}

/** Turns driver values into the columns' JavaScript types (bigint columns in number mode), in place. */
export function decodeRows(rows: readonly Record<string, unknown>[], projection: Projection): void {
  const decoded = projection.decoded;
  if (decoded.length === 0) return;
  for (const row of rows) {
    for (const column of decoded) {
      const value = row[column.name];
      if (value !== null && value !== undefined) row[column.name] = column.decode!(value);
    }
  }
}

/** Removes the hidden columns, in place. */
export function stripHidden(rows: readonly Record<string, unknown>[], projection: Projection): void {
  const hidden = projection.hidden;
  if (hidden.length === 0) return;
  for (const row of rows) for (const name of hidden) delete row[name];
}
