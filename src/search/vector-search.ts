import type { Embedder } from '../embed/embedder.js';
import type { DistanceMetric, VectorIndexMethod } from '../model/pgvector.js';
import { compileWhere } from '../query/compile-filter.js';
import { writeParts } from '../query/sql-parts.js';
import { type TableMeta, tableMeta } from '../query/table-meta.js';
import type { Where } from '../repo/index.js';
import type { SparseVector } from '../schema/columns/vector.js';
import type { Row } from '../schema/infer.js';
import type { AnyTable } from '../schema/table.js';
import { describeIndex } from './ann-index.js';
import { type Fusion, resolveFusion } from './fusion.js';
import { HYBRID_COLUMNS, writeHybridSelect } from './hybrid-select.js';
import { formatQueryVector, type QueryVector } from './query-vector.js';
import { checkInteger, searchInvalid } from './search-invalid.js';
import { type SearchSession, withSettings } from './search-session.js';
import {
  checkIndexSupportsMetric,
  resolveSearchTarget,
  type SearchTarget,
  type SearchTargetOptions,
  usableIndexes,
} from './search-target.js';
import { ident, StatementWriter } from './statement-writer.js';
import { checkTuning, resolveTuning, type SearchSetting, type SearchTuning } from './tuning.js';
import {
  type ConditionWriter,
  columnRef,
  DISTANCE_COLUMN,
  tableRef,
  type VectorStrategy,
  writeVectorSelect,
} from './vector-select.js';

/** Most rows (k + offset) one search may ask for: deeper pages of an ANN ranking are not reliable. */
export const MAX_SEARCH_RESULTS = 10_000;
/** Default number of results. */
export const DEFAULT_K = 10;

type ColumnsOf<T> = T extends { readonly columns: infer C } ? C : never;
type Data<C> = C extends { readonly __types: { readonly data: infer D } } ? D : never;

/** Columns of a table that may be searched: vector, halfvec, sparsevec and bit. */
export type VectorColumnName<T extends AnyTable> = {
  [K in keyof ColumnsOf<T> & string]: Data<ColumnsOf<T>[K]> extends number[] | SparseVector | string
    ? K
    : never;
}[keyof ColumnsOf<T> & string];

/** Columns holding embeddings (vector, halfvec, sparsevec); search results leave them out unless listed in `select`. */
export type EmbeddingColumnName<T extends AnyTable> = {
  [K in keyof ColumnsOf<T> & string]: Data<ColumnsOf<T>[K]> extends number[] | SparseVector ? K : never;
}[keyof ColumnsOf<T> & string];

/** A result row by default: every column but the embeddings and the searched column. */
export type SearchRow<T extends AnyTable, C extends string> = Omit<Row<T>, EmbeddingColumnName<T> | C>;

/** The row type of a search: `select`ed columns, or `SearchRow`. */
export type SelectedRow<T extends AnyTable, C extends string, S extends keyof Row<T> & string> = [S] extends [
  never,
]
  ? SearchRow<T, C>
  : Pick<Row<T>, S>;

/** Options shared by nearest-neighbour and hybrid search. */
export interface SearchOptions<T extends AnyTable, S extends keyof Row<T> & string = never> {
  /** Number of results, 1 to 10,000 with `offset` (default 10). */
  readonly k?: number;
  /** Results to skip (default 0). */
  readonly offset?: number;
  /** The repository filter language: `{ status: 'published', metadata: { contains: { lang: 'en' } } }`. */
  readonly where?: Where<T>;
  /** Include soft-deleted rows (default false: rows the table's soft-delete column marks are left out). */
  readonly withDeleted?: boolean;
  /** Columns to return. Default: all but embeddings (and the searched column); list a vector column to get it. */
  readonly select?: readonly S[];
  /** Index settings for this query only (see `SearchTuning`); defaults make a filtered query return k rows. */
  readonly tuning?: SearchTuning;
  /** Scan every row, no index: exact results (the ground truth for recall), slower. */
  readonly exact?: boolean;
  /** Quantised search: rows taken from the quantised index before re-ranking (default: see `QuantizationOptions`). */
  readonly rerankCandidates?: number;
}

/** Options of `nearest`. */
export interface NearestOptions<T extends AnyTable, S extends keyof Row<T> & string = never>
  extends SearchOptions<T, S> {
  /**
   * When a filtered approximate search returns fewer than k rows, run it again exactly, so k rows
   * come back whenever k rows match (default true).
   */
  readonly exactFallback?: boolean;
}

