import type { Expression, SqlBool } from 'kysely';
import { StrataError } from '../errors/strata-error.js';
import type { AnyTable } from '../schema/table.js';
import type { ValueKind } from '../schema/value-kind.js';
import { formatArrayLiteral } from './array-literal.js';
import type { Where } from './filter.js';
import { makeValuePreparer, type PrepareValue, stringifyJson } from './prepare-value.js';
import { joinConditions, Param, type SqlParts, writeParts } from './sql-parts.js';
import { KyselySqlWriter, quoteIdentifier } from './sql-writer.js';
import { type ColumnMeta, columnOf, type TableMeta, tableMeta } from './table-meta.js';
import { describeValue } from './value-error.js';

/** How a column is filtered, by value kind. */
type FilterGroup = 'text' | 'ordered' | 'equality' | 'array' | 'json' | 'vector';

const GROUP: Readonly<Record<ValueKind['kind'], FilterGroup>> = {
  text: 'text',
  enum: 'text',
  integer: 'ordered',
  bigint: 'ordered',
  float: 'ordered',
  numeric: 'ordered',
  timestamp: 'ordered',
  date: 'ordered',
  time: 'ordered',
  interval: 'ordered',
  uuid: 'ordered',
  bit: 'ordered',
  boolean: 'equality',
  bytea: 'equality',
  tsvector: 'equality',
  array: 'array',
  json: 'json',
  vector: 'vector',
  halfvec: 'vector',
  sparsevec: 'vector',
};

/** A column as a filter sees it: its metadata and how to reference it (qualified in joins). */
interface Target {
  readonly column: ColumnMeta;
  readonly ref: string;
}

type Operator = (
  target: Target,
  value: unknown,
  op: string,
  filter: Readonly<Record<string, unknown>>,
) => SqlParts;

/** Filter values are checked like written ones, except text length: a longer value simply matches nothing. */
const filterPreparers = new WeakMap<ColumnMeta, PrepareValue>();
function filterValue(column: ColumnMeta, value: unknown): unknown {
  let prepare = filterPreparers.get(column);
  if (prepare === undefined) {
    const kind = column.kind;
    prepare =
      kind.kind === 'text' && kind.maxLength !== undefined
        ? makeValuePreparer({ kind: 'text' }, { table: column.table, column: column.name })
        : column.prepare;
    filterPreparers.set(column, prepare);
  }
  return prepare(value);
}

const elementPreparers = new WeakMap<ColumnMeta, PrepareValue>();
function elementValue(column: ColumnMeta, value: unknown): unknown {
  let prepare = elementPreparers.get(column);
  if (prepare === undefined) {
    const element = column.kind.kind === 'array' ? column.kind.element : column.kind;
    prepare = makeValuePreparer(element, { table: column.table, column: column.name });
    elementPreparers.set(column, prepare);
  }
  return prepare(value);
}

function list(column: ColumnMeta, op: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new StrataError(
      'USAGE',
      `Filter "${op}" on ${column.name} takes an array, got ${describeValue(value)}.`,
      {
        column: column.name,
        operator: op,
      },
    );
  }
  return value;
}

function notNullOperand(column: ColumnMeta, op: string, value: unknown): unknown {
  if (value === null) {
    throw new StrataError(
      'USAGE',
      `Filter "${op}" on ${column.name} was given null; use { isNull: true } (or eq: null) to match NULLs.`,
      { column: column.name, operator: op },
    );
  }
  return value;
}

