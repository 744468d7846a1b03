import type {
  ForeignKeyAction,
  GeneratedModel,
  IdentityModel,
  SequenceOptions,
  SqlType,
} from '../model/index.js';
import { type IndexElementSpec, type SqlFragment, sqlText } from './sql.js';
import type { ValueKind } from './value-kind.js';

/** Conventional roles a column can play; repositories read them (soft delete, timestamps, versioning). */
export type ColumnRole = 'createdAt' | 'updatedAt' | 'deletedAt' | 'isActive' | 'version';

/** A foreign key declared on a column. The target is a thunk so tables can reference each other. */
export interface ReferenceSpec {
  readonly target: () => AnyColumn;
  readonly name?: string;
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly match: 'simple' | 'full';
}

export interface ReferenceOptions {
  readonly name?: string;
  readonly onDelete?: ForeignKeyAction;
  readonly onUpdate?: ForeignKeyAction;
  readonly deferrable?: boolean;
  readonly initiallyDeferred?: boolean;
  readonly match?: 'simple' | 'full';
}

/** A named PostgreSQL enum type a column uses, so the schema can include it. */
export interface EnumTypeRef {
  readonly kind: 'enumType';
  readonly schema: string;
  readonly name: string;
  readonly values: readonly string[];
  readonly renamedValues?: Readonly<Record<string, string>>;
}

/** Everything the DSL knows about a column at run time. */
export interface ColumnSpec {
  readonly type: SqlType;
  /** How values of this column are checked and sent (see value-kind.ts). */
  readonly valueKind: ValueKind;
  readonly notNull: boolean;
  readonly primaryKey: boolean;
  readonly default?: string;
  readonly serial?: boolean;
  readonly identity?: IdentityModel;
  readonly generated?: GeneratedModel;
  readonly collation?: string;
  readonly comment?: string;
  readonly renamedFrom?: string;
  readonly unique?: { readonly name?: string; readonly nullsNotDistinct: boolean };
  readonly checks: readonly { readonly name?: string; readonly expression: string }[];
  readonly references?: ReferenceSpec;
  readonly role?: ColumnRole;
  readonly enumType?: EnumTypeRef;
  /** `bigint` columns: JS `bigint` (default) or `number` (when values are known to fit). */
  readonly mode?: 'bigint' | 'number' | 'string';
}

/** The table a bound column belongs to. */
export interface ColumnOwner {
  readonly schema: string;
  readonly name: string;
}

/** Any column, whatever its type parameters. */
// biome-ignore lint/suspicious/noExplicitAny: the widest column type needs `any` in its type parameters
export type AnyColumn = Column<any, boolean, boolean, boolean>;

/**
 * A column of a table. Immutable: every method returns a new column.
 *
 * The type parameters carry what row inference needs:
 * - `TData`: the TypeScript type of a value,
 * - `TNotNull`: whether NULL is excluded,
 * - `THasDefault`: whether an insert may omit it (default, serial, identity by default),
 * - `TGenerated`: whether an insert must omit it (generated stored column, identity always).
 */
export class Column<
  TData,
  TNotNull extends boolean,
  THasDefault extends boolean,
  TGenerated extends boolean,