/** Options of `hybrid`. */
export interface HybridOptions<T extends AnyTable, S extends keyof Row<T> & string = never>
  extends SearchOptions<T, S> {
  /** The user's query, searched with `websearch_to_tsquery` ("quoted phrases", or, -exclusions). */
  readonly text: string;
  /** The query's embedding; when missing, `embedder` embeds `text`. */
  readonly vector?: QueryVector;
  readonly embedder?: Embedder;
  /** How the two rankings merge (default `{ kind: 'rrf', k: 60 }`). */
  readonly fusion?: Fusion;
  /** Candidates taken from each side before fusion (default max(40, 4 × (k + offset)), at most 10,000). */
  readonly candidates?: number;
}

/** One nearest-neighbour result. */
export interface NearestHit<R> {
  readonly row: R;
  /** The metric's distance (lower is nearer); with `halfvec` quantisation and no re-ranking, the half-precision one. */
  readonly distance: number;
  /** Cosine: 1 − distance. Inner product: the inner product (−distance). Other metrics: undefined. */
  readonly similarity: number | undefined;
}

/** One hybrid search result: its place on each side (null when that side did not find it) and the fused score. */
export interface HybridHit<R> {
  readonly row: R;
  readonly fusedScore: number;
  readonly vector: {
    readonly rank: number;
    readonly distance: number;
    readonly similarity: number | undefined;
  } | null;
  readonly text: { readonly rank: number; readonly score: number } | null;
}

/** A search statement as it will run: SQL, parameters and the settings applied around it. */
export interface SearchPlan {
  readonly kind: 'searchPlan';
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Applied with `set_config(name, value, true)` in the statement's transaction. */
  readonly settings: readonly SearchSetting[];
  readonly strategy: VectorStrategy;
  /** Whether a filter restricts the rows (beyond what a partial index already does). */
  readonly filtered: boolean;
  /** Names of the indexes the statement can use (declared in the schema). */
  readonly indexes: readonly string[];
}

/** Measured recall of the approximate search against exact search. */
export interface RecallReport {
  readonly kind: 'recallReport';
  readonly k: number;
  readonly queries: number;
  /** Mean recall@k over the queries, 0–1. */
  readonly recall: number;
  /** The worst query's recall. */
  readonly minRecall: number;
  readonly perQuery: readonly number[];
  /** Mean rows the approximate search returned (fewer than k means the index scan ran short). */
  readonly meanReturned: number;
  /** Wall time of all approximate and all exact searches, in milliseconds. */
  readonly approximateMs: number;
  readonly exactMs: number;
}

/** Options of `recall`. */
export interface RecallOptions<T extends AnyTable> {
  readonly queries: readonly QueryVector[];
  readonly k?: number;
  readonly where?: Where<T>;
  readonly withDeleted?: boolean;
  readonly tuning?: SearchTuning;
}

function similarityOf(metric: DistanceMetric, distance: number): number | undefined {
  if (metric === 'cosine') return 1 - distance;
  if (metric === 'ip') return -distance;
  return undefined;
}

/**
 * Nearest-neighbour and hybrid search over one vector column of a DSL table. Immutable: the
 * column, metric, quantisation and text side are resolved and checked when it is made, each
 * query is checked before the database is asked (SEARCH_INVALID). Queries run on any
 * `Session`, inside its transaction when it is one.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { hashingEmbedder } from 'strata/embed';
 * import { vectorSearch } from 'strata/search';
 * import { index, jsonb, table, text, tsvector, uuidPrimaryKey, vector } from 'strata/schema';
 *
 * const documentChunks = table(
 *   'document_chunks',
 *   {
 *     id: uuidPrimaryKey(),
 *     content: text().notNull(),
 *     metadata: jsonb<{ lang?: string }>(),
 *     embedding: vector(384),
 *     search_vector: tsvector(),
 *   },
 *   (t) => [index('document_chunks_embedding_idx').using('hnsw', t.embedding.op('vector_cosine_ops'))],
 * );
 * declare const db: Database;
 * const embedder = hashingEmbedder({ dimensions: 384 });
 * const [queryVector = []] = await embedder.embed(['how do I reset my password?']);
 *
 * const search = vectorSearch(documentChunks, 'embedding'); // cosine, from the HNSW index's opclass
 * const hits = await search.nearest(db, queryVector, {
 *   k: 5,
 *   where: { metadata: { contains: { lang: 'en' } } },
 *   tuning: { efSearch: 100 },
 * });
 * for (const hit of hits) console.log(hit.similarity, hit.row.content);
 * // The text side is the table's only tsvector column, search_vector:
 * const hybrid = await search.hybrid(db, { text: 'reset password', embedder, k: 5 });
 * ```
 */
