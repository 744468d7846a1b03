import { StrataError } from '../errors/strata-error.js';
import {
  type BinaryEncoder,
  binaryEncoderFor,
  COPY_BINARY_HEADER,
  COPY_BINARY_TRAILER,
  CopyBuffer,
  type PgTypeInfo,
} from '../query/copy-binary.js';
import { copyTextRow } from '../query/copy-text.js';
import type { ColumnMeta } from '../query/table-meta.js';
import { valueInvalid } from '../query/value-error.js';
import { copyFromStdin } from './copy-from-stdin.js';
import type { LoadOptions, LoadProgress, LoadResult } from './options.js';
import type { RepositoryCore } from './repository-core.js';
import type { AnySession } from './session.js';

/** Bytes per chunk handed to the COPY stream. */
const CHUNK_BYTES = 1 << 20;
/** Rows and parameters per INSERT on PGlite. */
const INSERT_ROWS = 500;
const INSERT_PARAMS = 30_000;

/** One source row, checked: its columns (in the row's key order) and values. */
interface PreparedRow {
  readonly signature: string;
  readonly columns: ColumnMeta[];
  readonly values: unknown[];
}

const TYPE_SQL = `
SELECT a.attname::text AS name, t.typname::text AS type, t.typtype::text AS typtype,
       e.oid::int8 AS element_oid, e.typname::text AS element_type, e.typtype::text AS element_typtype
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`;

interface TypeRow {
  readonly name: string;
  readonly type: string;
  readonly typtype: string;
  readonly element_oid: bigint | null;
  readonly element_type: string | null;
  readonly element_typtype: string | null;
}

/** The column types as the database has them: the binary encoders follow the real types, not the DSL's. */
async function columnTypes(core: RepositoryCore, session: AnySession): Promise<Map<string, PgTypeInfo>> {
  const { rows } = await session.executor.query<TypeRow>(TYPE_SQL, [core.meta.sql]);
  const types = new Map<string, PgTypeInfo>();
  for (const row of rows) {
    types.set(row.name, {
      name: row.type,
      typtype: row.typtype,
      ...(row.element_oid === null || row.element_type === null
        ? {}
        : {
            element: {
              oid: Number(row.element_oid),
              name: row.element_type,
              typtype: row.element_typtype ?? 'b',
            },
          }),
    });
  }
  return types;
}

