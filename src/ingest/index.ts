export { type ChunkOptions, chunkText, type TextChunk } from './chunk-text.js';
export {
  type ChunkColumns,
  type DocumentColumns,
  type DocumentInput,
  DocumentStore,
  type DocumentStoreOptions,
  documentStore,
  type IngestOptions,
  type IngestResult,
  type ReembedResult,
} from './document-store.js';
export {
  type IngestProgress,
  type ProgressListener,
  type ProgressStream,
  renderProgressBar,
  terminalProgressBar,
} from './progress.js';
