import {
  bigint,
  bytea,
  check,
  index,
  integer,
  primaryKey,
  schemaTable,
  text,
  timestamptz,
  uuid,
} from '../schema/index.js';

/** Where the file store's tables live. */
export interface FileTablesOptions {
  /** PostgreSQL schema of the three tables (default `public`). */
  readonly schema?: string;
  /** Prefix of the table names, e.g. `app_` for `app_files` (default none). */
  readonly prefix?: string;
}

/**
 * The file store's three tables, to add to an app's schema so that migrations create them:
 * - `files`: one row per stored file (name, content type, size), pointing at a blob;
 * - `file_blobs`: one row per distinct content, keyed by surrogate id, unique by SHA-256;
 * - `file_chunks`: the bytes of a blob in fixed-size `bytea` pieces.
 *
 * Identical uploads share one blob, so a blob outlives a file while another file uses it.
 *
 * @example
 * ```ts
 * import { defineSchema, table, text, uuidPrimaryKey } from 'strata/schema';
 * import { fileStoreTables } from 'strata/files';
 *
 * export const users = table('users', { id: uuidPrimaryKey(), email: text().notNull() });
 * export const storage = fileStoreTables({ schema: 'storage' });
 * export const schema = defineSchema({ users, ...storage });
 * ```
 */
export function fileStoreTables<TSchema extends string = 'public'>(
  options: FileTablesOptions & { readonly schema?: TSchema } = {},
) {
  const schema = (options.schema ?? 'public') as TSchema;
  const prefix = options.prefix ?? '';
  const fileBlobs = schemaTable(
    schema,
    `${prefix}file_blobs`,
    {
      id: uuid().primaryKey().defaultRandom(),
      // NULL while the upload that creates the blob is still writing its chunks.
      sha256: text().unique(),
      size: bigint({ mode: 'number' }).notNull().default(0),
      chunk_size: integer().notNull(),
      chunk_count: integer().notNull().default(0),
      created_at: timestamptz().notNull().defaultNow(),
    },
    () => [
      check(`${prefix}file_blobs_size_check`, 'size >= 0'),
      check(`${prefix}file_blobs_chunk_size_check`, 'chunk_size > 0'),
    ],
  ).comment('Distinct file contents (content-addressed by SHA-256); bytes are in file_chunks.');
  const fileChunks = schemaTable(
    schema,
    `${prefix}file_chunks`,
    {
      blob_id: uuid()
        .notNull()
        .references(() => fileBlobs.columns.id, { onDelete: 'cascade' }),
      chunk_index: integer().notNull(),
      data: bytea().notNull(),
    },
    (t) => [primaryKey(t.blob_id, t.chunk_index)],
  ).comment('The bytes of each blob, in pieces of the blob’s chunk_size (the last one may be shorter).');
  const files = schemaTable(
    schema,
    `${prefix}files`,
    {
      id: uuid().primaryKey().defaultRandom(),
      name: text().notNull(),
      content_type: text().notNull(),
      size: bigint({ mode: 'number' }).notNull(),
      blob_id: uuid()
        .notNull()
        .references(() => fileBlobs.columns.id),
      created_at: timestamptz().notNull().defaultNow(),
    },
    (t) => [index().on(t.blob_id), index().on(t.created_at, t.id)],
  ).comment('Stored files; identical contents share one row of file_blobs.');
  return { files, fileBlobs, fileChunks };
}

/** The tables of a file store (see `fileStoreTables`). */
export type FileTables = ReturnType<typeof fileStoreTables>;

/**
 * The file store's tables in `public`: `files`, `file_blobs`, `file_chunks`.
 *
 * @example
 * ```ts
 * import { defineSchema, table, text, uuidPrimaryKey } from 'strata/schema';
 * import { filesTables } from 'strata/files';
 *
 * export const users = table('users', { id: uuidPrimaryKey(), email: text().notNull() });
 * export const schema = defineSchema({ users, ...filesTables });
 * ```
 */
export const filesTables: FileTables = fileStoreTables();
