import type { ForeignKeyAction } from '../model/index.js';
import type { AnyColumn, ReferenceOptions } from './column.js';
import { type SqlFragment, sqlText } from './sql.js';

/** `PRIMARY KEY (a, b)` in a table's extras (a composite key). */
export interface PrimaryKeyDef {
  readonly kind: 'primaryKeyDef';
  readonly name?: string;
  readonly columns: readonly AnyColumn[];
}

/** `UNIQUE (a, b)` in a table's extras. */
export interface UniqueDef {
  readonly kind: 'uniqueDef';
  readonly name?: string;
  readonly columns: readonly AnyColumn[];
  readonly nullsNotDistinct: boolean;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
}

/** A named `CHECK (...)` in a table's extras. */
export interface CheckDef {
  readonly kind: 'checkDef';
  readonly name: string;
  readonly expression: string;
  readonly notValid: boolean;
}

/** A (possibly composite) `FOREIGN KEY` in a table's extras. */
export interface ForeignKeyDef {
  readonly kind: 'foreignKeyDef';
  readonly name?: string;
  readonly columns: readonly AnyColumn[];
  /** Referenced columns; a function when the other table is declared later. */
  readonly foreignColumns: readonly AnyColumn[] | (() => readonly AnyColumn[]);
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly match: 'simple' | 'full';
  readonly notValid: boolean;
}

/**
 * A composite primary key.
 *
 * @example
 * ```ts
 * import { primaryKey, table, uuid } from 'strata/schema';
 * const memberships = table('memberships', { user_id: uuid().notNull(), team_id: uuid().notNull() }, (t) => [
 *   primaryKey(t.user_id, t.team_id),
 * ]);
 * ```
 */
export function primaryKey(...columns: AnyColumn[]): PrimaryKeyDef;
export function primaryKey(options: { name?: string; columns: readonly AnyColumn[] }): PrimaryKeyDef;
export function primaryKey(...args: unknown[]): PrimaryKeyDef {
  const first = args[0];
  if (
    first !== undefined &&
    typeof first === 'object' &&
    first !== null &&
    'columns' in first &&
    !('spec' in first)
  ) {
    const options = first as { name?: string; columns: readonly AnyColumn[] };
    return {
      kind: 'primaryKeyDef',
      columns: options.columns,
      ...(options.name === undefined ? {} : { name: options.name }),
    };
  }
  return { kind: 'primaryKeyDef', columns: args as AnyColumn[] };
}

/** A (multi-column) unique constraint: `unique('name').on(t.a, t.b).nullsNotDistinct()`. */
export function unique(name?: string): UniqueBuilder {
  return new UniqueBuilder({
    kind: 'uniqueDef',
    ...(name === undefined ? {} : { name }),
    columns: [],
    nullsNotDistinct: false,
    deferrable: false,
    initiallyDeferred: false,
  });
}

export class UniqueBuilder {
  readonly kind = 'uniqueDef' as const;
  constructor(readonly def: UniqueDef) {}
  on(...columns: AnyColumn[]): UniqueBuilder {
    return new UniqueBuilder({ ...this.def, columns });
  }
  nullsNotDistinct(): UniqueBuilder {
    return new UniqueBuilder({ ...this.def, nullsNotDistinct: true });
  }
  deferrable(options: { initiallyDeferred?: boolean } = {}): UniqueBuilder {
    return new UniqueBuilder({
      ...this.def,
      deferrable: true,
      initiallyDeferred: options.initiallyDeferred ?? false,
    });
  }
}

/** A named check constraint: `check('price_positive', sql\`${t.price} > 0\`)`. */
export function check(
  name: string,
  expression: string | SqlFragment,
  options: { notValid?: boolean } = {},
): CheckDef {
  return { kind: 'checkDef', name, expression: sqlText(expression), notValid: options.notValid ?? false };
}

/**
 * A foreign key over one or more columns.
 *
 * @example
 * ```ts
 * import { foreignKey, table, integer } from 'strata/schema';
 * const parents = table('parents', { a: integer().notNull(), b: integer().notNull() });
 * const children = table('children', { pa: integer(), pb: integer() }, (t) => [
 *   foreignKey({ name: 'children_parent_fk', columns: [t.pa, t.pb], foreignColumns: [parents.columns.a, parents.columns.b], onDelete: 'cascade' }),
 * ]);
 * ```
 */
export function foreignKey(
  options: ReferenceOptions & {
    columns: readonly AnyColumn[];
    foreignColumns: readonly AnyColumn[] | (() => readonly AnyColumn[]);
    notValid?: boolean;
  },
): ForeignKeyDef {
  return {
    kind: 'foreignKeyDef',
    ...(options.name === undefined ? {} : { name: options.name }),
    columns: options.columns,
    foreignColumns: options.foreignColumns,
    onDelete: options.onDelete ?? 'no action',
    onUpdate: options.onUpdate ?? 'no action',
    deferrable: options.deferrable ?? options.initiallyDeferred ?? false,
    initiallyDeferred: options.initiallyDeferred ?? false,
    match: options.match ?? 'simple',
    notValid: options.notValid ?? false,
  };
}
