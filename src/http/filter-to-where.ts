import { assertNever } from '../util/assert-never.js';
import type { FilterCondition, FilterOperator } from './query-filters.js';

/** A repository filter (`Where<T>` of src/query/filter.ts) built from untyped parts. */
export type WhereObject = Readonly<Record<string, unknown>>;

/**
 * The repository filter of a list of query-string conditions: each condition is one column
 * filter and all are ANDed, so `?year__gte=2000&year__lt=2010` keeps both bounds.
 *
 * @example
 * ```ts
 * filtersToWhere([{ kind: 'filterCondition', column: 'year', op: 'gte', value: 2000 }]);
 * // { AND: [{ year: { gte: 2000 } }] }
 * ```
 */
export function filtersToWhere(conditions: readonly FilterCondition[]): WhereObject {
  return { AND: conditions.map(conditionToWhere) };
}

function conditionToWhere(condition: FilterCondition): WhereObject {
  const { column, value } = condition;
  const on = (filter: WhereObject): WhereObject => ({ [column]: filter });
  const op: FilterOperator = condition.op;
  switch (op) {
    case 'eq':
      return on({ eq: value });
    case 'ne':
      return on({ ne: value });
    case 'gt':
      return on({ gt: value });
    case 'gte':
      return on({ gte: value });
    case 'lt':
      return on({ lt: value });
    case 'lte':
      return on({ lte: value });
    case 'in':
      return on({ in: value });
    case 'not_in':
      return on({ notIn: value });
    case 'between':
      return on({ between: value });
    case 'is':
      return value === null ? on({ isNull: true }) : on({ eq: value });
    case 'is_not':
      // SQL's IS NOT TRUE also holds for NULL, which `ne` alone would miss.
      return value === null ? on({ isNull: false }) : { OR: [on({ ne: value }), on({ isNull: true })] };
    case 'like':
      return on({ like: value });
    case 'notlike':
      return on({ notLike: value });
    case 'ilike':
      return on({ ilike: value });
    case 'notilike':
      return on({ notIlike: value });
    case 'startswith':
      return on({ startsWith: value });
    case 'endswith':
      return on({ endsWith: value });
    case 'contains':
      return on({ contains: value });
    default:
      return assertNever(op, 'filter operator');
  }
}
