/** Statements PostgreSQL refuses inside a transaction block, or that are only useful outside one. */
const OUTSIDE_TRANSACTION: readonly RegExp[] = [
  /^create\s+(unique\s+)?index\s+concurrently\b/i,
  /^drop\s+index\s+concurrently\b/i,
  /^reindex\s+(\([^)]*\)\s*)?(index|table|schema|database|system)\s+concurrently\b/i,
  /^alter\s+type\s+.+?\s+add\s+value\b/is,
  /^vacuum\b/i,
  /^(create|drop)\s+(database|tablespace)\b/i,
  /^alter\s+system\b/i,
];

function withoutLeadingComments(sql: string): string {
  let text = sql.trimStart();
  for (;;) {
    if (text.startsWith('--')) {
      const end = text.indexOf('\n');
      text = end === -1 ? '' : text.slice(end + 1).trimStart();
    } else if (text.startsWith('/*')) {
      const end = text.indexOf('*/');
      text = end === -1 ? '' : text.slice(end + 2).trimStart();
    } else {
      return text;
    }
  }
}

/**
 * Whether a SQL statement must run outside a transaction (`CREATE INDEX CONCURRENTLY`,
 * `ALTER TYPE … ADD VALUE`, `VACUUM`, …). Operations say so themselves through
 * `RenderedStatement.transactional`; this catches the same statements written as raw SQL.
 *
 * @example
 * ```ts
 * mustRunOutsideTransaction('CREATE INDEX CONCURRENTLY docs_title_idx ON docs (title)'); // true
 * ```
 */
export function mustRunOutsideTransaction(sql: string): boolean {
  const text = withoutLeadingComments(sql);
  return OUTSIDE_TRANSACTION.some((pattern) => pattern.test(text));
}
