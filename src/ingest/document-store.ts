import type { Embedder } from '../embed/embedder.js';
import { StrataError } from '../errors/strata-error.js';
import { type ColumnMeta, type TableMeta, tableMeta } from '../query/table-meta.js';
import type { Row } from '../schema/infer.js';
import type { AnyTable } from '../schema/table.js';
import { annIndexesOf } from '../search/ann-index.js';
import type { SearchSession } from '../search/search-session.js';
import type { SearchTargetOptions } from '../search/search-target.js';
import { describeVectorColumn } from '../search/vector-column.js';
import {
  type EmbeddingColumnName,
  type HybridHit,
  type HybridOptions,
  type NearestHit,
  type NearestOptions,
  type SelectedRow,
  VectorSearch,
} from '../search/vector-search.js';
import { type ChunkOptions, chunkText, type TextChunk } from './chunk-text.js';
import { type ProgressListener, terminalProgressBar } from './progress.js';

/** Column names of the documents table (defaults as in examples/documents). */
export interface DocumentColumns {
  /** Primary key (default `id`). */
  readonly id: string;
  /** The text that is chunked (default `content`). */
  readonly content: string;
  /** Optional columns, used when the table has them (defaults `title`, `source`, `metadata`). */
  readonly title: string | null;
  readonly source: string | null;
  readonly metadata: string | null;
}

/** Column names of the chunks table (defaults as in examples/documents). */
export interface ChunkColumns {
  /** Primary key, for re-embedding (default: the table's). */
  readonly id: string;
  /** Foreign key to the document (default `document_id`). */
  readonly documentId: string;
  /** Position of the chunk in its document, from 0 (default `chunk_index`). */
  readonly index: string;
  /** The chunk's text (default `content`). */
  readonly content: string;
  /** The vector column (default `embedding`). */
  readonly embedding: string;
  /** Which model made the embedding (default `embedding_model`). */
  readonly model: string;
}

/** Options of `documentStore`. */
export interface DocumentStoreOptions<D extends AnyTable, C extends AnyTable> {
  readonly documents: D;
  readonly chunks: C;
  readonly embedder: Embedder;
  readonly documentColumns?: Partial<DocumentColumns>;
  readonly chunkColumns?: Partial<ChunkColumns>;
  /** How documents are split (default 1,000 characters, 200 overlap). */
  readonly chunking?: ChunkOptions;
  /** Texts per `embed` call (default 64). */
  readonly batchSize?: number;
  /**
   * Search options of the chunks' vector column (metric, quantisation, text side). The metric
   * defaults to the one of the column's ANN index, else cosine (what embedding models are made for).
   */
  readonly search?: SearchTargetOptions;
}