> {
  /** Phantom field for type inference; never set at run time. */
  declare readonly __types: {
    readonly data: TData;
    readonly notNull: TNotNull;
    readonly hasDefault: THasDefault;
    readonly generated: TGenerated;
  };

  constructor(
    readonly spec: ColumnSpec,
    /** Column name, known once the column is placed in a table. */
    readonly columnName: string = '',
    readonly owner: ColumnOwner | undefined = undefined,
  ) {}

  protected with<R>(patch: Partial<ColumnSpec>): R {
    return new Column({ ...this.spec, ...patch }, this.columnName, this.owner) as R;
  }

  /** NOT NULL. */
  notNull(): Column<TData, true, THasDefault, TGenerated> {
    return this.with({ notNull: true });
  }

  /** PRIMARY KEY (implies NOT NULL). For a composite key use `primaryKey()` in the table's extras. */
  primaryKey(): Column<TData, true, THasDefault, TGenerated> {
    return this.with({ primaryKey: true, notNull: true });
  }

  /** A default value, rendered as a SQL literal. */
  default(value: TData): Column<TData, TNotNull, true, TGenerated> {
    return this.with({ default: renderLiteral(value, this.spec) });
  }

  /** A default SQL expression, e.g. `now()`, `gen_random_uuid()`. */
  defaultSql(expression: string | SqlFragment): Column<TData, TNotNull, true, TGenerated> {
    return this.with({ default: sqlText(expression) });
  }

  /** `DEFAULT gen_random_uuid()`, for uuid columns. */
  defaultRandom(): Column<TData, TNotNull, true, TGenerated> {
    return this.with({ default: 'gen_random_uuid()' });
  }

  /** `DEFAULT now()`, for timestamp columns. */
  defaultNow(): Column<TData, TNotNull, true, TGenerated> {
    return this.with({ default: 'now()' });
  }

  /** UNIQUE, optionally named and with NULLS NOT DISTINCT (PostgreSQL 15+). */
  unique(
    options: { name?: string; nullsNotDistinct?: boolean } = {},
  ): Column<TData, TNotNull, THasDefault, TGenerated> {
    return this.with({
      unique: {
        ...(options.name === undefined ? {} : { name: options.name }),
        nullsNotDistinct: options.nullsNotDistinct ?? false,
      },
    });
  }

  /**
   * FOREIGN KEY to another table's column. The target is a function so that tables may
   * reference each other (or themselves) in any order.
   */
  references(
    target: () => AnyColumn,
    options: ReferenceOptions = {},
  ): Column<TData, TNotNull, THasDefault, TGenerated> {
    return this.with({
      references: {
        target,
        ...(options.name === undefined ? {} : { name: options.name }),
        onDelete: options.onDelete ?? 'no action',
        onUpdate: options.onUpdate ?? 'no action',
        deferrable: options.deferrable ?? options.initiallyDeferred ?? false,
        initiallyDeferred: options.initiallyDeferred ?? false,
        match: options.match ?? 'simple',
      },
    });
  }

  /** A CHECK constraint on this column. Unnamed checks get PostgreSQL's name `<table>_<column>_check`. */
  check(expression: string | SqlFragment, name?: string): Column<TData, TNotNull, THasDefault, TGenerated> {
    return this.with({
      checks: [
        ...this.spec.checks,
        { expression: sqlText(expression), ...(name === undefined ? {} : { name }) },
      ],
    });
  }

  comment(text: string): Column<TData, TNotNull, THasDefault, TGenerated> {
    return this.with({ comment: text });
  }

  collate(collation: string): Column<TData, TNotNull, THasDefault, TGenerated> {
    return this.with({ collation });
  }

  /** Migration hint: this column was renamed from `previousName` (never guessed). */
  renamedFrom(previousName: string): Column<TData, TNotNull, THasDefault, TGenerated> {
    return this.with({ renamedFrom: previousName });
  }

  /** `GENERATED ALWAYS AS (expression) STORED`: computed by the database, never inserted. */
  generatedAlwaysAs(expression: string | SqlFragment): Column<TData, TNotNull, true, true> {
    return this.with({ generated: { kind: 'generated', expression: sqlText(expression) } });
  }

  /** `GENERATED ALWAYS AS IDENTITY`: the database assigns the value, inserts must omit it. */
  generatedAlwaysAsIdentity(sequence: SequenceOptionsInput = {}): Column<TData, true, true, true> {
    return this.with({ notNull: true, identity: identity(true, sequence) });
  }

  /** `GENERATED BY DEFAULT AS IDENTITY`: the database assigns a value unless one is given. */
  generatedByDefaultAsIdentity(sequence: SequenceOptionsInput = {}): Column<TData, true, true, TGenerated> {
    return this.with({ notNull: true, identity: identity(false, sequence) });
  }

  /** Narrow the TypeScript type of the value (e.g. a JSON shape or a branded id). */
  $type<U extends TData>(): Column<U, TNotNull, THasDefault, TGenerated> {
    return this as unknown as Column<U, TNotNull, THasDefault, TGenerated>;
  }

  /** An array of this type (`text[]`, `integer[]`, `mood[]`). */
  array(): Column<TData[], TNotNull, THasDefault, TGenerated> {
    if (this.spec.type.arrayDims > 0)
      return this as unknown as Column<TData[], TNotNull, THasDefault, TGenerated>;
    return this.with({
      type: { ...this.spec.type, arrayDims: 1 },
      valueKind: { kind: 'array', element: this.spec.valueKind },
    });
  }

  /** Marks the column with a conventional role (used by repositories). */
  role(role: ColumnRole): Column<TData, TNotNull, THasDefault, TGenerated> {
    return this.with({ role });
  }

  /** Index element: this column with an operator class (`vector_cosine_ops`, `jsonb_path_ops`). */
  op(opclass: string): IndexElementSpec {
    return { kind: 'indexColumn', column: this.columnName, opclass };
  }

  /** Index element: ascending (optionally with NULLS FIRST/LAST). */
  asc(nulls?: 'first' | 'last'): IndexElementSpec {
    return { kind: 'indexColumn', column: this.columnName, order: 'asc', ...(nulls ? { nulls } : {}) };
  }

  /** Index element: descending (optionally with NULLS FIRST/LAST). */
  desc(nulls?: 'first' | 'last'): IndexElementSpec {
    return { kind: 'indexColumn', column: this.columnName, order: 'desc', ...(nulls ? { nulls } : {}) };
  }

  /** Binds the column to its table and name; used by `table()`. */
  bind(columnName: string, owner: ColumnOwner): Column<TData, TNotNull, THasDefault, TGenerated> {
    return new Column(this.spec, columnName, owner);
  }
}

