import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { SqlExecutor } from '../db/executor.js';
import { qualifiedIdent } from '../ddl/quote.js';
import { StrataError } from '../errors/strata-error.js';
import { type ByteRange, chunkSlices, type ResolvedRange, resolveRange } from './byte-range.js';
import { type FileContent, fixedSizeChunks, isFileContent } from './file-content.js';
import type { FileStoreSession } from './file-store-session.js';
import { type FileTables, filesTables } from './file-tables.js';
import { decodeCursor, encodeCursor, isUuid } from './page-cursor.js';
import { bytesValue, dateValue, numberValue } from './row-values.js';
import type { FileDownload, FilePage, StoredFile } from './stored-file.js';

/** 256 KiB: small enough to hold one in memory per stream, large enough to keep rows few. */
export const DEFAULT_CHUNK_SIZE = 256 * 1024;
/** 100 MiB, the size limit of a put when neither it nor the store sets one. */
export const DEFAULT_MAX_FILE_SIZE = 100 * 1024 * 1024;
const MIN_CHUNK_SIZE = 1024;
const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
const MAX_NAME_LENGTH = 1024;
const MAX_PAGE_SIZE = 1000;
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const CONTENT_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(\\s*;.*)?$`);

export interface FileStoreOptions {
  /** The tables to use (default `filesTables`, in `public`); they must exist (add them to your schema). */
  readonly tables?: FileTables;
  /** Bytes per stored chunk for new files (default 256 KiB; 1 KiB to 16 MiB). Stored files keep theirs. */
  readonly chunkSize?: number;
  /** Size limit of a put that sets none (default 100 MiB). */
  readonly maxSize?: number;
}

export interface PutFileOptions {
  /** The file's name, e.g. `report.pdf` (1 to 1024 characters; any path-like text is kept as is). */
  readonly name: string;
  /** MIME type (default `application/octet-stream`). */
  readonly contentType?: string;
  /** Refuse content larger than this many bytes (default: the store's `maxSize`). */
  readonly maxSize?: number;
}

export interface GetFileOptions {
  /** Read only these bytes (default the whole file). */
  readonly range?: ByteRange;
}

export interface ListFilesOptions {
  /** Files per page (1 to 1000, default 100). */
  readonly limit?: number;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
}

interface FileRow {
  readonly id: string;
  readonly name: string;
  readonly content_type: string;
  readonly size: unknown;
  readonly sha256: string;
  readonly created_at: unknown;
  readonly created_micros: string;
  readonly blob_id: string;
  readonly chunk_size: unknown;
}

function checkPositiveInteger(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new StrataError(
      'FILE_INVALID',
      `${what} must be a whole number from ${min} to ${max}; got ${String(value)}.`,
      {
        [what]: value,
      },
    );
  }
  return value;
}

function notFound(id: string): StrataError {
  const why = isUuid(id) ? '' : ' (file ids are UUIDs)';
  return new StrataError(
    'NOT_FOUND',
    `No file with id ${JSON.stringify(id)}${why}: it was never stored or has been deleted.`,
    { id },
  );
}

function toStoredFile(row: FileRow): StoredFile {
  return {
    kind: 'storedFile',
    id: row.id,
    name: row.name,
    contentType: row.content_type,
    size: numberValue(row.size, 'files.size'),
    sha256: row.sha256,
    createdAt: dateValue(row.created_at, 'files.created_at'),
  };
}

/**
 * Files kept in PostgreSQL as `bytea` chunks: no filesystem, no object store, so they are
 * backed up, replicated and rolled back with the rest of the data. Content is addressed by its
 * SHA-256, so identical uploads are stored once. Uploads and downloads stream chunk by chunk:
 * a file is never held in memory whole, on the way in or out.
 *
 * Each `put` is one transaction (a savepoint inside a caller's transaction): a failed or
 * refused upload leaves no rows behind.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * import type { ServerResponse } from 'node:http';
 * import { pipeline } from 'node:stream/promises';
 * import { connect } from 'strata/db';
 * import { FileStore } from 'strata/files';
 *
 * declare const response: ServerResponse;
 * const db = await connect({ url: process.env.DATABASE_URL });
 * const files = new FileStore(db, { maxSize: 20 * 1024 * 1024 });
 * const stored = await files.put(createReadStream('invoice.pdf'), { name: 'invoice.pdf', contentType: 'application/pdf' });
 * const { stream } = await files.get(stored.id, { range: { offset: 0, length: 1024 } });
 * await pipeline(stream, response);
 * ```
 */
export class FileStore {
  readonly #session: FileStoreSession;
  readonly #chunkSize: number;
  readonly #maxSize: number;
  readonly #files: string;
  readonly #blobs: string;
  readonly #chunks: string;
  readonly #lockPrefix: string;

