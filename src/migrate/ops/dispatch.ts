import type { RenderOptions } from './handler.js';
import { handlerFor } from './handlers.js';
import type { IrreversibleOperation, MigrationOperation } from './operation.js';
import type { RenderedStatement } from './rendered-statement.js';

/**
 * The SQL statements of one operation, each ending with `;`, with whether it may run in the
 * migration's transaction.
 *
 * @example
 * ```ts
 * renderOperation({ kind: 'setNotNull', table: { schema: 'public', name: 'users' }, column: 'email' });
 * // [{ sql: 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;', transactional: true }]
 * ```
 */
export function renderOperation(op: MigrationOperation, options: RenderOptions = {}): RenderedStatement[] {
  return handlerFor(op).render(op, options);
}

/** The statements of several operations, in order. */
export function renderOperations(
  ops: readonly MigrationOperation[],
  options: RenderOptions = {},
): RenderedStatement[] {
  return ops.flatMap((op) => renderOperation(op, options));
}

/**
 * The operation that undoes `op` exactly, or an IrreversibleOperation saying why there is none
 * (raw SQL without `down`, a drop whose model was not given).
 *
 * @example
 * ```ts
 * import { invertOperation, objectRef } from 'strata/migrate';
 *
 * const table = objectRef('users');
 * invertOperation({ kind: 'renameColumn', table, from: 'name', to: 'full_name' });
 * // { kind: 'renameColumn', table, from: 'full_name', to: 'name' }
 * ```
 */
export function invertOperation(op: MigrationOperation): MigrationOperation | IrreversibleOperation {
  return handlerFor(op).invert(op);
}

/**
 * The downgrade of a list of operations: each inverted, in reverse order.
 *
 * @example
 * ```ts
 * import { invertOperations, isIrreversible, type SchemaDiff } from 'strata/migrate';
 *
 * declare const diff: SchemaDiff; // from diffSchemas()
 * const down = invertOperations(diff.operations);
 * if (down.some(isIrreversible)) console.warn('no complete downgrade');
 * ```
 */
export function invertOperations(
  ops: readonly MigrationOperation[],
): (MigrationOperation | IrreversibleOperation)[] {
  return [...ops].reverse().map(invertOperation);
}

/**
 * Why running `op` loses data (dropping a table or a column, narrowing a type, removing an enum
 * label), or `false`.
 *
 * @example
 * ```ts
 * import { isDestructive, objectRef } from 'strata/migrate';
 *
 * const table = objectRef('users');
 * isDestructive({ kind: 'dropColumn', table, column: 'bio' });
 * // 'drops column users.bio and its data; the downgrade recreates it empty'
 * ```
 */
export function isDestructive(op: MigrationOperation): string | false {
  return handlerFor(op).destructive(op);
}

/**
 * A short description of an operation for messages and logs.
 *
 * @example
 * ```ts
 * import { describeOperation, objectRef } from 'strata/migrate';
 *
 * const table = objectRef('users');
 * describeOperation({ kind: 'dropColumn', table, column: 'bio' }); // 'drop column users.bio'
 * ```
 */
export function describeOperation(op: MigrationOperation): string {
  return handlerFor(op).describe(op);
}
