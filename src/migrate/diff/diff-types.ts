import type { MigrationOperation } from '../ops/operation.js';

/**
 * Renames the differ may not guess, declared by the caller. Keys name the old object, values
 * the new name:
 * - `tables`: `'old'` or `'schema.old'` → `'new'` (same schema);
 * - `columns`: `'table.old'` or `'schema.table.old'` → `'new'`, where `table` is the table's new name;
 * - `enumValues`: `'enum'` or `'schema.enum'` → `{ old: 'new' }`.
 * A table's or column's `renamedFrom` in the model says the same.
 */
export interface DiffRenames {
  readonly tables?: Readonly<Record<string, string>>;
  readonly columns?: Readonly<Record<string, string>>;
  readonly enumValues?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface DiffOptions {
  readonly renames?: DiffRenames;
  /** Tables neither side should touch: `'name'` (in public) or `'schema.name'`. */
  readonly ignoreTables?: readonly string[];
  /**
   * Build new indexes of existing tables with CREATE INDEX CONCURRENTLY (and drop changed ones
   * concurrently). Default: only the indexes whose model asks for it (`concurrently: true`).
   */
  readonly concurrentIndexes?: boolean;
}

/** A dropped and an added table or column that look alike: maybe a rename, which the differ does not guess. */
export interface RenameHint {
  readonly kind: 'possibleRename';
  readonly object: 'table' | 'column';
  readonly schema: string;
  /** The table of a column rename hint (its new name). */
  readonly table?: string;
  readonly from: string;
  readonly to: string;
  readonly message: string;
}

/** An operation of the diff that loses data (or fails on some data), with the reason. */
export interface DestructiveWarning {
  readonly kind: 'destructive';
  readonly operation: MigrationOperation;
  readonly reason: string;
  readonly message: string;
}

/** Something the diff cannot do safely by itself. */
export interface ManualStepWarning {
  readonly kind: 'manualStep';
  readonly message: string;
}

export type DiffWarning = RenameHint | DestructiveWarning | ManualStepWarning;

/** What `diffSchemas` finds: operations in an order that runs, and what a human should look at. */
export interface SchemaDiff {
  readonly operations: readonly MigrationOperation[];
  readonly warnings: readonly DiffWarning[];
}
