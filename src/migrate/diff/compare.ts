import { isDeepStrictEqual } from 'node:util';
import { normalizeExpression } from '../../catalog/normalize.js';
import type { ColumnModel } from '../../model/column.js';
import type { ConstraintModel } from '../../model/constraint.js';
import type { IndexElement, IndexModel } from '../../model/index-model.js';
import { DEFAULT_VECTOR_OPCLASS, type VectorIndexMethod } from '../../model/pgvector.js';
import type { SqlType } from '../../model/sql-type.js';
import type { TableModel } from '../../model/table.js';

/**
 * Equality of model parts as PostgreSQL means it: spelling that does not change the definition
 * (ASC, NULLS LAST, a default operator class, redundant parentheses) is ignored; names,
 * comments and DSL-only hints are compared elsewhere or not at all.
 */

export function sameType(a: SqlType, b: SqlType): boolean {
  return (
    a.name === b.name &&
    a.schema === b.schema &&
    a.arrayDims === b.arrayDims &&
    isDeepStrictEqual([...a.modifiers], [...b.modifiers])
  );
}

function defaultOpclass(method: string, column: ColumnModel | undefined): string | undefined {
  if (column === undefined || column.type.arrayDims > 0 || column.type.schema !== undefined) return undefined;
  if (method !== 'hnsw' && method !== 'ivfflat') return undefined;
  return (DEFAULT_VECTOR_OPCLASS[method as VectorIndexMethod] as Record<string, string | undefined>)[
    column.type.name
  ];
}

function elementShape(element: IndexElement, method: string, table: TableModel): Record<string, unknown> {
  const column =
    element.kind === 'indexColumn'
      ? table.columns.find((candidate) => candidate.name === element.column)
      : undefined;
  const desc = element.order === 'desc';
  const nulls = desc
    ? element.nulls === 'last'
      ? 'last'
      : undefined
    : element.nulls === 'first'
      ? 'first'
      : undefined;
  return {
    key:
      element.kind === 'indexColumn'
        ? { column: element.column }
        : { expression: normalizeExpression(element.expression) },
    opclass: element.opclass === defaultOpclass(method, column) ? undefined : element.opclass,
    desc,
    nulls,
    collation: element.collation,
  };
}

/** What defines an index, without its name, comment or build mode. */
export function indexShape(index: IndexModel, table: TableModel): Record<string, unknown> {
  return {
    method: index.method,
    unique: index.unique,
    nullsNotDistinct: index.nullsNotDistinct,
    elements: index.elements.map((element) => elementShape(element, index.method, table)),
    include: [...index.include],
    where: index.where === undefined ? undefined : normalizeExpression(index.where),
    with: Object.entries(index.with).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

export function sameIndex(a: IndexModel, aTable: TableModel, b: IndexModel, bTable: TableModel): boolean {
  return isDeepStrictEqual(indexShape(a, aTable), indexShape(b, bTable));
}

/** What defines a constraint, without its name. */
export function constraintShape(constraint: ConstraintModel): Record<string, unknown> {
  const { name: _name, ...rest } = constraint;
  if (rest.kind === 'check') return { ...rest, expression: normalizeExpression(rest.expression) };
  return { ...rest };
}

export function sameConstraint(a: ConstraintModel, b: ConstraintModel): boolean {
  return isDeepStrictEqual(constraintShape(a), constraintShape(b));
}

/** The columns an index lists directly (key columns and INCLUDE). */
export function indexColumns(index: IndexModel): string[] {
  return [
    ...index.elements.flatMap((element) => (element.kind === 'indexColumn' ? [element.column] : [])),
    ...index.include,
  ];
}

/** The expressions of an index: expression elements and the predicate. */
export function indexExpressions(index: IndexModel): string[] {
  return [
    ...index.elements.flatMap((element) => (element.kind === 'indexExpression' ? [element.expression] : [])),
    ...(index.where === undefined ? [] : [index.where]),
  ];
}
