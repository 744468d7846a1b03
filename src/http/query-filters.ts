import { StrataError } from '../errors/strata-error.js';
import type { AnyColumn } from '../schema/column.js';
import type { ValueKind } from '../schema/value-kind.js';

/**
 * Filter operators of the HTTP query language, FastCRUD's names: `?year__gte=2020`,
 * `?status__in=draft,review`, `?title__ilike=%25vector%25`, `?deleted_at__is=null`.
 * A bare `?column=value` is `eq`.
 */
export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'not_in',
  'between',
  'is',
  'is_not',
  'like',
  'notlike',
  'ilike',
  'notilike',
  'startswith',
  'endswith',
  'contains',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** One condition from the query string, with its value already in the column's type. */
export interface FilterCondition {
  readonly kind: 'filterCondition';
  readonly column: string;
  readonly op: FilterOperator;
  /** A single value; a list for `in`/`not_in`; `[low, high]` for `between`; `null`/`true`/`false` for `is`/`is_not`. */
  readonly value: unknown;
}

/** A sort key from `?sort=-created_at,title`. */
export interface SortKey {
  readonly kind: 'sortKey';
  readonly column: string;
  readonly direction: 'asc' | 'desc';
}

const TEXT_OPERATORS: ReadonlySet<FilterOperator> = new Set([
  'like',
  'notlike',
  'ilike',
  'notilike',
  'startswith',
  'endswith',
  'contains',
]);

/** Value kinds a query-string value can express. */
const FILTERABLE_KINDS: ReadonlySet<ValueKind['kind']> = new Set([
  'integer',
  'bigint',
  'float',
  'numeric',
  'boolean',
  'text',
  'uuid',
  'timestamp',
  'date',
  'time',
  'enum',
]);

/** Whether a column can be filtered and sorted on from a query string. */
export function isFilterableColumn(column: AnyColumn): boolean {
  return FILTERABLE_KINDS.has(column.spec.valueKind.kind);
}

/** The operators a column accepts (text patterns only on text columns). */
export function operatorsFor(column: AnyColumn): readonly FilterOperator[] {
  const isText = column.spec.valueKind.kind === 'text';
  return FILTER_OPERATORS.filter((op) => isText || !TEXT_OPERATORS.has(op));
}

function invalid(message: string, details: Record<string, unknown>): StrataError {
  return new StrataError('VALUE_INVALID', message, details);
}

const INTEGER_TEXT = /^[+-]?\d+$/;
const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const UUID_TEXT = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_TEXT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const TIME_TEXT = /^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?$/;

/**
 * Reads one query-string value as a value of the column: numbers, `true`/`false`, UUIDs,
 * ISO dates and date-times, enum labels. Throws VALUE_INVALID naming the parameter.
 */
export function parseQueryValue(column: AnyColumn, text: string, parameter: string): unknown {
  const kind = column.spec.valueKind;
  const bad = (expected: string) =>
    invalid(`Query parameter ${parameter}: ${JSON.stringify(text)} is not ${expected}.`, {
      parameter,
      column: column.columnName,
    });
  switch (kind.kind) {
    case 'integer': {
      if (!INTEGER_TEXT.test(text)) throw bad('a whole number');
      const n = Number(text);
      if (n < kind.min || n > kind.max) throw bad(`within ${kind.min}..${kind.max}`);
      return n;
    }
    case 'bigint':
      if (!INTEGER_TEXT.test(text)) throw bad('a whole number');
      return text;
    case 'float': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw bad('a number');
      return n;
    }
    case 'numeric':
      if (!NUMERIC_TEXT.test(text)) throw bad('a decimal number');
      return text;
    case 'boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw bad('true or false');
    case 'uuid':
      if (!UUID_TEXT.test(text)) throw bad('a UUID');
      return text;
    case 'timestamp': {
      const date = DATE_TIME_TEXT.test(text)
        ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text)
        : undefined;
      if (date === undefined || Number.isNaN(date.getTime()))
        throw bad('an ISO 8601 date or date-time (e.g. 2024-05-01T10:00:00Z)');
      return date;
    }
    case 'date':
      if (!DATE_TEXT.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)))
        throw bad("a day written 'YYYY-MM-DD'");
      return text;
    case 'time':
      if (!TIME_TEXT.test(text)) throw bad("a time written 'HH:MM[:SS]'");
      return text;
    case 'enum':
      if (!kind.values.includes(text)) throw bad(`one of ${kind.values.join(', ')}`);
      return text;
    case 'text':
      if (text.includes('\0')) throw bad('text PostgreSQL can store (it contains a NUL character)');
      return text;
    default:
      throw invalid(`Column ${column.columnName} cannot be filtered from a query string.`, {
        column: column.columnName,
      });
  }
}

/** What `parseQueryFilters` reads besides the query itself. */
export interface QueryFilterOptions {
  /** `table` or `schema.table`, for messages. */
  readonly label: string;
  /** The columns that may be filtered on, by name. */
  readonly columns: ReadonlyMap<string, AnyColumn>;
  /** Query parameters that are not filters (`offset`, `limit`, `sort`). */
  readonly reserved: ReadonlySet<string>;
}

