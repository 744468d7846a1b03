import type { SqlType } from './sql-type.js';

/** Options of a sequence, shared by identity columns and free-standing sequences. */
export interface SequenceOptions {
  readonly start?: string;
  readonly increment?: string;
  readonly minValue?: string;
  readonly maxValue?: string;
  readonly cache?: string;
  readonly cycle?: boolean;
}

/** `GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY (...)`. */
export interface IdentityModel {
  readonly kind: 'identity';
  readonly always: boolean;
  readonly sequence: SequenceOptions;
}

/** `GENERATED ALWAYS AS (expression) STORED`. */
export interface GeneratedModel {
  readonly kind: 'generated';
  /** SQL expression, as written in the DSL or as `pg_get_expr` prints it. */
  readonly expression: string;
}

/** A table column. Value object: never mutated. */
export interface ColumnModel {
  readonly kind: 'column';
  readonly name: string;
  readonly type: SqlType;
  readonly notNull: boolean;
  /** Default as a SQL expression (`now()`, `'draft'::text`); undefined when there is none. */
  readonly default?: string;
  /** `serial`/`bigserial`/`smallserial`: an integer column whose default is its owned sequence. */
  readonly serial?: boolean;
  readonly identity?: IdentityModel;
  readonly generated?: GeneratedModel;
  readonly collation?: string;
  readonly comment?: string;
  /** Migration hint from the DSL: this column used to be called so. Never read from a catalog. */
  readonly renamedFrom?: string;
}
