import type { SqlWriter } from './sql-writer.js';

/** A value that becomes a query parameter. */
export class Param {
  constructor(readonly value: unknown) {}
}

/**
 * Compiled SQL before it is numbered: trusted text pieces and `Param`s. Kept as a flat list
 * so conditions can be tested for emptiness and combined before they are written.
 */
export type SqlParts = (string | Param)[];

/** Writes parts into a writer (numbering parameters there). */
export function writeParts(writer: SqlWriter, parts: SqlParts): void {
  for (const part of parts) {
    if (typeof part === 'string') writer.text(part);
    else writer.param(part.value);
  }
}

/** `(a) AND (b) AND …` (or OR); one condition is returned as it is. */
export function joinConditions(conditions: readonly SqlParts[], operator: ' AND ' | ' OR '): SqlParts {
  if (conditions.length === 1) return conditions[0]!;
  const out: SqlParts = [];
  conditions.forEach((condition, i) => {
    if (i > 0) out.push(operator);
    out.push('(', ...condition, ')');
  });
  return out;
}