export class VectorSearch<T extends AnyTable, C extends string> {
  readonly kind = 'vectorSearch' as const;
  readonly target: SearchTarget;
  readonly table: T;
  readonly #meta: TableMeta;

  constructor(table: T, column: C, options: SearchTargetOptions = {}) {
    this.table = table;
    this.target = resolveSearchTarget(table, column, options);
    this.#meta = tableMeta(table);
  }

  /** The metric distances are measured with. */
  get metric(): DistanceMetric {
    return this.target.metric;
  }

  /**
   * The k rows nearest to `query` (nearest first), with their distance (and similarity for
   * cosine and inner product). Approximate through the column's ANN index unless `exact`.
   */
  async nearest<S extends keyof Row<T> & string = never>(
    session: SearchSession,
    query: QueryVector,
    options: NearestOptions<T, S> = {},
  ): Promise<NearestHit<SelectedRow<T, C, S>>[]> {
    const plan = this.planNearest(query, options);
    const rows = await withSettings(session, plan.settings, async (executor) => {
      const result = await executor.query<Record<string, unknown>>(plan.sql, plan.params);
      return result.rows;
    });
    const k = options.k ?? DEFAULT_K;
    if (plan.filtered && plan.strategy !== 'exact' && options.exactFallback !== false && rows.length < k) {
      return this.nearest(session, query, { ...options, exact: true, tuning: undefined });
    }
    return rows.map((row) => this.#nearestHit<SelectedRow<T, C, S>>(row));
  }

  /** Exact nearest neighbours: `nearest` with `exact: true`. */
  exact<S extends keyof Row<T> & string = never>(
    session: SearchSession,
    query: QueryVector,
    options: Omit<NearestOptions<T, S>, 'exact' | 'tuning' | 'exactFallback'> = {},
  ): Promise<NearestHit<SelectedRow<T, C, S>>[]> {
    return this.nearest(session, query, { ...options, exact: true });
  }

  /** The statement `nearest` runs, after every check, without running it. */
  planNearest<S extends keyof Row<T> & string = never>(
    query: QueryVector,
    options: NearestOptions<T, S> = {},
  ): SearchPlan {
    const prepared = this.#prepare(query, options);
    const w = new StatementWriter();
    const q = w.bind(prepared.vectorText);
    const needed = prepared.k + prepared.offset;
    writeVectorSelect(w, {
      target: this.target,
      strategy: prepared.strategy,
      query: q,
      columns: prepared.columns,
      conditions: prepared.conditions,
      limit: w.bind(prepared.k),
      offset: prepared.offset === 0 ? undefined : w.bind(prepared.offset),
      innerLimit:
        prepared.strategy === 'rerank'
          ? w.bind(prepared.rerankCandidates)
          : prepared.strategy === 'resort'
            ? w.bind(needed)
            : undefined,
    });
    return this.#plan(w, prepared);
  }

  /**
   * Vector and full-text search in one statement, fused (reciprocal rank fusion by default).
   * Filters apply to both sides. Needs a text side (a tsvector column, or `text.columns`).
   */
  async hybrid<S extends keyof Row<T> & string = never>(
    session: SearchSession,
    options: HybridOptions<T, S>,
  ): Promise<HybridHit<SelectedRow<T, C, S>>[]> {
    let vector = options.vector;
    if (vector === undefined) {
      checkText(options.text);
      if (options.embedder === undefined) {
        throw searchInvalid(
          'Hybrid search needs the query vector: pass vector, or an embedder to embed the text.',
        );
      }
      [vector] = await options.embedder.embed([options.text]);
    }
    const plan = this.planHybrid({ ...options, vector: vector as QueryVector });
    const rows = await withSettings(session, plan.settings, async (executor) => {
      const result = await executor.query<Record<string, unknown>>(plan.sql, plan.params);
      return result.rows;
    });
    return rows.map((row) => {
      const vectorRank = row[HYBRID_COLUMNS.vectorRank];
      const textRank = row[HYBRID_COLUMNS.textRank];
      const distance = Number(row[HYBRID_COLUMNS.vectorDistance]);
      const hit: HybridHit<SelectedRow<T, C, S>> = {
        row: this.#decode<SelectedRow<T, C, S>>(row, Object.values(HYBRID_COLUMNS)),
        fusedScore: Number(row[HYBRID_COLUMNS.fusedScore]),
        vector:
          vectorRank === null || vectorRank === undefined
            ? null
            : { rank: Number(vectorRank), distance, similarity: similarityOf(this.target.metric, distance) },
        text:
          textRank === null || textRank === undefined
            ? null
            : { rank: Number(textRank), score: Number(row[HYBRID_COLUMNS.textScore]) },
      };
      return hit;
    });
  }

  /** The statement `hybrid` runs (the vector must be given), without running it. */
  planHybrid<S extends keyof Row<T> & string = never>(
    options: HybridOptions<T, S> & { readonly vector: QueryVector },
  ): SearchPlan {
    checkText(options.text);
    const text = this.target.text;
    if (text === undefined) {
      throw searchInvalid(
        `Hybrid search on ${this.target.label} needs a text side: the table has no single tsvector column, ` +
          "so pass text: { column: 'search_vector' } or text: { columns: ['title', 'body'] } to vectorSearch().",
      );
    }
    const fusion = resolveFusion(options.fusion);
    if (this.target.key.length === 0) {
      throw searchInvalid(
        `Hybrid search joins its two sides on the primary key, and ${this.target.label} has none.`,
      );
    }
    const k = options.k ?? DEFAULT_K;
    const offset = options.offset ?? 0;
    checkInteger('k', k, 1, MAX_SEARCH_RESULTS);
    checkInteger(
      'offset',
      offset,
      0,
      MAX_SEARCH_RESULTS - k,
      `k + offset may be at most ${MAX_SEARCH_RESULTS}.`,
    );
    const candidates =
      options.candidates === undefined
        ? Math.min(MAX_SEARCH_RESULTS, Math.max(40, 4 * (k + offset)))
        : checkInteger('candidates', options.candidates, 1, MAX_SEARCH_RESULTS);
    const prepared = this.#prepare(options.vector, { ...options, k: candidates, offset: 0 });
    const w = new StatementWriter();
    writeHybridSelect(w, {
      target: this.target,
      text,
      strategy: prepared.strategy,
      queryVector: prepared.vectorText,
      queryText: options.text,
      columns: prepared.columns,
      conditions: prepared.conditions,
      candidates,
      rerankCandidates: prepared.rerankCandidates,
      fusion,
      limit: k,
      offset,
    });
    return this.#plan(w, prepared);
  }

  /**
   * Recall@k of the approximate search against exact search, over sample queries: the share of
   * the exact k nearest rows the index finds (rows at the same distance as the k-th count as
   * found). Use it to choose `efSearch`/`probes`, with queries like the real ones.
   *
   * @example
   * ```ts
   * import type { Database } from 'strata';
   * import { vectorSearch } from 'strata/search';
   * import { index, table, uuidPrimaryKey, vector } from 'strata/schema';
   *
   * const items = table('items', { id: uuidPrimaryKey(), embedding: vector(3) }, (t) => [
   *   index('items_embedding_idx').using('hnsw', t.embedding.op('vector_l2_ops')),
   * ]);
   * declare const db: Database;
   * declare const sampleVectors: number[][]; // queries like the real ones
   *
   * const search = vectorSearch(items, 'embedding');
   * const report = await search.recall(db, { queries: sampleVectors, k: 10, tuning: { efSearch: 40 } });
   * report.recall; // e.g. 0.97
   * ```
   */
  async recall(session: SearchSession, options: RecallOptions<T>): Promise<RecallReport> {
    const k = options.k ?? DEFAULT_K;
    if (!Array.isArray(options.queries) || options.queries.length === 0) {
      throw searchInvalid('recall needs at least one sample query vector.');
    }
    if (this.target.key.length === 0) {
      throw searchInvalid(`recall compares rows by primary key, and ${this.target.label} has none.`);
    }
    const select = this.target.key as unknown as readonly never[];
    const common = { k, where: options.where, withDeleted: options.withDeleted, select };
    const perQuery: number[] = [];
    let approximateMs = 0;
    let exactMs = 0;
    let returned = 0;
    for (const query of options.queries) {
      let started = performance.now();
      const approximate = await this.nearest(session, query, {
        ...common,
        tuning: options.tuning,
        exactFallback: false,
      });
      approximateMs += performance.now() - started;
      started = performance.now();
      const exact = await this.nearest(session, query, { ...common, exact: true });
      exactMs += performance.now() - started;
      returned += approximate.length;
      if (exact.length === 0) {
        perQuery.push(1);
        continue;
      }
      const keyOf = (row: unknown) =>
        JSON.stringify(this.target.key.map((c) => String((row as Record<string, unknown>)[c])));
      const truth = new Set(exact.map((hit) => keyOf(hit.row)));
      const kth = exact[exact.length - 1]!.distance;
      const found = approximate.filter((hit) => truth.has(keyOf(hit.row)) || hit.distance <= kth).length;
      perQuery.push(Math.min(1, found / exact.length));
    }
    return {
      kind: 'recallReport',
      k,
      queries: perQuery.length,
      recall: perQuery.reduce((a, b) => a + b, 0) / perQuery.length,
      minRecall: Math.min(...perQuery),
      perQuery,
      meanReturned: returned / perQuery.length,
      approximateMs,
      exactMs,
    };
  }

  #prepare(query: QueryVector, options: SearchOptions<T, keyof Row<T> & string>): Prepared {
    const target = this.target;
    const k = options.k ?? DEFAULT_K;
    const offset = options.offset ?? 0;
    checkInteger('k', k, 1, MAX_SEARCH_RESULTS);
    checkInteger(
      'offset',
      offset,
      0,
      MAX_SEARCH_RESULTS - k,
      `k + offset may be at most ${MAX_SEARCH_RESULTS}.`,
    );
    const vectorText = formatQueryVector(query, {
      column: target.column,
      label: `${target.label}.${target.column.name}`,
      metric: target.metric,
    });
    const tuning = checkTuning(options.tuning);
    const exact = options.exact === true;
    if (exact && options.tuning !== undefined && Object.keys(options.tuning).length > 0) {
      throw searchInvalid('tuning has no effect on an exact search (it uses no index); drop one of them.');
    }
    const columns = this.#columns(options.select);
    const conditions: ConditionWriter[] = [];
    const where = compileWhere(this.#meta, options.where, tableRef(target));
    if (where !== undefined) conditions.push((w) => writeParts(w, where));
    const softDelete = options.withDeleted === true ? undefined : this.#softDeleteCondition();
    if (softDelete !== undefined) conditions.push((w) => w.text(softDelete));
    const usable = usableIndexes(target);
    // A partial index on the soft-delete condition already holds only live rows: that is no post-filter.
    const softDeleteServedByIndex =
      softDelete !== undefined &&
      usable.length > 0 &&
      usable.every((i) => i.where !== undefined && sameCondition(i.where, softDelete, target));
    const filtered = where !== undefined || (softDelete !== undefined && !softDeleteServedByIndex);
    const q = target.quantization;
    const needed = k + offset;
    let rerankCandidates = needed;
    if (q !== undefined && !exact && (q.kind === 'binary' || q.rerank)) {
      const given = options.rerankCandidates ?? q.candidates;
      if (given !== undefined) {
        checkInteger(
          'rerankCandidates',
          given,
          needed,
          MAX_SEARCH_RESULTS,
          'It must be at least k + offset.',
        );
        rerankCandidates = given;
      } else if (q.kind === 'binary') {
        rerankCandidates = Math.min(MAX_SEARCH_RESULTS, Math.max(100, 4 * needed));
      }
    }
    if (exact) {
      return {
        k,
        offset,
        vectorText,
        columns,
        conditions,
        strategy: 'exact',
        settings: [],
        filtered,
        indexes: [],
        rerankCandidates,
      };
    }
    checkIndexSupportsMetric(target);
    const methods = new Set<VectorIndexMethod>(usable.map((i) => i.method));
    const lists = usable.find((i) => i.method === 'ivfflat' && i.params.lists !== undefined)?.params.lists;
    const rerank = q !== undefined && (q.kind === 'binary' || q.rerank);
    const resolved = resolveTuning(tuning, {
      methods,
      lists: lists === undefined ? undefined : Number(lists),
      filtered,
      rows: rerank ? rerankCandidates : needed,
      indexLabel: usable.length > 0 ? usable.map(describeIndex).join(', ') : 'no declared index',
    });
    const strategy: VectorStrategy = rerank ? 'rerank' : resolved.relaxed ? 'resort' : 'index';
    return {
      k,
      offset,
      vectorText,
      columns,
      conditions,
      strategy,
      settings: resolved.settings,
      filtered,
      indexes: usable.map((i) => i.name ?? '(unnamed)'),
      rerankCandidates,
    };
  }

  #plan(w: StatementWriter, prepared: Prepared): SearchPlan {
    return {
      kind: 'searchPlan',
      sql: w.sql,
      params: w.params,
      settings: prepared.settings,
      strategy: prepared.strategy,
      filtered: prepared.filtered,
      indexes: prepared.indexes,
    };
  }

