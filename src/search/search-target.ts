import { type DistanceMetric, VECTOR_TYPES } from '../model/pgvector.js';
import type { AnyColumn } from '../schema/column.js';
import type { AnyTable } from '../schema/table.js';
import { type AnnIndex, annIndexesOf, describeIndex } from './ann-index.js';
import { checkInteger, searchInvalid } from './search-invalid.js';
import { describeVectorColumn, isEmbeddingColumn, type VectorColumn } from './vector-column.js';

/**
 * Search through a quantised expression index, then re-rank on the full vectors, in one statement.
 * - `halfvec`: order by `(col)::halfvec(D) <op> q` (an index `USING hnsw ((col::halfvec(D)) halfvec_cosine_ops)`),
 *   re-ranked by the full-precision distance unless `rerank: false`.
 * - `binary`: order by `binary_quantize(col)::bit(D) <~> binary_quantize(q)` (an index with `bit_hamming_ops`),
 *   take `candidates` rows and re-rank them by the search metric on the full vectors.
 * Build the indexes with `halfvecIndexElement` and `binaryIndexElement`, so the expressions match.
 */
export type QuantizationOptions =
  | {
      readonly kind: 'halfvec';
      /** Dimensions of the cast; default: the column's. */
      readonly dimensions?: number;
      /** Re-rank by the full-precision distance (default true). */
      readonly rerank?: boolean;
      /** Rows taken from the index before re-ranking; default k + offset. */
      readonly candidates?: number;
    }
  | {
      readonly kind: 'binary';
      readonly dimensions?: number;
      /** Distance between the bit strings: `hamming` (default) or `jaccard`. */
      readonly metric?: 'hamming' | 'jaccard';
      /** Rows taken from the index before re-ranking; default max(100, 4 × (k + offset)). */
      readonly candidates?: number;
    };

/** A quantisation with its defaults filled in. */
export type Quantization =
  | {
      readonly kind: 'halfvec';
      readonly dimensions: number;
      readonly rerank: boolean;
      readonly candidates: number | undefined;
    }
  | {
      readonly kind: 'binary';
      readonly dimensions: number;
      readonly metric: 'hamming' | 'jaccard';
      readonly candidates: number | undefined;
    };

/** Text search configuration of hybrid search. */
export interface TextSearchOptions {
  /** A `tsvector` column (usually generated). Default: the table's only tsvector column. */
  readonly column?: string;
  /**
   * Or text columns, searched as `to_tsvector(config, coalesce(a, '') || ' ' || coalesce(b, ''))`
   * (one column: `to_tsvector(config, a)`); index that expression with GIN for speed.
   */
  readonly columns?: readonly string[];
  /** Text search configuration (`english`, `simple`, …); default: the one in the generated column's expression, else `english`. */
  readonly config?: string;
  /** `ts_rank` (default) or `ts_rank_cd` (cover density, rewards terms close together). */
  readonly rank?: 'ts_rank' | 'ts_rank_cd';
  /** The rank functions' normalisation bit mask (0–63; default 0, see PostgreSQL's "Ranking Search Results"). */
  readonly normalization?: number;
}

/** The full-text side of a search target. */
export type TextTarget =
  | {
      readonly kind: 'tsvectorColumn';
      readonly column: string;
      readonly config: string;
      readonly rank: 'ts_rank' | 'ts_rank_cd';
      readonly normalization: number;
    }
  | {
      readonly kind: 'textColumns';
      readonly columns: readonly string[];
      readonly config: string;
      readonly rank: 'ts_rank' | 'ts_rank_cd';
      readonly normalization: number;
    };

/** How a table marks soft-deleted rows (from the DSL's column roles). */
export type SoftDelete =
  | { readonly kind: 'isActive'; readonly column: string }
  | { readonly kind: 'deletedAt'; readonly column: string };

/** Options of a search definition. */
export interface SearchTargetOptions {
  /**
   * Distance metric. Default: the metric of the column's ANN index (its operator class); when
   * the table declares none, or several with different metrics, it must be given.
   */
  readonly metric?: DistanceMetric;
  readonly quantization?: QuantizationOptions;
  /** Full-text side of hybrid search; default: the table's only tsvector column, if any. */
  readonly text?: TextSearchOptions;
}

/** Everything a search knows about its table and column, resolved and checked once. Immutable. */
export interface SearchTarget {
  readonly kind: 'searchTarget';
  readonly schema: string;
  readonly table: string;
  /** `table` or `schema.table`, for messages. */
  readonly label: string;
  readonly column: VectorColumn;
  readonly metric: DistanceMetric;
  readonly quantization: Quantization | undefined;
  /** Every ANN index the table declares over the column (or a quantised cast of it). */
  readonly indexes: readonly AnnIndex[];
  /** Primary key columns: hybrid search joins on them and recall compares them. */
  readonly key: readonly string[];
  readonly columnNames: ReadonlySet<string>;
  /** Columns returned by default: all but the embeddings (vector, halfvec, sparsevec) and the searched column. */
  readonly defaultColumns: readonly string[];
  readonly softDelete: SoftDelete | undefined;
  readonly text: TextTarget | undefined;
}