function toAsyncIterator(
  source: Iterable<unknown> | AsyncIterable<unknown>,
): AsyncIterator<unknown> | Iterator<unknown> {
  if (typeof (source as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    return (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  }
  if (typeof (source as Iterable<unknown>)[Symbol.iterator] === 'function')
    return (source as Iterable<unknown>)[Symbol.iterator]();
  throw new StrataError(
    'USAGE',
    'load takes an iterable or async iterable of rows (an array, a generator, a stream).',
  );
}

/** Reads rows one at a time, checking each, and keeps one row back when a new COPY must start. */
class RowReader {
  readonly #iterator: AsyncIterator<unknown> | Iterator<unknown>;
  readonly #core: RepositoryCore;
  readonly #bulk: boolean;
  #index = 0;

  constructor(core: RepositoryCore, source: Iterable<unknown> | AsyncIterable<unknown>, bulk: boolean) {
    this.#core = core;
    this.#iterator = toAsyncIterator(source);
    this.#bulk = bulk;
  }

  async next(): Promise<PreparedRow | undefined> {
    const result = await this.#iterator.next();
    if (result.done === true) return undefined;
    const index = this.#index;
    this.#index += 1;
    try {
      return this.#prepare(result.value);
    } catch (error) {
      if (error instanceof StrataError && error.code === 'VALUE_INVALID') {
        throw new StrataError('VALUE_INVALID', `Row ${index}: ${error.message}`, {
          ...error.details,
          row: index,
        });
      }
      throw error;
    }
  }

  #prepare(row: unknown): PreparedRow {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new StrataError('USAGE', `Row ${this.#index - 1} is not an object of column values.`);
    }
    const values: unknown[] = [];
    const columns: ColumnMeta[] = [];
    let signature = '';
    const record = row as Record<string, unknown>;
    for (const name of Object.keys(record)) {
      const value = record[name];
      if (value === undefined) continue;
      const column = this.#core.writableColumn(name);
      if (value === null) {
        if (column.notNull) {
          throw valueInvalid(
            { table: this.#core.meta.label, column: name },
            'the column is NOT NULL; give it a value.',
          );
        }
        values.push(null);
      } else values.push(this.#bulk ? column.prepareBulk(value) : column.prepare(value));
      columns.push(column);
      signature += `${name}\u0000`;
    }
    return { signature, columns, values };
  }
}

/** Reports progress about every `every` rows. */
class Progress {
  readonly #started = performance.now();
  readonly #every: number;
  readonly #callback: ((progress: LoadProgress) => void) | undefined;
  #nextReport: number;
  rows = 0;
  bytes = 0;

  constructor(options: LoadOptions) {
    this.#every = Math.max(1, options.progressEvery ?? 10_000);
    this.#callback = options.onProgress;
    this.#nextReport = this.#every;
  }

  get elapsedMs(): number {
    return performance.now() - this.#started;
  }

  row(): void {
    this.rows += 1;
    if (this.rows >= this.#nextReport) {
      this.#nextReport += this.#every;
      this.report();
    }
  }

  report(): void {
    this.#callback?.({ rows: this.rows, bytes: this.bytes, elapsedMs: this.elapsedMs });
  }
}

/**
 * Loads rows: COPY on the server (binary when every column type has an encoder, text
 * otherwise), multi-row INSERTs on PGlite. Runs in one transaction (the session's, or one it
 * opens), so a failing row leaves nothing behind. Runs of rows that give different columns
 * become separate statements, so left-out columns get their defaults.
 */
export async function loadRows(
  core: RepositoryCore,
  session: AnySession,
  source: Iterable<unknown> | AsyncIterable<unknown>,
  options: LoadOptions,
): Promise<LoadResult> {
  if (!session.isTransaction) return session.transaction((tx) => loadRows(core, tx, source, options));
  const progress = new Progress(options);
  if (session.backend === 'pglite') {
    const rowCount = await insertLoad(core, session, new RowReader(core, source, false), progress);
    progress.report();
    return { rowCount, method: 'insert', elapsedMs: progress.elapsedMs };
  }
  const types = await columnTypes(core, session);
  const allBinary = core.meta.columnList.every((c) => {
    const type = types.get(c.name);
    return c.generated || (type !== undefined && binaryEncoderFor(type) !== undefined);
  });
  const reader = new RowReader(core, source, allBinary);
  const rowCount = allBinary
    ? await copyLoad(core, session, reader, progress, types)
    : await copyTextLoad(core, session, reader, progress);
  progress.report();
  return { rowCount, method: allBinary ? 'copy-binary' : 'copy-text', elapsedMs: progress.elapsedMs };
}

function columnList(columns: readonly ColumnMeta[]): string {
  return columns.map((c) => c.sql).join(', ');
}

/**
 * Rows that give no column at all get every default; COPY needs a column, so they go in one
 * `INSERT … SELECT FROM generate_series`. Returns the rows inserted and the next row with columns.
 */
async function insertDefaults(
  core: RepositoryCore,
  session: AnySession,
  reader: RowReader,
  progress: Progress,
): Promise<{ inserted: number; next: PreparedRow | undefined }> {
  let count = 1;
  progress.row();
  let next = await reader.next();
  while (next !== undefined && next.columns.length === 0) {
    count += 1;
    progress.row();
    next = await reader.next();
  }
  const { rowCount } = await session.executor.query(
    `INSERT INTO ${core.meta.sql} SELECT FROM generate_series(1, $1::int)`,
    [count],
  );
  return { inserted: rowCount, next };
}

async function copyLoad(
  core: RepositoryCore,
  session: AnySession,
  reader: RowReader,
  progress: Progress,
  types: ReadonlyMap<string, PgTypeInfo>,
): Promise<number> {
  let total = 0;
  let first = await reader.next();
  while (first !== undefined) {
    if (first.columns.length === 0) {
      const { inserted, next } = await insertDefaults(core, session, reader, progress);
      total += inserted;
      first = next;
      continue;
    }
    const segment = first;
    const encoders: BinaryEncoder[] = segment.columns.map((c) => binaryEncoderFor(types.get(c.name)!)!);
    const fieldCount = segment.columns.length;
    first = undefined;
    async function* chunks(): AsyncGenerator<Buffer> {
      const out = new CopyBuffer(CHUNK_BYTES);
      out.bytes(COPY_BINARY_HEADER);
      let row: PreparedRow | undefined = segment;
      while (row !== undefined) {
        out.int16(fieldCount);
        const values = row.values;
        for (let i = 0; i < fieldCount; i += 1) {
          const value = values[i];
          if (value === null) out.int32(-1);
          else {
            const at = out.beginField();
            try {
              encoders[i]!(out, value);
            } catch (error) {
              throw valueInvalid(
                { table: core.meta.label, column: segment.columns[i]!.name },
                error instanceof Error ? error.message : String(error),
              );
            }
            out.endField(at);
          }
        }
        progress.row();
        if (out.length >= CHUNK_BYTES) {
          const chunk = out.take();
          progress.bytes += chunk.length;
          yield chunk;
        }
        const next = await reader.next();
        if (next !== undefined && next.signature !== segment.signature) {
          first = next;
          break;
        }
        row = next;
      }
      out.bytes(COPY_BINARY_TRAILER);
      const chunk = out.take();
      progress.bytes += chunk.length;
      yield chunk;
    }
    const sql = `COPY ${core.meta.sql} (${columnList(segment.columns)}) FROM STDIN WITH (FORMAT BINARY)`;
    total += await copyFromStdin(session, sql, chunks());
  }
  return total;
}

async function copyTextLoad(
  core: RepositoryCore,
  session: AnySession,
  reader: RowReader,
  progress: Progress,
): Promise<number> {
  let total = 0;
  let first = await reader.next();
  while (first !== undefined) {
    if (first.columns.length === 0) {
      const { inserted, next } = await insertDefaults(core, session, reader, progress);
      total += inserted;
      first = next;
      continue;
    }
    const segment = first;
    first = undefined;
    async function* chunks(): AsyncGenerator<Buffer> {
      let text = '';
      let row: PreparedRow | undefined = segment;
      while (row !== undefined) {
        text += copyTextRow(row.values);
        progress.row();
        if (text.length >= CHUNK_BYTES) {
          const chunk = Buffer.from(text, 'utf8');
          progress.bytes += chunk.length;
          text = '';
          yield chunk;
        }
        const next = await reader.next();
        if (next !== undefined && next.signature !== segment.signature) {
          first = next;
          break;
        }
        row = next;
      }
      const chunk = Buffer.from(text, 'utf8');
      progress.bytes += chunk.length;
      yield chunk;
    }
    const sql = `COPY ${core.meta.sql} (${columnList(segment.columns)}) FROM STDIN`;
    total += await copyFromStdin(session, sql, chunks());
  }
  return total;
}

async function insertLoad(
  core: RepositoryCore,
  session: AnySession,
  reader: RowReader,
  progress: Progress,
): Promise<number> {
  let total = 0;
  let batch: PreparedRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const columns = batch[0]!.columns;
    let sql: string;
    const params: unknown[] = [];
    if (columns.length === 0) {
      sql = `INSERT INTO ${core.meta.sql} SELECT FROM generate_series(1, $1::int)`;
      params.push(batch.length);
    } else {
      const tuples: string[] = [];
      for (const row of batch) {
        const placeholders: string[] = [];
        for (const value of row.values) {
          params.push(value);
          placeholders.push(`$${params.length}`);
        }
        tuples.push(`(${placeholders.join(', ')})`);
      }
      sql = `INSERT INTO ${core.meta.sql} (${columnList(columns)}) VALUES ${tuples.join(', ')}`;
    }
    const { rowCount } = await session.executor.query(sql, params);
    total += rowCount;
    batch = [];
  };
  for (let row = await reader.next(); row !== undefined; row = await reader.next()) {
    const first = batch[0];
    if (
      first !== undefined &&
      (first.signature !== row.signature ||
        batch.length >= INSERT_ROWS ||
        (batch.length + 1) * Math.max(1, row.columns.length) > INSERT_PARAMS)
    ) {
      await flush();
    }
    batch.push(row);
    progress.row();
  }
  await flush();
  return total;
}