/** `%`, `_` and `\` matched literally inside a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function columnText(target: Target): string {
  return target.column.kind.kind === 'enum' ? `${target.ref}::text` : target.ref;
}

function compare(sqlOperator: string): Operator {
  return ({ column, ref }, value, op) => [
    `${ref} ${sqlOperator} `,
    new Param(filterValue(column, notNullOperand(column, op, value))),
  ];
}

function pattern(sqlOperator: string): Operator {
  return (target, value, op) => [
    `${columnText(target)} ${sqlOperator} `,
    new Param(stringOperand(target.column, op, value)),
  ];
}

function affix(build: (escaped: string) => string): Operator {
  return (target, value, op, filter) => [
    `${columnText(target)} ${filter.insensitive === true ? 'ILIKE' : 'LIKE'} `,
    new Param(build(escapeLike(stringOperand(target.column, op, value)))),
  ];
}

function stringOperand(column: ColumnMeta, op: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new StrataError(
      'USAGE',
      `Filter "${op}" on ${column.name} takes a string, got ${describeValue(value)}.`,
      {
        column: column.name,
        operator: op,
      },
    );
  }
  return value;
}

const nullCheck: Operator = ({ ref }, value) => [`${ref} ${value === false ? 'IS NOT NULL' : 'IS NULL'}`];

const eq: Operator = ({ column, ref }, value) =>
  value === null ? [`${ref} IS NULL`] : [`${ref} = `, new Param(filterValue(column, value))];
const ne: Operator = ({ column, ref }, value) =>
  value === null ? [`${ref} IS NOT NULL`] : [`${ref} <> `, new Param(filterValue(column, value))];

const inList: Operator = ({ column, ref }, value, op) => [
  `${ref} = ANY(`,
  new Param(
    formatArrayLiteral(
      list(column, op, value).map((v) => filterValue(column, notNullOperand(column, op, v))),
    ),
  ),
  ')',
];
const notInList: Operator = ({ column, ref }, value, op) => [
  `${ref} <> ALL(`,
  new Param(
    formatArrayLiteral(
      list(column, op, value).map((v) => filterValue(column, notNullOperand(column, op, v))),
    ),
  ),
  ')',
];
const between: Operator = ({ column, ref }, value, op) => {
  const bounds = list(column, op, value);
  if (bounds.length !== 2) {
    throw new StrataError('USAGE', `Filter "between" on ${column.name} takes [low, high].`, {
      column: column.name,
    });
  }
  return [
    `${ref} BETWEEN `,
    new Param(filterValue(column, notNullOperand(column, op, bounds[0]))),
    ' AND ',
    new Param(filterValue(column, notNullOperand(column, op, bounds[1]))),
  ];
};

const ORDERED: Readonly<Record<string, Operator>> = {
  isNull: nullCheck,
  eq,
  ne,
  gt: compare('>'),
  gte: compare('>='),
  lt: compare('<'),
  lte: compare('<='),
  in: inList,
  notIn: notInList,
  between,
};

const TEXT: Readonly<Record<string, Operator>> = {
  ...ORDERED,
  like: pattern('LIKE'),
  notLike: pattern('NOT LIKE'),
  ilike: pattern('ILIKE'),
  notIlike: pattern('NOT ILIKE'),
  startsWith: affix((v) => `${v}%`),
  endsWith: affix((v) => `%${v}`),
  contains: affix((v) => `%${v}%`),
};

const EQUALITY: Readonly<Record<string, Operator>> = {
  isNull: nullCheck,
  eq,
  ne,
  in: inList,
  notIn: notInList,
};

function arrayOperator(sqlOperator: string): Operator {
  return ({ column, ref }, value, op) => [
    `${ref} ${sqlOperator} `,
    new Param(filterValue(column, notNullOperand(column, op, value))),
  ];
}

const ARRAY: Readonly<Record<string, Operator>> = {
  isNull: nullCheck,
  eq,
  ne,
  contains: arrayOperator('@>'),
  containedBy: arrayOperator('<@'),
  overlaps: arrayOperator('&&'),
  has: ({ column, ref }, value, op) => [
    new Param(elementValue(column, notNullOperand(column, op, value))),
    ` = ANY(${ref})`,
  ],
};

function jsonParam(column: ColumnMeta, value: unknown): Param {
  return new Param(stringifyJson(value, { table: column.table, column: column.name }));
}

function jsonDocument({ column, ref }: Target): string {
  // `json` has no containment operators; compare it as jsonb (without the GIN index `jsonb` would get).
  return column.sqlType === 'json' ? `${ref}::jsonb` : ref;
}

function keyList(column: ColumnMeta, op: string, value: unknown): string[] {
  return list(column, op, value).map((key) => stringOperand(column, op, key));
}

const JSON_DOCUMENT: Readonly<Record<string, Operator>> = {
  isNull: nullCheck,
  eq: (target, value) =>
    value === null
      ? [`${target.ref} IS NULL`]
      : [`${jsonDocument(target)} = `, jsonParam(target.column, value), '::jsonb'],
  contains: (target, value) => [`${jsonDocument(target)} @> `, jsonParam(target.column, value), '::jsonb'],
  containedBy: (target, value) => [`${jsonDocument(target)} <@ `, jsonParam(target.column, value), '::jsonb'],
  hasKey: (target, value, op) => [
    `${jsonDocument(target)} ? `,
    new Param(stringOperand(target.column, op, value)),
    '::text',
  ],
  hasAnyKeys: (target, value, op) => [
    `${jsonDocument(target)} ?| `,
    new Param(formatArrayLiteral(keyList(target.column, op, value))),
    '::text[]',
  ],
  hasAllKeys: (target, value, op) => [
    `${jsonDocument(target)} ?& `,
    new Param(formatArrayLiteral(keyList(target.column, op, value))),
    '::text[]',
  ],
};

const GROUP_OPERATORS: Readonly<Record<FilterGroup, Readonly<Record<string, Operator>>>> = {
  text: TEXT,
  ordered: ORDERED,
  equality: EQUALITY,
  array: ARRAY,
  json: JSON_DOCUMENT,
  vector: { isNull: nullCheck },
};

function isOperatorObject(group: FilterGroup, value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null) return false;
  if (group === 'array') return !Array.isArray(value);
  return !(value instanceof Date) && !(value instanceof Uint8Array);
}

/** The path expression `"col" -> $1 -> $2` (keys as text, indexes as integers), all parameters. */
function jsonPathParts(target: Target, path: unknown, last: '->' | '->>'): SqlParts {
  const { column } = target;
  if (!Array.isArray(path) || path.length === 0) {
    throw new StrataError(
      'USAGE',
      `A JSON path on ${column.name} must be a non-empty array of keys and indexes.`,
      {
        column: column.name,
      },
    );
  }
  const parts: SqlParts = [`(${jsonDocument(target)}`];
  path.forEach((step: unknown, i) => {
    const arrow = i === path.length - 1 ? last : '->';
    if (typeof step === 'string') parts.push(` ${arrow} `, new Param(step), '::text');
    else if (typeof step === 'number' && Number.isInteger(step))
      parts.push(` ${arrow} `, new Param(step), '::int');
    else {
      throw new StrataError(
        'USAGE',
        `JSON path step ${describeValue(step)} on ${column.name} is neither a key nor an index.`,
        { column: column.name },
      );
    }
  });
  parts.push(')');
  return parts;
}

