import type { VectorIndexMethod } from '../model/pgvector.js';
import { checkInteger, checkNumber, searchInvalid } from './search-invalid.js';

/** pgvector's iterative index scans: keep scanning the index until enough rows pass the filter. */
export type IterativeScan = 'off' | 'relaxed_order' | 'strict_order';

/**
 * Per-query index settings. Each is applied with `set_config(name, value, true)` inside the
 * query's transaction and restored afterwards, so it never leaks into other statements.
 * Settings of a method the column's index does not use are refused.
 */
export interface SearchTuning {
  /** `hnsw.ef_search` (1–1000, pgvector's default 40): candidates kept during the HNSW scan; more = better recall, slower. */
  readonly efSearch?: number;
  /**
   * `hnsw.iterative_scan` / `ivfflat.iterative_scan`. Default for filtered queries: `relaxed_order`
   * (results re-sorted by exact distance), so a filter does not starve the result. IVFFlat has no `strict_order`.
   */
  readonly iterativeScan?: IterativeScan;
  /** `hnsw.max_scan_tuples` (pgvector's default 20,000): where an iterative HNSW scan gives up. */
  readonly maxScanTuples?: number;
  /** `hnsw.scan_mem_multiplier` (1–1000, default 1): memory of an iterative HNSW scan, as a multiple of work_mem. */
  readonly scanMemMultiplier?: number;
  /** `ivfflat.probes` (1–32768). Default: √lists when the index declares `lists`, else pgvector's 1. */
  readonly probes?: number;
  /** `ivfflat.max_probes` (1–32768): where an iterative IVFFlat scan gives up. */
  readonly maxProbes?: number;
}

/** One setting, as `set_config` takes it. */
export interface SearchSetting {
  readonly name: string;
  readonly value: string;
}

/** The settings of a query, and whether its result must be re-sorted (relaxed order). */
export interface ResolvedTuning {
  readonly settings: readonly SearchSetting[];
  /** True when an iterative scan in relaxed order may return rows slightly out of order. */
  readonly relaxed: boolean;
}

/** pgvector's default `hnsw.ef_search`; below it, nothing needs raising. */
export const DEFAULT_EF_SEARCH = 40;
/** pgvector's largest `hnsw.ef_search`: more rows than this need an iterative scan. */
export const MAX_EF_SEARCH = 1000;

const HNSW_OPTIONS = ['efSearch', 'maxScanTuples', 'scanMemMultiplier'] as const;
const IVFFLAT_OPTIONS = ['probes', 'maxProbes'] as const;
const ITERATIVE: readonly IterativeScan[] = ['off', 'relaxed_order', 'strict_order'];

/** What decides a query's settings besides the caller's tuning. */
export interface TuningContext {
  /** Methods of the indexes the query can use; empty when the table declares none (then both are tuned). */
  readonly methods: ReadonlySet<VectorIndexMethod>;
  /** `lists` of the IVFFlat index, when declared. */
  readonly lists: number | undefined;
  /** Whether a filter restricts the rows (then iterative scans are on by default). */
  readonly filtered: boolean;
  /** How many rows the index scan has to produce (k + offset, or the re-rank candidates). */
  readonly rows: number;
  /** Where the index names come from, for messages. */
  readonly indexLabel: string;
}

/** Checks the caller's tuning: ranges and names, SEARCH_INVALID otherwise. */
export function checkTuning(tuning: unknown): SearchTuning {
  if (tuning === undefined) return {};
  if (typeof tuning !== 'object' || tuning === null || Array.isArray(tuning)) {
    throw searchInvalid('tuning must be an object such as { efSearch: 100 }.');
  }
  const known = new Set<string>([...HNSW_OPTIONS, ...IVFFLAT_OPTIONS, 'iterativeScan']);
  for (const key of Object.keys(tuning)) {
    if (!known.has(key)) {
      throw searchInvalid(`Unknown tuning option "${key}"; use ${[...known].join(', ')}.`, { option: key });
    }
  }
  const t = tuning as Record<string, unknown>;
  if (t.efSearch !== undefined)
    checkInteger('tuning.efSearch (hnsw.ef_search)', t.efSearch, 1, MAX_EF_SEARCH);
  if (t.maxScanTuples !== undefined) {
    checkInteger('tuning.maxScanTuples (hnsw.max_scan_tuples)', t.maxScanTuples, 1, 2_147_483_647);
  }
  if (t.scanMemMultiplier !== undefined) {
    checkNumber('tuning.scanMemMultiplier (hnsw.scan_mem_multiplier)', t.scanMemMultiplier, 1, 1000);
  }
  if (t.probes !== undefined) checkInteger('tuning.probes (ivfflat.probes)', t.probes, 1, 32768);
  if (t.maxProbes !== undefined) checkInteger('tuning.maxProbes (ivfflat.max_probes)', t.maxProbes, 1, 32768);
  if (t.iterativeScan !== undefined && !ITERATIVE.includes(t.iterativeScan as IterativeScan)) {
    throw searchInvalid(
      `tuning.iterativeScan must be one of ${ITERATIVE.join(', ')}; got ${JSON.stringify(t.iterativeScan)}.`,
    );
  }
  return tuning as SearchTuning;
}

