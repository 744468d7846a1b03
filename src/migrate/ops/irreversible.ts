import type { IrreversibleOperation, MigrationOperation } from './operation.js';

/**
 * The answer of `invertOperation` for an operation that has no inverse, with the reason.
 *
 * @example
 * ```ts
 * import { irreversible } from 'strata/migrate';
 *
 * irreversible({ kind: 'sql', sql: 'UPDATE users SET bio = NULL' }, 'raw SQL without a down statement');
 * ```
 */
export function irreversible(operation: MigrationOperation, reason: string): IrreversibleOperation {
  return { kind: 'irreversible', reason, operation };
}

/** Whether `invertOperation` found no inverse. */
export function isIrreversible(
  value: MigrationOperation | IrreversibleOperation,
): value is IrreversibleOperation {
  return value.kind === 'irreversible';
}