  #columns(select: readonly string[] | undefined): readonly string[] {
    if (select === undefined) return this.target.defaultColumns;
    if (!Array.isArray(select) || select.length === 0) {
      throw searchInvalid('select must list at least one column (leave it out for the default columns).');
    }
    for (const name of select) {
      if (typeof name !== 'string' || !this.target.columnNames.has(name)) {
        throw searchInvalid(
          `select: ${this.target.label} has no column ${JSON.stringify(name)}; its columns are ${[...this.target.columnNames].join(', ')}.`,
          { column: name },
        );
      }
      if (name.startsWith('strata_')) {
        throw searchInvalid(
          `select: column names starting with "strata_" are reserved for search results (${name}).`,
        );
      }
    }
    return [...new Set(select)];
  }

  #softDeleteCondition(): string | undefined {
    const soft = this.target.softDelete;
    if (soft === undefined) return undefined;
    const column = columnRef(this.target, soft.column);
    return soft.kind === 'isActive' ? column : `${column} is null`;
  }

  #nearestHit<R>(row: Record<string, unknown>): NearestHit<R> {
    const distance = Number(row[DISTANCE_COLUMN]);
    return {
      row: this.#decode<R>(row, [DISTANCE_COLUMN]),
      distance,
      similarity: similarityOf(this.target.metric, distance),
    };
  }

  #decode<R>(row: Record<string, unknown>, extra: readonly string[]): R {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      if (extra.includes(name)) continue;
      const decode = this.#meta.columns.get(name)?.decode;
      out[name] = decode === undefined || value === null ? value : decode(value);
    }
    return out as R;
  }
}