const JSON_PATH_OPERATORS = [
  'path',
  'isNull',
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'notIn',
  'like',
  'notLike',
  'ilike',
  'notIlike',
  'startsWith',
  'endsWith',
  'contains',
  'hasKey',
  'insensitive',
] as const;

const LIKE_OPERATORS: Readonly<Record<string, string>> = {
  like: 'LIKE',
  notLike: 'NOT LIKE',
  ilike: 'ILIKE',
  notIlike: 'NOT ILIKE',
};

/** Comparisons at a JSON path: strings compare as text (`->>`), other values as JSON (`->` and `::jsonb`). */
function jsonPathConditions(target: Target, filter: Readonly<Record<string, unknown>>): SqlParts[] {
  const { column } = target;
  const asText = () => jsonPathParts(target, filter.path, '->>');
  const asJson = () => jsonPathParts(target, filter.path, '->');
  const json = (value: unknown) =>
    new Param(stringifyJson(value, { table: column.table, column: column.name }));
  const scalar = (op: string, value: unknown, sqlOperator: string): SqlParts => {
    if (typeof value === 'string') return [...asText(), ` ${sqlOperator} `, new Param(value)];
    if (typeof value === 'number' || typeof value === 'boolean')
      return [...asJson(), ` ${sqlOperator} `, json(value), '::jsonb'];
    throw new StrataError(
      'USAGE',
      `Filter "${op}" at a JSON path on ${column.name} takes a string, number or boolean, got ${describeValue(value)}.`,
      { column: column.name, operator: op },
    );
  };
  const listOf = (op: string, value: unknown, sqlOperator: '= ANY(' | '<> ALL('): SqlParts => {
    const values = list(column, op, value);
    return values.every((v) => typeof v === 'string')
      ? [...asText(), ` ${sqlOperator}`, new Param(formatArrayLiteral(values)), '::text[])']
      : [
          ...asJson(),
          ` ${sqlOperator}`,
          new Param(
            formatArrayLiteral(
              values.map((v) => stringifyJson(v, { table: column.table, column: column.name })),
            ),
          ),
          '::jsonb[])',
        ];
  };
  const like = filter.insensitive === true ? 'ILIKE' : 'LIKE';
  const conditions: SqlParts[] = [];
  for (const op of Object.keys(filter)) {
    const value = filter[op];
    if (value === undefined || op === 'path' || op === 'insensitive') continue;
    switch (op) {
      case 'isNull':
        conditions.push([...asText(), value === false ? ' IS NOT NULL' : ' IS NULL']);
        break;
      case 'eq':
        conditions.push(value === null ? [...asText(), ' IS NULL'] : scalar(op, value, '='));
        break;
      case 'ne':
        conditions.push(value === null ? [...asText(), ' IS NOT NULL'] : scalar(op, value, '<>'));
        break;
      case 'gt':
        conditions.push(scalar(op, value, '>'));
        break;
      case 'gte':
        conditions.push(scalar(op, value, '>='));
        break;
      case 'lt':
        conditions.push(scalar(op, value, '<'));
        break;
      case 'lte':
        conditions.push(scalar(op, value, '<='));
        break;
      case 'in':
        conditions.push(listOf(op, value, '= ANY('));
        break;
      case 'notIn':
        conditions.push(listOf(op, value, '<> ALL('));
        break;
      case 'like':
      case 'notLike':
      case 'ilike':
      case 'notIlike':
        conditions.push([
          ...asText(),
          ` ${LIKE_OPERATORS[op]} `,
          new Param(stringOperand(column, op, value)),
        ]);
        break;
      case 'startsWith':
        conditions.push([
          ...asText(),
          ` ${like} `,
          new Param(`${escapeLike(stringOperand(column, op, value))}%`),
        ]);
        break;
      case 'endsWith':
        conditions.push([
          ...asText(),
          ` ${like} `,
          new Param(`%${escapeLike(stringOperand(column, op, value))}`),
        ]);
        break;
      case 'contains':
        conditions.push(
          typeof value === 'string'
            ? [...asText(), ` ${like} `, new Param(`%${escapeLike(value)}%`)]
            : [...asJson(), ' @> ', json(value), '::jsonb'],
        );
        break;
      case 'hasKey':
        conditions.push([...asJson(), ' ? ', new Param(stringOperand(column, op, value)), '::text']);
        break;
      default:
        throw unknownOperator(column, op, JSON_PATH_OPERATORS);
    }
  }
  return conditions;
}

