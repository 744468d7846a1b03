import type { IrreversibleOperation, MigrationOperation } from './operation.js';
import type { OperationsApi } from './operations-api.js';
import type { RenderedStatement } from './rendered-statement.js';

/** How operations are rendered. */
export interface RenderOptions {
  /**
   * `false` builds and drops indexes without CONCURRENTLY even when an operation asks for it,
   * so that every statement can run in one transaction (e.g. offline SQL for an empty database).
   * Default: as each operation says.
   */
  readonly concurrently?: boolean;
}

/** The `op.<method>(...args)` call that records an operation, for migration files. */
export interface OperationCall {
  readonly method: keyof OperationsApi;
  readonly args: readonly unknown[];
}

/**
 * Everything Strata knows how to do with one kind of operation. The dispatch table in
 * `handlers.ts` holds one per kind, so a kind without a handler does not compile.
 */
export interface OperationHandler<O extends MigrationOperation> {
  render(op: O, options: RenderOptions): RenderedStatement[];
  /** The exact inverse, or why there is none. */
  invert(op: O): MigrationOperation | IrreversibleOperation;
  /** Why running it loses data, or `false`. */
  destructive(op: O): string | false;
  call(op: O): OperationCall;
  /** A short human description, e.g. `drop column users.bio`. */
  describe(op: O): string;
}