const CONFIG_NAME = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/;

/**
 * Resolves a search over `table.column`: the column's type and dimensions, the metric (given, or
 * from the column's index), quantisation, the text side and soft delete. SEARCH_INVALID when
 * something does not fit, naming it.
 */
export function resolveSearchTarget(
  table: AnyTable,
  columnName: string,
  options: SearchTargetOptions = {},
): SearchTarget {
  const column = describeVectorColumn(table, columnName);
  const label = `${table.qualifiedName}.${columnName}`;
  const indexes = annIndexesOf(table, column);
  const quantization = resolveQuantization(options.quantization, column, label, indexes);
  const metric = resolveMetric(options.metric, column, label, indexes);
  const columns = Object.values(table.columns as Readonly<Record<string, AnyColumn>>);
  const isActive = table.columnWithRole('isActive');
  const deletedAt = table.columnWithRole('deletedAt');
  const softDelete: SoftDelete | undefined = isActive
    ? { kind: 'isActive', column: isActive.columnName }
    : deletedAt
      ? { kind: 'deletedAt', column: deletedAt.columnName }
      : undefined;
  return {
    kind: 'searchTarget',
    schema: table.schema,
    table: table.name,
    label: table.qualifiedName,
    column,
    metric,
    quantization,
    indexes,
    key: table.primaryKeyColumns(),
    columnNames: new Set(columns.map((c) => c.columnName)),
    defaultColumns: columns
      .filter((c) => !isEmbeddingColumn(c) && c.columnName !== columnName)
      .map((c) => c.columnName),
    softDelete,
    text: resolveText(options.text, table, columns),
  };
}

function supportedMetrics(column: VectorColumn): DistanceMetric[] {
  return Object.keys(VECTOR_TYPES[column.type].metrics) as DistanceMetric[];
}

function resolveMetric(
  requested: DistanceMetric | undefined,
  column: VectorColumn,
  label: string,
  indexes: readonly AnnIndex[],
): DistanceMetric {
  const supported = supportedMetrics(column);
  if (requested !== undefined) {
    if (!supported.includes(requested)) {
      throw searchInvalid(
        `${label} is ${column.type}, which supports the metrics ${supported.join(', ')}; got ${JSON.stringify(requested)}.`,
        { column: label, metric: requested },
      );
    }
    return requested;
  }
  // A binary-quantised index orders by Hamming distance; the metric that re-ranks is the column's.
  const fromIndexes = [...new Set(indexes.filter((i) => i.target.kind !== 'binary').map((i) => i.metric))];
  if (fromIndexes.length === 1) return fromIndexes[0]!;
  if (fromIndexes.length === 0 && column.type === 'bit') return 'hamming';
  throw searchInvalid(
    fromIndexes.length === 0
      ? `Give the metric for ${label} (${supported.join(', ')}): the table declares no ANN index on it to take it from.`
      : `Give the metric for ${label}: its indexes use ${fromIndexes.join(' and ')}.`,
    { column: label },
  );
}

function resolveQuantization(
  options: QuantizationOptions | undefined,
  column: VectorColumn,
  label: string,
  indexes: readonly AnnIndex[],
): Quantization | undefined {
  if (options === undefined) return undefined;
  const kind = (options as { kind?: unknown }).kind;
  if (kind !== 'halfvec' && kind !== 'binary') {
    throw searchInvalid(
      `Unknown quantization ${JSON.stringify(kind)}; use { kind: 'halfvec' } or { kind: 'binary' }.`,
    );
  }
  const allowed = kind === 'halfvec' ? ['vector'] : ['vector', 'halfvec'];
  if (!allowed.includes(column.type)) {
    throw searchInvalid(
      `${kind === 'halfvec' ? 'Half-precision' : 'Binary'} quantisation needs a ${allowed.join(' or ')} column; ` +
        `${label} is ${column.type}.`,
      { column: label },
    );
  }
  const fromIndex = indexes.find((i) => i.target.kind === kind)?.target;
  const dimensions =
    options.dimensions ??
    column.dimensions ??
    (fromIndex && 'dimensions' in fromIndex ? fromIndex.dimensions : undefined);
  if (dimensions === undefined) {
    throw searchInvalid(`Give quantization.dimensions: ${label} is declared without dimensions.`, {
      column: label,
    });
  }
  const maxDims = kind === 'halfvec' ? VECTOR_TYPES.halfvec.maxIndexedDims : VECTOR_TYPES.bit.maxIndexedDims;
  checkInteger('quantization.dimensions', dimensions, 1, maxDims);
  if (column.dimensions !== undefined && dimensions !== column.dimensions) {
    throw searchInvalid(
      `quantization.dimensions is ${dimensions} but ${label} has ${column.dimensions}; the cast must keep every dimension.`,
      { column: label },
    );
  }
  const candidates =
    options.candidates === undefined
      ? undefined
      : checkInteger('quantization.candidates', options.candidates, 1, 100_000);
  if (kind === 'halfvec') {
    const rerank = (options as { rerank?: unknown }).rerank ?? true;
    if (typeof rerank !== 'boolean') throw searchInvalid('quantization.rerank must be true or false.');
    return { kind, dimensions, rerank, candidates };
  }
  const metric = (options as { metric?: unknown }).metric ?? 'hamming';
  if (metric !== 'hamming' && metric !== 'jaccard') {
    throw searchInvalid(`quantization.metric must be "hamming" or "jaccard"; got ${JSON.stringify(metric)}.`);
  }
  return { kind, dimensions, metric, candidates };
}

