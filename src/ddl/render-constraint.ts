import { StrataError } from '../errors/strata-error.js';
import type { ConstraintModel, ForeignKeyAction, ForeignKeyModel } from '../model/constraint.js';
import { assertNever } from '../util/assert-never.js';
import { type ObjectName, qualifiedIdent, quoteIdent, quoteIdentList } from './quote.js';

/** `NO ACTION` is PostgreSQL's default and is left out. */
const ACTION_SQL: Readonly<Record<ForeignKeyAction, string | undefined>> = {
  'no action': undefined,
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set null': 'SET NULL',
  'set default': 'SET DEFAULT',
};

/** `MATCH SIMPLE` is PostgreSQL's default and is left out. */
const MATCH_SQL: Readonly<Record<ForeignKeyModel['match'], string | undefined>> = {
  simple: undefined,
  full: 'MATCH FULL',
};

function columnList(constraint: ConstraintModel, columns: readonly string[], what = 'columns'): string {
  if (columns.length === 0) {
    throw new StrataError(
      'SCHEMA_INVALID',
      `Constraint ${constraint.name} has no ${what}; list at least one column.`,
      { constraint: constraint.name },
    );
  }
  return `(${quoteIdentList(columns)})`;
}

function deferrability(
  constraint: ConstraintModel & { readonly deferrable: boolean; readonly initiallyDeferred: boolean },
): string | undefined {
  if (constraint.initiallyDeferred && !constraint.deferrable) {
    throw new StrataError(
      'SCHEMA_INVALID',
      `Constraint ${constraint.name} is initially deferred but not deferrable; make it deferrable too.`,
      { constraint: constraint.name },
    );
  }
  if (!constraint.deferrable) return undefined;
  return constraint.initiallyDeferred ? 'DEFERRABLE INITIALLY DEFERRED' : 'DEFERRABLE';
}

function foreignKeyBody(fk: ForeignKeyModel): string {
  if (fk.columns.length !== fk.references.columns.length) {
    throw new StrataError(
      'SCHEMA_INVALID',
      `Foreign key ${fk.name} has ${fk.columns.length} column(s) but references ${fk.references.columns.length}; ` +
        'list one referenced column per referencing column.',
      { constraint: fk.name, columns: fk.columns, references: fk.references.columns },
    );
  }
  const target = qualifiedIdent(fk.references.schema, fk.references.table);
  const parts: (string | undefined)[] = [
    `FOREIGN KEY ${columnList(fk, fk.columns)} REFERENCES ${target} ${columnList(fk, fk.references.columns, 'referenced columns')}`,
    MATCH_SQL[fk.match],
    ACTION_SQL[fk.onDelete] === undefined ? undefined : `ON DELETE ${ACTION_SQL[fk.onDelete]}`,
    ACTION_SQL[fk.onUpdate] === undefined ? undefined : `ON UPDATE ${ACTION_SQL[fk.onUpdate]}`,
    deferrability(fk),
    fk.notValid ? 'NOT VALID' : undefined,
  ];
  return parts.filter((part) => part !== undefined).join(' ');
}

/**
 * A constraint without its name: what follows `CONSTRAINT name`.
 *
 * @example
 * ```ts
 * renderConstraintBody({ kind: 'check', name: 'price_positive', expression: 'price > 0', notValid: false });
 * // CHECK (price > 0)
 * ```
 */
export function renderConstraintBody(constraint: ConstraintModel): string {
  switch (constraint.kind) {
    case 'primaryKey':
      return `PRIMARY KEY ${columnList(constraint, constraint.columns)}`;
    case 'unique':
      return [
        'UNIQUE',
        constraint.nullsNotDistinct ? 'NULLS NOT DISTINCT' : undefined,
        columnList(constraint, constraint.columns),
        deferrability(constraint),
      ]
        .filter((part) => part !== undefined)
        .join(' ');
    case 'check': {
      if (constraint.expression.trim() === '') {
        throw new StrataError(
          'SCHEMA_INVALID',
          `Check constraint ${constraint.name} has an empty expression; write the boolean SQL expression it checks.`,
          { constraint: constraint.name },
        );
      }
      return `CHECK (${constraint.expression})${constraint.notValid ? ' NOT VALID' : ''}`;
    }
    case 'foreignKey':
      return foreignKeyBody(constraint);
    default:
      return assertNever(constraint, 'constraint kind');
  }
}

/**
 * `CONSTRAINT name ...`, as written inside `CREATE TABLE` or after `ADD`.
 *
 * @example
 * ```ts
 * renderConstraintClause({ kind: 'primaryKey', name: 'users_pkey', columns: ['id'] });
 * // CONSTRAINT users_pkey PRIMARY KEY (id)
 * ```
 */
export function renderConstraintClause(constraint: ConstraintModel): string {
  return `CONSTRAINT ${quoteIdent(constraint.name)} ${renderConstraintBody(constraint)}`;
}

/**
 * `ALTER TABLE ... ADD CONSTRAINT ...`. Use it for foreign keys once every table exists, and for
 * NOT VALID constraints (inside CREATE TABLE PostgreSQL would validate them anyway).
 *
 * @example
 * ```ts
 * import { renderAddConstraint } from 'strata/ddl';
 * import type { ForeignKeyModel } from 'strata/model';
 *
 * declare const authorFk: ForeignKeyModel; // posts.author_id → users.id, ON DELETE CASCADE
 * renderAddConstraint({ schema: 'public', name: 'posts' }, authorFk);
 * // ALTER TABLE posts ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE;
 * ```
 */
export function renderAddConstraint(table: ObjectName, constraint: ConstraintModel): string {
  return `ALTER TABLE ${qualifiedIdent(table.schema, table.name)} ADD ${renderConstraintClause(constraint)};`;
}

/**
 * `ALTER TABLE ... DROP CONSTRAINT ...`.
 *
 * @example
 * ```ts
 * renderDropConstraint({ schema: 'public', name: 'posts' }, 'posts_author_id_fkey', { ifExists: true });
 * // ALTER TABLE posts DROP CONSTRAINT IF EXISTS posts_author_id_fkey;
 * ```
 */
export function renderDropConstraint(
  table: ObjectName,
  name: string,
  options: { readonly ifExists?: boolean; readonly cascade?: boolean } = {},
): string {
  const ifExists = options.ifExists === true ? 'IF EXISTS ' : '';
  const cascade = options.cascade === true ? ' CASCADE' : '';
  return `ALTER TABLE ${qualifiedIdent(table.schema, table.name)} DROP CONSTRAINT ${ifExists}${quoteIdent(name)}${cascade};`;
}

/**
 * `ALTER TABLE ... VALIDATE CONSTRAINT ...`: the second step after adding a NOT VALID constraint.
 *
 * @example
 * ```ts
 * renderValidateConstraint({ schema: 'public', name: 'orders' }, 'total_positive');
 * // ALTER TABLE orders VALIDATE CONSTRAINT total_positive;
 * ```
 */
export function renderValidateConstraint(table: ObjectName, name: string): string {
  return `ALTER TABLE ${qualifiedIdent(table.schema, table.name)} VALIDATE CONSTRAINT ${quoteIdent(name)};`;
}