/** Sequence options as numbers or bigints in the DSL. */
export interface SequenceOptionsInput {
  readonly start?: number | bigint;
  readonly increment?: number | bigint;
  readonly minValue?: number | bigint;
  readonly maxValue?: number | bigint;
  readonly cache?: number | bigint;
  readonly cycle?: boolean;
}

function identity(always: boolean, input: SequenceOptionsInput): IdentityModel {
  const sequence: { -readonly [K in keyof SequenceOptions]: SequenceOptions[K] } = {};
  if (input.start !== undefined) sequence.start = String(input.start);
  if (input.increment !== undefined) sequence.increment = String(input.increment);
  if (input.minValue !== undefined) sequence.minValue = String(input.minValue);
  if (input.maxValue !== undefined) sequence.maxValue = String(input.maxValue);
  if (input.cache !== undefined) sequence.cache = String(input.cache);
  if (input.cycle !== undefined) sequence.cycle = input.cycle;
  return { kind: 'identity', always, sequence };
}

/** Creates a nullable column with no default, the starting point of every column factory. */
export function column<TData>(
  type: SqlType,
  valueKind: ValueKind,
  extra: Partial<ColumnSpec> = {},
): Column<TData, false, false, false> {
  return new Column<TData, false, false, false>({
    type,
    valueKind,
    notNull: false,
    primaryKey: false,
    checks: [],
    ...extra,
  });
}

/** Renders a JS value as a SQL literal for a column default. */
export function renderLiteral(value: unknown, spec: Pick<ColumnSpec, 'valueKind'>): string {
  if (value === null) return 'NULL';
  return literalFor(value, spec.valueKind);
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function literalFor(value: unknown, kind: ValueKind): string {
  switch (kind.kind) {
    case 'json':
      return quote(JSON.stringify(value));
    case 'array': {
      if (!Array.isArray(value)) throw new TypeError('array default must be an array');
      return quote(arrayLiteral(value, kind.element));
    }
    case 'vector':
    case 'halfvec':
      if (!Array.isArray(value)) throw new TypeError('vector default must be an array of numbers');
      return quote(`[${value.join(',')}]`);
    case 'sparsevec': {
      const v = value as { dimensions: number; indices: readonly number[]; values: readonly number[] };
      return quote(
        `{${v.indices.map((index, i) => `${index + 1}:${v.values[i]}`).join(',')}}/${v.dimensions}`,
      );
    }
    case 'boolean':
      return value ? 'true' : 'false';
    case 'integer':
    case 'bigint':
    case 'float': {
      const text = String(value);
      return text.startsWith('-') ? `(${text})` : text;
    }
    case 'numeric':
      return quote(String(value));
    case 'timestamp':
      return quote(value instanceof Date ? value.toISOString() : String(value));
    case 'bytea': {
      const bytes = value as Uint8Array;
      return quote(`\\x${Buffer.from(bytes).toString('hex')}`);
    }
    case 'text':
    case 'uuid':
    case 'enum':
    case 'date':
    case 'time':
    case 'interval':
    case 'bit':
    case 'tsvector':
      return quote(String(value));
  }
}

function arrayLiteral(values: readonly unknown[], element: ValueKind): string {
  const items = values.map((item) => {
    if (item === null) return 'NULL';
    if (Array.isArray(item) && element.kind === 'array') return arrayLiteral(item, element.element);
    const text = element.kind === 'json' ? JSON.stringify(item) : String(item);
    return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}