interface Prepared {
  readonly k: number;
  readonly offset: number;
  readonly vectorText: string;
  readonly columns: readonly string[];
  readonly conditions: readonly ConditionWriter[];
  readonly strategy: VectorStrategy;
  readonly settings: readonly SearchSetting[];
  readonly filtered: boolean;
  readonly indexes: readonly string[];
  readonly rerankCandidates: number;
}

function checkText(text: unknown): void {
  if (typeof text !== 'string' || text.trim() === '') {
    throw searchInvalid(
      'The text query is empty: hybrid search needs words to match (or use nearest() for vectors alone).',
    );
  }
  if (text.length > 10_000) {
    throw searchInvalid(`The text query has ${text.length} characters; keep it under 10,000.`);
  }
}

/** Whether a partial index predicate is the soft-delete condition (quotes, parentheses, case and qualification aside). */
function sameCondition(predicate: string, condition: string, target: SearchTarget): boolean {
  const squash = (text: string) =>
    text
      .replaceAll(`${ident(target.table)}.`, '')
      .replace(/["()\s]/g, '')
      .toLowerCase()
      .replace(/=true$/, '');
  return squash(predicate) === squash(condition);
}

/**
 * Search over `table.column`. See `VectorSearch`.
 *
 * @example
 * ```ts
 * import { table, text, tsvector, uuidPrimaryKey, vector } from 'strata/schema';
 *
 * const documentChunks = table('document_chunks', {
 *   id: uuidPrimaryKey(),
 *   content: text().notNull(),
 *   embedding: vector(384),
 *   search_vector: tsvector(),
 * });
 * const chunks = vectorSearch(documentChunks, 'embedding', {
 *   metric: 'cosine',
 *   text: { column: 'search_vector', config: 'english' },
 * });
 * ```
 */
export function vectorSearch<T extends AnyTable, C extends VectorColumnName<T>>(
  table: T,
  column: C,
  options: SearchTargetOptions = {},
): VectorSearch<T, C> {
  return new VectorSearch(table, column, options);
}