  constructor(session: FileStoreSession, options: FileStoreOptions = {}) {
    this.#session = session;
    this.#chunkSize = checkPositiveInteger(
      options.chunkSize ?? DEFAULT_CHUNK_SIZE,
      'chunkSize',
      MIN_CHUNK_SIZE,
      MAX_CHUNK_SIZE,
    );
    this.#maxSize = checkPositiveInteger(
      options.maxSize ?? DEFAULT_MAX_FILE_SIZE,
      'maxSize',
      1,
      Number.MAX_SAFE_INTEGER,
    );
    const tables = options.tables ?? filesTables;
    this.#files = qualifiedIdent(tables.files.schema, tables.files.name);
    this.#blobs = qualifiedIdent(tables.fileBlobs.schema, tables.fileBlobs.name);
    this.#chunks = qualifiedIdent(tables.fileChunks.schema, tables.fileChunks.name);
    this.#lockPrefix = `strata.files:${tables.fileBlobs.schema}.${tables.fileBlobs.name}:`;
  }

  /** Bytes per chunk of newly stored files. */
  get chunkSize(): number {
    return this.#chunkSize;
  }

  /**
   * Stores content as a new file and returns its description. A stream is read once, chunk
   * by chunk, and hashed on the way; if a file with the same bytes exists, the new file shares
   * its blob and the chunks just written are dropped.
   *
   * Throws FILE_INVALID for empty content, content over the size limit (as soon as the limit
   * is passed), a stream that fails, or a bad name or content type; nothing is stored then, and
   * a stream that was not read to its end is destroyed.
   *
   * @example
   * ```ts
   * import { Readable } from 'node:stream';
   *
   * declare const files: FileStore;
   * const a = await files.put(Buffer.from('hello'), { name: 'hello.txt', contentType: 'text/plain' });
   * const b = await files.put(Readable.from([Buffer.from('hel'), Buffer.from('lo')]), { name: 'copy.txt' });
   * a.sha256 === b.sha256; // true: the bytes are stored once
   * ```
   */
  async put(content: FileContent, options: PutFileOptions): Promise<StoredFile> {
    try {
      return await this.#put(content, options);
    } catch (error) {
      // A refused upload is not read to its end: close it, so e.g. a request body does not hang.
      releaseSource(content);
      throw error;
    }
  }

  async #put(content: FileContent, options: PutFileOptions): Promise<StoredFile> {
    const { name, contentType, maxSize } = this.#checkPut(content, options);
    if (content instanceof Uint8Array) {
      if (content.byteLength === 0) throw emptyFile();
      if (content.byteLength > maxSize) {
        throw new StrataError(
          'FILE_INVALID',
          `The file is ${content.byteLength} bytes, over its size limit of ${maxSize} bytes: store a smaller file, or raise maxSize.`,
          { size: content.byteLength, maxSize },
        );
      }
    }
    // Bytes in memory are hashed first, so known content is not written again; a stream is
    // hashed as it is written.
    const knownDigest =
      content instanceof Uint8Array ? createHash('sha256').update(content).digest('hex') : undefined;
    return this.#session.transaction(async (tx) => {
      const executor = tx.executor;
      if (knownDigest !== undefined) {
        await this.#lockDigest(executor, knownDigest);
        const existing = await this.#findBlob(executor, knownDigest);
        if (existing !== undefined)
          return this.#insertFile(executor, name, contentType, existing.id, existing.size, knownDigest);
      }
      const pending = await executor.query<{ id: string }>(
        `insert into ${this.#blobs} (chunk_size) values ($1) returning id`,
        [this.#chunkSize],
      );
      const blobId = pending.rows[0]!.id;
      const hash = knownDigest === undefined ? createHash('sha256') : undefined;
      const tally = { bytes: 0 };
      let chunkCount = 0;
      const chunks = fixedSizeChunks(content, {
        chunkSize: this.#chunkSize,
        maxSize,
        onBytes: (bytes) => hash?.update(bytes),
        tally,
      });
      for await (const chunk of chunks) {
        await executor.query(`insert into ${this.#chunks} (blob_id, chunk_index, data) values ($1, $2, $3)`, [
          blobId,
          chunkCount,
          chunk,
        ]);
        chunkCount += 1;
      }
      if (tally.bytes === 0) throw emptyFile();
      const digest = knownDigest ?? hash!.digest('hex');
      if (knownDigest === undefined) {
        await this.#lockDigest(executor, digest);
        const existing = await this.#findBlob(executor, digest);
        if (existing !== undefined) {
          await executor.query(`delete from ${this.#blobs} where id = $1`, [blobId]);
          return this.#insertFile(executor, name, contentType, existing.id, existing.size, digest);
        }
      }
      await executor.query(
        `update ${this.#blobs} set sha256 = $2, size = $3, chunk_count = $4 where id = $1`,
        [blobId, digest, tally.bytes, chunkCount],
      );
      return this.#insertFile(executor, name, contentType, blobId, tally.bytes, digest);
    });
  }

  /**
   * A file's description, without its bytes. NOT_FOUND for an unknown id.
   *
   * @example
   * ```ts
   * declare const files: FileStore;
   * declare const id: string;
   * const { name, size, contentType } = await files.info(id);
   * ```
   */
  async info(id: string): Promise<StoredFile> {
    return toStoredFile(await this.#fileRow(this.#session.executor, id));
  }

  /**
   * Opens a file (or a byte range of it) for reading. The description is read at once
   * (NOT_FOUND for an unknown id, FILE_INVALID for a range past the end); the bytes come as a
   * stream that fetches one chunk per read, so memory stays bounded by the chunk size.
   *
   * The stream runs its queries on the store's session as it is consumed: consume it before a
   * transaction it was opened in ends. If the file is deleted meanwhile, the stream fails with
   * NOT_FOUND.
   *
   * @example
   * ```ts
   * import type { FastifyReply } from 'fastify';
   *
   * declare const files: FileStore;
   * declare const id: string;
   * declare const reply: FastifyReply;
   * const { file, stream } = await files.get(id, { range: { offset: 1000, length: 500 } });
   * reply.header('content-type', file.contentType).send(stream);
   * ```
   */
  async get(id: string, options: GetFileOptions = {}): Promise<FileDownload> {
    const row = await this.#fileRow(this.#session.executor, id);
    const file = toStoredFile(row);
    const range = resolveRange(options.range, file.size);
    const chunkSize = numberValue(row.chunk_size, 'file_blobs.chunk_size');
    const stream = Readable.from(this.#readChunks(id, row.blob_id, range, chunkSize), { objectMode: false });
    return { kind: 'fileDownload', file, range, stream };
  }

  /**
   * Deletes a file. Its blob, and the blob's chunks, go too when no other file shares them.
   * NOT_FOUND for an unknown id.
   *
   * @example
   * ```ts
   * declare const files: FileStore;
   * declare const id: string;
   * await files.delete(id);
   * ```
   */
  async delete(id: string): Promise<void> {
    await this.#session.transaction(async (tx) => {
      const executor = tx.executor;
      const row = await this.#fileRow(executor, id, { lock: true });
      await executor.query(`delete from ${this.#files} where id = $1`, [id]);
      // Under the digest's lock a concurrent put of the same bytes either has committed its
      // file (and the blob stays) or will find the blob gone and store the bytes anew.
      await this.#lockDigest(executor, row.sha256);
      await executor.query(
        `delete from ${this.#blobs} b where b.id = $1 and not exists (select 1 from ${this.#files} f where f.blob_id = b.id)`,
        [row.blob_id],
      );
    });
  }

  /**
   * Files, newest first, a page at a time (keyset pagination: pages stay correct while files
   * are added).
   *
   * @example
   * ```ts
   * declare const files: FileStore;
   * let page = await files.list({ limit: 50 });
   * while (page.nextCursor) page = await files.list({ limit: 50, cursor: page.nextCursor });
   * ```
   */
  async list(options: ListFilesOptions = {}): Promise<FilePage> {
    const limit = checkPositiveInteger(options.limit ?? 100, 'limit', 1, MAX_PAGE_SIZE);
    const cursor = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
    const after = cursor
      ? `where (f.created_at, f.id) < (timestamptz 'epoch' + $2::int8 * interval '1 microsecond', $3::uuid)`
      : '';
    const params: unknown[] = [limit + 1];
    if (cursor) params.push(cursor.createdMicros, cursor.id);
    const result = await this.#session.executor.query<FileRow>(
      `${this.#selectFiles()} ${after} order by f.created_at desc, f.id desc limit $1`,
      params,
    );
    const rows = result.rows.slice(0, limit);
    const last = rows[rows.length - 1];
    const nextCursor =
      result.rows.length > limit && last
        ? encodeCursor({ kind: 'pageCursor', createdMicros: String(last.created_micros), id: last.id })
        : undefined;
    return { kind: 'filePage', files: rows.map(toStoredFile), nextCursor };
  }

  #checkPut(
    content: unknown,
    options: PutFileOptions,
  ): { name: string; contentType: string; maxSize: number } {
    if (!isFileContent(content)) {
      throw new StrataError(
        'FILE_INVALID',
        'File content must be a Uint8Array or Buffer, a Readable, or an async iterable of Uint8Array.',
      );
    }
    const { name } = options;
    if (
      typeof name !== 'string' ||
      name.length === 0 ||
      name.length > MAX_NAME_LENGTH ||
      name.includes('\0')
    ) {
      throw new StrataError(
        'FILE_INVALID',
        `A file name must be 1 to ${MAX_NAME_LENGTH} characters without NUL; got ${JSON.stringify(name)}.`,
        { name },
      );
    }
    const contentType = options.contentType ?? DEFAULT_CONTENT_TYPE;
    if (typeof contentType !== 'string' || !CONTENT_TYPE.test(contentType) || contentType.includes('\0')) {
      throw new StrataError(
        'FILE_INVALID',
        `${JSON.stringify(contentType)} is not a content type: give a MIME type such as "image/png" or "text/plain; charset=utf-8".`,
        { contentType },
      );
    }
    const maxSize = checkPositiveInteger(
      options.maxSize ?? this.#maxSize,
      'maxSize',
      1,
      Number.MAX_SAFE_INTEGER,
    );
    return { name, contentType, maxSize };
  }

  /** Serialises puts and deletes of the same content, across connections, until commit. */
  async #lockDigest(executor: SqlExecutor, digest: string): Promise<void> {
    await executor.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
      this.#lockPrefix + digest,
    ]);
  }

  async #findBlob(executor: SqlExecutor, digest: string): Promise<{ id: string; size: number } | undefined> {
    const result = await executor.query<{ id: string; size: unknown }>(
      `select id, size from ${this.#blobs} where sha256 = $1`,
      [digest],
    );
    const row = result.rows[0];
    return row ? { id: row.id, size: numberValue(row.size, 'file_blobs.size') } : undefined;
  }

  async #insertFile(
    executor: SqlExecutor,
    name: string,
    contentType: string,
    blobId: string,
    size: number,
    digest: string,
  ): Promise<StoredFile> {
    const result = await executor.query<{ id: string; created_at: unknown }>(
      `insert into ${this.#files} (name, content_type, size, blob_id) values ($1, $2, $3, $4) returning id, created_at`,
      [name, contentType, size, blobId],
    );
    const row = result.rows[0]!;
    return {
      kind: 'storedFile',
      id: row.id,
      name,
      contentType,
      size,
      sha256: digest,
      createdAt: dateValue(row.created_at, 'files.created_at'),
    };
  }

  #selectFiles(): string {
    return `select f.id::text as id, f.name, f.content_type, f.size, b.sha256, f.created_at,
      (extract(epoch from f.created_at) * 1000000)::int8::text as created_micros,
      b.id::text as blob_id, b.chunk_size
    from ${this.#files} f join ${this.#blobs} b on b.id = f.blob_id`;
  }

  async #fileRow(executor: SqlExecutor, id: string, options: { lock?: boolean } = {}): Promise<FileRow> {
    if (!isUuid(id)) throw notFound(id);
    const result = await executor.query<FileRow>(
      `${this.#selectFiles()} where f.id = $1${options.lock ? ' for update of f' : ''}`,
      [id],
    );
    const row = result.rows[0];
    if (!row) throw notFound(id);
    return row;
  }

  async *#readChunks(
    id: string,
    blobId: string,
    range: ResolvedRange,
    chunkSize: number,
  ): AsyncGenerator<Buffer> {
    for (const slice of chunkSlices(range, chunkSize)) {
      const result = await this.#session.executor.query<{ data: unknown }>(
        // substring counts from 1.
        `select substring(data from $3 for $4) as data from ${this.#chunks} where blob_id = $1 and chunk_index = $2`,
        [blobId, slice.index, slice.from + 1, slice.length],
      );
      const row = result.rows[0];
      if (!row) {
        throw new StrataError(
          'NOT_FOUND',
          `File ${id} was deleted while it was being read (chunk ${slice.index} is gone).`,
          { id, chunkIndex: slice.index },
        );
      }
      const bytes = bytesValue(row.data, 'file_chunks.data');
      if (bytes.byteLength !== slice.length) {
        throw new StrataError(
          'FILE_INVALID',
          `Chunk ${slice.index} of file ${id} holds ${bytes.byteLength} bytes where ${slice.length} were expected: ` +
            'the file tables were changed outside the file store.',
          { id, chunkIndex: slice.index },
        );
      }
      yield bytes;
    }
  }
}

/** Destroys a stream, or closes an async generator, that a failed put leaves unfinished. */
function releaseSource(content: unknown): void {
  if (content instanceof Uint8Array || typeof content !== 'object' || content === null) return;
  const stream = content as { destroy?: unknown; destroyed?: unknown };
  if (typeof stream.destroy === 'function') {
    if (stream.destroyed !== true) (stream.destroy as () => void).call(stream);
    return;
  }
  const iterator = content as { return?: unknown };
  if (typeof iterator.return === 'function') {
    Promise.resolve((iterator.return as () => unknown).call(iterator)).catch(() => undefined);
  }
}

function emptyFile(): StrataError {
  return new StrataError('FILE_INVALID', 'The file is empty: store at least one byte.', { size: 0 });
}
