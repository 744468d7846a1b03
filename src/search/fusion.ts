import { checkInteger, checkNumber, searchInvalid } from './search-invalid.js';

/**
 * How hybrid search merges its vector and full-text rankings.
 * - `rrf`: reciprocal rank fusion, `Σ weight / (k + rank)` with ranks from 1; rows missing from a
 *   list add nothing. Needs no score calibration; `k` (default 60) damps the top ranks.
 * - `weighted`: a weighted sum of min-max normalised scores, `vector·v + text·t`, where the
 *   vector score is `(maxDistance − distance) / (maxDistance − minDistance)` and the text score
 *   `(rank − minRank) / (maxRank − minRank)` over each side's candidates (1 when all are equal,
 *   0 when the row is missing from that side). Defaults 0.7 vector / 0.3 text.
 */
export type Fusion =
  | {
      readonly kind: 'rrf';
      readonly k?: number;
      readonly vectorWeight?: number;
      readonly textWeight?: number;
    }
  | { readonly kind: 'weighted'; readonly vectorWeight?: number; readonly textWeight?: number };

/** A fusion with every default filled in. */
export type ResolvedFusion =
  | { readonly kind: 'rrf'; readonly k: number; readonly vectorWeight: number; readonly textWeight: number }
  | { readonly kind: 'weighted'; readonly vectorWeight: number; readonly textWeight: number };

/** Reciprocal rank fusion's customary constant (Cormack et al., 2009). */
export const DEFAULT_RRF_K = 60;
/** The vector/text split of weighted fusion most applications use. */
export const DEFAULT_VECTOR_WEIGHT = 0.7;
export const DEFAULT_TEXT_WEIGHT = 0.3;

/**
 * Fills in a fusion's defaults and checks it; SEARCH_INVALID for an unknown kind or a bad number.
 *
 * @example
 * ```ts
 * resolveFusion({ kind: 'weighted' }); // { kind: 'weighted', vectorWeight: 0.7, textWeight: 0.3 }
 * ```
 */
export function resolveFusion(fusion: Fusion | undefined): ResolvedFusion {
  const given: Fusion = fusion ?? { kind: 'rrf' };
  switch (given.kind) {
    case 'rrf': {
      const k = given.k === undefined ? DEFAULT_RRF_K : checkInteger('fusion.k', given.k, 0, 1_000_000);
      return {
        kind: 'rrf',
        k,
        vectorWeight: weight('fusion.vectorWeight', given.vectorWeight, 1),
        textWeight: weight('fusion.textWeight', given.textWeight, 1),
      };
    }
    case 'weighted':
      return {
        kind: 'weighted',
        vectorWeight: weight('fusion.vectorWeight', given.vectorWeight, DEFAULT_VECTOR_WEIGHT),
        textWeight: weight('fusion.textWeight', given.textWeight, DEFAULT_TEXT_WEIGHT),
      };
    default:
      throw searchInvalid(
        `Unknown fusion ${JSON.stringify((given as { kind?: unknown }).kind)}; use { kind: 'rrf' } or { kind: 'weighted' }.`,
      );
  }
}

function weight(name: string, value: number | undefined, fallback: number): number {
  return value === undefined ? fallback : checkNumber(name, value, 0, 1_000_000);
}

/** One ranked list's entry for fusion: a key and the side's raw score (distance or text rank). */
export interface RankedEntry<K> {
  readonly key: K;
  /** Vector side: the distance (lower is better). Text side: the text rank (higher is better). */
  readonly score: number;
}

/** A fused result: the key, its place and raw score on each side (null when missing), and the fused score. */
export interface FusedEntry<K> {
  readonly key: K;
  readonly fusedScore: number;
  readonly vectorRank: number | null;
  readonly vectorDistance: number | null;
  readonly textRank: number | null;
  readonly textScore: number | null;
}

/**
 * Fuses a vector ranking (best first, scored by distance) with a text ranking (best first,
 * scored by text rank), exactly as hybrid search does in SQL: same formulas, same order of
 * floating-point operations, ties broken by the order of first appearance (vector list first).
 * Use it to fuse rankings you got elsewhere, or to check a hybrid search.
 *
 * @example
 * ```ts
 * const fused = fuseRankings(
 *   [{ key: 'a', score: 0.1 }, { key: 'b', score: 0.3 }],
 *   [{ key: 'b', score: 0.8 }, { key: 'c', score: 0.2 }],
 *   { kind: 'rrf' },
 * );
 * fused[0]?.key; // 'b': second on one side and first on the other
 * ```
 */
export function fuseRankings<K>(
  vector: readonly RankedEntry<K>[],
  text: readonly RankedEntry<K>[],
  fusion?: Fusion,
): FusedEntry<K>[] {
  const resolved = resolveFusion(fusion);
  const entries = new Map<
    K,
    {
      vectorRank: number | null;
      vectorDistance: number | null;
      textRank: number | null;
      textScore: number | null;
      order: number;
    }
  >();
  const entry = (key: K) => {
    let found = entries.get(key);
    if (found === undefined) {
      found = {
        vectorRank: null,
        vectorDistance: null,
        textRank: null,
        textScore: null,
        order: entries.size,
      };
      entries.set(key, found);
    }
    return found;
  };
  vector.forEach((item, i) => {
    const e = entry(item.key);
    if (e.vectorRank === null) {
      e.vectorRank = i + 1;
      e.vectorDistance = item.score;
    }
  });
  text.forEach((item, i) => {
    const e = entry(item.key);
    if (e.textRank === null) {
      e.textRank = i + 1;
      e.textScore = item.score;
    }
  });
  const distances = vector.map((v) => v.score);
  const scores = text.map((t) => t.score);
  const minDistance = Math.min(...distances);
  const maxDistance = Math.max(...distances);
  const minScore = Math.min(...scores);
  const maxScore = Math.max(...scores);
  const fused: (FusedEntry<K> & { order: number })[] = [];
  for (const [key, e] of entries) {
    let fusedScore: number;
    if (resolved.kind === 'rrf') {
      fusedScore =
        (e.vectorRank === null ? 0 : resolved.vectorWeight / (resolved.k + e.vectorRank)) +
        (e.textRank === null ? 0 : resolved.textWeight / (resolved.k + e.textRank));
    } else {
      const v =
        e.vectorDistance === null
          ? 0
          : maxDistance === minDistance
            ? 1
            : (maxDistance - e.vectorDistance) / (maxDistance - minDistance);
      const t =
        e.textScore === null
          ? 0
          : maxScore === minScore
            ? 1
            : (e.textScore - minScore) / (maxScore - minScore);
      fusedScore = resolved.vectorWeight * v + resolved.textWeight * t;
    }
    fused.push({
      key,
      fusedScore,
      vectorRank: e.vectorRank,
      vectorDistance: e.vectorDistance,
      textRank: e.textRank,
      textScore: e.textScore,
      order: e.order,
    });
  }
  fused.sort((a, b) => b.fusedScore - a.fusedScore || a.order - b.order);
  return fused.map(({ order: _order, ...rest }) => rest);
}
