import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * Where compiled SQL goes: text that is always trusted (keywords, operators, quoted
 * identifiers) and values that always become parameters. Nothing a caller passes is ever
 * written with `text()`: column names are looked up in the table and quoted, values go
 * through `param()`.
 */
export interface SqlWriter {
  /** Appends trusted SQL text. */
  text(sqlText: string): void;
  /** Appends a parameter placeholder for `value`. */
  param(value: unknown): void;
}

/**
 * Writes `$n` placeholders into one string, numbering after the parameters already in
 * `params`: the repositories' hot path, with no query builder in between.
 */
export class TextSqlWriter implements SqlWriter {
  sql = '';
  readonly params: unknown[];

  constructor(params: unknown[] = []) {
    this.params = params;
  }

  text(sqlText: string): void {
    this.sql += sqlText;
  }

  param(value: unknown): void {
    this.params.push(value);
    this.sql += `$${this.params.length}`;
  }
}

/**
 * Collects text and parameters as Kysely's `sql` tag would get them, so a compiled filter
 * becomes a Kysely expression that composes with any query on the same database.
 */
export class KyselySqlWriter implements SqlWriter {
  readonly #strings: string[] = [''];
  readonly #values: unknown[] = [];

  text(sqlText: string): void {
    this.#strings[this.#strings.length - 1] += sqlText;
  }

  param(value: unknown): void {
    this.#values.push(value);
    this.#strings.push('');
  }

  /** The collected SQL as a Kysely raw expression. */
  toRaw<T = SqlBool>(): RawBuilder<T> {
    const strings = Object.assign([...this.#strings], {
      raw: [...this.#strings],
    }) as unknown as TemplateStringsArray;
    return sql<T>(strings, ...this.#values);
  }
}

/**
 * Quotes an identifier. Always quoted, so a name is never read as a keyword and keeps its
 * exact spelling; embedded quotes are doubled.
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
