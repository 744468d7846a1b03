import { DISTANCE_OPERATORS } from '../model/pgvector.js';
import { assertNever } from '../util/assert-never.js';
import type { SearchTarget } from './search-target.js';
import { ident, type StatementWriter } from './statement-writer.js';

/** Writes one boolean condition on the searched table's rows (columns qualified by the table name). */
export type ConditionWriter = (writer: StatementWriter) => void;

/**
 * How the rows nearest to the query are found.
 * - `index`: `ORDER BY distance LIMIT n`, the only shape the planner answers with an ANN index.
 * - `resort`: the same inside a MATERIALIZED CTE, re-sorted outside (iterative scans in relaxed order).
 * - `rerank`: candidates by the quantised expression inside a MATERIALIZED CTE, re-ranked by the full distance.
 * - `exact`: `ORDER BY distance + 0`, which no index can answer: a full scan, the ground truth.
 */
export type VectorStrategy = 'index' | 'resort' | 'rerank' | 'exact';

/** What `writeVectorSelect` needs; placeholders are bound by the caller (values may be shared). */
export interface VectorSelect {
  readonly target: SearchTarget;
  readonly strategy: VectorStrategy;
  /** Placeholder of the query vector's text. */
  readonly query: string;
  /** Columns to return, by name. */
  readonly columns: readonly string[];
  readonly conditions: readonly ConditionWriter[];
  /** Placeholders of LIMIT and OFFSET (undefined: no OFFSET). */
  readonly limit: string;
  readonly offset: string | undefined;
  /** Placeholder of the inner LIMIT: k + offset (`resort`) or the candidates (`rerank`). */
  readonly innerLimit: string | undefined;
}

/** Name of the distance column in results (unlikely to collide with a table's own columns). */
export const DISTANCE_COLUMN = 'strata_distance';

/** `"table"`: columns are qualified by the table's name, the way the repository filter writes them. */
export function tableRef(target: SearchTarget): string {
  return ident(target.table);
}

export function columnRef(target: SearchTarget, column: string): string {
  return `${tableRef(target)}.${ident(column)}`;
}

/** `"schema"."table"` for FROM. */
export function fromTable(target: SearchTarget): string {
  return `${ident(target.schema)}.${ident(target.table)}`;
}

/** The SQL type a query vector parameter is cast to. */
function queryType(target: SearchTarget): string {
  // `::bit` alone would truncate to bit(1); varbit keeps every bit and compares with bit columns.
  return target.column.type === 'bit' ? 'varbit' : target.column.type;
}

/** Distance on the full vectors: `"t"."embedding" <=> $1::vector`. */
export function fullDistance(target: SearchTarget, vectorSql: string, query: string): string {
  return `${vectorSql} ${DISTANCE_OPERATORS[target.metric]} ${query}::${queryType(target)}`;
}

/** The expression the index orders by: the full distance, or the quantised one. */
export function indexDistance(target: SearchTarget, query: string): string {
  const column = columnRef(target, target.column.name);
  const q = target.quantization;
  if (q === undefined) return fullDistance(target, column, query);
  switch (q.kind) {
    case 'halfvec':
      // The parameter is read as the column's type first: PostgreSQL types a parameter by its first
      // use, and a halfvec parameter would round the full-precision re-ranking too.
      return (
        `(${column})::halfvec(${q.dimensions}) ${DISTANCE_OPERATORS[target.metric]} ` +
        `${query}::${target.column.type}::halfvec(${q.dimensions})`
      );
    case 'binary':
      return (
        `binary_quantize(${column})::bit(${q.dimensions}) ${DISTANCE_OPERATORS[q.metric]} ` +
        `binary_quantize(${query}::${target.column.type})`
      );
    default:
      return assertNever(q, 'quantization');
  }
}

function writeWhere(w: StatementWriter, select: VectorSelect): void {
  // NULL vectors are not indexed; leaving them out keeps exact and approximate results alike.
  w.text(` where ${columnRef(select.target, select.target.column.name)} is not null`);
  for (const condition of select.conditions) {
    w.text(' and (');
    condition(w);
    w.text(')');
  }
}

function writeColumns(w: StatementWriter, select: VectorSelect, qualify: (column: string) => string): void {
  for (const column of select.columns) w.text(`${qualify(column)}, `);
}

function writeLimit(w: StatementWriter, select: VectorSelect): void {
  w.text(` limit ${select.limit}`);
  if (select.offset !== undefined) w.text(` offset ${select.offset}`);
}

/**
 * Writes a SELECT of the nearest rows: the requested columns and `strata_distance`, nearest first.
 * With `rerank`, the distance is the full-precision one; with a halfvec index and no re-ranking, the half-precision one.
 */
export function writeVectorSelect(w: StatementWriter, select: VectorSelect): void {
  const { target, strategy, query } = select;
  const own = (column: string) => columnRef(target, column);
  const distance = ident(DISTANCE_COLUMN);
  switch (strategy) {
    case 'index':
    case 'exact': {
      const order = indexDistanceFor(select);
      w.text('select ');
      writeColumns(w, select, own);
      w.text(`${order} as ${distance} from ${fromTable(target)}`);
      writeWhere(w, select);
      w.text(strategy === 'index' ? ` order by ${distance}` : ` order by (${order}) + 0`);
      writeLimit(w, select);
      return;
    }
    case 'resort': {
      const inner = ident('strata_nearest');
      w.text(`with ${inner} as materialized (select `);
      writeColumns(w, select, own);
      w.text(`${indexDistance(target, query)} as ${distance} from ${fromTable(target)}`);
      writeWhere(w, select);
      w.text(` order by ${distance} limit ${select.innerLimit})`);
      // `+ 0` keeps PostgreSQL 17+ from trusting the CTE's (relaxed) order and skipping the sort.
      w.text(` select * from ${inner} order by ${distance} + 0`);
      writeLimit(w, select);
      return;
    }
    case 'rerank': {
      const inner = ident('strata_candidates');
      const vector = ident('strata_vector');
      w.text(`with ${inner} as materialized (select `);
      writeColumns(w, select, own);
      w.text(`${own(target.column.name)} as ${vector} from ${fromTable(target)}`);
      writeWhere(w, select);
      w.text(` order by ${indexDistance(target, query)} limit ${select.innerLimit}) select `);
      writeColumns(w, select, (column) => `${inner}.${ident(column)}`);
      w.text(
        `${fullDistance(target, `${inner}.${vector}`, query)} as ${distance} from ${inner} order by ${distance}`,
      );
      writeLimit(w, select);
      return;
    }
    default:
      assertNever(strategy, 'vector strategy');
  }
}

/** Exact search ignores quantisation: it is the ground truth on the full vectors. */
function indexDistanceFor(select: VectorSelect): string {
  const { target, query } = select;
  return select.strategy === 'exact'
    ? fullDistance(target, columnRef(target, target.column.name), query)
    : indexDistance(target, query);
}
