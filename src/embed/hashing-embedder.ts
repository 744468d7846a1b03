import { StrataError } from '../errors/strata-error.js';
import type { Embedder, EmbedOptions } from './embedder.js';

/** Options of the offline hashing embedder. */
export interface HashingEmbedderOptions {
  /** Vector length (default 384). */
  readonly dimensions?: number;
  /** Character n-gram sizes taken inside each word (default [3, 4]); `[]` for words only. */
  readonly ngrams?: readonly number[];
  /** Weight of a whole word relative to one of its n-grams (default 2). */
  readonly wordWeight?: number;
}

/** FNV-1a over UTF-16 code units, then a murmur3 finaliser so close strings spread over all 32 bits. */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased words with accents removed: "Café" and "cafe" are the same feature. */
export function words(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return folded.match(WORD) ?? [];
}

/**
 * The offline default embedder: **lexical, not semantic**. It hashes the words of a text and
 * their character n-grams into a fixed-size vector (the "hashing trick": each feature adds ±1
 * at a position given by its hash, counts are dampened by log, the vector is L2-normalised).
 * Texts that share words, or pieces of words ("index" / "indexes"), come out close under
 * cosine distance; synonyms and paraphrases ("car" / "automobile") do not. It needs no model,
 * no network and no GPU, and gives the same vector for the same text on every machine, so
 * demos and tests run anywhere; use a real embedding model for semantic search.
 * A text with no letters or digits gives the zero vector.
 *
 * @example
 * ```ts
 * const embedder = hashingEmbedder({ dimensions: 384 });
 * const [a, b] = await embedder.embed(['PostgreSQL indexes', 'indexing in postgres']);
 * ```
 */
export function hashingEmbedder(options: HashingEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? 384;
  const ngrams = [...(options.ngrams ?? [3, 4])];
  const wordWeight = options.wordWeight ?? 2;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 16000) {
    throw new StrataError(
      'USAGE',
      `hashingEmbedder: dimensions must be a whole number from 1 to 16,000; got ${dimensions}.`,
    );
  }
  if (!ngrams.every((n) => Number.isInteger(n) && n >= 1 && n <= 10)) {
    throw new StrataError(
      'USAGE',
      `hashingEmbedder: ngrams must be whole numbers from 1 to 10; got [${ngrams.join(', ')}].`,
    );
  }
  if (typeof wordWeight !== 'number' || !(wordWeight >= 0) || !Number.isFinite(wordWeight)) {
    throw new StrataError(
      'USAGE',
      `hashingEmbedder: wordWeight must be a finite number ≥ 0; got ${wordWeight}.`,
    );
  }
  const model = `strata-hashing-v1-d${dimensions}-n${ngrams.join('.') || '0'}-w${wordWeight}`;

  const embedText = (text: string): number[] => {
    const counts = new Map<string, number>();
    const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
    for (const word of words(text)) {
      if (wordWeight > 0) add(`w:${word}`, wordWeight);
      const padded = `<${word}>`;
      for (const n of ngrams) {
        for (let i = 0; i + n <= padded.length; i += 1) add(`c:${padded.slice(i, i + n)}`, 1);
      }
    }
    const vector = new Array<number>(dimensions).fill(0);
    for (const [feature, count] of counts) {
      const h = hash32(feature, 0);
      const sign = hash32(feature, 0x9e3779b9) & 1 ? 1 : -1;
      vector[h % dimensions]! += sign * Math.log1p(count);
    }
    let norm = 0;
    for (const x of vector) norm += x * x;
    if (norm === 0) return vector;
    const scale = 1 / Math.sqrt(norm);
    return vector.map((x) => x * scale);
  };

  return {
    model,
    dimensions,
    async embed(texts: readonly string[], embedOptions: EmbedOptions = {}): Promise<number[][]> {
      if (!Array.isArray(texts)) throw new StrataError('USAGE', 'embed() takes an array of texts.');
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += 1) {
        embedOptions.signal?.throwIfAborted();
        const text = texts[i];
        if (typeof text !== 'string') {
          throw new StrataError('EMBEDDING_FAILED', `Text ${i} is not a string (${typeof text}).`, {
            index: i,
          });
        }
        out.push(embedText(text));
        // Report in steps, not per text: a progress bar redraw per text would cost more than the hashing.
        if ((i + 1) % 64 === 0 || i + 1 === texts.length) embedOptions.onProgress?.(i + 1, texts.length);
      }
      return out;
    },
  };
}
