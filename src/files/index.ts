/**
 * Files in PostgreSQL: content-addressed `bytea` chunks, streamed both ways.
 */
export {
  type ByteRange,
  type ChunkSlice,
  chunkSlices,
  type ResolvedRange,
  resolveRange,
} from './byte-range.js';
export { type FileContent, isFileContent } from './file-content.js';
export {
  DEFAULT_CHUNK_SIZE,
  DEFAULT_MAX_FILE_SIZE,
  FileStore,
  type FileStoreOptions,
  type GetFileOptions,
  type ListFilesOptions,
  type PutFileOptions,
} from './file-store.js';
export type { FileStoreSession } from './file-store-session.js';
export { type FileTables, type FileTablesOptions, fileStoreTables, filesTables } from './file-tables.js';
export type { FileDownload, FilePage, StoredFile } from './stored-file.js';