/**
 * Reads the filters of a list request from its query string: `column=value` (equality) and
 * `column__op=value` (see `FILTER_OPERATORS`), all ANDed. A parameter repeated, or a
 * comma-separated value, gives the list of `in`/`not_in` and the bounds of `between`.
 * Unknown columns and operators, and values of the wrong type, are VALUE_INVALID errors whose
 * message lists what is allowed.
 *
 * @example
 * ```ts
 * import { parseQueryFilters, tableHttpColumns } from 'strata/http';
 * import { integer, table, text, uuidPrimaryKey } from 'strata/schema';
 *
 * const docs = table('docs', { id: uuidPrimaryKey(), year: integer(), status: text() });
 * const columns = tableHttpColumns(docs).byName;
 * parseQueryFilters({ year__gte: '2020', status: 'draft' }, { label: 'docs', columns, reserved: new Set(['limit']) });
 * // [{ column: 'year', op: 'gte', value: 2020 }, { column: 'status', op: 'eq', value: 'draft' }]
 * ```
 */
export function parseQueryFilters(
  query: Readonly<Record<string, unknown>>,
  options: QueryFilterOptions,
): FilterCondition[] {
  const conditions: FilterCondition[] = [];
  for (const [parameter, raw] of Object.entries(query)) {
    if (options.reserved.has(parameter) || raw === undefined) continue;
    // A column whose own name holds `__` is matched whole first.
    const split = options.columns.has(parameter) ? -1 : parameter.lastIndexOf('__');
    const name = split > 0 ? parameter.slice(0, split) : parameter;
    const opText = split > 0 ? parameter.slice(split + 2) : 'eq';
    const column = options.columns.get(name);
    if (column === undefined) {
      const known = [...options.columns.keys()];
      throw invalid(
        `Unknown filter ${JSON.stringify(parameter)}: ${JSON.stringify(name)} is not a filterable column of ${options.label}. ` +
          (known.length === 0
            ? 'This endpoint takes no filters.'
            : `Filter on ${known.join(', ')} as column=value or column__op=value.`),
        { parameter, column: name, filterable: known },
      );
    }
    const allowed = operatorsFor(column);
    if (!(allowed as readonly string[]).includes(opText)) {
      throw invalid(
        `Unknown filter operator ${JSON.stringify(opText)} in ${JSON.stringify(parameter)}; ${name} takes: ${allowed.join(', ')}.`,
        { parameter, operator: opText, operators: [...allowed] },
      );
    }
    const op = opText as FilterOperator;
    const texts = (Array.isArray(raw) ? raw : [raw]).map(String);
    conditions.push({
      kind: 'filterCondition',
      column: name,
      op,
      value: conditionValue(column, op, texts, parameter),
    });
  }
  return conditions;
}

function conditionValue(
  column: AnyColumn,
  op: FilterOperator,
  texts: readonly string[],
  parameter: string,
): unknown {
  switch (op) {
    case 'in':
    case 'not_in': {
      const items = texts.flatMap((t) => t.split(',')).filter((t) => t !== '');
      if (items.length === 0)
        throw invalid(`Query parameter ${parameter} needs at least one value (a,b,c).`, { parameter });
      return items.map((item) => parseQueryValue(column, item, parameter));
    }
    case 'between': {
      const items = texts.flatMap((t) => t.split(','));
      if (items.length !== 2) {
        throw invalid(`Query parameter ${parameter} needs two values, low and high: ${parameter}=low,high.`, {
          parameter,
        });
      }
      return items.map((item) => parseQueryValue(column, item, parameter));
    }
    case 'is':
    case 'is_not': {
      const text = single(texts, parameter);
      if (text === 'null') return null;
      if (column.spec.valueKind.kind === 'boolean' && (text === 'true' || text === 'false'))
        return text === 'true';
      throw invalid(
        `Query parameter ${parameter} takes null${column.spec.valueKind.kind === 'boolean' ? ', true or false' : ''}; got ${JSON.stringify(text)}.`,
        { parameter },
      );
    }
    default:
      return parseQueryValue(column, single(texts, parameter), parameter);
  }
}

function single(texts: readonly string[], parameter: string): string {
  if (texts.length !== 1) {
    throw invalid(`Query parameter ${parameter} was given ${texts.length} times; give it once.`, {
      parameter,
    });
  }
  return texts[0]!;
}

/**
 * Reads `?sort=-created_at,title` (a leading `-` sorts descending) against the sortable columns.
 *
 * @example
 * ```ts
 * parseSort('-created_at,title', new Set(['created_at', 'title']), 'docs');
 * // [{ column: 'created_at', direction: 'desc' }, { column: 'title', direction: 'asc' }]
 * ```
 */
export function parseSort(text: string, sortable: ReadonlySet<string>, label: string): SortKey[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const descending = part.startsWith('-');
      const column = descending || part.startsWith('+') ? part.slice(1) : part;
      if (!sortable.has(column)) {
        throw invalid(
          `Cannot sort ${label} by ${JSON.stringify(column)}; sortable columns: ${[...sortable].join(', ') || 'none'} (prefix - for descending).`,
          { sort: text, column, sortable: [...sortable] },
        );
      }
      return { kind: 'sortKey', column, direction: descending ? 'desc' : 'asc' } as const;
    });
}