function resolveText(
  options: TextSearchOptions | undefined,
  table: AnyTable,
  columns: readonly AnyColumn[],
): TextTarget | undefined {
  const tsvectors = columns.filter((c) => c.spec.valueKind.kind === 'tsvector');
  if (options === undefined && tsvectors.length !== 1) return undefined;
  const given = options ?? {};
  const rank = given.rank ?? 'ts_rank';
  if (rank !== 'ts_rank' && rank !== 'ts_rank_cd') {
    throw searchInvalid(`text.rank must be "ts_rank" or "ts_rank_cd"; got ${JSON.stringify(rank)}.`);
  }
  const normalization =
    given.normalization === undefined ? 0 : checkInteger('text.normalization', given.normalization, 0, 63);
  const checkConfig = (config: string): string => {
    if (!CONFIG_NAME.test(config)) {
      throw searchInvalid(
        `text.config must name a text search configuration (e.g. "english"); got ${JSON.stringify(config)}.`,
      );
    }
    return config;
  };
  if (given.columns !== undefined) {
    if (given.column !== undefined) throw searchInvalid('Give text.column or text.columns, not both.');
    if (!Array.isArray(given.columns) || given.columns.length === 0) {
      throw searchInvalid('text.columns must list at least one text column.');
    }
    for (const name of given.columns) {
      const col = columns.find((c) => c.columnName === name);
      if (col === undefined || col.spec.valueKind.kind !== 'text' || col.spec.type.arrayDims > 0) {
        throw searchInvalid(`text.columns: ${table.qualifiedName}.${String(name)} is not a text column.`, {
          column: name,
        });
      }
    }
    return {
      kind: 'textColumns',
      columns: [...given.columns],
      config: checkConfig(given.config ?? 'english'),
      rank,
      normalization,
    };
  }
  const name = given.column ?? (tsvectors.length === 1 ? tsvectors[0]!.columnName : undefined);
  if (name === undefined) {
    throw searchInvalid(
      `Give text.column (a tsvector column) or text.columns for ${table.qualifiedName}: ` +
        (tsvectors.length === 0
          ? 'it has no tsvector column.'
          : `it has several (${tsvectors.map((c) => c.columnName).join(', ')}).`),
    );
  }
  const col = columns.find((c) => c.columnName === name);
  if (col === undefined || col.spec.valueKind.kind !== 'tsvector') {
    throw searchInvalid(`text.column: ${table.qualifiedName}.${name} is not a tsvector column.`, {
      column: name,
    });
  }
  const generatedConfig = col.spec.generated
    ? /to_tsvector\s*\(\s*'([^']+)'/i.exec(col.spec.generated.expression)?.[1]
    : undefined;
  return {
    kind: 'tsvectorColumn',
    column: name,
    config: checkConfig(given.config ?? generatedConfig ?? 'english'),
    rank,
    normalization,
  };
}

/** The ANN indexes a query over `target` can use (right expression, right metric). */
export function usableIndexes(target: SearchTarget): readonly AnnIndex[] {
  const q = target.quantization;
  const kind = q?.kind ?? 'column';
  const metric = q?.kind === 'binary' ? q.metric : target.metric;
  return target.indexes.filter((i) => i.target.kind === kind && i.metric === metric);
}

/**
 * Refuses an approximate search whose metric no index over the same expression supports: it
 * would scan the whole table while looking like an index search.
 */
export function checkIndexSupportsMetric(target: SearchTarget): void {
  const q = target.quantization;
  const kind = q?.kind ?? 'column';
  const metric = q?.kind === 'binary' ? q.metric : target.metric;
  const sameExpression = target.indexes.filter((i) => i.target.kind === kind);
  if (sameExpression.length > 0 && !sameExpression.some((i) => i.metric === metric)) {
    throw searchInvalid(
      `No index supports ${metric} distance on ${target.label}.${target.column.name}` +
        `${kind === 'column' ? '' : ` (${kind} quantised)`}: ${sameExpression.map(describeIndex).join(', ')} ` +
        `${sameExpression.length === 1 ? 'is' : 'are'} for ${[...new Set(sameExpression.map((i) => i.metric))].join(', ')}. ` +
        'Search with that metric, add an index for this one, or pass exact: true for a full scan.',
      { column: `${target.label}.${target.column.name}`, metric },
    );
  }
}
