/** Referential action of a foreign key. */
export type ForeignKeyAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface PrimaryKeyModel {
  readonly kind: 'primaryKey';
  readonly name: string;
  readonly columns: readonly string[];
}

export interface UniqueModel {
  readonly kind: 'unique';
  readonly name: string;
  readonly columns: readonly string[];
  readonly nullsNotDistinct: boolean;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
}

export interface CheckModel {
  readonly kind: 'check';
  readonly name: string;
  /** Boolean SQL expression, without the surrounding `CHECK (...)`. */
  readonly expression: string;
  readonly notValid: boolean;
}

export interface ForeignKeyModel {
  readonly kind: 'foreignKey';
  readonly name: string;
  readonly columns: readonly string[];
  readonly references: {
    readonly schema: string;
    readonly table: string;
    readonly columns: readonly string[];
  };
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
  readonly match: 'simple' | 'full';
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly notValid: boolean;
}

/** Every table-level constraint. */
export type ConstraintModel = PrimaryKeyModel | UniqueModel | CheckModel | ForeignKeyModel;
export type ConstraintKind = ConstraintModel['kind'];