/** A document to ingest. With `id`, an existing document is updated (and re-chunked if its content changed). */
export interface DocumentInput {
  readonly id?: string | number | bigint;
  readonly title?: string;
  readonly content: string;
  readonly source?: string | null;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** Options of one ingestion. */
export interface IngestOptions {
  /** Progress callback. Without it, a bar is drawn on stderr when stderr is a terminal (unless `progress: false`). */
  readonly onProgress?: ProgressListener;
  readonly progress?: boolean;
  readonly signal?: AbortSignal;
}

/** What happened to one document. */
export interface IngestResult {
  readonly kind: 'ingestResult';
  readonly documentId: unknown;
  /** `unchanged`: same content, and every chunk already embedded by this model (only the other fields were written). */
  readonly status: 'created' | 'updated' | 'unchanged';
  readonly chunks: number;
  /** Chunks embedded by this call. */
  readonly embedded: number;
  readonly model: string;
}

/** What `reembed` did. */
export interface ReembedResult {
  readonly kind: 'reembedResult';
  /** Chunks whose embedding was missing or made by another model, now embedded by `model`. */
  readonly reembedded: number;
  readonly model: string;
}

function usage(message: string, details: Record<string, unknown> = {}): StrataError {
  return new StrataError('USAGE', message, details);
}

function column(meta: TableMeta, name: string, role: string): ColumnMeta {
  const found = meta.columns.get(name);
  if (found === undefined) {
    throw usage(
      `documentStore: ${meta.label} has no column "${name}" for the ${role}; its columns are ${[...meta.columns.keys()].join(', ')}. ` +
        'Name the right one in documentColumns / chunkColumns.',
      { table: meta.label, column: name },
    );
  }
  return found;
}

function optionalColumn(
  meta: TableMeta,
  given: string | null | undefined,
  fallback: string,
  role: string,
): ColumnMeta | undefined {
  if (given === null) return undefined;
  if (given !== undefined) return column(meta, given, role);
  return meta.columns.get(fallback);
}

/**
 * Documents and their embedded chunks in a documents/chunks table pair (like
 * examples/documents/schema.ts; table and column names are configurable). `ingest` splits a
 * document, embeds the chunks in batches (with a progress bar on a terminal), and stores the
 * document and its chunks in one transaction, recording the embedding model of each chunk.
 * A document whose content and model did not change is not embedded again; `reembed`
 * brings every chunk up to the current model after a model change.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { hashingEmbedder } from 'strata/embed';
 * import { documentStore } from 'strata/ingest';
 * import { integer, jsonb, sql, table, text, tsvector, uuid, uuidPrimaryKey, vector } from 'strata/schema';
 *
 * const documents = table('documents', {
 *   id: uuidPrimaryKey(),
 *   title: text(),
 *   content: text().notNull(),
 *   metadata: jsonb(),
 * });
 * const documentChunks = table('document_chunks', {
 *   id: uuidPrimaryKey(),
 *   document_id: uuid().notNull().references(() => documents.columns.id, { onDelete: 'cascade' }),
 *   chunk_index: integer().notNull(),
 *   content: text().notNull(),
 *   embedding: vector(384),
 *   embedding_model: text(),
 *   search_vector: tsvector().generatedAlwaysAs(sql`to_tsvector('english'::regconfig, content)`),
 * });
 * declare const db: Database;
 * declare const handbook: string;
 *
 * const store = documentStore({ documents, chunks: documentChunks, embedder: hashingEmbedder() });
 * const { documentId } = await store.ingest(db, {
 *   title: 'Handbook',
 *   content: handbook,
 *   metadata: { lang: 'en' },
 * });
 * const hits = await store.hybrid(db, 'vacation policy', {
 *   k: 5,
 *   where: { document_id: String(documentId) },
 * });
 * ```
 */
export class DocumentStore<D extends AnyTable, C extends AnyTable> {
  readonly kind = 'documentStore' as const;
  readonly embedder: Embedder;
  /** Search over the chunks' embeddings (and their text side, when they have one). */
  readonly search: VectorSearch<C, EmbeddingColumnName<C>>;
  readonly #docs: TableMeta;
  readonly #chunks: TableMeta;
  readonly #doc: {
    id: ColumnMeta;
    content: ColumnMeta;
    title?: ColumnMeta;
    source?: ColumnMeta;
    metadata?: ColumnMeta;
  };
  readonly #chunk: {
    id: ColumnMeta;
    documentId: ColumnMeta;
    index: ColumnMeta;
    content: ColumnMeta;
    embedding: ColumnMeta;
    model: ColumnMeta;
  };
  readonly #chunking: ChunkOptions;
  readonly #batchSize: number;

  constructor(options: DocumentStoreOptions<D, C>) {
    this.embedder = options.embedder;
    this.#docs = tableMeta(options.documents);
    this.#chunks = tableMeta(options.chunks);
    const dc = options.documentColumns ?? {};
    const cc = options.chunkColumns ?? {};
    const docId = dc.id ?? singleKey(this.#docs);
    this.#doc = {
      id: column(this.#docs, docId, 'document id'),
      content: column(this.#docs, dc.content ?? 'content', 'document content'),
      ...defined('title', optionalColumn(this.#docs, dc.title, 'title', 'title')),
      ...defined('source', optionalColumn(this.#docs, dc.source, 'source', 'source')),
      ...defined('metadata', optionalColumn(this.#docs, dc.metadata, 'metadata', 'metadata')),
    };
    this.#chunk = {
      id: column(this.#chunks, cc.id ?? singleKey(this.#chunks), 'chunk id'),
      documentId: column(this.#chunks, cc.documentId ?? 'document_id', 'document reference'),
      index: column(this.#chunks, cc.index ?? 'chunk_index', 'chunk position'),
      content: column(this.#chunks, cc.content ?? 'content', 'chunk text'),
      embedding: column(this.#chunks, cc.embedding ?? 'embedding', 'embedding'),
      model: column(this.#chunks, cc.model ?? 'embedding_model', 'embedding model'),
    };
    const kind = this.#chunk.embedding.kind;
    if (kind.kind !== 'vector' && kind.kind !== 'halfvec') {
      throw usage(
        `documentStore: ${this.#chunks.label}.${this.#chunk.embedding.name} must be a vector or halfvec column.`,
      );
    }
    if (kind.dimensions !== undefined && kind.dimensions !== this.embedder.dimensions) {
      throw usage(
        `documentStore: ${this.#chunks.label}.${this.#chunk.embedding.name} is ${kind.kind}(${kind.dimensions}) but the ` +
          `embedder (${this.embedder.model}) makes ${this.embedder.dimensions} dimensions: use an embedder of that size or change the column.`,
        { expected: kind.dimensions, got: this.embedder.dimensions },
      );
    }
    this.#chunking = options.chunking ?? {};
    chunkText('', this.#chunking); // checks the options now rather than at the first document
    this.#batchSize = options.batchSize ?? 64;
    if (!Number.isInteger(this.#batchSize) || this.#batchSize < 1) {
      throw usage(`documentStore: batchSize must be a whole number ≥ 1; got ${this.#batchSize}.`);
    }
    // Embedding models are made for cosine distance: the default, unless an index or the caller says otherwise.
    const indexed =
      annIndexesOf(options.chunks, describeVectorColumn(options.chunks, this.#chunk.embedding.name)).length >
      0;
    const searchOptions =
      indexed || options.search?.metric !== undefined
        ? options.search
        : { ...options.search, metric: 'cosine' as const };
    this.search = new VectorSearch(
      options.chunks,
      this.#chunk.embedding.name as EmbeddingColumnName<C>,
      searchOptions,
    );
  }

  /** Ingests one document: see `ingestMany`. */
  async ingest(
    session: SearchSession,
    document: DocumentInput,
    options: IngestOptions = {},
  ): Promise<IngestResult> {
    const [result] = await this.ingestMany(session, [document], options);
    return result!;
  }

  /**
   * Ingests documents: chunks them, embeds every new chunk in batches (one progress bar for
   * all), then stores each document with its chunks in its own transaction. Embedding happens
   * before the transactions, so no transaction stays open during slow model calls.
   */
  async ingestMany(
    session: SearchSession,
    documents: readonly DocumentInput[],
    options: IngestOptions = {},
  ): Promise<IngestResult[]> {
    const progress = this.#listener(options);
    const model = this.embedder.model;
    const plans: { input: DocumentInput; existing: boolean; unchanged: boolean; chunks: TextChunk[] }[] = [];
    for (const input of documents) {
      if (typeof input?.content !== 'string') throw usage('A document needs its content as a string.');
      const existing = input.id === undefined ? undefined : await this.#existing(session, input.id, model);
      const unchanged =
        existing !== undefined &&
        existing.content === input.content &&
        existing.stale === 0 &&
        existing.chunks > 0;
      plans.push({
        input,
        existing: existing !== undefined,
        unchanged,
        chunks: unchanged ? [] : chunkText(input.content, this.#chunking),
      });
    }
    const texts = plans.flatMap((p) => p.chunks.map((c) => c.text));
    const vectors = await this.#embed(texts, progress, options.signal);
    const results: IngestResult[] = [];
    let offset = 0;
    for (const [i, plan] of plans.entries()) {
      const planVectors = vectors.slice(offset, offset + plan.chunks.length);
      offset += plan.chunks.length;
      const documentId = await session.transaction(async (tx) => {
        const id = await this.#writeDocument(tx, plan.input, plan.existing);
        if (!plan.unchanged) {
          await this.#deleteChunks(tx, id);
          await this.#insertChunks(tx, id, plan.chunks, planVectors, model);
        }
        return id;
      });
      progress?.({ kind: 'ingestProgress', phase: 'storing', done: i + 1, total: plans.length });
      results.push({
        kind: 'ingestResult',
        documentId,
        status: plan.unchanged ? 'unchanged' : plan.existing ? 'updated' : 'created',
        chunks: plan.unchanged ? await this.#countChunks(session, documentId) : plan.chunks.length,
        embedded: plan.chunks.length,
        model,
      });
    }
    return results;
  }

  /**
   * Embeds again, with this store's embedder, every chunk whose embedding is missing or was
   * made by another model, in batches (each batch's update is one transaction, so an
   * interrupted run keeps its progress and the next run continues).
   */
  async reembed(session: SearchSession, options: IngestOptions = {}): Promise<ReembedResult> {
    const progress = this.#listener(options);
    const model = this.embedder.model;
    const t = this.#chunks.sql;
    const c = this.#chunk;
    const stale = `${c.model.sql} is distinct from $1 or ${c.embedding.sql} is null`;
    const counted = await session.executor.query<{ n: unknown }>(
      `select count(*) as n from ${t} where ${stale}`,
      [model],
    );
    const total = Number(counted.rows[0]?.n ?? 0);
    let done = 0;
    let after: unknown;
    while (true) {
      options.signal?.throwIfAborted();
      // Keyset pagination on the chunk id: rows fixed by earlier batches drop out, new stale rows are still found.
      const params: unknown[] = [model, this.#batchSize];
      const keyset = after === undefined ? '' : ` and ${c.id.sql} > $3`;
      if (after !== undefined) params.push(after);
      const batch = await session.executor.query<Record<string, unknown>>(
        `select ${c.id.sql} as id, ${c.content.sql} as content from ${t} where (${stale})${keyset} order by ${c.id.sql} limit $2`,
        params,
      );
      if (batch.rows.length === 0) break;
      const vectors = await this.embedder.embed(
        batch.rows.map((r) => String(r.content ?? '')),
        options.signal ? { signal: options.signal } : {},
      );
      await session.transaction(async (tx) => {
        await tx.executor.query(
          `update ${t} set ${c.embedding.sql} = u.e::${c.embedding.sqlType}, ${c.model.sql} = $1${this.#touch(this.#chunks)} ` +
            `from unnest($2::text[], $3::text[]) as u(id, e) where ${t}.${c.id.sql} = u.id::${c.id.sqlType}`,
          [model, batch.rows.map((r) => String(r.id)), vectors.map((v) => c.embedding.prepare(v) as string)],
        );
      });
      done += batch.rows.length;
      after = batch.rows[batch.rows.length - 1]!.id;
      progress?.({
        kind: 'ingestProgress',
        phase: 'embedding',
        done: Math.min(done, Math.max(total, done)),
        total: Math.max(total, done),
      });
    }
    return { kind: 'reembedResult', reembedded: done, model };
  }

  /** Nearest chunks to a text query, embedded with this store's embedder. */
  async nearest<S extends keyof Row<C> & string = never>(
    session: SearchSession,
    query: string,
    options: NearestOptions<C, S> = {},
  ): Promise<NearestHit<SelectedRow<C, EmbeddingColumnName<C>, S>>[]> {
    if (typeof query !== 'string' || query.trim() === '') {
      throw new StrataError('SEARCH_INVALID', 'The query text is empty: give words to search for.');
    }
    const [vector] = await this.embedder.embed([query]);
    return this.search.nearest(session, vector!, options);
  }

  /** Hybrid (vector + full-text) search over the chunks, the query embedded with this store's embedder. */
  hybrid<S extends keyof Row<C> & string = never>(
    session: SearchSession,
    query: string,
    options: Omit<HybridOptions<C, S>, 'text' | 'embedder'> = {},
  ): Promise<HybridHit<SelectedRow<C, EmbeddingColumnName<C>, S>>[]> {
    return this.search.hybrid(session, { ...options, text: query, embedder: this.embedder });
  }

  #listener(options: IngestOptions): ProgressListener | undefined {
    if (options.onProgress !== undefined) return options.onProgress;
    return options.progress === false ? undefined : terminalProgressBar();
  }

  async #embed(
    texts: readonly string[],
    progress: ProgressListener | undefined,
    signal: AbortSignal | undefined,
  ): Promise<number[][]> {
    const out: number[][] = [];
    const report = (done: number) =>
      progress?.({ kind: 'ingestProgress', phase: 'embedding', done, total: texts.length });
    if (texts.length > 0) report(0);
    for (let start = 0; start < texts.length; start += this.#batchSize) {
      signal?.throwIfAborted();
      const batch = texts.slice(start, start + this.#batchSize);
      const vectors = await this.embedder.embed(batch, {
        ...(signal ? { signal } : {}),
        onProgress: (done: number) => report(start + done),
      });
      if (vectors.length !== batch.length) {
        throw new StrataError(
          'EMBEDDING_FAILED',
          `The embedder returned ${vectors.length} vectors for ${batch.length} texts.`,
        );
      }
      out.push(...vectors);
      report(start + batch.length);
    }
    return out;
  }

  async #existing(
    session: SearchSession,
    id: unknown,
    model: string,
  ): Promise<{ content: unknown; chunks: number; stale: number } | undefined> {
    const d = this.#doc;
    const c = this.#chunk;
    const result = await session.executor.query<{ content: unknown; chunks: unknown; stale: unknown }>(
      `select d.${d.content.sql} as content, ` +
        `(select count(*) from ${this.#chunks.sql} c where c.${c.documentId.sql} = d.${d.id.sql}) as chunks, ` +
        `(select count(*) from ${this.#chunks.sql} c where c.${c.documentId.sql} = d.${d.id.sql} ` +
        `and (c.${c.model.sql} is distinct from $2 or c.${c.embedding.sql} is null)) as stale ` +
        `from ${this.#docs.sql} d where d.${d.id.sql} = $1`,
      [d.id.prepare(id), model],
    );
    const row = result.rows[0];
    return row === undefined
      ? undefined
      : { content: row.content, chunks: Number(row.chunks), stale: Number(row.stale) };
  }

  async #countChunks(session: SearchSession, documentId: unknown): Promise<number> {
    const c = this.#chunk;
    const result = await session.executor.query<{ n: unknown }>(
      `select count(*) as n from ${this.#chunks.sql} where ${c.documentId.sql} = $1`,
      [c.documentId.prepare(documentId)],
    );
    return Number(result.rows[0]?.n ?? 0);
  }

  /** Inserts or updates the document row; returns its id. */
  async #writeDocument(tx: SearchSession, input: DocumentInput, existing: boolean): Promise<unknown> {
    const d = this.#doc;
    const values: [ColumnMeta, unknown][] = [[d.content, input.content]];
    if (d.title !== undefined && input.title !== undefined) values.push([d.title, input.title]);
    if (d.source !== undefined && input.source !== undefined) values.push([d.source, input.source]);
    if (d.metadata !== undefined && input.metadata !== undefined) values.push([d.metadata, input.metadata]);
    const params = values.map(([col, value]) => (value === null ? null : col.prepare(value)));
    if (existing) {
      const sets = values.map(([col], i) => `${col.sql} = $${i + 1}`).join(', ');
      params.push(d.id.prepare(input.id));
      await tx.executor.query(
        `update ${this.#docs.sql} set ${sets}${this.#touch(this.#docs)} where ${d.id.sql} = $${params.length}`,
        params,
      );
      return input.id;
    }
    if (input.id !== undefined) {
      values.push([d.id, input.id]);
      params.push(d.id.prepare(input.id));
    }
    const inserted = await tx.executor.query<{ id: unknown }>(
      `insert into ${this.#docs.sql} (${values.map(([col]) => col.sql).join(', ')}) ` +
        `values (${values.map((_, i) => `$${i + 1}`).join(', ')}) returning ${d.id.sql} as id`,
      params,
    );
    const id = inserted.rows[0]!.id;
    return d.id.decode === undefined ? id : d.id.decode(id);
  }

  async #deleteChunks(tx: SearchSession, documentId: unknown): Promise<void> {
    await tx.executor.query(`delete from ${this.#chunks.sql} where ${this.#chunk.documentId.sql} = $1`, [
      this.#chunk.documentId.prepare(documentId),
    ]);
  }

  /** Inserts chunks in statements of up to 500 rows (arrays unnested: five parameters whatever the count). */
  async #insertChunks(
    tx: SearchSession,
    documentId: unknown,
    chunks: readonly TextChunk[],
    vectors: readonly number[][],
    model: string,
  ): Promise<void> {
    const c = this.#chunk;
    const columns = [c.documentId, c.index, c.content, c.embedding, c.model].map((col) => col.sql).join(', ');
    for (let start = 0; start < chunks.length; start += 500) {
      const part = chunks.slice(start, start + 500);
      await tx.executor.query(
        `insert into ${this.#chunks.sql} (${columns}) select $1::${c.documentId.sqlType}, u.i::${c.index.sqlType}, ` +
          `u.c, u.e::${c.embedding.sqlType}, $2 from unnest($3::text[], $4::text[], $5::text[]) as u(i, c, e)`,
        [
          c.documentId.prepare(documentId),
          model,
          part.map((chunk) => String(c.index.prepare(chunk.index))),
          part.map((chunk) => c.content.prepare(chunk.text) as string),
          part.map((_chunk, i) => c.embedding.prepare(vectors[start + i]) as string),
        ],
      );
    }
  }

  /** `, updated_at = now()` when the table has an `updatedAt` column. */
  #touch(meta: TableMeta): string {
    const updated = meta.roles.updatedAt;
    return updated === undefined ? '' : `, ${updated.sql} = now()`;
  }
}

function singleKey(meta: TableMeta): string {
  if (meta.primaryKey.length !== 1) {
    throw usage(
      `documentStore: ${meta.label} needs a single-column primary key, or name its id column in the options.`,
      {
        table: meta.label,
      },
    );
  }
  return meta.primaryKey[0]!.name;
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * A document store on a documents/chunks table pair. See `DocumentStore`.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import type { Database } from 'strata';
 * import { hashingEmbedder } from 'strata/embed';
 * import { integer, table, text, uuid, uuidPrimaryKey, vector } from 'strata/schema';
 *
 * const documents = table('documents', { id: uuidPrimaryKey(), title: text(), content: text().notNull() });
 * const chunks = table('chunks', {
 *   id: uuidPrimaryKey(),
 *   document_id: uuid().notNull().references(() => documents.columns.id, { onDelete: 'cascade' }),
 *   chunk_index: integer().notNull(),
 *   content: text().notNull(),
 *   embedding: vector(384),
 *   embedding_model: text(),
 * });
 * declare const db: Database;
 *
 * const store = documentStore({ documents, chunks, embedder: hashingEmbedder({ dimensions: 384 }) });
 * await store.ingest(db, { title: 'README', content: await readFile('README.md', 'utf8') });
 * ```
 */
export function documentStore<D extends AnyTable, C extends AnyTable>(
  options: DocumentStoreOptions<D, C>,
): DocumentStore<D, C> {
  return new DocumentStore(options);
}
