import { describe, expect, it } from 'vitest';
import { hashingEmbedder } from '../../src/embed/hashing-embedder.js';
import { isStrataError } from '../../src/errors/strata-error.js';

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) dot += a[i]! * b[i]!;
  return dot; // both are unit vectors
}

describe('the hashing embedder', () => {
  const embedder = hashingEmbedder();

  it('makes unit vectors of the configured size', async () => {
    const [v] = await embedder.embed(['PostgreSQL stores vectors']);
    expect(v).toHaveLength(384);
    expect(Math.hypot(...v!)).toBeCloseTo(1, 12);
    const [small] = await hashingEmbedder({ dimensions: 16 }).embed(['x y z']);
    expect(small).toHaveLength(16);
  });

  it('is deterministic: the same text gives the same vector in every instance', async () => {
    const [a] = await embedder.embed(['Indexes speed up queries.']);
    const [b] = await hashingEmbedder().embed(['Indexes speed up queries.']);
    expect(a).toEqual(b);
  });

  it('is lexical: shared words and word pieces bring texts closer, case and accents aside', async () => {
    const [query, sameWords, related, unrelated] = await embedder.embed([
      'building an HNSW index',
      'the HNSW index is building',
      'indexes are built',
      'chocolate cake recipe',
    ]);
    expect(cosine(query!, sameWords!)).toBeGreaterThan(cosine(query!, related!));
    expect(cosine(query!, related!)).toBeGreaterThan(cosine(query!, unrelated!));
    const [cafe, cafeAccented] = await embedder.embed(['Café', 'cafe']);
    expect(cafe).toEqual(cafeAccented);
  });

  it('is not semantic: synonyms with no letters in common are not close', async () => {
    const [car, automobile] = await embedder.embed(['car', 'automobile']);
    expect(Math.abs(cosine(car!, automobile!))).toBeLessThan(0.3);
  });

  it('names its model after everything that changes its output', () => {
    expect(embedder.model).toBe('strata-hashing-v1-d384-n3.4-w2');
    expect(hashingEmbedder({ dimensions: 128, ngrams: [] }).model).not.toBe(embedder.model);
  });

  it('gives the zero vector for text without letters or digits, and reports progress', async () => {
    const seen: number[] = [];
    const out = await embedder.embed(['...', 'a'], { onProgress: (done) => seen.push(done) });
    expect(out[0]!.every((x) => x === 0)).toBe(true);
    expect(seen).toEqual([2]);
  });

  it('refuses bad options', () => {
    for (const options of [{ dimensions: 0 }, { ngrams: [0] }, { wordWeight: -1 }]) {
      let error: unknown;
      try {
        hashingEmbedder(options);
      } catch (e) {
        error = e;
      }
      expect(isStrataError(error, 'USAGE')).toBe(true);
    }
  });
});
