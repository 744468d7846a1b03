import type { ColumnModel } from './column.js';
import type { CheckModel, ForeignKeyModel, PrimaryKeyModel, UniqueModel } from './constraint.js';
import type { IndexModel } from './index-model.js';

/** A table with everything that hangs off it. */
export interface TableModel {
  readonly kind: 'table';
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly ColumnModel[];
  readonly primaryKey?: PrimaryKeyModel;
  readonly uniques: readonly UniqueModel[];
  readonly checks: readonly CheckModel[];
  readonly foreignKeys: readonly ForeignKeyModel[];
  readonly indexes: readonly IndexModel[];
  readonly comment?: string;
  /** Migration hint from the DSL: this table used to be called so. Never read from a catalog. */
  readonly renamedFrom?: string;
}
