export type { PgArray } from './array-text.js';
export { parseArrayText } from './array-text.js';
export { parseByteaText } from './bytea-text.js';
export type { SparseVector } from './sparsevec-text.js';
export {
  formatSparseVectorText,
  isSparseVector,
  parseSparseVectorText,
  SPARSEVEC_MAX_NON_ZERO,
  sparseVector,
} from './sparsevec-text.js';
export { formatTimestampParameter, INFINITY_DATE_MS, parseTimestampText } from './timestamp-text.js';
export { formatVectorText, parseVectorText } from './vector-text.js';