/**
 * The settings a query runs with: the caller's tuning, and defaults that make a query return
 * what it asks for. `hnsw.ef_search` is raised to the number of rows needed (pgvector's scan
 * returns at most ef_search rows), a filtered query scans iteratively in relaxed order (with
 * ef_search 40 and a 10% filter, about 4 rows would come back otherwise), and IVFFlat probes
 * √lists. Settings are only given when they differ from pgvector's defaults.
 */
export function resolveTuning(tuning: SearchTuning, context: TuningContext): ResolvedTuning {
  const { methods } = context;
  const hnsw = methods.size === 0 || methods.has('hnsw');
  const ivfflat = methods.size === 0 || methods.has('ivfflat');
  if (!hnsw) refuseOptions(tuning, HNSW_OPTIONS, 'HNSW', context.indexLabel);
  if (!ivfflat) refuseOptions(tuning, IVFFLAT_OPTIONS, 'IVFFlat', context.indexLabel);
  if (tuning.iterativeScan === 'strict_order' && methods.has('ivfflat')) {
    throw searchInvalid(
      `iterativeScan "strict_order" is HNSW-only, and ${context.indexLabel} is IVFFlat: use "relaxed_order" ` +
        '(results are re-sorted by exact distance).',
    );
  }
  const needsIterative = context.filtered || context.rows > MAX_EF_SEARCH;
  const iterative: IterativeScan | undefined =
    tuning.iterativeScan ?? (needsIterative ? 'relaxed_order' : undefined);
  const settings: SearchSetting[] = [];
  let relaxed = false;
  if (hnsw) {
    const efSearch =
      tuning.efSearch ??
      (context.rows > DEFAULT_EF_SEARCH ? Math.min(context.rows, MAX_EF_SEARCH) : undefined);
    if (efSearch !== undefined) settings.push({ name: 'hnsw.ef_search', value: String(efSearch) });
    if (iterative !== undefined) settings.push({ name: 'hnsw.iterative_scan', value: iterative });
    if (tuning.maxScanTuples !== undefined) {
      settings.push({ name: 'hnsw.max_scan_tuples', value: String(tuning.maxScanTuples) });
    }
    if (tuning.scanMemMultiplier !== undefined) {
      settings.push({ name: 'hnsw.scan_mem_multiplier', value: String(tuning.scanMemMultiplier) });
    }
    if (iterative === 'relaxed_order') relaxed = true;
  }
  if (ivfflat) {
    const probes =
      tuning.probes ??
      (context.lists === undefined ? undefined : Math.max(1, Math.ceil(Math.sqrt(context.lists))));
    if (probes !== undefined && probes !== 1)
      settings.push({ name: 'ivfflat.probes', value: String(probes) });
    // IVFFlat only scans relaxed; strict_order asked for an HNSW index leaves it alone.
    const ivfIterative = iterative === 'strict_order' ? undefined : iterative;
    if (ivfIterative !== undefined) settings.push({ name: 'ivfflat.iterative_scan', value: ivfIterative });
    if (tuning.maxProbes !== undefined)
      settings.push({ name: 'ivfflat.max_probes', value: String(tuning.maxProbes) });
    if (ivfIterative === 'relaxed_order') relaxed = true;
  }
  return { settings, relaxed };
}

function refuseOptions(
  tuning: SearchTuning,
  options: readonly (keyof SearchTuning)[],
  method: string,
  indexLabel: string,
): void {
  const given = options.filter((option) => tuning[option] !== undefined);
  if (given.length > 0) {
    throw searchInvalid(
      `tuning.${given.join(', tuning.')} ${given.length === 1 ? 'is' : 'are'} for ${method} indexes, but the ` +
        `query uses ${indexLabel}: they would have no effect.`,
      { options: given },
    );
  }
}
