/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same numbers on every
 * machine, so generated data sets, and the figures measured on them, can be reproduced.
 *
 * @example
 * ```ts
 * const random = seededRandom(42);
 * random(); // a number in [0, 1), always the same for seed 42
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sample (Box–Muller). */
function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  const scale = norm === 0 ? 1 : 1 / Math.sqrt(norm);
  for (let i = 0; i < vector.length; i += 1) vector[i]! *= scale;
  return vector;
}

/** Options of `clusteredVectors`. */
export interface ClusteredVectorsOptions {
  readonly count: number;
  readonly dimensions: number;
  /** Number of clusters (default 100). */
  readonly clusters?: number;
  /** Spread of a cluster around its centre, relative to the distance between centres (default 0.5). */
  readonly spread?: number;
  /**
   * Dimensions the data really varies in (default 32, at most `dimensions`): points are made in
   * this many dimensions and mapped into `dimensions` by a fixed random linear map, as real
   * embeddings occupy a low-dimensional part of their space.
   */
  readonly intrinsicDimensions?: number;
  readonly seed?: number;
  /** Scale each vector to length 1 (default true: cosine and inner product agree). */
  readonly normalize?: boolean;
}

/** Generated vectors, each with the cluster it was drawn from. */
export interface ClusteredVectors {
  readonly vectors: Float32Array[];
  readonly cluster: Uint32Array;
  /** Draws more vectors from the same clusters (e.g. queries), with their own seed. */
  sample(count: number, seed: number): Float32Array[];
  /** The same draws as `sample`, with the cluster of each. */
  sampleWithClusters(
    count: number,
    seed: number,
  ): { readonly vectors: Float32Array[]; readonly cluster: Uint32Array };
}

/**
 * Synthetic embeddings with structure: points drawn around random cluster centres in a
 * low-dimensional space, mapped into `dimensions`. ANN recall measured on uniform random
 * vectors says little (in high dimensions every point is about as far as any other, and HNSW
 * has nothing to navigate), so tests and benchmarks of search use these.
 *
 * @example
 * ```ts
 * const data = clusteredVectors({ count: 10_000, dimensions: 128, clusters: 50, seed: 1 });
 * const queries = data.sample(100, 2);
 * ```
 */
export function clusteredVectors(options: ClusteredVectorsOptions): ClusteredVectors {
  const { count, dimensions } = options;
  const clusters = options.clusters ?? 100;
  const spread = options.spread ?? 0.5;
  const latent = Math.min(dimensions, options.intrinsicDimensions ?? 32);
  const unit = options.normalize ?? true;
  const random = seededRandom(options.seed ?? 1);
  const projection = new Float32Array(dimensions * latent);
  for (let i = 0; i < projection.length; i += 1) projection[i] = gaussian(random) / Math.sqrt(latent);
  const centres = Array.from({ length: clusters }, () => {
    const centre = new Float64Array(latent);
    for (let i = 0; i < latent; i += 1) centre[i] = gaussian(random);
    return centre;
  });
  const z = new Float64Array(latent);
  const draw = (rng: () => number, c: number): Float32Array => {
    const centre = centres[c]!;
    for (let j = 0; j < latent; j += 1) z[j] = centre[j]! + spread * gaussian(rng);
    const v = new Float32Array(dimensions);
    for (let i = 0; i < dimensions; i += 1) {
      let sum = 0;
      const row = i * latent;
      for (let j = 0; j < latent; j += 1) sum += projection[row + j]! * z[j]!;
      v[i] = sum;
    }
    return unit ? normalize(v) : v;
  };
  const vectors: Float32Array[] = new Array(count);
  const cluster = new Uint32Array(count);
  for (let n = 0; n < count; n += 1) {
    const c = Math.floor(random() * clusters);
    cluster[n] = c;
    vectors[n] = draw(random, c);
  }
  return {
    vectors,
    cluster,
    sample(n: number, seed: number): Float32Array[] {
      return this.sampleWithClusters(n, seed).vectors;
    },
    sampleWithClusters(n: number, seed: number) {
      const rng = seededRandom(seed);
      const labels = new Uint32Array(n);
      const drawn = Array.from({ length: n }, (_, i) => {
        const c = Math.floor(rng() * clusters);
        labels[i] = c;
        return draw(rng, c);
      });
      return { vectors: drawn, cluster: labels };
    },
  };
}
