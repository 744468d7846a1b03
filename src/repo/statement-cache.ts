import type { Projection } from './projection.js';

/** Shapes remembered per projection, and projections remembered, at most: past these, statements are built each time. */
const MAX_SHAPES = 500;
const MAX_PROJECTIONS = 100;

/**
 * SQL text of a repository's statements by shape: for each projection (the RETURNING list),
 * a map from a shape key (which columns a row or patch gives, which options are on) to the
 * statement built for it. Writes with the same columns, the usual case, then send a string
 * built once instead of joining column lists and placeholders on every call.
 *
 * Only SQL text is kept, never values: a shape key is made of column names the table
 * declares and option flags, so the cache stays small and cannot leak data between calls.
 */
export class StatementCache {
  readonly #byProjection = new Map<Projection, Map<string, string>>();

  /** The statement remembered for this shape, or undefined. */
  get(projection: Projection, shape: string): string | undefined {
    return this.#byProjection.get(projection)?.get(shape);
  }

  /** Remembers a statement (unless the projection has too many shapes already) and returns it. */
  set(projection: Projection, shape: string, sql: string): string {
    let shapes = this.#byProjection.get(projection);
    if (shapes === undefined) {
      if (this.#byProjection.size >= MAX_PROJECTIONS) return sql;
      shapes = new Map();
      this.#byProjection.set(projection, shapes);
    }
    if (shapes.size < MAX_SHAPES) shapes.set(shape, sql);
    return sql;
  }
}