function unknownOperator(column: ColumnMeta, op: string, allowed: readonly string[]): StrataError {
  return new StrataError(
    'USAGE',
    `Unknown filter operator ${JSON.stringify(op)} on column ${column.name}; it takes: ${allowed.join(', ')}.`,
    { column: column.name, operator: op },
  );
}

function columnConditions(target: Target, value: unknown): SqlParts[] {
  const { column, ref } = target;
  if (value === null) return [[`${ref} IS NULL`]];
  const group = GROUP[column.kind.kind];
  if (!isOperatorObject(group, value)) {
    if (group === 'json' || group === 'vector') {
      const example = group === 'json' ? '{ contains: {…} }' : '{ isNull: false }';
      throw new StrataError(
        'USAGE',
        `Filter ${column.name} with an operator object such as ${example}, not a bare value.`,
        { column: column.name },
      );
    }
    return [eq(target, value, 'eq', {})];
  }
  if (group === 'json' && value.path !== undefined) return jsonPathConditions(target, value);
  const operators = GROUP_OPERATORS[group];
  const conditions: SqlParts[] = [];
  for (const op of Object.keys(value)) {
    const operand = value[op];
    if (operand === undefined || (op === 'insensitive' && group === 'text')) continue;
    const operator = Object.hasOwn(operators, op) ? operators[op] : undefined;
    if (operator === undefined) {
      throw unknownOperator(column, op, [
        ...Object.keys(operators),
        ...(group === 'text' ? ['insensitive'] : []),
      ]);
    }
    conditions.push(operator(target, operand, op, value));
  }
  return conditions;
}

