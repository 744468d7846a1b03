export { type AnnIndex, type AnnIndexTarget, annIndexesOf } from './ann-index.js';
export {
  type ClusteredVectors,
  type ClusteredVectorsOptions,
  clusteredVectors,
  seededRandom,
} from './clustered-vectors.js';
export {
  DEFAULT_RRF_K,
  DEFAULT_TEXT_WEIGHT,
  DEFAULT_VECTOR_WEIGHT,
  type FusedEntry,
  type Fusion,
  fuseRankings,
  type RankedEntry,
  type ResolvedFusion,
  resolveFusion,
} from './fusion.js';
export { binaryIndexElement, halfvecIndexElement } from './quantized-index.js';
export {
  formatElement,
  formatQueryVector,
  type QueryVector,
  type SparseQueryVector,
} from './query-vector.js';
export { type SearchSession, withSettings } from './search-session.js';
export type {
  Quantization,
  QuantizationOptions,
  SearchTarget,
  SearchTargetOptions,
  SoftDelete,
  TextSearchOptions,
  TextTarget,
} from './search-target.js';
export type { IterativeScan, SearchSetting, SearchTuning } from './tuning.js';
export { describeVectorColumn, type VectorColumn } from './vector-column.js';
export {
  DEFAULT_K,
  type EmbeddingColumnName,
  type HybridHit,
  type HybridOptions,
  MAX_SEARCH_RESULTS,
  type NearestHit,
  type NearestOptions,
  type RecallOptions,
  type RecallReport,
  type SearchOptions,
  type SearchPlan,
  type SearchRow,
  type SelectedRow,
  type VectorColumnName,
  VectorSearch,
  vectorSearch,
} from './vector-search.js';
