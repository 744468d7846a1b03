import type { SqlWriter } from '../query/sql-writer.js';

/**
 * Builds one statement's text and parameters. Besides the `SqlWriter` surface the filter
 * compiler writes to, a value can be bound once and referred to several times (the query
 * vector appears in the ORDER BY, the distance and the re-ranking: it is sent once).
 */
export class StatementWriter implements SqlWriter {
  sql = '';
  readonly params: unknown[] = [];

  text(sqlText: string): void {
    this.sql += sqlText;
  }

  param(value: unknown): void {
    this.sql += this.bind(value);
  }

  /** Adds a parameter and returns its placeholder (`$3`) for use in `text()`. */
  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

/** Quotes an identifier, always (a name is never read as a keyword and keeps its spelling). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