/**
 * Compiles a filter to SQL parts, or undefined when it has no condition (it matches every
 * row). Column names are looked up in the table (an unknown one is a USAGE error) and quoted,
 * prefixed with `alias.` when given; every value, JSON key and pattern is a parameter.
 * `OR: []` matches nothing, and `NOT` of an empty filter matches nothing.
 */
export function compileWhere(meta: TableMeta, where: unknown, alias?: string): SqlParts | undefined {
  if (where === undefined || where === null) return undefined;
  if (typeof where !== 'object' || Array.isArray(where)) {
    throw new StrataError(
      'USAGE',
      `A filter must be an object of column conditions, got ${describeValue(where)}.`,
    );
  }
  const conditions: SqlParts[] = [];
  for (const key of Object.keys(where)) {
    const value = (where as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (key === 'AND' || key === 'OR') {
      const items: unknown[] = Array.isArray(value) ? value : [value];
      const compiled = items.map((item) => compileWhere(meta, item, alias));
      const present = compiled.filter((c): c is SqlParts => c !== undefined);
      if (key === 'AND') {
        if (present.length > 0) conditions.push(joinConditions(present, ' AND '));
      } else if (present.length === compiled.length) {
        // (An alternative without conditions matches every row, and so does the OR: nothing to add.)
        conditions.push(present.length === 0 ? ['FALSE'] : joinConditions(present, ' OR '));
      }
    } else if (key === 'NOT') {
      const inner = compileWhere(meta, value, alias);
      conditions.push(inner === undefined ? ['FALSE'] : ['NOT (', ...inner, ')']);
    } else {
      const column = columnOf(meta, key);
      conditions.push(
        ...columnConditions(
          { column, ref: alias === undefined ? column.sql : `${alias}.${column.sql}` },
          value,
        ),
      );
    }
  }
  return conditions.length === 0 ? undefined : joinConditions(conditions, ' AND ');
}

/**
 * A filter as a Kysely expression, for any Kysely query on the table: the same checks and
 * parameters as repositories. Columns are qualified with the table name (or `alias`), so the
 * expression stays unambiguous in joins.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { whereExpression } from 'strata/query';
 * import { type DatabaseOf, defineSchema, jsonb, table, text, uuid, uuidPrimaryKey } from 'strata/schema';
 *
 * const users = table('users', { id: uuidPrimaryKey(), email: text().notNull() });
 * const posts = table('posts', {
 *   id: uuidPrimaryKey(),
 *   author_id: uuid().notNull().references(() => users.columns.id),
 *   status: text().notNull(),
 *   metadata: jsonb<{ lang?: string }>(),
 * });
 * const schema = defineSchema({ users, posts });
 * declare const db: Database<DatabaseOf<typeof schema>>;
 *
 * const rows = await db.kysely
 *   .selectFrom('posts')
 *   .innerJoin('users', 'users.id', 'posts.author_id')
 *   .select(['posts.id', 'users.email'])
 *   .where(whereExpression(posts, { status: 'published', metadata: { contains: { lang: 'en' } } }))
 *   .execute();
 * ```
 */
export function whereExpression<T extends AnyTable>(
  table: T,
  where: Where<T>,
  options: { readonly alias?: string } = {},
): Expression<SqlBool> {
  const meta = tableMeta(table);
  const writer = new KyselySqlWriter();
  const parts = compileWhere(
    meta,
    where,
    options.alias === undefined ? meta.sql : quoteIdentifier(options.alias),
  );
  if (parts === undefined) writer.text('TRUE');
  else {
    writer.text('(');
    writeParts(writer, parts);
    writer.text(')');
  }
  return writer.toRaw<SqlBool>();
}
